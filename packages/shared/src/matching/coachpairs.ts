import type { Cars, Instance } from './instance.ts';

/** Pairs of coaches whose hubs together number more are left alone (3^8 splits at most per pair, 4^8 with re-hubbing). */
const MAX_PAIR_HUBS = 8;
const EPS = 1e-9;

/**
 * Two coaches re-share their riders hub by hub: a coach's detour depends only on the hubs it stops at, so for each
 * pair (by index) every way of giving each of their hubs to one coach, the other or both (with `rehub`, or neither)
 * is priced from one rider per hub (the latest ready: a stop waits for everyone boarding there), and the cheapest that
 * is cheaper than now and whose parties fit (riders either coach could take filled into the first while a party
 * fits, largest first) is applied after pricing both real routes again (limit, time). Nobody leaves the coaches, so
 * people stay and detour only falls; the search fills coaches one rider at a time and leaves several stopping at the
 * same hubs. With `rehub` (only once the search is over: it moves pickups, which the search's indexes hold), a rider
 * may board at any of the pair's hubs in reach, so a coach can drop a stop whose riders can walk to another. Until a
 * pass over the pairs changes nothing, at most REGROUP_PASSES, and at most `pricings` routes priced in all (a bound
 * by count, so the answer never depends on the clock). Returns the pairs re-shared.
 */
export function regroupCoaches(inst: Instance, cars: Cars, rehub = false, pricings = REGROUP_PRICINGS): number {
  const coaches: number[] = [];
  for (let d = 0; d < inst.nD; d++) if (inst.dCoach[d] === 1) coaches.push(d);
  const budget = { pricings };
  let changed = 0;
  for (let pass = 0; pass < REGROUP_PASSES; pass++) {
    const before = changed;
    for (let i = 0; i < coaches.length && budget.pricings > 0; i++) {
      for (let j = i + 1; j < coaches.length && budget.pricings > 0; j++) {
        if (regroupPair(inst, cars, coaches[i]!, coaches[j]!, rehub, budget)) changed++;
      }
    }
    if (changed === before) break;
  }
  return changed;
}

/**
 * Routes priced per call at most: rally-hubs (30 coaches, 40 hubs) uses about 11,000; 70 coaches all sharing 8 hubs
 * could otherwise price over a million.
 */
const REGROUP_PRICINGS = 20_000;

const REGROUP_PASSES = 3;

/** Splits tried by pricing their real routes, cheapest first, per pair. */
const REGROUP_TRIES = 24;

