/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** When set, maps use Mapbox GL with Mapbox Streets; otherwise MapLibre GL with the offline basemap. */
  readonly VITE_MAPBOX_TOKEN?: string;
  /** A MapLibre style URL used instead of the offline basemap (see README, Map). */
  readonly VITE_MAP_STYLE_URL?: string;
  /** Absolute API origin when it is not served from the same origin (default: same origin, via the proxy). */
  readonly VITE_API_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
