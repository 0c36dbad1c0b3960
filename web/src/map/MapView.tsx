import type { LatLng } from '@rallypoint/shared';
import type { FeatureCollection, Geometry } from 'geojson';
import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import type * as ReactMapGl from 'react-map-gl/maplibre';
import type { MapLayerMouseEvent, MapRef } from 'react-map-gl/maplibre';
import { focusableAttribution, foldAttribution, MAP_ATTRIBUTIONS } from './attribution.ts';
import { loadConstituencyBoundaries } from './basemap.ts';
import { EMPTY_COLLECTION, eventsToGeoJSON, withMarginality } from './geojson.ts';
import {
  boundaryFillLayer,
  boundaryLineLayer,
  CLUSTER_LAYER_ID,
  clusterLayer,
  MARGINAL_LINE_LAYER_ID,
  marginalLineLayer,
  NEAREST_SEAT_LAYER_ID,
  POINT_LAYER_ID,
  pointLayer,
  SELECTED_SEAT_LAYER_ID,
  SEAT_LABEL_LAYER_ID,
  SHORT_LINE_LAYER_ID,
  seatHighlightLayer,
  shortLineLayer,
} from './style.ts';
import type { MapViewProps } from './types.ts';

type MapComponents = Pick<typeof ReactMapGl, 'Map' | 'Source' | 'Layer' | 'Marker' | 'NavigationControl'>;

/** What differs between the MapLibre (offline) and the Mapbox flavour of the map. */
export interface MapFlavour {
  components: MapComponents;
  mapLib?: ReactMapGl.MapProps['mapLib'];
  mapStyle: NonNullable<ReactMapGl.MapProps['mapStyle']>;
  /** True when the constituencies ARE the basemap (no street tiles underneath). */
  offline: boolean;
  /** A basemap layer the seats' fills and outlines go below (the offline basemap's coastline and names). */
  seatLayersBefore?: string;
  extraProps?: Record<string, unknown>;
}

interface ClusterLabel {
  id: number;
  count: number;
  lng: number;
  lat: number;
}

interface Hovered {
  title: string;
  lng: number;
  lat: number;
}

interface ClusterSource {
  getClusterExpansionZoom(clusterId: number, callback?: (error: unknown, zoom: number) => void): unknown;
}

function clusterExpansionZoom(source: ClusterSource, clusterId: number): Promise<number> {
  // MapLibre returns a promise; Mapbox GL takes a callback.
  return new Promise((resolve, reject) => {
    const maybe = source.getClusterExpansionZoom(clusterId, (error, zoom) => (error ? reject(error) : resolve(zoom)));
    if (maybe && typeof (maybe as Promise<number>).then === 'function') (maybe as Promise<number>).then(resolve, reject);
  });
}

function sameLabels(a: ClusterLabel[], b: ClusterLabel[]): boolean {
  return a.length === b.length && a.every((l, i) => l.id === b[i]?.id && l.count === b[i]?.count);
}

