import { formatDistanceKm, formatEventTime } from '@rallypoint/shared';
import { type Ref, useId } from 'react';
import { Link } from '../ui/router.tsx';
import { placesText } from '../events/EventCard.tsx';
import { graphql } from '../generated/gql.ts';
import type { NearbySeatFieldsFragment } from '../generated/graphql.ts';
import { formatMajority, liftSeatsText, partyName } from './marginals.ts';

// One seat near the searched place, with the canvasses planned there (`$canvasses` of them).
graphql(`
  fragment NearbySeatFields on NearbySeat {
    distanceKm
    constituency {
      code
      name
      location {
        lat
        lng
      }
      winner
      runnerUp
      majority
      majorityPct
      mpName
      isMarginal
      isTarget
      upcomingCanvasses(first: $canvasses) {
        ...EventSummaryFields
        liftSeatsAvailable
      }
    }
  }
`);

type NearbySeat = NearbySeatFieldsFragment;
type MarginalCanvass = NearbySeat['constituency']['upcomingCanvasses'][number];

interface MarginalSeatCardProps {
  seat: NearbySeat;
  nearest: boolean;
  selected: boolean;
  onSelect: (code: string | null) => void;
  headingRef?: Ref<HTMLHeadingElement> | undefined;
}

/** One seat in the nearest-marginals list: distance, 2024 result, MP and the canvasses planned there. */
export function MarginalSeatCard({ seat, nearest, selected, onSelect, headingRef }: MarginalSeatCardProps) {
  const c = seat.constituency;
  const id = useId();
  const classes = ['seat-card', nearest && 'seat-card-nearest', selected && 'seat-card-selected'].filter(Boolean).join(' ');
  return (
    <article className={classes} aria-labelledby={`${id}-name`} data-seat-code={c.code}>
      <h3 className="seat-card-title" id={`${id}-name`} ref={headingRef} tabIndex={-1}>
        {c.name}
      </h3>
      <p className="seat-badges">
        {nearest && <span className="badge badge-nearest">Nearest marginal</span>}
        <span className="badge badge-marginal">{c.isMarginal ? 'Marginal' : 'Not marginal'}</span>
        {c.isTarget && <span className="badge badge-target">Target seat</span>}
        {selected && <span className="badge badge-selected">Selected: outlined on the map</span>}
        <span className="seat-distance">{formatDistanceKm(seat.distanceKm)} away</span>
      </p>
      <dl className="seat-facts">
        <div>
          <dt>Majority in 2024:</dt>
          <dd>{formatMajority(c.majority, c.majorityPct)}</dd>
        </div>
        <div>
          <dt>Won by:</dt>
          <dd>
            {partyName(c.winner)}, ahead of {partyName(c.runnerUp)}
          </dd>
        </div>
        <div>
          <dt>MP:</dt>
          <dd>{c.mpName}</dd>
        </div>
      </dl>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-pressed={selected}
        aria-label={`Show on the map: ${c.name}`}
        onClick={() => onSelect(selected ? null : c.code)}
      >
        Show on the map
      </button>
      <h4 className="seat-canvasses-heading">Upcoming canvasses</h4>
      {c.upcomingCanvasses.length > 0 ? (
        <ul className="canvass-list">
          {c.upcomingCanvasses.map((e) => (
            <CanvassItem key={e.id} event={e} />
          ))}
        </ul>
      ) : (
        <p className="empty">
          No canvasses planned yet in {c.name}. <Link to="/events/new">Organise one</Link>.
        </p>
      )}
    </article>
  );
}

function CanvassItem({ event }: { event: MarginalCanvass }) {
  return (
    <li>
      <Link to={`/events/${encodeURIComponent(event.id)}`}>{event.title}</Link>
      <span className="canvass-meta">
        <time dateTime={event.startsAt}>{formatEventTime(event.startsAt, event.endsAt)}</time> · {event.areaLabel} ·{' '}
        {placesText(event)} · {liftSeatsText(event.liftSeatsAvailable)}
      </span>
    </li>
  );
}
