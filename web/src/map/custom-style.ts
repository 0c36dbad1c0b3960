// A deployment's own MapLibre style (e.g. a self-hosted street basemap), used instead of the offline one.
import type { StyleSpecification } from 'maplibre-gl';

type MapLibre = typeof import('maplibre-gl');

/**
 * The style's address: the page's `<meta name="rallypoint-map-style">` (the server puts it in when it starts with
 * VITE_MAP_STYLE_URL), else VITE_MAP_STYLE_URL as it was when the app was built; null for the offline basemap.
 */
export function customStyleUrl(): string | null {
  const meta = typeof document === 'undefined' ? null : document.querySelector<HTMLMetaElement>('meta[name="rallypoint-map-style"]');
  const url = meta?.content.trim() || import.meta.env.VITE_MAP_STYLE_URL?.trim();
  return url ? new URL(url, document.baseURI).href : null;
}

let pmtiles: Promise<void> | null = null;

/** Lets MapLibre read `pmtiles://` sources (one file of tiles, read by HTTP range requests), loaded only when used. */
function registerPmtiles(maplibregl: MapLibre): Promise<void> {
  pmtiles ??= import('pmtiles').then(({ Protocol }) => {
    maplibregl.addProtocol('pmtiles', new Protocol({ metadata: true }).tile);
  });
  return pmtiles;
}

/** Fetches the style (so a `pmtiles://` source can be seen before the map asks for it). */
export async function loadCustomStyle(url: string, maplibregl: MapLibre): Promise<StyleSpecification> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the map style ${url} (${response.status})`);
  const text = await response.text();
  const style = JSON.parse(text) as StyleSpecification;
  if (text.includes('pmtiles://')) await registerPmtiles(maplibregl);
  return style;
}
