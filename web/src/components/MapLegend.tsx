import { COLOURS, LEANING_PCT, MARGINAL_PCT } from '../map/style.ts';

export function MapLegend() {
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
