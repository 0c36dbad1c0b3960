import { fromLondonInputValue, LIMITS, toLondonInputValue, WEEKDAYS, weeklyRule } from '@rallypoint/shared';
import type { ShiftInput } from '../generated/graphql.ts';

/** A shift as the form holds it: datetime-local strings (UK time) and the places as typed. */
export interface ShiftRow {
  /** The stored shift's id (global), when editing one. */
  id?: string;
  startsAt: string;
  endsAt: string;
  capacity: string;
}

/** The repeat choice of a new event: weekly on the start's weekday, a number of times or until a date. */
export interface RepeatValue {
  on: boolean;
  end: 'COUNT' | 'UNTIL';
  count: string;
  until: string;
}

export const NO_REPEAT: RepeatValue = { on: false, end: 'COUNT', count: '4', until: '' };

export function shiftRowsOf(shifts: readonly { id: string; startsAt: string; endsAt: string; capacity?: number | null }[]): ShiftRow[] {
  return shifts.map((s) => ({
    id: s.id,
    startsAt: toLondonInputValue(new Date(s.startsAt)),
    endsAt: toLondonInputValue(new Date(s.endsAt)),
    capacity: s.capacity == null ? '' : String(s.capacity),
  }));
}

/** The API's shift list (the API checks overlaps, lengths and the event's window, and says which shift is wrong). */
export function shiftInputs(rows: readonly ShiftRow[]): ShiftInput[] {
  const iso = (v: string) => fromLondonInputValue(v)?.toISOString() ?? v;
  return rows.map((r) => ({
    ...(r.id ? { id: r.id } : {}),
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    capacity: r.capacity.trim() === '' ? null : Number(r.capacity),
  }));
}

/** The RRULE for the repeat choice, or null (no repeat, or no usable start). */
export function repeatRule(repeat: RepeatValue, startsAt: string): string | null {
  if (!repeat.on) return null;
  const start = fromLondonInputValue(startsAt);
  if (!start) return null;
  // The weekday of the start in London (the input's date is London's).
  const day = WEEKDAYS[(new Date(`${startsAt.slice(0, 10)}T12:00:00Z`).getUTCDay() + 6) % 7]!;
  if (repeat.end === 'COUNT') return weeklyRule(day, { count: Math.trunc(Number(repeat.count)) || 0 });
  return repeat.until ? weeklyRule(day, { untilDay: repeat.until }) : `FREQ=WEEKLY;BYDAY=${day}`;
}

const safeDate = (v: string) => {
  try {
    return fromLondonInputValue(v)?.toISOString() ?? null;
  } catch {
    return null;
  }
};

/** Start, end and places of each shift, with Add / Remove. */
export function ShiftsFields({
  rows,
  onChange,
  eventStartsAt,
  eventEndsAt,
  error,
}: {
  rows: ShiftRow[];
  onChange: (rows: ShiftRow[]) => void;
  eventStartsAt: string;
  eventEndsAt: string;
  error?: string | null;
}) {
  const update = (i: number, patch: Partial<ShiftRow>) => onChange(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const add = () => {
    const last = rows.at(-1);
    // A new shift starts where the last one ended (or at the event's start), two hours long, within the event.
    const from = last?.endsAt || eventStartsAt;
    const start = safeDate(from);
    const end = start ? toLondonInputValue(new Date(Math.min(Date.parse(start) + 2 * 3_600_000, Date.parse(safeDate(eventEndsAt) ?? start) || Date.parse(start) + 2 * 3_600_000))) : '';
    onChange([...rows, { startsAt: from, endsAt: end, capacity: '' }]);
  };
  return (
    <fieldset className={error ? 'field shifts-fields field-error' : 'field shifts-fields'} id="shifts">
      <legend>Shifts</legend>
      <p className="hint">
        Optional. Split the event into shifts (for example 10:00–12:00 and 13:00–15:00), each booked on its own with its own
        places. With shifts, the places are set per shift.
      </p>
      {error && (
        <p className="error-message" id="shifts-error">
          {error}
        </p>
      )}
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved
        <fieldset className="shift-row" key={i}>
          <legend className="visually-hidden">Shift {i + 1}</legend>
          <div className="field">
            <label htmlFor={`shift-${i}-start`}>Shift {i + 1} starts</label>
            <input id={`shift-${i}-start`} type="datetime-local" value={r.startsAt} onChange={(e) => update(i, { startsAt: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`shift-${i}-end`}>Shift {i + 1} ends</label>
            <input id={`shift-${i}-end`} type="datetime-local" value={r.endsAt} onChange={(e) => update(i, { endsAt: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`shift-${i}-capacity`}>Shift {i + 1} places</label>
            <input
              id={`shift-${i}-capacity`}
              type="number"
              inputMode="numeric"
              min={1}
              max={LIMITS.capacityMax}
              className="input-short"
              value={r.capacity}
              onChange={(e) => update(i, { capacity: e.target.value })}
            />
          </div>
          <button type="button" className="button button-secondary" onClick={() => onChange(rows.filter((_, k) => k !== i))}>
            Remove shift {i + 1}
          </button>
        </fieldset>
      ))}
      <button type="button" className="button button-secondary" onClick={add}>
        Add a shift
      </button>
    </fieldset>
  );
}

/** "Repeat weekly": a number of times, or until a date (new events only). */
export function RepeatFields({ value, onChange }: { value: RepeatValue; onChange: (v: RepeatValue) => void }) {
  return (
    <fieldset className="field repeat-fields" id="repeat">
      <legend>Repeat</legend>
      <div className="checkbox">
        <input id="repeat-on" type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.target.checked })} />
        <label htmlFor="repeat-on">Repeat every week on the same day and time</label>
      </div>
      {value.on && (
        <>
          <div className="radio">
            <input id="repeat-count" type="radio" name="repeat-end" checked={value.end === 'COUNT'} onChange={() => onChange({ ...value, end: 'COUNT' })} />
            <label htmlFor="repeat-count">A number of times</label>
          </div>
          {value.end === 'COUNT' && (
            <div className="field">
              <label htmlFor="repeat-times">How many times in all</label>
              <input
                id="repeat-times"
                type="number"
                inputMode="numeric"
                min={2}
                max={200}
                className="input-short"
                value={value.count}
                onChange={(e) => onChange({ ...value, count: e.target.value })}
              />
            </div>
          )}
          <div className="radio">
            <input id="repeat-until" type="radio" name="repeat-end" checked={value.end === 'UNTIL'} onChange={() => onChange({ ...value, end: 'UNTIL' })} />
            <label htmlFor="repeat-until">Until a date</label>
          </div>
          {value.end === 'UNTIL' && (
            <div className="field">
              <label htmlFor="repeat-until-date">Last date</label>
              <input id="repeat-until-date" type="date" value={value.until} onChange={(e) => onChange({ ...value, until: e.target.value })} />
            </div>
          )}
          <p className="hint">Each date becomes an event of its own: people book dates separately, and you can cancel one date.</p>
        </>
      )}
    </fieldset>
  );
}