function useBoundaries(constituencies: MapViewProps['constituencies']): FeatureCollection<Geometry> {
  const [boundaries, setBoundaries] = useState<FeatureCollection<Geometry>>(EMPTY_COLLECTION);
  useEffect(() => {
    let live = true;
    loadConstituencyBoundaries().then(
      (fc) => live && setBoundaries(fc),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, []);
  return useMemo(() => withMarginality(boundaries, constituencies), [boundaries, constituencies]);
}

/** The map used everywhere; `flavour` says which library draws it (see maplibre.tsx / mapbox.tsx). */
export function MapView({ flavour, ...props }: MapViewProps & { flavour: MapFlavour }) {
    const { Map: MapGl, Source, Layer, Marker, NavigationControl } = flavour.components;
    const { center, zoom, events, fitKey, onBoundsChange, onEventClick, onMapClick, centerRef, seatShading, nearestSeat, selectedSeat } = props;
    const fillLayer = useMemo(() => boundaryFillLayer(flavour.offline, seatShading), [flavour.offline, seatShading]);
    const highlights = nearestSeat !== undefined || selectedSeat !== undefined;
    // Always mounted (matching nothing when unset), so the layer order never changes.
    const nearestLayer = useMemo(() => seatHighlightLayer('nearest', nearestSeat ?? ''), [nearestSeat]);
    const selectedLayer = useMemo(() => seatHighlightLayer('selected', selectedSeat ?? ''), [selectedSeat]);
    const mapRef = useRef<MapRef>(null);
    const boundaries = useBoundaries(props.constituencies);
    const points = useMemo(() => eventsToGeoJSON(events), [events]);
    const [labels, setLabels] = useState<ClusterLabel[]>([]);
    const [hovered, setHovered] = useState<Hovered | null>(null);
    // The map could not be created (no WebGL 2 on this device): thrown to EventMap's boundary, which says so.
    const [failed, setFailed] = useState<unknown>(null);
    if (failed) throw failed;
    // The offline basemap has no detail below constituency level: close-ups would be a blank field.
    const maxZoom = flavour.offline ? 13 : 17;
    const [initialView] = useState(() => {
      const fit = props.fitPoints;
      if (!fit || fit.length < 2) return { longitude: center.lng, latitude: center.lat, zoom: Math.min(zoom, maxZoom - 1) };
      return { bounds: boundsOf(fit), fitBoundsOptions: { padding: FIT_PADDING, maxZoom: Math.min(zoom, maxZoom - 1) } };
    });

    // Follow the centre/zoom the parent asks for (a new search), without fighting the user's panning otherwise.
    const first = useRef(true);
    useEffect(() => {
      if (first.current) {
        first.current = false;
        return;
      }
      mapRef.current?.jumpTo({ center: [center.lng, center.lat], zoom: Math.min(zoom, maxZoom - 1) });
    }, [center.lat, center.lng, zoom, maxZoom]);

    // A new `fitKey` (new results) fits the camera to `fitPoints` again; after the effect above, so it wins.
    const fittedKey = useRef(props.fitKey);
    const fitPointsNow = useRef(props.fitPoints);
    fitPointsNow.current = props.fitPoints;
    useEffect(() => {
      const map = mapRef.current;
      if (fitKey === undefined || fitKey === fittedKey.current || !map) return;
      fittedKey.current = fitKey;
      const fit = fitPointsNow.current ?? [];
      const cap = Math.min(zoom, maxZoom - 1);
      const first = fit[0];
      if (fit.length < 2) {
        if (first) map.jumpTo({ center: [first.lng, first.lat], zoom: cap });
        return;
      }
      const [west, south, east, north] = boundsOf(fit);
      map.fitBounds([west, south, east, north], { padding: FIT_PADDING, maxZoom: cap, duration: 0 });
    }, [fitKey, zoom, maxZoom]);

    useEffect(() => {
      if (!centerRef) return;
      centerRef.current = () => {
        const c = mapRef.current?.getCenter();
        return c ? { lat: c.lat, lng: c.lng } : null;
      };
      return () => {
        centerRef.current = null;
      };
    }, [centerRef]);

    const reportBounds = () => {
      const b = mapRef.current?.getBounds();
      const container = mapRef.current?.getContainer();
      // West, south, east, north of the view, for tests.
      if (b && container) container.dataset.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5)).join(',');
      if (!b || !onBoundsChange) return;
      onBoundsChange({
        west: Math.max(-180, b.getWest()),
        south: Math.max(-90, b.getSouth()),
        east: Math.min(180, b.getEast()),
        north: Math.min(90, b.getNorth()),
      });
    };

    // `data-map-idle` on the container: present while the map has drawn everything it has, basemap included, and
    // is still (MapLibre's 'idle'); removed as soon as it moves or starts loading data. Tests read pixels then.
    const basemapDrawn = useRef(false);
    const notIdle = () => {
      delete mapRef.current?.getContainer().dataset.mapIdle;
    };
    const reportIdle = () => {
      const map = mapRef.current?.getMap();
      const container = mapRef.current?.getContainer();
      if (!map || !container) return;
      // Once the constituencies are in, they stay: ask the map only until then.
      basemapDrawn.current ||= Boolean(map.getSource('constituencies')) && map.querySourceFeatures('constituencies').length > 0;
      // The seat names the offline basemap shows in view, for tests.
      if (map.getLayer(SEAT_LABEL_LAYER_ID)) {
        const names = map.queryRenderedFeatures({ layers: [SEAT_LABEL_LAYER_ID] }).map((f) => String(f.properties.name));
        container.dataset.drawnSeatLabels = [...new Set(names)].sort().join('|');
      }
      if (basemapDrawn.current) container.dataset.mapIdle = 'true';
    };

    // The (long) attribution starts open; on small maps fold it behind its ⓘ button (the footer shows it in full).
    const onLoad = () => {
      mapRef.current?.getMap().on('dataloading', notIdle);
      reportBounds();
      const container = mapRef.current?.getContainer();
      if (container) foldAttribution(container);
    };

    // Cluster counts are drawn as HTML (the offline style has no glyphs for text layers).
    const updateLabels = () => {
      const map = mapRef.current?.getMap();
      if (!map?.getLayer(CLUSTER_LAYER_ID)) return;
      const seen = new Set<number>();
      const next: ClusterLabel[] = [];
      for (const f of map.queryRenderedFeatures({ layers: [CLUSTER_LAYER_ID] })) {
        const id = Number(f.properties.cluster_id);
        if (seen.has(id) || f.geometry.type !== 'Point') continue;
        seen.add(id);
        const [lng, lat] = f.geometry.coordinates as [number, number];
        next.push({ id, count: Number(f.properties.point_count), lng, lat });
      }
      next.sort((a, b) => a.id - b.id);
      setLabels((prev) => (sameLabels(prev, next) ? prev : next));
    };

    // Which highlighted seats were really drawn (in view), for tests and debugging.
    const reportSeats = () => {
      const map = mapRef.current?.getMap();
      const container = mapRef.current?.getContainer();
      if (!highlights || !map || !container) return;
      const drawn = (layer: string) =>
        map.getLayer(layer)
          ? [...new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.code)))].join(' ')
          : '';
      container.dataset.drawnNearestSeat = drawn(NEAREST_SEAT_LAYER_ID);
      container.dataset.drawnSelectedSeat = drawn(SELECTED_SEAT_LAYER_ID);
      container.dataset.drawnMarginalSeats = String(map.getLayer(MARGINAL_LINE_LAYER_ID) ? map.queryRenderedFeatures({ layers: [MARGINAL_LINE_LAYER_ID] }).length : 0);
    };

    // Which seats the coverage map outlines as short (those in view), for tests.
    const reportShort = () => {
      const map = mapRef.current?.getMap();
      const container = mapRef.current?.getContainer();
      if (seatShading !== 'coverage' || !map?.getLayer(SHORT_LINE_LAYER_ID) || !container) return;
      container.dataset.drawnShortSeats = [...new Set(map.queryRenderedFeatures({ layers: [SHORT_LINE_LAYER_ID] }).map((f) => String(f.properties.code)))].sort().join(' ');
    };

    // How many extra markers of each group sit inside the current view, e.g. "car:3 request:8".
    const reportMarkers = () => {
      const map = mapRef.current?.getMap();
      const container = mapRef.current?.getContainer();
      if (!props.markers || !map || !container) return;
      const bounds = map.getBounds();
      const counts = new Map<string, number>();
      for (const m of props.markers) {
        if (bounds.contains([m.at.lng, m.at.lat])) counts.set(m.group, (counts.get(m.group) ?? 0) + 1);
      }
      container.dataset.drawnMarkers = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([g, n]) => `${g}:${n}`).join(' ');
    };
    useEffect(reportMarkers);

    const onClick = (e: MapLayerMouseEvent) => {
      const feature = e.features?.[0];
      const map = mapRef.current;
      if (!feature || !map) {
        onMapClick?.({ lat: e.lngLat.lat, lng: e.lngLat.lng });
        return;
      }
      if (feature.layer.id === CLUSTER_LAYER_ID && feature.geometry.type === 'Point') {
        const [lng, lat] = feature.geometry.coordinates as [number, number];
        const source = map.getSource('events') as unknown as ClusterSource | undefined;
        if (!source) return;
        clusterExpansionZoom(source, Number(feature.properties.cluster_id)).then(
          (z) => map.easeTo({ center: [lng, lat], zoom: Math.min(z, maxZoom), duration: 400 }),
          () => map.easeTo({ center: [lng, lat], zoom: map.getZoom() + 2, duration: 400 }),
        );
      } else if (feature.layer.id === POINT_LAYER_ID) {
        onEventClick?.(String(feature.properties.id));
      }
    };

    const onMouseMove = (e: MapLayerMouseEvent) => {
      const feature = e.features?.[0];
      if (feature?.layer.id === POINT_LAYER_ID && feature.geometry.type === 'Point') {
        const [lng, lat] = feature.geometry.coordinates as [number, number];
        const title = String(feature.properties.title);
        setHovered((h) => (h?.title === title && h.lng === lng && h.lat === lat ? h : { title, lng, lat }));
      } else {
        setHovered(null);
      }
    };

    return (
      <MapGl
        ref={mapRef}
        {...flavour.extraProps}
        mapLib={flavour.mapLib}
        mapStyle={flavour.mapStyle}
        initialViewState={initialView}
        style={{ width: '100%', height: '100%' }}
        minZoom={4}
        maxZoom={maxZoom}
        dragRotate={false}
        pitchWithRotate={false}
        touchPitch={false}
        attributionControl={{ compact: true, customAttribution: MAP_ATTRIBUTIONS }}
        locale={{ 'Map.Title': props.label }}
        interactiveLayerIds={[CLUSTER_LAYER_ID, POINT_LAYER_ID]}
        cursor={hovered ? 'pointer' : onMapClick ? 'crosshair' : 'grab'}
        onLoad={onLoad}
        // Without a map (target) the error is its creation's; later ones (a tile, a style image) leave the map as it is.
        onError={(e) => {
          if (e.target) console.error(e.error);
          else setFailed(e.error ?? new Error('the map could not be created'));
        }}
        onStyleData={(e) => {
          focusableAttribution(e.target.getContainer());
        }}
        onMoveStart={notIdle}
        onMoveEnd={reportBounds}
        onIdle={() => {
          updateLabels();
          reportSeats();
          reportShort();
          reportMarkers();
          reportIdle();
        }}
        onSourceData={(e) => {
          if (e.sourceId === 'events' && e.isSourceLoaded) requestAnimationFrame(updateLabels);
        }}
        onClick={onClick}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setHovered(null)}
      >
        <NavigationControl position="top-right" showCompass={false} />
        <Source id="constituencies" type="geojson" data={boundaries}>
          <Layer beforeId={flavour.seatLayersBefore} {...fillLayer} />
          <Layer beforeId={flavour.seatLayersBefore} {...boundaryLineLayer} />
          {seatShading === 'majority' && <Layer beforeId={flavour.seatLayersBefore} {...marginalLineLayer} />}
          {seatShading === 'coverage' && <Layer beforeId={flavour.seatLayersBefore} {...shortLineLayer} />}
          {highlights && <Layer beforeId={flavour.seatLayersBefore} {...selectedLayer} />}
          {highlights && <Layer beforeId={flavour.seatLayersBefore} {...nearestLayer} />}
        </Source>
        <Source id="events" type="geojson" data={points} cluster clusterRadius={40} clusterMaxZoom={maxZoom - 1}>
          <Layer {...clusterLayer} />
          <Layer {...pointLayer} />
        </Source>
        {props.origin && <PointMarker Marker={Marker} at={props.origin} className="map-origin" />}
        {props.pin &&
          (props.onPinMove ? (
            <MovablePin Marker={Marker} at={props.pin} onMove={props.onPinMove} mapRef={mapRef} />
          ) : (
            <PointMarker Marker={Marker} at={props.pin} className="map-pin" />
          ))}
        {props.markers?.map((m) => (
          <Marker
            key={m.key}
            longitude={m.at.lng}
            latitude={m.at.lat}
            offset={m.offset}
            style={{ pointerEvents: m.title ? 'auto' : 'none', zIndex: m.zIndex ?? 1, cursor: m.title ? 'pointer' : undefined }}
            onClick={
              m.title
                ? (e) => {
                    e.originalEvent.stopPropagation();
                    const map = mapRef.current;
                    map?.easeTo({ center: [m.at.lng, m.at.lat], zoom: Math.min(map.getZoom() + 2, maxZoom), duration: 400 });
                  }
                : undefined
            }
          >
            {m.title ? (
              <span title={m.title} data-marker={m.key}>
                {m.children}
              </span>
            ) : (
              m.children
            )}
          </Marker>
        ))}
        {labels.map((l) => (
          <Marker key={l.id} longitude={l.lng} latitude={l.lat} style={{ pointerEvents: 'none', zIndex: 2 }}>
            <span className="map-cluster-count" aria-hidden="true">
              {l.count}
            </span>
          </Marker>
        ))}
        {hovered && (
          <Marker longitude={hovered.lng} latitude={hovered.lat} anchor="bottom" offset={[0, -10]} style={{ pointerEvents: 'none' }}>
            <span className="map-tooltip" aria-hidden="true">
              {hovered.title}
            </span>
          </Marker>
        )}
      </MapGl>
    );
}

