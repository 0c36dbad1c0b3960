import type { Cars, Instance } from './instance.ts';

/** Pairs of coaches whose hubs together number more are left alone (3^8 splits at most per pair). */
const MAX_PAIR_HUBS = 8;
const EPS = 1e-9;

/**
 * Two coaches re-share their riders hub by hub: a coach's detour depends only on the hubs it stops at, so for each
 * pair (by index) every way of giving each of their hubs to one coach, the other or both is priced from one rider per
 * hub (the latest ready: a stop waits for everyone boarding there), and the cheapest that is cheaper than now and
 * whose parties fit (the hubs of both filled into the first coach while a party fits, largest first) is applied after
 * pricing both real routes again (limit, time). Nobody leaves the coaches, so people stay and detour only falls; the
 * search fills coaches one rider at a time and leaves several stopping at the same hubs. Until a pass over the pairs
 * changes nothing, at most `passes`. Returns the pairs re-shared.
 */
export function regroupCoaches(inst: Instance, cars: Cars, passes = 3): number {
  const coaches: number[] = [];
  for (let d = 0; d < inst.nD; d++) if (inst.dCoach[d] === 1) coaches.push(d);
  let changed = 0;
  for (let pass = 0; pass < passes; pass++) {
    const before = changed;
    for (let i = 0; i < coaches.length; i++) {
      for (let j = i + 1; j < coaches.length; j++) if (regroupPair(inst, cars, coaches[i]!, coaches[j]!)) changed++;
    }
    if (changed === before) break;
  }
  return changed;
}

function regroupPair(inst: Instance, cars: Cars, a: number, b: number): boolean {
  const riders = [...cars.members[a]!, ...cars.members[b]!];
  if (riders.length === 0) return false;
  const hubs = [...new Set(riders.map((r) => inst.rHub[r]!))].sort((x, y) => x - y);
  const H = hubs.length;
  if (H > MAX_PAIR_HUBS || hubs[0]! < 0) return false;
  const slot = new Map(hubs.map((h, k) => [h, k]));
  const rep = new Array<number>(H).fill(-1);
  const people = new Array<number>(H).fill(0);
  for (const r of riders) {
    const k = slot.get(inst.rHub[r]!)!;
    people[k]! += inst.rSeats[r]!;
    if (rep[k] === -1 || inst.rReady[r]! > inst.rReady[rep[k]!]!) rep[k] = r;
  }
  const priced = [new Map<number, number>(), new Map<number, number>()];
  const list: number[] = [];
  const cost = (side: 0 | 1, mask: number): number => {
    const known = priced[side]!.get(mask);
    if (known !== undefined) return known;
    const d = side === 0 ? a : b;
    list.length = 0;
    for (let k = 0; k < H; k++) if (mask & (1 << k)) list.push(rep[k]!);
    const t = list.length === 0 ? cars.base[d]! : inst.routeDetour(d, list, list.length);
    const c = t <= inst.dLim[d]! ? t - cars.base[d]! : Number.POSITIVE_INFINITY;
    priced[side]!.set(mask, c);
    return c;
  };
  const now = cars.det[a]! - cars.base[a]! + cars.det[b]! - cars.base[b]!;
  const seatsA = cars.free[a]! + sumSeats(inst, cars.members[a]!);
  const seatsB = cars.free[b]! + sumSeats(inst, cars.members[b]!);
  // Every split: hub k goes to a (0), b (1) or both (2).
  const options: { onlyA: number; onlyB: number; both: number; cost: number }[] = [];
  const total = 3 ** H;
  for (let code = 0; code < total; code++) {
    let onlyA = 0;
    let onlyB = 0;
    let both = 0;
    let pa = 0;
    let pb = 0;
    let pboth = 0;
    for (let k = 0, c = code; k < H; k++, c = Math.floor(c / 3)) {
      const t = c % 3;
      if (t === 0) [onlyA, pa] = [onlyA | (1 << k), pa + people[k]!];
      else if (t === 1) [onlyB, pb] = [onlyB | (1 << k), pb + people[k]!];
      else [both, pboth] = [both | (1 << k), pboth + people[k]!];
    }
    if (pa > seatsA || pb > seatsB || pa + pb + pboth > seatsA + seatsB) continue;
    const ca = cost(0, onlyA | both);
    if (ca === Number.POSITIVE_INFINITY) continue;
    const cb = cost(1, onlyB | both);
    if (ca + cb < now - EPS) options.push({ onlyA, onlyB, both, cost: ca + cb });
  }
  options.sort((x, y) => x.cost - y.cost);
  for (const o of options) {
    const toA: number[] = [];
    const toB: number[] = [];
    let freeA = seatsA;
    let freeB = seatsB;
    const shared: number[] = [];
    let ok = true;
    for (const r of riders) {
      const bit = 1 << slot.get(inst.rHub[r]!)!;
      if (o.both & bit) shared.push(r);
      else if (o.onlyA & bit) {
        toA.push(r);
        freeA -= inst.rSeats[r]!;
        ok &&= inst.compatible(a, r);
      } else {
        toB.push(r);
        freeB -= inst.rSeats[r]!;
        ok &&= inst.compatible(b, r);
      }
    }
    if (!ok || freeA < 0 || freeB < 0) continue;
    shared.sort((x, y) => inst.rSeats[y]! - inst.rSeats[x]! || x - y);
    for (const r of shared) {
      const s = inst.rSeats[r]!;
      if (s <= freeA && inst.compatible(a, r)) {
        toA.push(r);
        freeA -= s;
      } else if (s <= freeB && inst.compatible(b, r)) {
        toB.push(r);
        freeB -= s;
      } else ok = false;
    }
    if (!ok) continue;
    const detA = toA.length === 0 ? cars.base[a]! : inst.routeDetour(a, toA, toA.length);
    const detB = toB.length === 0 ? cars.base[b]! : inst.routeDetour(b, toB, toB.length);
    if (detA > inst.dLim[a]! || detB > inst.dLim[b]!) continue;
    if (detA - cars.base[a]! + detB - cars.base[b]! >= now - EPS) continue;
    for (const r of riders) cars.remove(r, cars.carOf[r] === a ? detA : detB);
    for (const r of toA) cars.add(r, a, detA);
    for (const r of toB) cars.add(r, b, detB);
    return true;
  }
  return false;
}

function sumSeats(inst: Instance, rs: readonly number[]): number {
  let s = 0;
  for (const r of rs) s += inst.rSeats[r]!;
  return s;
}
