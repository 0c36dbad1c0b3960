/** Binary min-heap of (key, node), ties by node; lazy deletion is the caller's (skip nodes already settled). */
export class Heap {
  private k = new Float64Array(256);
  private n = new Int32Array(256);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  topKey(): number {
    return this.k[0]!;
  }

  push(key: number, node: number): void {
    if (this.size === this.k.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.k);
      this.k = k;
      const n = new Int32Array(this.size * 2);
      n.set(this.n);
      this.n = n;
    }
    let c = this.size++;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (this.k[p]! < key || (this.k[p] === key && this.n[p]! <= node)) break;
      this.k[c] = this.k[p]!;
      this.n[c] = this.n[p]!;
      c = p;
    }
    this.k[c] = key;
    this.n[c] = node;
  }

  pop(): number {
    const top = this.n[0]!;
    const lastK = this.k[--this.size]!;
    const lastN = this.n[this.size]!;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= this.size) break;
      const r = l + 1;
      let s = l;
      if (r < this.size && (this.k[r]! < this.k[l]! || (this.k[r] === this.k[l] && this.n[r]! < this.n[l]!))) s = r;
      if (this.k[s]! > lastK || (this.k[s] === lastK && this.n[s]! >= lastN)) break;
      this.k[c] = this.k[s]!;
      this.n[c] = this.n[s]!;
      c = s;
    }
    this.k[c] = lastK;
    this.n[c] = lastN;
    return top;
  }
}