// More room at the bottom, where the attribution sits.
const FIT_PADDING = { top: 48, right: 48, bottom: 96, left: 48 };

function boundsOf(points: readonly LatLng[]): [number, number, number, number] {
  const lngs = points.map((p) => p.lng);
  const lats = points.map((p) => p.lat);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

/** Pixels an arrow key moves the pin (with Shift: five times as far). */
const PIN_STEP_PX = 8;

interface MovablePinProps {
  Marker: MapComponents['Marker'];
  at: LatLng;
  onMove: (point: LatLng) => void;
  mapRef: RefObject<MapRef | null>;
}

/** The pin the user places: dragged with the mouse or a finger, or focused and moved with the arrow keys. */
function MovablePin({ Marker, at, onMove, mapRef }: MovablePinProps) {
  const button = useRef<HTMLButtonElement>(null);
  // A native listener: the map's own keyboard handler (panning) sits between the pin and React's root listener.
  useEffect(() => {
    const el = button.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      const step = e.shiftKey ? PIN_STEP_PX * 5 : PIN_STEP_PX;
      const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
      const map = mapRef.current;
      if (!move || !map) return;
      e.preventDefault();
      e.stopPropagation();
      const p = map.project([at.lng, at.lat]);
      const next = map.unproject([p.x + (move[0] ?? 0), p.y + (move[1] ?? 0)]);
      onMove({ lat: next.lat, lng: next.lng });
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [at, onMove, mapRef]);
  return (
    <Marker
      longitude={at.lng}
      latitude={at.lat}
      draggable
      onDragEnd={(e) => onMove({ lat: e.lngLat.lat, lng: e.lngLat.lng })}
      style={{ zIndex: 4 }}
    >
      <button ref={button} type="button" className="map-pin map-pin-movable" aria-label="The event's pin: drag it, or move it with the arrow keys" />
    </Marker>
  );
}

function PointMarker({ Marker, at, className }: { Marker: MapComponents['Marker']; at: LatLng; className: string }) {
  return (
    <Marker longitude={at.lng} latitude={at.lat} style={{ pointerEvents: 'none' }}>
      <span className={className} aria-hidden="true" />
    </Marker>
  );
}
