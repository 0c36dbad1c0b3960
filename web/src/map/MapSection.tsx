import type { MouseEvent, ReactNode, Ref } from 'react';
import { flushSync } from 'react-dom';

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
  /**
   * Shows what the link skips to when it is hidden (the list, behind a phone's List/Map switch). Called before the
   * link moves focus there.
   */
  onSkip?: () => void;
}

/** The map beside a results list, with a hidden heading and a link that skips past it to the list. */
export function MapSection({ headingId, skipTo, skipText, map, children, ref, onSkip }: MapSectionProps) {
  // The target may have been hidden: show it first, then focus it (a link to a hidden element goes nowhere).
  const skip = (e: MouseEvent<HTMLAnchorElement>) => {
    if (!onSkip) return;
    e.preventDefault();
    flushSync(onSkip);
    const target = document.getElementById(skipTo);
    target?.focus();
    target?.scrollIntoView({ block: 'start' });
  };
  return (
    <section className="near-map" aria-labelledby={headingId} ref={ref}>
      <h2 id={headingId} className="visually-hidden">
        Map
      </h2>
      <a href={`#${skipTo}`} className="skip-inline" onClick={skip}>
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
