export * from './types.ts';
export {
  DEFAULT_ROAD_FACTOR,
  DETOUR_TOLERANCE_KM,
  legKm,
  pairDetour,
  type RouteResult,
  routeDetour,
  withinLimit,
} from './geometry.ts';
export { type RankedOffer, rankOffers } from './rank.ts';
