import type { ReactNode, Ref } from 'react';

interface MapSectionProps {
  headingId: string;
  /** The id of what follows the map, for the link that skips past it. */
  skipTo: string;
  skipText: string;
  /** The map, or null while what it needs is loading. */
  map: ReactNode;
  /** Under the map: caption, legend. */
  children?: ReactNode;
  ref?: Ref<HTMLElement>;
}

/** The map beside a results list, with a hidden heading and a link that skips past it to the list. */
export function MapSection({ headingId, skipTo, skipText, map, children, ref }: MapSectionProps) {
  return (
    <section className="near-map" aria-labelledby={headingId} ref={ref}>
      <h2 id={headingId} className="visually-hidden">
        Map
      </h2>
      <a href={`#${skipTo}`} className="skip-inline">
        {skipText}
      </a>
      {map ?? (
        <div className="map map-large" data-testid="map">
          <p className="map-fallback">Loading the map…</p>
        </div>
      )}
      {children}
    </section>
  );
}
