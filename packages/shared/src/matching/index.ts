/**
 * Lift matching: volunteer drivers and riders going to one event, matched by geographic detour. Pure (no I/O) and
 * deterministic.
 *
 * ## The model
 * - Distances are great-circle km × a road factor (default 1.3; there is no routing engine offline). For a driver
 *   leaving D with riders R1..Rk for event E, the route is D → the pickups in the cheapest order → E, and the
 *   detour is that route's length − d(D, E). With one rider: d(D,R) + d(R,E) − d(D,E).
 * - A driver (offer): id, origin, FREE seats, maxDetourKm (for the WHOLE route), wheelchairAccessible, departure
 *   time (tie-breaks only), and optionally riders already accepted (their pickups stay on every route).
 *   A rider (request): id, origin, seats (party size ≥ 1; a party is never split), needsWheelchair.
 * - Feasible: every request in at most one car; per car the parties' seats ≤ free seats; wheelchair requests only in
 *   accessible cars; each car's whole-route detour ≤ its driver's limit (+1e-9 km for float rounding).
 * - Objective, lexicographic: carry the most PEOPLE (sum of party sizes), then the least total detour.
 *
 * ## The pieces
 * - `routeDetour` / `pairDetour` (./geometry.ts): exact cheapest pickup order (every permutation up to 6 pickups,
 *   Held–Karp up to 12).
 * - `rankOffers` (./rank.ts): one rider's offers, filtered (seats, access, whole route within the limit once the
 *   rider is inserted among the driver's accepted pickups), sorted by added detour, then departure, then id.
 * - `greedyAssign` (./greedy.ts): the baseline — riders nearest the event first, each into the feasible car it adds
 *   least detour to, over ALL cars.
 * - `assign` (./assign.ts): ours, below.
 *
 * ## `assign`, and why it is built this way
 * The problem is a set packing (each car picks a feasible set of parties) — NP-hard, and at 10,000 riders × 3,000
 * drivers far beyond an exact solver, but it has strong geometry: a rider R can ride with driver D only inside the
 * ellipse d(D,R) + d(R,E) ≤ d(D,E) + limit (a route through R is at least that long), and the demand around a canvass
 * is usually several times the seats. So:
 * 1. **Candidates without all pairs.** Bounding-box trees on 3-D unit vectors (chord ≤ arc gives exact lower bounds,
 *    no projection error) find, best-first, each driver's cheapest riders by single-pickup detour, and for riders
 *    left short each rider's cheapest drivers. O(n log n), never the 30 million pairs of the big instance. Small
 *    instances (≤ 400 requests) keep every reachable pair.
 * 2. **Construction: cheapest insertion first.** A priority queue holds, per car, its cheapest feasible insertion
 *    (exact route, cheapest order); the globally cheapest is applied and the car re-offers. A car whose candidates
 *    are all taken searches every unmatched rider through an index whose lower bound (the cheapest "slot" excess
 *    d(a,R) + d(R,b) − d(a,b) over the car's current stops) keeps the search to the car's corridor.
 * 3. **Local search** that only ever accepts improvements (people, then detour): cars with room take unmatched
 *    parties, swap a member for a larger party, or pull a rider through an augmenting path (car A takes B's rider, B
 *    takes C's, …, the last takes an unmatched party — breadth-first, like a max-flow augmentation, with every route
 *    re-checked); each member may be swapped for the unmatched party that makes its car's route cheapest (searched over
 *    the whole unmatched pool); parties relocate or swap between cars when the two routes get cheaper. Later passes
 *    revisit only what changed (stamps).
 * 4. **Small instances (thorough mode)** also start from a min-cost max-flow (requests → cars, cost = pair detour)
 *    with route repair — the global, scarcity-aware view that a greedy cannot have (a car with a tight limit gets the
 *    two riders only it can reach) — and from greedy, keep the best, then run iterated local search: empty a random
 *    chain of related cars and re-solve it exactly (or refill it in a shuffled order), keep it if better. On the
 *    benchmark's 100-request instances this reaches the proven optimum's people.
 * 5. **Never worse than greedy.** Greedy is computed (in fast mode, only when we carry fewer people than the people
 *    who can reach a car or the seats riders can reach — otherwise it cannot carry more) and, if it were better, its
 *    solution is improved and kept instead. Every step only keeps improvements, so the guarantee holds by construction
 *    and the final comparison makes it explicit.
 * Min-cost flow alone was the other candidate (DESIGN.md suggests it): it maximises people and prices detour pair by
 * pair, but splits parties, cannot see that two pickups that each fit may not fit together, and its successive
 * shortest paths cost ~1 s at 1,000 requests in JS — so it is a start for small instances, not the engine.
 *
 * Determinism: inputs are sorted by id first (so input order never matters), every tie is broken explicitly, the
 * iterated search uses a fixed-seed generator, and every search is bounded by counted work, never by the clock.
 */
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
export { greedyAssign } from './greedy.ts';
export { type AssignOptions, type AssignResult, assign } from './assign.ts';
