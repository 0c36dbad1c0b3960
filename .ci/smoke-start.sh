#!/usr/bin/env bash
# Starts `pnpm dev` (the start half of README command 1) in a throwaway data folder, waits until the API
# answers with demo data and the web app serves the map page, then stops it.
set -euo pipefail
export PGDATA_DIR="$(mktemp -d)/pg"
log="$(mktemp)"
started=$(date +%s)
setsid pnpm dev >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -fsS http://localhost:4000/health >/dev/null 2>&1 && curl -fsS http://localhost:5173/ >/dev/null 2>&1; then
    break
  fi
  sleep 0.5
done
body=$(curl -fsS http://localhost:5173/graphql -H 'content-type: application/json' \
  -d '{"query":"{ eventsNear(input: { postcode: \"LS6\", radiusKm: 50 }) { __typename ... on EventsNearConnection { edges { node { title } } } } }"}')
echo "$body" | grep -q '"title"' || { echo "no demo events served"; cat "$log"; echo "$body"; exit 1; }
echo "platform served demo events through the web proxy $(( $(date +%s) - started )) s after start"

# E-mail in development lands in the local inbox the README points to.
inbox=$(grep -o 'Development mail inbox: http://localhost:[0-9]*' "$log" | grep -o 'http://localhost:[0-9]*' | head -1)
[ -n "$inbox" ] || { echo "no development mail inbox announced"; cat "$log"; exit 1; }
curl -fsS http://localhost:5173/graphql -H 'content-type: application/json' -H 'x-graphql-yoga-csrf: smoke' \
  -d '{"query":"mutation { signUp(input: { email: \"smoke@example.org\", password: \"smoke-test-password\", firstName: \"Smoke\", lastName: \"Test\" }) { __typename } }"}' >/dev/null
for _ in $(seq 1 60); do
  if curl -fsS "$inbox/api/email" 2>/dev/null | grep -q 'smoke@example.org'; then
    echo "the sign-up e-mail arrived in the development inbox ($inbox)"
    exit 0
  fi
  sleep 0.5
done
echo "the sign-up e-mail never reached the development inbox"; cat "$log"; exit 1
