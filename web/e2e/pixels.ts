import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];

/** A screenshot's pixels, decoded here in the test (not in the page under test). */
export class Pixels {
  readonly width: number;
  readonly height: number;
  private readonly data: Buffer;

  constructor(png: Buffer) {
    const image = PNG.sync.read(png);
    this.width = image.width;
    this.height = image.height;
    this.data = image.data;
  }

  /** The colour of every pixel in the rectangle (whole pixels, clipped to the image), row by row. */
  *colours(x = 0, y = 0, w = this.width - x, h = this.height - y): Generator<Rgb> {
    const [x0, y0] = [Math.max(0, Math.round(x)), Math.max(0, Math.round(y))];
    const [x1, y1] = [Math.min(this.width, Math.round(x + w)), Math.min(this.height, Math.round(y + h))];
    for (let row = y0; row < y1; row++) {
      for (let col = x0; col < x1; col++) {
        const i = (row * this.width + col) * 4;
        yield [this.data[i]!, this.data[i + 1]!, this.data[i + 2]!];
      }
    }
  }

  /** Share of the rectangle's pixels passing `test`. */
  share(test: (c: Rgb) => boolean, x?: number, y?: number, w?: number, h?: number): number {
    let n = 0;
    let total = 0;
    for (const c of this.colours(x, y, w, h)) {
      total++;
      if (test(c)) n++;
    }
    return total === 0 ? 0 : n / total;
  }

  /** How many different colours the rectangle holds. */
  distinct(x?: number, y?: number, w?: number, h?: number): number {
    const seen = new Set<number>();
    for (const [r, g, b] of this.colours(x, y, w, h)) seen.add((r << 16) | (g << 8) | b);
    return seen.size;
  }
}

/** Within `tolerance` of `target`, summing the three channels' differences. */
export const near = (target: Rgb, tolerance: number) => (c: Rgb) =>
  Math.abs(c[0] - target[0]) + Math.abs(c[1] - target[1]) + Math.abs(c[2] - target[2]) <= tolerance;

export const hexRgb = (hex: string): Rgb => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb;
