// Attribution texts required by the bundled data (see shared/data/README.md). Shown on every map and in the footer.
export const ATTRIBUTION = {
  parliament: 'Contains Parliamentary information licensed under the Open Parliament Licence v3.0.',
  boundaries:
    'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2024.',
  northernIreland: 'Contains LPS Intellectual Property © Crown copyright and database right 2024.',
  postcodes:
    'Contains OS data © Crown copyright and database right 2023. Contains Royal Mail data © Royal Mail copyright and database right 2023. Contains National Statistics data © Crown copyright and database right 2023.',
} as const;

export const MAP_ATTRIBUTIONS: string[] = [
  ATTRIBUTION.boundaries,
  ATTRIBUTION.northernIreland,
  ATTRIBUTION.parliament,
  ATTRIBUTION.postcodes,
];

/** Below this width or height a map shows its credits folded behind the ⓘ button (the footer shows them in full). */
export const COMPACT_ATTRIBUTION_BELOW = { width: 640, height: 400 } as const;

/**
 * The map libraries open the compact credits at first; fold them on small maps. Opened, they scroll within a few
 * lines (styles.css) instead of covering the map, so the text is made focusable for keyboard scrolling.
 */
export function foldAttribution(container: HTMLElement): void {
  const attribution = focusableAttribution(container);
  if (container.clientWidth >= COMPACT_ATTRIBUTION_BELOW.width && container.clientHeight >= COMPACT_ATTRIBUTION_BELOW.height) return;
  attribution?.classList.remove('maplibregl-compact-show', 'mapboxgl-compact-show');
  attribution?.removeAttribute('open');
}

/** The credits' scrolling text takes keyboard focus (from the first style event on: axe may look before `load`). */
export function focusableAttribution(container: HTMLElement): Element | null {
  const attribution = container.querySelector('.maplibregl-ctrl-attrib, .mapboxgl-ctrl-attrib');
  const inner = attribution?.querySelector<HTMLElement>('.maplibregl-ctrl-attrib-inner, .mapboxgl-ctrl-attrib-inner');
  if (inner && inner.tabIndex !== 0) inner.tabIndex = 0;
  return attribution ?? null;
}
