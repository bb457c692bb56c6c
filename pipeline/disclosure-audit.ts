/**
 * The disclosure audit: for every hidden count, the smallest and largest value an outsider can derive from
 * everything a release publishes, by linear programming (HiGHS, compiled to WebAssembly: the `highs` package).
 *
 * The outsider's knowledge: every published count (a shown 0 is 0), every relation between counts
 * (disclosure-relations.ts), and that a hidden count is at least 1 (zeros are published, and only non-zero
 * cells are ever hidden). What the mark of a hidden cell says adds nothing: every hidden cell shows the same.
 *
 * The rule (as τ-ARGUS's audit of a suppression pattern: each sensitive cell's feasibility interval must
 * reach its upper and lower protection level): a count of 1 .. min_cel−1 is safe when the outsider's interval
 * holds at least min_cel−1 whole numbers (as many as "1 to min_cel−1"), so the release tells no more than a
 * "<min_cel" would; any other hidden count is safe when it cannot be worked back exactly.
 *
 * The problem falls apart into components: hidden cells linked by a relation in which more than one of them
 * occurs (in practice one indicator family and year, with the areas and related indicators). Each component is
 * one LP; one solve can prove many cells safe at once (a vertex that pushes several cells to their protection
 * levels), so most cells need no solve of their own.
 */
import { createRequire } from 'node:module';
import type { Relation } from './disclosure-relations.ts';

/** Largest value any count can take (bounds the LP; far above any count of persons in the Netherlands). */
const CAP = 1e8;
const EPS = 1e-6;

export interface AuditInput {
  /** Real value of every cell (indices as in the relations). */
  values: number[];
  hidden: ArrayLike<boolean | number>;
  /** Cells whose real value is 1 .. min_cel−1 (their interval must hold min_cel−1 whole numbers). */
  sensitive: ArrayLike<boolean | number>;
  relations: Relation[];
  minCel: number;
}

export interface Exposure {
  cell: number;
  /** What the outsider can derive: the value lies in [lo, hi] (after rounding to whole numbers). */
  lo: number;
  hi: number;
}

// The package is CommonJS (with an ES build whose types TypeScript does not see): loaded by require.
type Loader = typeof import('highs', { with: { 'resolution-mode': 'require' } }).default;
const loadHighs: Loader = createRequire(import.meta.url)('highs');
type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  return (highsPromise ??= loadHighs());
}

/** A component of the LP: its hidden cells and the relations that constrain them. */
export interface Component {
  cells: number[];
  relations: number[];
}

/** Hidden cells linked by relations, and the relations that constrain each group. */
export function components(input: Pick<AuditInput, 'hidden' | 'relations'>): Component[] {
  const { hidden, relations } = input;
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const n = parent.get(c)!;
      parent.set(c, r);
      c = n;
    }
    return r;
  };
  for (const rel of relations) {
    let first = -1;
    for (const c of rel.cells) {
      if (!hidden[c]) continue;
      if (!parent.has(c)) parent.set(c, c);
      if (first < 0) first = c;
      else {
        const a = find(first), b = find(c);
        if (a !== b) parent.set(b, a);
      }
    }
  }
  const byRoot = new Map<number, Component>();
  for (const c of parent.keys()) {
    const r = find(c);
    let comp = byRoot.get(r);
    if (!comp) byRoot.set(r, (comp = { cells: [], relations: [] }));
    comp.cells.push(c);
  }
  relations.forEach((rel, i) => {
    const h = rel.cells.find((c) => hidden[c]);
    if (h !== undefined) byRoot.get(find(h))!.relations.push(i);
  });
  return [...byRoot.values()].map((c) => ({ cells: c.cells.sort((a, b) => a - b), relations: c.relations }));
}