function regroupPair(inst: Instance, cars: Cars, a: number, b: number, rehub: boolean, budget: { pricings: number }): boolean {
  const riders = [...cars.members[a]!, ...cars.members[b]!];
  if (riders.length === 0) return false;
  const hubs = [...new Set(riders.map((r) => inst.rHub[r]!))].sort((x, y) => x - y);
  const H = hubs.length;
  if (H > MAX_PAIR_HUBS || hubs[0]! < 0) return false;
  const slot = new Map(hubs.map((h, k) => [h, k]));
  const rep = new Array<number>(H).fill(-1);
  for (const r of riders) {
    const k = slot.get(inst.rHub[r]!)!;
    if (rep[k] === -1 || inst.rReady[r]! > inst.rReady[rep[k]!]!) rep[k] = r;
  }
  // Where each rider may board, as a mask over the pair's hubs (its own first, then nearest first), and the people
  // per distinct mask.
  const own = riders.map((r) => inst.rHub[r]!);
  const boards = riders.map((r, i) => {
    const out = [own[i]!];
    if (rehub) for (const h of inst.reachableHubs(r)) if (h !== own[i] && slot.has(h)) out.push(h);
    return out;
  });
  const maskOf = boards.map((hs) => hs.reduce((m, h) => m | (1 << slot.get(h)!), 0));
  const groups = new Map<number, number>();
  riders.forEach((r, i) => {
    groups.set(maskOf[i]!, (groups.get(maskOf[i]!) ?? 0) + inst.rSeats[r]!);
  });
  const groupMasks = [...groups.keys()];
  const groupPeople = groupMasks.map((m) => groups.get(m)!);
  const priced = [new Map<number, number>(), new Map<number, number>()];
  const list: number[] = [];
  const cost = (side: 0 | 1, mask: number): number => {
    const known = priced[side]!.get(mask);
    if (known !== undefined) return known;
    const d = side === 0 ? a : b;
    list.length = 0;
    for (let k = 0; k < H; k++) if (mask & (1 << k)) list.push(rep[k]!);
    budget.pricings--;
    const t = list.length === 0 ? cars.base[d]! : inst.routeDetour(d, list, list.length);
    const c = t <= inst.dLim[d]! ? t - cars.base[d]! : Number.POSITIVE_INFINITY;
    priced[side]!.set(mask, c);
    return c;
  };
  const now = cars.det[a]! - cars.base[a]! + cars.det[b]! - cars.base[b]!;
  const seatsA = inst.dSeats[a]!;
  const seatsB = inst.dSeats[b]!;
  // Every split: hub k is a's (0), b's (1), both's (2) or, with rehub, neither's (3).
  const states = rehub ? 4 : 3;
  const options: { maskA: number; maskB: number; cost: number }[] = [];
  const total = states ** H;
  for (let code = 0; code < total; code++) {
    let maskA = 0;
    let maskB = 0;
    for (let k = 0, c = code; k < H; k++, c = Math.floor(c / states)) {
      const t = c % states;
      if (t === 0 || t === 2) maskA |= 1 << k;
      if (t === 1 || t === 2) maskB |= 1 << k;
    }
    let pa = 0;
    let pb = 0;
    let pab = 0;
    let ok = true;
    for (let g = 0; g < groupMasks.length && ok; g++) {
      const inA = (groupMasks[g]! & maskA) !== 0;
      const inB = (groupMasks[g]! & maskB) !== 0;
      if (inA && inB) pab += groupPeople[g]!;
      else if (inA) pa += groupPeople[g]!;
      else if (inB) pb += groupPeople[g]!;
      else ok = false;
    }
    if (!ok || pa > seatsA || pb > seatsB || pa + pb + pab > seatsA + seatsB) continue;
    const ca = cost(0, maskA);
    if (ca === Number.POSITIVE_INFINITY) continue;
    const cb = cost(1, maskB);
    if (ca + cb < now - EPS) options.push({ maskA, maskB, cost: ca + cb });
  }
  options.sort((x, y) => x.cost - y.cost);
  let tries = 0;
  for (const o of options) {
    if (++tries > REGROUP_TRIES || budget.pricings <= 0) break;
    budget.pricings -= 2;
    const toA: number[] = [];
    const toB: number[] = [];
    let freeA = seatsA;
    let freeB = seatsB;
    const shared: number[] = [];
    let ok = true;
    riders.forEach((r, i) => {
      const inA = (maskOf[i]! & o.maskA) !== 0;
      const inB = (maskOf[i]! & o.maskB) !== 0;
      if (inA && inB) shared.push(i);
      else if (inA) {
        toA.push(i);
        freeA -= inst.rSeats[r]!;
        ok &&= inst.compatible(a, r);
      } else {
        toB.push(i);
        freeB -= inst.rSeats[r]!;
        ok &&= inst.compatible(b, r);
      }
    });
    if (!ok || freeA < 0 || freeB < 0) continue;
    shared.sort((x, y) => inst.rSeats[riders[y]!]! - inst.rSeats[riders[x]!]! || riders[x]! - riders[y]!);
    for (const i of shared) {
      const r = riders[i]!;
      const s = inst.rSeats[r]!;
      if (s <= freeA && inst.compatible(a, r)) {
        toA.push(i);
        freeA -= s;
      } else if (s <= freeB && inst.compatible(b, r)) {
        toB.push(i);
        freeB -= s;
      } else ok = false;
    }
    if (!ok) continue;
    // Each rider boards at their own hub if their coach stops there, else the nearest in reach it stops at.
    if (rehub) {
      const board = (i: number, mask: number) => {
        const h = boards[i]!.find((x) => (mask & (1 << slot.get(x)!)) !== 0)!;
        if (h !== own[i]) inst.setHub(riders[i]!, h);
      };
      for (const i of toA) board(i, o.maskA);
      for (const i of toB) board(i, o.maskB);
    }
    const listA = toA.map((i) => riders[i]!);
    const listB = toB.map((i) => riders[i]!);
    const detA = listA.length === 0 ? cars.base[a]! : inst.routeDetour(a, listA, listA.length);
    const detB = listB.length === 0 ? cars.base[b]! : inst.routeDetour(b, listB, listB.length);
    if (detA > inst.dLim[a]! || detB > inst.dLim[b]! || detA - cars.base[a]! + detB - cars.base[b]! >= now - EPS) {
      riders.forEach((r, i) => {
        if (inst.rHub[r] !== own[i]) inst.setHub(r, own[i]!);
      });
      continue;
    }
    for (const r of riders) cars.remove(r, cars.carOf[r] === a ? detA : detB);
    for (const r of listA) cars.add(r, a, detA);
    for (const r of listB) cars.add(r, b, detB);
    return true;
  }
  return false;
}
