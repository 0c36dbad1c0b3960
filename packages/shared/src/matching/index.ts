/**
 * Lift matching: volunteer drivers and riders going to one event, matched by geographic detour. Pure (no I/O) and
 * deterministic.
 *
 * ## The model
 * - Distances are great-circle km × a road factor (default 1.3; there is no routing engine offline). For a driver
 *   leaving D with riders R1..Rk for event E, the route is D → the pickups in the cheapest order → E, and the
 *   detour is that route's length − d(D, E). With one rider: d(D,R) + d(R,E) − d(D,E).
 * - A driver (offer): id, origin, FREE seats, maxDetourKm (for the WHOLE route), wheelchairAccessible, departure
 *   time (tie-breaks, and the start of the route under a time rule), and optionally riders already accepted (their pickups stay on every route).
 *   A rider (request): id, origin, seats (party size ≥ 1; a party is never split), needsWheelchair.
 * - Feasible: every request in at most one car; per car the parties' seats ≤ free seats; wheelchair requests only in
 *   accessible cars; each car's whole-route detour ≤ its driver's limit (+1e-9 km for float rounding).
 * - Objective, lexicographic: carry the most PEOPLE (sum of party sizes), then the least total detour.
 * - Hubs and coaches (optional, `MatchOptions.hubs`): a rider with `hubReachKm` boards at a hub within that many km of
 *   home instead — before the search each is given the hub in reach most people can reach (so riders gather and
 *   vehicles stop less; ties: nearest), their pickup point from then on, for cars too. Right after the first
 *   construction each coach with room takes hub riders off cars at hubs where it stops anyway (the search then refills
 *   those cars with riders only cars can reach), and a coach's candidate list is 8 × a car's, as everyone boarding at
 *   one hub ties on pair detour (rally-hubs: 7,906 → 8,053 people, the max-flow bound). Below 4,000 requests + drivers
 *   a second start plans the coaches together by max flow (./coachplan.ts; coaches-hubs 1,892 → 1,906, the bound), kept
 *   if better after its first search. A last pass moves riders still
 *   unmatched to another hub in reach where a vehicle already stops with room, then lets each coach with room open the
 *   new hub stop that boards most of them (within its limit and time). Pickups on one hub are ONE stop (everyone boards
 *   at once): routes are priced over distinct stops, so a 70-seat coach costs its few hubs, not 70 points. A coach
 *   (`hubsOnly`) takes hub riders only.
 * - Times (optional, `MatchOptions.arriveByMs`): the car leaves at `departureMs`, drives at `speedKmh` (road km),
 *   waits at each stop until everyone boarding there is ready (`readyMs`) and must reach the event by `arriveByMs`.
 *   Without waits this is a bound on the route's length, folded into the detour limit; with waits each route is
 *   checked stop by stop — the cheapest order, else the cheapest order in time (exact up to 8 stops; beyond,
 *   infeasible). An infeasible route prices at +Infinity, so every caller treats it as over the limit, and every
 *   lower bound (pair detour, slot excess) stays one. Each car reports its `stops` (hub or home, who, when) and
 *   `arriveMs`. With ready times, searches skip riders a car cannot reach and bring in time even alone
 *   (`Instance.lateFor`, a cheap necessary test), and fast mode's candidate lists leave them out. Coaches never join
 *   the group re-solves (step 5). Without hubs, coaches or times the engine runs exactly as before.
 *
 * ## The pieces
 * - `routeDetour` / `pairDetour` (./geometry.ts): exact cheapest pickup order (every permutation up to 4 pickups,
 *   branch and bound up to 9, Held–Karp up to 12).
 * - `rankOffers` (./rank.ts): one rider's offers, filtered (seats, access, whole route within the limit once the
 *   rider is inserted among the driver's accepted pickups), sorted by added detour, then departure, then id.
 * - `greedyAssign` (./greedy.ts): the baseline — riders nearest the event first, each into the feasible car it adds
 *   least detour to, over ALL cars.
 * - `assign` (./assign.ts): ours, below.
 *
 * ## `assign`, and why it is built this way
 * The problem is a set packing (each car picks a feasible set of parties): NP-hard, and at 10,000 riders × 3,000
 * drivers far beyond an exact solver. But it has strong geometry — R can ride with D only inside the ellipse
 * d(D,R) + d(R,E) ≤ d(D,E) + limit, since a route through R is at least that long — and around a canvass the people
 * asking usually outnumber the seats two to one, so which seats get filled, and by whom, is what matters.
 * 1. **Candidates without all pairs** (./candidates.ts). Bounding-box trees on 3-D unit vectors (chord ≤ arc gives
 *    exact lower bounds anywhere on the globe) find, best-first, each driver's cheapest riders by single-pickup
 *    detour, and for riders left short their cheapest drivers (4, up to 8 where drivers are as many as requests:
 *    drivers-rich detour −7 % on average over six seeds) — never the 30 million pairs of the big instance. Above
 *    4,000 requests + drivers the flow start (without coaches), the group re-solves, the refills and the
 *    re-assignments on the split's sides see 40 riders per driver, the other searches 24 of them.
 * 2. **Cheapest insertion first** (construct): a priority queue holds, per car, its cheapest feasible insertion
 *    (exact route, cheapest order); the globally cheapest is applied and the car offers again. A car whose
 *    candidates are all taken searches every unmatched rider through an index (./open.ts) whose bound — the
 *    cheapest "slot" excess d(a,R) + d(R,b) − d(a,b) over the car's current stops, never below 0 — confines the
 *    search to the car's corridor and stops once something close enough to free is found.
 * 3. **Local search** (./search.ts) accepting only improvements (people, then detour): people first, from the
 *    scarcer end — cars with room take the best unmatched party, swap a member for a larger one, or pull a rider
 *    through an augmenting path (car A takes B's rider, B takes C's, …, the last takes an unmatched party:
 *    breadth-first like a max-flow augmentation, every route re-checked); or, when riders are the scarce side,
 *    unmatched riders push in through the same kind of chain toward a car with room. Then detour: each member may be
 *    swapped for the unmatched party that makes its car's route cheapest (over the whole unmatched pool), and parties
 *    relocate or swap between cars. Later passes revisit only what changed.
 * 4. **Thorough mode** (≤ 400 requests and drivers): every reachable pair is a candidate; two more starts — a min-cost
 *    max-flow (requests → cars, cost = pair detour; ./flow.ts) with route repair, which sees scarcity globally (the
 *    car that alone can reach two riders gets them), and greedy — each improved, the best kept; then iterated local
 *    search (./perturb.ts): a random chain of related cars (each holds a rider the previous one could take) is
 *    re-solved exactly over its riders and the unmatched ones it can reach — the multi-car exchanges single moves
 *    cannot make — or refilled in a shuffled order, kept if better. On every 100-request benchmark instance (and ten
 *    more) this reaches the proven optimum's people.
 * 5. **Fast mode's group re-solves** (./perturb.ts, `groupSearch`): after the local search (in fast mode its first
 *    run stops after 3 passes: the group rounds improve far more for the time), a count of rounds
 *    (2 × (requests + drivers), 500 to 3,600) each re-solves a small chain of related cars exactly — a car with
 *    room, or a used car drawn with a chance that grows with its detour (two rounds in three; three in four above
 *    4,000 requests + drivers), then cars holding riders the previous one could take or able to take one of its riders — over
 *    their riders and the unmatched ones they reach (each car choosing among 8 riders: its own, then the
 *    cheapest others alone; minibuses join at most 200 rounds, their fills cost far more), applied only when the
 *    group improves. Per round the work does not grow with the instance; it is what closes most of the gap to
 *    thorough mode in people and detour at large sizes. Measured at 10,000 × 3,000: 3,600 rounds after a 3-pass
 *    search instead of 2,400 after a 12-pass one cut detour 5–22 % on all 7 instances at about the same time; 7,200
 *    rounds would cut it up to 44 % more (uniform30-mixed 1,465 → 823 km) but take about 1 s longer. Above 4,000
 *    requests + drivers the phase (10,800 rounds) runs on each side of a line through the event (./regions.ts), each
 *    side touching only its own cars and riders, so a helper thread can take one; without coaches the 3-pass first
 *    search is made there too, side by side (the local search takes a region), and a search over all cars follows.
 * 5b. **Exact re-assignment** (./reassign.ts), both modes, then the local search again: each car releases one party
 *    (its costliest pickup, none if it has room, or its second costliest — by round), and the released and unmatched
 *    parties are matched to the cars, one each on top of what they kept, by an exact min-cost assignment (people
 *    first) over blocks of up to 1,024 related cars: every cyclic exchange and ejection chain of single parties at
 *    once. Below 4,000 requests + drivers up to 3 such cycles, then a second round of group re-solves and again; above,
 *    one cycle of 2 rounds. Measured: 10,000 × 3,000 detour −23 to −35 % at about the same CPU, rally-hubs +85
 *    people; 1,000 × 303 detour −3 to −15 %.
 * 5c. **Costliest-car sweep** (both modes): each of the 1,000 used cars with the most detour, costliest first, is
 *    re-solved exactly with each car holding one of its 16 cheapest candidate riders (cheapest first, while that pair
 *    alone costs less than the car's detour now), then the local search runs again. Detour lives in few cars, and most
 *    of it goes once a costly car takes a rider on its way from a car that can refill. At 10,000 × 3,000 this cut it
 *    7–31 % more than the two drawn group re-solves per car (300 cars) it replaced, for about 0.1 s; in thorough
 *    mode, after the iterated search, 3–12 % on seven of the nine 400 × 121 instances.
 * 5d. **Refill** (./refill.ts, both modes): each of the 500 costliest cars, in turn, is filled again from scratch —
 *    from up to 24 riders out of a car (its own, taken out, among them) whose pickup alone costs it less than its
 *    route now, and its candidate riders in other cars that a waiting rider can replace there (priced with that
 *    car's added detour, at most one from each car) — taking the set with as many people or more at the least total
 *    detour, by branch and bound (a route through more pickups is never shorter). The local search runs again, then
 *    the 300 costliest are filled again. It swaps several riders at once, where every move above swaps one: the
 *    costliest cars are often minibuses with eight seats to fill from parties of one to three. At 10,000 × 3,000
 *    (six seeds × seven instances): same people, detour −10 % (realistic −20 %), worse on none, for 60–140 ms;
 *    below, −0.4 to −0.5 %.
 * 5e. **Copies on the idle core** (above 4,000 requests + drivers): between the split's parallel steps the run works
 *    on its own thread — the local search over all cars after the group phase; the sweep over all cars and the
 *    refills; the last local search — and meanwhile a copy of every car gets group re-solves of its own on the other
 *    (about 900, 3,300 and 650 rounds at 10,000 × 3,000, sized to take no longer); each part of the map where the
 *    copy ends better is then taken from it, parts cut as in step 7's mix. At 10,000 × 3,000 (twelve seeds × seven
 *    instances): same people, detour −2.8 % (geometric mean; less on 70 of 84), the run waiting 0–40 ms per copy.
 * 6. **Never fewer people than greedy.** Thorough mode improves greedy's own solution as one of its starts. Fast
 *    mode runs greedy only when it could matter — when we carry fewer people than min(people who can reach some car,
 *    seats some rider can reach), the most anyone can carry — and keeps the better. Every step keeps only
 *    improvements, and a final comparison makes the guarantee explicit.
 * 7. **Several whole runs below 4,000 requests + drivers** (`AssignOptions.starts`, default in thorough mode 6 up to
 *    100 riders, sharing the iterated-search rounds of 3, and above 3 and a fourth in fast mode; 4 in fast mode; 1
 *    above): runs after the first rename the ids by fixed shuffles, so every id tie-break and order differs and the
 *    search ends in another local optimum. Measured: realistic-400 detour 195 → 170 km, minibuses-mixed-400 271 → 214,
 *    coaches-hubs-2000 1,881 → 1,886 people; about 3× the CPU time (with a helper thread, each thread makes half the
 *    runs). In fast mode the third and fourth start from a min-cost flow instead of cheapest insertion (the fourth only
 *    with ready times, which the flow does not price), with pair detours rounded to 50 m a person so that it takes
 *    milliseconds (./flow.ts, `roundedCostFlow`): over three seeds of the eleven benchmark instances of 1,000–2,000
 *    riders, detour ÷ the best known 1.062 → 1.002 (four insertion runs: 1.048), same people; on 30 instances of the
 *    same shapes it was not tuned on, −3.1 % against three runs (less on 23, more on 7, up to +7 %). Above 4,000 the
 *    one run starts from the flow too (500 m units, 90–300 ms), unless it has coaches: at 10,000 × 3,000, over five
 *    seeds of six instances, detour −11 % (canvass the exception, worse on four of five), same people. Each run is
 *    better somewhere, so rather than the best whole run the answer is mixed part by part (./recombine.ts): the map is
 *    cut into parts no rider crosses between two answers, and each part keeps the answer with more people there, or as
 *    many at less detour — feasible, since a car's route depends on its own riders only. On 1,000 × 303 to 1,000 ×
 *    1,000: detour up to 6 % below the best run (2–3 % on most), in milliseconds.
 * Min-cost flow on its own was the other candidate: it maximises people and prices detour pair
 * by pair, but splits parties, cannot see that two pickups that each fit may not fit together, and its successive
 * shortest paths take ~1 s at 1,000 requests in JS (rounded, milliseconds) — so it is a start, not the engine.
 *
 * Determinism: inputs are sorted by id first (so input order never matters), every tie is broken explicitly, the
 * iterated search uses a fixed-seed generator, and every search is bounded by counted work, never by the clock.
 */

export { type AssignOptions, type AssignResult, assign } from './assign.ts';
export {
  DEFAULT_ROAD_FACTOR,
  DETOUR_TOLERANCE_KM,
  legKm,
  pairDetour,
  type RouteResult,
  routeDetour,
  withinLimit,
} from './geometry.ts';
export { greedyAssign } from './greedy.ts';
export { type RankedOffer, rankOffers } from './rank.ts';
export { driverFromOffer, type OfferRow, type RequestRow, riderFromRequest } from './rows.ts';
export { type StretchOption, type StretchOptions, stretchOptions } from './stretch.ts';
export * from './types.ts';
