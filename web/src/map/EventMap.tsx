import { Component, lazy, type ReactNode, type RefObject, Suspense, useEffect, useRef, useState } from 'react';
import type { MapViewProps } from './types.ts';

// Only one map library is ever downloaded: Mapbox GL when a token is configured, MapLibre GL otherwise.
const loadMapView = () => (import.meta.env.VITE_MAPBOX_TOKEN ? import('./mapbox.tsx') : import('./maplibre.tsx'));
const MapView = lazy(loadMapView);

/** Starts downloading the map library early (e.g. while the page waits for its first query). */
export function preloadMap(): void {
  loadMapView().catch(() => {});
}

class MapErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) {
      return <p className="map-fallback">The map could not be shown on this device; the list has the events near you.</p>;
    }
    return this.props.children;
  }
}

/**
 * Whether the element is on screen or within 200 px of it, latched: a map down a phone's page (an event's, below its
 * details) waits until it is scrolled towards, instead of fetching and starting the map library with the page.
 */
function useNearViewport(ref: RefObject<HTMLElement | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '200px 0px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near, ref]);
  return near;
}

/** The map with its container; `className` sets its size (see .map-* in styles.css), reserved before it loads. */
export function EventMap({ className = 'map', ...props }: MapViewProps & { className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const loading = <p className="map-fallback">Loading the map…</p>;
  return (
    <div className={className} data-testid="map" ref={ref}>
      {near ? (
        <MapErrorBoundary>
          <Suspense fallback={loading}>
            <MapView {...props} />
          </Suspense>
        </MapErrorBoundary>
      ) : (
        loading
      )}
    </div>
  );
}
