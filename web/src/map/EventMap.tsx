import { Component, lazy, type ReactNode, Suspense, useRef } from 'react';
import { useNearViewport } from '../ui/hooks.ts';
import type { MapViewProps } from './types.ts';

// Only one map library is ever downloaded: Mapbox GL when a token is configured, MapLibre GL otherwise.
const loadMapView = () => (import.meta.env.VITE_MAPBOX_TOKEN ? import('./mapbox.tsx') : import('./maplibre.tsx'));
const MapView = lazy(loadMapView);

/** Starts downloading the map library early (e.g. while the page waits for its first query). */
export function preloadMap(): void {
  loadMapView().catch(() => {});
}

class MapErrorBoundary extends Component<{ children: ReactNode; unavailable: string }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) {
      return <p className="map-fallback">The map could not be shown on this device. {this.props.unavailable}</p>;
    }
    return this.props.children;
  }
}

/**
 * The map with its container; `className` sets its size (see .map-* in styles.css), reserved before it loads.
 * `unavailable` follows "The map could not be shown on this device." where it cannot be drawn (no WebGL): where else
 * the page has what it shows.
 */
export function EventMap({ className = 'map', unavailable, ...props }: MapViewProps & { className?: string; unavailable: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const near = useNearViewport(ref);
  const loading = <p className="map-fallback">Loading the map…</p>;
  return (
    <div className={className} data-testid="map" ref={ref}>
      {near ? (
        <MapErrorBoundary unavailable={unavailable}>
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
