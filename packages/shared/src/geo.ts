export interface LatLng {
  lat: number;
  lng: number;
}

export interface BoundingBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LAT = 111.32;
const toRad = (deg: number) => (deg * Math.PI) / 180;

export function isValidLatLng(p: LatLng): boolean {
  return (
    Number.isFinite(p.lat) && Number.isFinite(p.lng) && p.lat >= -90 && p.lat <= 90 && p.lng >= -180 && p.lng <= 180
  );
}

/** Great-circle distance in km (haversine). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Snaps a point to the centre of its cell on a grid of roughly `cellKm` × `cellKm`, so that a stored or shown
 * position never says more than "somewhere in this square". Longitude cells widen towards the poles to stay ~square.
 */
export function snapToGrid(p: LatLng, cellKm = 1): LatLng {
  const latStep = cellKm / KM_PER_DEGREE_LAT;
  const row = Math.floor(p.lat / latStep);
  const lat = (row + 0.5) * latStep;
  const lngStep = latStep / Math.max(Math.cos(toRad(lat)), 0.01);
  const lng = (Math.floor(p.lng / lngStep) + 0.5) * lngStep;
  return { lat: round(Math.min(90, Math.max(-90, lat)), 5), lng: round(wrapLng(lng), 5) };
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

function wrapLng(lng: number): number {
  return ((((lng + 180) % 360) + 360) % 360) - 180;
}

/** The smallest box holding a circle of `radiusKm` around `centre` (used to bound map views). */
export function boxAround(centre: LatLng, radiusKm: number): BoundingBox {
  const dLat = radiusKm / KM_PER_DEGREE_LAT;
  const dLng = radiusKm / (KM_PER_DEGREE_LAT * Math.max(Math.cos(toRad(centre.lat)), 0.01));
  return {
    west: Math.max(-180, centre.lng - dLng),
    south: Math.max(-90, centre.lat - dLat),
    east: Math.min(180, centre.lng + dLng),
    north: Math.min(90, centre.lat + dLat),
  };
}

export function boxContains(box: BoundingBox, p: LatLng): boolean {
  return p.lat >= box.south && p.lat <= box.north && p.lng >= box.west && p.lng <= box.east;
}