/** Audits one component: the cells an outsider can pin down more tightly than their protection interval. */
export async function auditComponent(input: AuditInput, comp: Component, intervals = true, check?: Set<number>): Promise<Exposure[]> {
  const h = await highs();
  const { values, hidden, sensitive, relations, minCel } = input;
  const col = new Map<number, number>();
  comp.cells.forEach((c, j) => col.set(c, j));
  const starts = [0];
  const indices: number[] = [];
  const coefs: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const ri of comp.relations) {
    const rel = relations[ri];
    let rhs = 0;
    rel.cells.forEach((c, k) => {
      if (hidden[c]) {
        indices.push(col.get(c)!);
        coefs.push(rel.coef[k]);
      } else rhs -= rel.coef[k] * values[c];
    });
    starts.push(indices.length);
    rowLower.push(rel.kind === 'le' ? -h.infinity : rhs);
    rowUpper.push(rel.kind === 'ge' ? h.infinity : rhs);
  }
  const n = comp.cells.length;
  // Required width of the outsider's interval: as many whole numbers as "1 to min_cel−1" for a small count,
  // two (not exact) for another hidden count. Proved by two feasible points far enough apart: the real
  // values are one; every solve adds one more.
  const width = comp.cells.map((c) => (sensitive[c] ? minCel - 2 : 1));
  const seenLo = comp.cells.map((c) => values[c]);
  const seenHi = comp.cells.map((c) => values[c]);
  const open = new Set<number>();
  comp.cells.forEach((c, j) => width[j] > 0 && (!check || check.has(c)) && open.add(j));
  const model = h.createModel({
    numCols: n, numRows: comp.relations.length, colCost: new Float64Array(n),
    colLower: comp.cells.map((c) => Math.min(1, values[c])), colUpper: new Float64Array(n).fill(CAP),
    rowLower, rowUpper,
    matrix: { format: 'csr', numRows: comp.relations.length, numCols: n, starts: new Int32Array(starts), indices: new Int32Array(indices), values: new Float64Array(coefs) },
  });
  try {
    model.options.set({ output_flag: false });
    const solve = (cols: number[], sense: 'min' | 'max'): Float64Array => {
      const cost = new Float64Array(n);
      for (const j of cols) cost[j] = 1;
      return solveWith(cost, sense);
    };
    const solveWith = (cost: Float64Array, sense: 'min' | 'max'): Float64Array => {
      model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost);
      model.changeObjectiveSense(sense === 'max' ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize);
      model.run();
      const status = model.getModelStatus();
      if (status !== h.constants.modelStatus.optimal) {
        throw new Error(`disclosure audit: the LP of ${n} hidden cells ended with status ${status}, not optimal`);
      }
      const x = model.getSolution().colValue;
      for (let j = 0; j < n; j++) {
        if (x[j] < seenLo[j]) seenLo[j] = x[j];
        if (x[j] > seenHi[j]) seenHi[j] = x[j];
      }
      for (const j of [...open]) if (seenHi[j] - seenLo[j] >= width[j] - EPS) open.delete(j);
      return x;
    };
    /** Pushes `up` up and `down` down at once. */
    const mixed = (up: number[], down: number[]) => {
      const cost = new Float64Array(n);
      for (const j of up) cost[j] = 1;
      for (const j of down) cost[j] = -1;
      solveWith(cost, 'max');
    };
    // Many cells at once: push all open cells up, then down, then in mixed directions, while that proves
    // something (a fixed pseudo-random mix, so the result does not depend on chance).
    let seed = 1;
    for (let round = 0, before = Infinity; open.size && open.size < before; round++) {
      before = open.size;
      if (round === 0) {
        solve([...open], 'max');
        if (open.size) solve([...open], 'min');
      } else {
        const up: number[] = [];
        for (const j of open) {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          if (seed & 0x4000) up.push(j);
        }
        mixed(up, [...open].filter((j) => !up.includes(j)));
      }
    }
    // The rest one by one: their real extremes. What is still open after both is exposed.
    for (const j of [...open]) {
      if (!open.has(j)) continue;
      solve([j], 'max');
      if (open.has(j)) solve([j], 'min');
    }
    // For the message: the outsider's whole interval of each exposed cell.
    return [...open].sort((a, b) => a - b).map((j) => ({
      cell: comp.cells[j],
      lo: intervals ? Math.ceil(solve([j], 'min')[j] - EPS) : NaN,
      hi: intervals ? Math.floor(solve([j], 'max')[j] + EPS) : NaN,
    }));
  } finally {
    model.dispose();
  }
}

