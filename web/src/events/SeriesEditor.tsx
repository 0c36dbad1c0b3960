import { formatDayTime, londonClock, WEEKDAYS, type Weekday, weeklyRule } from '@rallypoint/shared';
import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../generated/gql.ts';
import { FormWithSummary } from '../ui/ErrorSummary.tsx';
import { SelectField, TextField } from '../ui/fields.tsx';
import { useForm } from '../ui/form.ts';
import { useResultMutation } from '../ui/result.ts';

const SERIES_RULE_QUERY = graphql(`
  query SeriesRule($id: ID!) {
    event(id: $id) {
      id
      startsAt
      endsAt
      series {
        id
        rrule
      }
    }
  }
`);

const UPDATE_SERIES_MUTATION = graphql(`
  mutation UpdateSeries($eventId: ID!, $input: SeriesInput!) {
    updateSeries(eventId: $eventId, input: $input) {
      ... on MutationUpdateSeriesSuccess {
        data {
          id
          rrule
          icsUrl
          occurrences {
            id
            startsAt
            endsAt
            status
          }
        }
      }
      ...ErrorFields
    }
  }
`);

const CANCEL_SERIES_MUTATION = graphql(`
  mutation CancelSeries($eventId: ID!) {
    cancelSeries(eventId: $eventId) {
      ... on MutationCancelSeriesSuccess {
        data {
          id
          occurrences {
            id
            status
          }
        }
      }
      ...ErrorFields
    }
  }
`);

const DAY_NAMES: Record<Weekday, string> = { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' };

interface Values {
  day: Weekday;
  end: 'COUNT' | 'UNTIL';
  count: string;
  until: string;
  startTime: string;
  durationMinutes: string;
}

const FIELDS = { repeat: 'series-day', startTime: 'series-time', durationMinutes: 'series-length' };

/** The form's values from the series' rule (weekly, as the event form makes them) and this occurrence's times. */
function valuesOf(rrule: string, startsAt: string, endsAt: string): Values {
  const part = (name: string) => rrule.split(';').find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
  const start = new Date(startsAt);
  const c = londonClock(start);
  const weekday = WEEKDAYS[(new Date(Date.UTC(Number(c.year), Number(c.month) - 1, Number(c.day))).getUTCDay() + 6) % 7]!;
  const byDay = part('BYDAY');
  const until = part('UNTIL');
  return {
    day: byDay && (WEEKDAYS as readonly string[]).includes(byDay) ? (byDay as Weekday) : weekday,
    end: until ? 'UNTIL' : 'COUNT',
    count: part('COUNT') ?? '4',
    until: until ? `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}` : '',
    startTime: `${c.hour}:${c.minute}`,
    durationMinutes: String(Math.round((Date.parse(endsAt) - start.getTime()) / 60_000)),
  };
}

/**
 * "Change every date": the people running a series change its weekday, end, time and length for every date to come.
 * Dates already past stay as they were; dates the new rule drops are cancelled and the people booked told.
 * "Cancel every date to come" cancels them all at once, after a confirmation.
 */
export function SeriesEditor({ eventId }: { eventId: string }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [cancelSeries] = useResultMutation(CANCEL_SERIES_MUTATION);
  const [{ data }] = useQuery({ query: SERIES_RULE_QUERY, variables: { id: eventId }, pause: !open, requestPolicy: 'network-only' });
  const event = data?.event;
  const onCancel = async () => {
    setBusy(true);
    setFailed(null);
    const out = await cancelSeries({ eventId });
    if (out.ok) {
      // The page's event (its status, its series' dates) is fetched again by the cache (cache.ts seriesChanged).
      setSaved('Every date to come is cancelled. Everyone booked on them will be told.');
    } else {
      setFailed(out.message);
    }
    setBusy(false);
    setConfirming(false);
  };
  return (
    <section className="series-editor" aria-labelledby="series-editor-heading">
      <h2 id="series-editor-heading">Every date of this series</h2>
      {saved && <p role="status">{saved}</p>}
      {failed && (
        <p className="error-message" role="alert">
          {failed}
        </p>
      )}
      {confirming ? (
        <fieldset className="confirm">
          <legend>Cancel every date of this series still to come? Everyone booked on them will be told. Dates already past stay. This cannot be undone.</legend>
          <div className="button-row">
            <button type="button" className="button button-danger" onClick={onCancel} disabled={busy}>
              Yes, cancel every date to come
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)} disabled={busy}>
              No, keep them
            </button>
          </div>
        </fieldset>
      ) : !open ? (
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setSaved(null);
              setFailed(null);
              setOpen(true);
            }}
          >
            Change every date
          </button>
          <button
            type="button"
            className="button button-danger button-small"
            onClick={() => {
              setSaved(null);
              setFailed(null);
              setConfirming(true);
            }}
          >
            Cancel every date to come
          </button>
        </div>
      ) : !event?.series ? (
        <p role="status">Loading…</p>
      ) : (
        <SeriesForm
          key={event.series.id}
          eventId={eventId}
          initial={valuesOf(event.series.rrule, event.startsAt, event.endsAt)}
          onDone={(message) => {
            setSaved(message);
            setOpen(false);
          }}
        />
      )}
    </section>
  );
}

function SeriesForm({ eventId, initial, onDone }: { eventId: string; initial: Values; onDone: (message: string) => void }) {
  const [update] = useResultMutation(UPDATE_SERIES_MUTATION);
  const form = useForm({
    initial,
    fields: FIELDS,
    validate: (v: Values) => ({
      success: true as const,
      data: {
        repeat: v.end === 'COUNT' ? weeklyRule(v.day, { count: Math.trunc(Number(v.count)) || 0 }) : v.until ? weeklyRule(v.day, { untilDay: v.until }) : `FREQ=WEEKLY;BYDAY=${v.day}`,
        startTime: v.startTime,
        durationMinutes: Math.trunc(Number(v.durationMinutes)) || 0,
      },
    }),
    submit: (input) => update({ eventId, input }),
    onSuccess: (series) => {
      const next = series.occurrences.find((o) => o.status !== 'CANCELLED' && Date.parse(o.startsAt) > Date.now());
      // The page's event (its times, its series) is fetched again by the cache (cache.ts seriesChanged).
      onDone(next ? `Every date to come is changed. The next is ${formatDayTime(next.startsAt)}.` : 'Every date to come is changed.');
    },
  });
  return (
    <FormWithSummary form={form} submit="Change every date to come" sending="Saving…" label="Change every date" titleId="series-error-title">
        <p className="hint">Dates already past stay as they were. A date the new pattern leaves out is cancelled and the people booked on it are e-mailed.</p>
        <SelectField {...form.bind('day')} label="Every week on">
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {DAY_NAMES[d]}
            </option>
          ))}
        </SelectField>
        <div className="field-pair">
          <TextField {...form.bind('startTime')} type="time" label="Starts at (UK time)" />
          <TextField {...form.bind('durationMinutes')} label="Length (minutes)" inputMode="numeric" className="input-short" />
        </div>
        <SelectField {...form.bind('end')} label="Ends">
          <option value="COUNT">After a number of dates</option>
          <option value="UNTIL">On a date</option>
        </SelectField>
        {form.values.end === 'COUNT' ? (
          <TextField {...form.bind('count')} label="How many dates in all" inputMode="numeric" className="input-short" />
        ) : (
          <TextField {...form.bind('until')} type="date" label="Last date" />
        )}
    </FormWithSummary>
  );
}
