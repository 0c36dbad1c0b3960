import { COLOURS, COVERAGE_SCALE, LEANING_PCT, MAJORITY_SCALE, MARGINAL_PCT, SEAT_COLOURS, SHORT_OUTLINE } from './style.ts';

/** The map key: `near` (events and marginal tints) or `marginals` (majority scale and seat outlines). */
export function MapLegend({ variant = 'near' }: { variant?: 'near' | 'marginals' | 'coverage' }) {
  if (variant === 'marginals') return <MarginalsLegend />;
  if (variant === 'coverage') return <CoverageLegend />;
  return (
    <ul className="map-legend" aria-label="Map key">
      <li>
        <span className="swatch swatch-event" style={{ background: COLOURS.event }} aria-hidden="true" />
        Event (numbered circles are groups: select to zoom in)
      </li>
      <li>
        <span className="swatch" style={{ background: COLOURS.marginal }} aria-hidden="true" />
        Seat won by {MARGINAL_PCT}% or less in 2024
      </li>
      <li>
        <span className="swatch" style={{ background: COLOURS.leaning }} aria-hidden="true" />
        Won by {MARGINAL_PCT}–{LEANING_PCT}%
      </li>
    </ul>
  );
}

const scale = `linear-gradient(to right, ${MAJORITY_SCALE.map(([pct, colour]) => `${colour} ${(pct / MARGINAL_PCT) * 100}%`).join(', ')})`;

function MarginalsLegend() {
  return (
    <ul className="map-legend" aria-label="Map key">
      <li>
        <span className="swatch swatch-scale" style={{ background: scale }} aria-hidden="true" />
        Won by 0–{MARGINAL_PCT}% in 2024 (darker: closer result)
      </li>
      <li>
        <span className="swatch" style={{ background: SEAT_COLOURS.leaning }} aria-hidden="true" />
        Won by {MARGINAL_PCT}–{LEANING_PCT}%
      </li>
      <li>
        <span className="swatch" style={{ background: COLOURS.land }} aria-hidden="true" />
        Won by more than {LEANING_PCT}%
      </li>
      <li>
        <span className="swatch swatch-outline" style={{ borderColor: SEAT_COLOURS.marginalOutline }} aria-hidden="true" />
        Marginal or target seat: dark outline
      </li>
      <li>
        <span className="swatch swatch-outline swatch-thick" style={{ borderColor: SEAT_COLOURS.nearest }} aria-hidden="true" />
        Nearest marginal: thick purple outline
      </li>
      <li>
        <span className="swatch swatch-outline swatch-dashed" style={{ borderColor: SEAT_COLOURS.selected }} aria-hidden="true" />
        Seat you selected: blue dashed outline
      </li>
      <li>
        <span className="swatch swatch-origin" aria-hidden="true" />
        The place you searched
      </li>
      <li>
        <span className="swatch swatch-event" style={{ background: COLOURS.event }} aria-hidden="true" />
        Canvass (numbered circles are groups: select to zoom in)
      </li>
    </ul>
  );
}

const coverageScale = `linear-gradient(to right, ${COVERAGE_SCALE.map(([share, colour]) => `${colour} ${share * 100}%`).join(', ')})`;

function CoverageLegend() {
  return (
    <ul className="map-legend" aria-label="Map key">
      <li>
        <span className="swatch swatch-scale" style={{ background: coverageScale }} aria-hidden="true" />
        Sign-ups against the goal: pale none, dark blue met
      </li>
      <li>
        <span className="swatch swatch-outline swatch-thick" style={{ borderColor: SHORT_OUTLINE }} aria-hidden="true" />
        Falling short of its goal: thick red outline
      </li>
      <li>
        <span className="swatch" style={{ background: COLOURS.land }} aria-hidden="true" />
        Not a target seat of this campaign
      </li>
    </ul>
  );
}
