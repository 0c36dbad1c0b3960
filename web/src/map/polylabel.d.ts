// polylabel ships no types: the one function the basemap assets use.
declare module 'polylabel' {
  /** The point farthest inside `polygon` (outer ring, then holes), with its distance to the edge. */
  export default function polylabel(polygon: number[][][], precision?: number): [number, number] & { distance: number };
}
