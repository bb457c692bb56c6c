/**
 * Exact arithmetic for the budget: every amount is a fraction of two BigInts, never a binary float.
 *
 * Why fractions and not a fixed scale: the allocation keys make shares such as 4979/78033, which have
 * no finite decimal expansion, and indexation compounds (1.004³ has 9 decimals). With a fraction nothing
 * is cut off before display, so a total rounded to the cent is the true total rounded, and a figure
 * computed twice in different orders is the same figure. Inputs are decimals (`43767.36`, `0.4`);
 * outputs are rounded to a unit (cents, 0.01 fte) only where they are shown (see rounding.ts).
 *
 * Rounding of a single figure is "half away from zero" (commercial rounding: 0.005 → 0.01,
 * −0.005 → −0.01), the usual rule in Dutch municipal budgets.
 */

import { formatUnits } from '../format/index.ts';

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export class Exact {
  /** Numerator and (positive) denominator, in lowest terms. */
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Exact(0n, 1n);
  static readonly ONE = new Exact(1n, 1n);

  static frac(n: bigint, d: bigint = 1n): Exact {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n, d);
    return g > 1n ? new Exact(n / g, d / g) : new Exact(n, d);
  }

  static int(n: number | bigint): Exact {
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new RangeError(`not an integer: ${n}`);
    return new Exact(BigInt(n), 1n);
  }

  /**
   * A decimal as written: `"43767.36"`, `"-0.4"`, `12`. A JS number is read through its shortest
   * decimal representation (what YAML's author typed, for up to 15 significant digits); exponent
   * notation and non-finite numbers are refused.
   */
  static parse(x: string | number | bigint): Exact {
    if (typeof x === 'bigint') return Exact.int(x);
    const s = typeof x === 'number' ? String(x) : x.trim();
    const m = DECIMAL.exec(s);
    if (!m) throw new RangeError(`not a decimal number: ${JSON.stringify(x)}`);
    const digits = m[3] ?? '';
    const n = BigInt(m[2] + digits) * (m[1] ? -1n : 1n);
    return Exact.frac(n, 10n ** BigInt(digits.length));
  }

  /** `parse` for a percentage: `"20"` → 1/5. */
  static percent(x: string | number): Exact {
    return Exact.parse(x).div(Exact.int(100));
  }

  /** Number of decimals the value has when written out exactly, or undefined when it has no finite expansion. */
  decimals(): number | undefined {
    let d = this.d;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) { d /= 2n; twos++; }
    while (d % 5n === 0n) { d /= 5n; fives++; }
    return d === 1n ? Math.max(twos, fives) : undefined;
  }

  add(o: Exact): Exact { return Exact.frac(this.n * o.d + o.n * this.d, this.d * o.d); }
  sub(o: Exact): Exact { return Exact.frac(this.n * o.d - o.n * this.d, this.d * o.d); }
  mul(o: Exact): Exact { return Exact.frac(this.n * o.n, this.d * o.d); }
  div(o: Exact): Exact { return Exact.frac(this.n * o.d, this.d * o.n); }
  neg(): Exact { return new Exact(-this.n, this.d); }
  /** this^k for an integer k ≥ 0. */
  pow(k: number): Exact {
    let r: Exact = Exact.ONE;
    for (let i = 0; i < k; i++) r = r.mul(this);
    return r;
  }

  cmp(o: Exact): number {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Exact): boolean { return this.n === o.n && this.d === o.d; }
  isZero(): boolean { return this.n === 0n; }
  sign(): number { return this.n < 0n ? -1 : this.n > 0n ? 1 : 0; }
  isInteger(): boolean { return this.d === 1n; }

  floor(): bigint {
    const q = this.n / this.d;
    return this.n < 0n && q * this.d !== this.n ? q - 1n : q;
  }
  ceil(): bigint {
    const f = this.floor();
    return f * this.d === this.n ? f : f + 1n;
  }

  /** The value in units of 1/scale (cents: scale 100), rounded half away from zero. */
  roundUnits(scale: bigint): bigint {
    const v = this.mul(Exact.int(scale));
    const twice = (v.n < 0n ? -v.n : v.n) * 2n + v.d; // |v|·2 + 1, over 2
    const r = twice / (2n * v.d);
    return v.n < 0n ? -r : r;
  }

  /** Written out with `places` decimals (rounded half away from zero), dot decimal, no grouping. */
  toFixed(places: number): string {
    return formatUnits(this.roundUnits(10n ** BigInt(places)), places);
  }

  /** The exact decimal expansion when it is finite (for tests and messages), else a fraction. */
  toString(): string {
    const k = this.decimals();
    return k === undefined ? `${this.n}/${this.d}` : this.toFixed(k);
  }

  /** For checks that need an approximate magnitude only (never for amounts that are shown). */
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }
}

export function sum(xs: Iterable<Exact>): Exact {
  let s = Exact.ZERO;
  for (const x of xs) s = s.add(x);
  return s;
}
