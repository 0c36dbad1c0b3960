import { Component, lazy, type ReactNode, Suspense } from 'react';
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

/** The map with its container; `className` sets its size (see .map-* in styles.css). */
export function EventMap({ className = 'map', ...props }: MapViewProps & { className?: string }) {
  return (
    <div className={className} data-testid="map">
      <MapErrorBoundary>
        <Suspense fallback={<p className="map-fallback">Loading the map…</p>}>
          <MapView {...props} />
        </Suspense>
      </MapErrorBoundary>
    </div>
  );
}
