import { unitGcKm } from './geometry.ts';
import type { Instance } from './instance.ts';
import { BoxTree } from './tree.ts';

/**
 * Internal: what a group of drivers (a grid cell, a tree node) tells a search about any pair detour through one of
 * them — the largest d(D, E), detour limit and seat count, and whether any car is accessible — so it can skip the
 * group without looking inside.
 */
export class DriverGroups {
  readonly maxDE: Float64Array;
  readonly maxLim: Float64Array;
  readonly maxSeats: Int32Array;
  readonly anyAcc: Uint8Array;

  constructor(
    protected readonly inst: Instance,
    groups: number,
  ) {
    this.maxDE = new Float64Array(groups);
    this.maxLim = new Float64Array(groups);
    this.maxSeats = new Int32Array(groups);
    this.anyAcc = new Uint8Array(groups);
  }

  /** Group k is the drivers items[from .. to). */
  fill(k: number, items: Int32Array, from: number, to: number): void {
    const { dDE, dLim, dSeats, dAcc } = this.inst;
    for (let p = from; p < to; p++) {
      const d = items[p]!;
      this.maxDE[k] = Math.max(this.maxDE[k]!, dDE[d]!);
      this.maxLim[k] = Math.max(this.maxLim[k]!, dLim[d]!);
      this.maxSeats[k] = Math.max(this.maxSeats[k]!, dSeats[d]!);
      if (dAcc[d] === 1) this.anyAcc[k] = 1;
    }
  }

  /** Group k is groups l and r together. */
  join(k: number, l: number, r: number): void {
    this.maxDE[k] = Math.max(this.maxDE[l]!, this.maxDE[r]!);
    this.maxLim[k] = Math.max(this.maxLim[l]!, this.maxLim[r]!);
    this.maxSeats[k] = Math.max(this.maxSeats[l]!, this.maxSeats[r]!);
    this.anyAcc[k] = this.anyAcc[l]! | this.anyAcc[r]!;
  }
}

/** Driver groups as the nodes of a box tree over driver origins, with a lower bound on a rider's pair detour. */
export class DriverTree extends DriverGroups {
  readonly t: BoxTree;
  /** Per node: great-circle km from the node's centre point to the event. */
  private readonly cE: Float64Array;

  constructor(inst: Instance, leafSize: number) {
    const t = new BoxTree(inst.dU, inst.nD, leafSize);
    super(inst, t.nodes);
    this.t = t;
    t.bottomUp(
      (k) => this.fill(k, t.items, t.lo[k]!, t.hi[k]!),
      (k, l, r) => this.join(k, l, r),
    );
    this.cE = new Float64Array(t.nodes);
    for (let k = 0; k < t.nodes; k++) this.cE[k] = unitGcKm(t.cx[k]!, t.cy[k]!, t.cz[k]!, inst.ex, inst.ey, inst.ez);
  }

  /**
   * Lower bound of the pair detour of a rider at (x, y, z), with d(R, E) = re, with any driver of node n: by the box
   * (chord to it, less the largest d(D, E)) or by the centre (d(D, E) ≤ d(c, E) + reach), whichever is larger.
   */
  pairLb(n: number, x: number, y: number, z: number, re: number): number {
    const t = this.t;
    const rf = this.inst.rf;
    const a = t.lowerKm(n, x, y, z) * rf - this.maxDE[n]!;
    const b = (unitGcKm(x, y, z, t.cx[n]!, t.cy[n]!, t.cz[n]!) - this.cE[n]! - 2 * t.reach[n]!) * rf;
    return Math.max(a, b) + re;
  }
}

/** Internal: a box tree over rider origins whose nodes know their smallest d(R, E) and party. */
export class RiderTree {
  readonly t: BoxTree;
  readonly minRE: Float64Array;
  readonly minSeats: Int32Array;

  constructor(
    private readonly inst: Instance,
    leafSize: number,
  ) {
    const { nR, rU, rRE, rSeats } = inst;
    const t = new BoxTree(rU, nR, leafSize);
    this.t = t;
    const minRE = new Float64Array(t.nodes).fill(Number.POSITIVE_INFINITY);
    const minSeats = new Int32Array(t.nodes).fill(1 << 30);
    t.bottomUp(
      (k) => {
        for (let p = t.lo[k]!; p < t.hi[k]!; p++) {
          const r = t.items[p]!;
          if (rRE[r]! < minRE[k]!) minRE[k] = rRE[r]!;
          if (rSeats[r]! < minSeats[k]!) minSeats[k] = rSeats[r]!;
        }
      },
      (k, l, r) => {
        minRE[k] = Math.min(minRE[l]!, minRE[r]!);
        minSeats[k] = Math.min(minSeats[l]!, minSeats[r]!);
      },
    );
    this.minRE = minRE;
    this.minSeats = minSeats;
  }

  /** Lower bound of the pair detour of a driver at (x, y, z), with d(D, E) = de, for any rider in node n. */
  pairLb(n: number, x: number, y: number, z: number, de: number): number {
    return this.t.lowerKm(n, x, y, z) * this.inst.rf + this.minRE[n]! - de;
  }
}