/**
 * Interval propagation: bounds of every hidden cell from each relation in turn (the others' bounds), until
 * nothing changes. Weaker than the LP (it never finds more than the LP does) but fast: the suppression uses
 * it to find most exposed cells before the LP has to.
 */
export function propagate(input: AuditInput, comp: Component): Exposure[] {
  const { values, hidden, sensitive, relations, minCel } = input;
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  for (const c of comp.cells) {
    lo.set(c, Math.min(1, values[c]));
    hi.set(c, Infinity);
  }
  const bound = (c: number, l: number, h: number): boolean => {
    let changed = false;
    if (l > lo.get(c)! + EPS) lo.set(c, l), (changed = true);
    if (h < hi.get(c)! - EPS) hi.set(c, h), (changed = true);
    return changed;
  };
  for (let pass = 0, changed = true; changed && pass < 100; pass++) {
    changed = false;
    for (const ri of comp.relations) {
      const rel = relations[ri];
      // Σ coef·x (kind) 0: for each hidden cell, the range of −Σ(others) / coef.
      let sumLo = 0, sumHi = 0;
      const term = (k: number): [number, number] => {
        const c = rel.cells[k], a = rel.coef[k];
        if (!hidden[c]) return [a * values[c], a * values[c]];
        return a > 0 ? [a * lo.get(c)!, a * hi.get(c)!] : [a * hi.get(c)!, a * lo.get(c)!];
      };
      const terms = rel.cells.map((_, k) => term(k));
      for (const [l, h] of terms) (sumLo += l), (sumHi += h);
      rel.cells.forEach((c, k) => {
        if (!hidden[c]) return;
        const a = rel.coef[k];
        const [tl, th] = terms[k];
        // others ∈ [sumLo − tl, sumHi − th]; a·x = −others for eq, ≤ −others for le, ≥ −others for ge.
        const oLo = sumLo - tl, oHi = sumHi - th;
        let axLo = -Infinity, axHi = Infinity;
        if (rel.kind !== 'ge') axHi = -oLo;
        if (rel.kind !== 'le') axLo = -oHi;
        const [l, h] = a > 0 ? [axLo / a, axHi / a] : [axHi / a, axLo / a];
        if (bound(c, Number.isNaN(l) ? -Infinity : l, Number.isNaN(h) ? Infinity : h)) changed = true;
      });
    }
  }
  const out: Exposure[] = [];
  for (const c of comp.cells) {
    const l = Math.ceil(lo.get(c)! - EPS), h = Math.floor(hi.get(c)! + EPS);
    if (h - l < (sensitive[c] ? minCel - 2 : 1)) out.push({ cell: c, lo: l, hi: h });
  }
  return out;
}

export interface AuditOptions {
  /**
   * Only these cells (and so only their components). Enough after hiding more cells: a hidden cell that was
   * safe stays safe when another is hidden (a published constant becomes one more unknown: every interval
   * can only grow), so only the cells that were exposed and the newly hidden ones need checking.
   */
  only?: Set<number>;
  /** Interval propagation only (fast, finds less), instead of the LP. */
  quick?: boolean;
  /** Compute each exposed cell's interval (two more LPs per cell; for messages). */
  intervals?: boolean;
}

/**
 * Audits every component (or those of `only`). The solver runs synchronously, so every 64 components the
 * loop gives the event loop a turn: Ctrl-C (the interrupt handler) and the progress display keep working
 * during a long audit.
 */
export async function audit(input: AuditInput, o: AuditOptions = {}): Promise<Exposure[]> {
  const out: Exposure[] = [];
  let n = 0;
  for (const comp of components(input)) {
    if (o.only && !comp.cells.some((c) => o.only!.has(c))) continue;
    if (++n % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    out.push(...(o.quick ? propagate(input, comp) : await auditComponent(input, comp, o.intervals ?? true, o.only)));
  }
  return out;
}
