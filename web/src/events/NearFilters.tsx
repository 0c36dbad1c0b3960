import { EVENT_KIND_LABELS, EVENT_KINDS, type EventKind, VENUE_ACCESS, VENUE_ACCESS_LABELS, type VenueAccess } from '@rallypoint/shared';
import { type EventFormat, type NearFilters, RADIUS_OPTIONS_KM } from './near.ts';

/** Radius, sort and kinds for the "events near" page; every change applies at once. */
export function NearFiltersForm({ filters, onChange }: { filters: NearFilters; onChange: (f: NearFilters) => void }) {
  const toggleKind = (kind: EventKind, on: boolean) => {
    const kinds = on ? [...filters.kinds, kind] : filters.kinds.filter((k) => k !== kind);
    onChange({ ...filters, kinds: EVENT_KINDS.filter((k) => kinds.includes(k)) });
  };
  const toggleAccess = (access: VenueAccess, on: boolean) => {
    const chosen = on ? [...filters.access, access] : filters.access.filter((a) => a !== access);
    onChange({ ...filters, access: VENUE_ACCESS.filter((a) => chosen.includes(a)) });
  };
  return (
    <form className="filters" aria-label="Filter events" onSubmit={(e) => e.preventDefault()}>
      <div className="filters-row">
        <div className="field field-inline">
          <label htmlFor="radius">Distance</label>
          <select
            id="radius"
            value={filters.radiusKm}
            onChange={(e) => onChange({ ...filters, radiusKm: Number(e.target.value) })}
          >
            {RADIUS_OPTIONS_KM.map((r) => (
              <option key={r} value={r}>
                Within {r} km
              </option>
            ))}
            {!RADIUS_OPTIONS_KM.includes(filters.radiusKm as (typeof RADIUS_OPTIONS_KM)[number]) && (
              <option value={filters.radiusKm}>Within {filters.radiusKm} km</option>
            )}
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="sort">Sort by</label>
          <select
            id="sort"
            value={filters.sort}
            onChange={(e) => onChange({ ...filters, sort: e.target.value === 'DISTANCE' ? 'DISTANCE' : 'TIME' })}
          >
            <option value="TIME">Soonest first, with distance</option>
            <option value="DISTANCE">Nearest first, any date</option>
          </select>
        </div>
        <div className="field field-inline">
          <label htmlFor="where">Where</label>
          <select id="where" value={filters.format} onChange={(e) => onChange({ ...filters, format: e.target.value as EventFormat })}>
            <option value="ALL">In person and online</option>
            <option value="IN_PERSON">In person only</option>
            <option value="ONLINE">Online only</option>
          </select>
        </div>
      </div>
      <fieldset className="kind-filter" aria-describedby="kind-filter-hint">
        <legend>Kinds of event</legend>
        <p className="hint" id="kind-filter-hint">
          Tick none to see every kind.
        </p>
        <div className="chips">
          {EVENT_KINDS.map((kind) => (
            <div className="chip" key={kind}>
              <input
                type="checkbox"
                id={`kind-${kind}`}
                checked={filters.kinds.includes(kind)}
                onChange={(e) => toggleKind(kind, e.target.checked)}
              />
              <label htmlFor={`kind-${kind}`}>{EVENT_KIND_LABELS[kind]}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="kind-filter" aria-describedby="access-filter-hint">
        <legend>Venue and places</legend>
        <p className="hint" id="access-filter-hint">
          Only events that have every one ticked. Venue filters leave out online events.
        </p>
        <div className="chips">
          {VENUE_ACCESS.map((access) => (
            <div className="chip" key={access}>
              <input
                type="checkbox"
                id={`access-${access}`}
                checked={filters.access.includes(access)}
                onChange={(e) => toggleAccess(access, e.target.checked)}
              />
              <label htmlFor={`access-${access}`}>{VENUE_ACCESS_LABELS[access]}</label>
            </div>
          ))}
          <div className="chip">
            <input
              type="checkbox"
              id="has-lift-seats"
              checked={filters.hasLiftSeats}
              onChange={(e) => onChange({ ...filters, hasLiftSeats: e.target.checked })}
            />
            <label htmlFor="has-lift-seats">Has lift seats</label>
          </div>
          <div className="chip">
            <input
              type="checkbox"
              id="hide-full"
              checked={filters.hideFull}
              onChange={(e) => onChange({ ...filters, hideFull: e.target.checked })}
            />
            <label htmlFor="hide-full">Hide full events</label>
          </div>
        </div>
      </fieldset>
    </form>
  );
}
