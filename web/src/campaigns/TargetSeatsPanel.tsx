import { useState } from 'react';
import { useQuery } from 'urql';
import { ErrorSummary } from '../ui/ErrorSummary.tsx';
import { SelectField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { useResultMutation } from '../ui/result.ts';
import { REGION_SEATS_QUERY, SET_TARGET_SEAT_MUTATION, UNSET_TARGET_SEAT_MUTATION } from './documents.ts';
import { isOrganiser, useOrganiserViewer } from './organiser-viewer.ts';

/** On the marginals page, for organisers: flag and unflag their regions' target seats. */
export function TargetSeatsPanel() {
  const { me } = useOrganiserViewer();
  if (!isOrganiser(me) || me!.regions.length === 0) return null;
  return (
    <section className="card organiser-panel" aria-labelledby="target-seats-heading">
      <h2 id="target-seats-heading">Your target seats</h2>
      <p className="hint">Target seats count as marginal whatever their majority: they are listed here and can be chosen for campaigns.</p>
      {me!.regions.map((r) => (
        <RegionTargets key={r.id} region={r} />
      ))}
    </section>
  );
}

function RegionTargets({ region }: { region: { id: string; name: string } }) {
  // A flag's answer (the seat's isTarget) is written over the cached seat, which moves between the two lists.
  const [{ data }] = useQuery({ query: REGION_SEATS_QUERY, variables: { regionId: region.id } });
  const [flag] = useResultMutation(SET_TARGET_SEAT_MUTATION);
  const [unflag] = useResultMutation(UNSET_TARGET_SEAT_MUTATION);
  const [message, setMessage] = useState<string | null>(null);
  const seats = data?.regionSeats && 'data' in data.regionSeats ? data.regionSeats.data : [];
  const targets = seats.filter((s) => s.isTarget);
  const others = seats.filter((s) => !s.isTarget);
  const selectId = `flag-${region.id}`;
  const form = useForm({
    initial: { code: '' },
    fields: { code: selectId },
    validate: ({ code }) =>
      code ? { success: true as const, data: { code } } : { success: false as const, fieldErrors: [{ path: ['code'], message: 'Choose a seat to flag' }] },
    submit: flag,
    onSuccess: (seat, f) => {
      f.set({ code: '' });
      setMessage(`${seat.name} is a target seat now.`);
    },
  });
  return (
    <div>
      <h3>{region.name}</h3>
      {targets.length === 0 ? (
        <p className="empty">No flagged target seats.</p>
      ) : (
        <ul>
          {targets.map((s) => (
            <li key={s.code}>
              {s.name}{' '}
              <button
                type="button"
                className="link-button"
                onClick={async () => {
                  const out = await unflag({ code: s.code });
                  setMessage(out.ok ? `${s.name} is no longer a target seat.` : out.message);
                }}
              >
                Unflag<span className="visually-hidden"> {s.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorSummary {...form.summary} titleId={`${selectId}-errors`} />
      <form className="form form-inline" aria-label={`Flag a target seat in ${region.name}`} onSubmit={form.onSubmit} noValidate>
        <SelectField label="Flag a seat as a target" {...form.bind('code')}>
          <option value="">Choose a seat</option>
          {others.map((s) => (
            <option key={s.code} value={s.code}>
              {s.name} ({s.majorityPct.toFixed(1)}% majority)
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button-secondary" disabled={form.submitting}>
          Flag as target
        </button>
      </form>
      <p role="status" className="message-sent">
        {message}
      </p>
    </div>
  );
}
