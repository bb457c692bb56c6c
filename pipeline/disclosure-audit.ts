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
  /**
   * The area of each cell: a gemeente's number, or −1 above gemeente level. With it, a large component is
   * audited in blocks of areas (auditBlocks); without, as one LP.
   */
  area?: ArrayLike<number>;
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

/**
 * A component above this many hidden cells is audited in blocks of areas (see `auditBlocks`) instead of as one LP:
 * a national release has components of 10,000 cells, whose LP takes seconds per solve.
 */
const WHOLE = 500;
/** A block of areas holds about this many hidden cells. */
const BLOCK = 250;

/**
 * Proves what it can of `toProve` (cells of `cells`) safe by LP over the hidden cells `cells`, every other cell at
 * its real value, under the relations `rels` (those touching `cells`). Sound for any subset: a point feasible with
 * the others fixed is feasible for the whole release, so every interval seen is one an outsider cannot exclude.
 * Removes what it proves from `toProve`.
 *
 * The required width of a cell's interval: as many whole numbers as "1 to min_cel−1" for a small count, two (not
 * exact) for another hidden count. Proved by feasible points far enough apart: the real values are one; every
 * solve adds one more.
 */
async function proveBlock(input: AuditInput, cells: number[], rels: number[], toProve: Set<number>, oneByOne?: Set<number>): Promise<void> {
  const { values } = input;
  const n = cells.length;
  const width = cells.map((c) => widthOf(input, c));
  const seenLo = cells.map((c) => values[c]);
  const seenHi = cells.map((c) => values[c]);
  const open = new Set<number>();
  cells.forEach((c, j) => toProve.has(c) && open.add(j));
  if (!open.size) return;
  const { h, model } = await lpOf(input, cells, rels);
  try {
    model.changeObjectiveSense(h.constants.objectiveSense.maximize);
    /** Maximises Σ up − Σ down. */
    const solve = (up: number[], down: number[]) => {
      const cost = new Float64Array(n);
      for (const j of up) cost[j] = 1;
      for (const j of down) cost[j] = -1;
      model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost);
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
      for (const j of [...open]) {
        if (seenHi[j] - seenLo[j] >= width[j] - EPS) {
          open.delete(j);
          toProve.delete(cells[j]);
        }
      }
    };
    // Many cells at once: push all open cells up, then down, then in mixed directions, while that proves
    // something (a fixed pseudo-random mix, so the result does not depend on chance).
    // Then each open cell the way it has moved least so far (some at random the other way, so that cells whose
    // moves conflict get their turn), while that proves something (a fixed pseudo-random mix, so the result does
    // not depend on chance).
    solve([...open], []);
    if (open.size) solve([], [...open]);
    let seed = 1;
    for (let round = 0, idle = 0; open.size && idle < 2 && round < 12; round++) {
      const before = open.size;
      const up: number[] = [];
      const down: number[] = [];
      for (const j of open) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const wantUp = seenHi[j] - values[cells[j]] <= values[cells[j]] - seenLo[j];
        (wantUp !== (seed % 100 < 25 * (round % 2)) ? up : down).push(j);
      }
      solve(up, down);
      idle = open.size < before ? 0 : idle + 1;
    }
    // The rest one by one (of `oneByOne`, default all): their real extremes. What is still open after both is
    // not proved here.
    for (const j of [...open]) {
      if (!open.has(j) || (oneByOne && !oneByOne.has(cells[j]))) continue;
      solve([j], []);
      if (open.has(j)) solve([], [j]);
    }
  } finally {
    model.dispose();
  }
}

/** The LP over the hidden cells `cells` (every other cell at its real value) under the relations `rels`. */
async function lpOf(input: AuditInput, cells: number[], rels: number[]) {
  const h = await highs();
  const { values, relations } = input;
  const col = new Map<number, number>();
  cells.forEach((c, j) => col.set(c, j));
  const starts = [0];
  const indices: number[] = [];
  const coefs: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const ri of rels) {
    const rel = relations[ri];
    let rhs = 0;
    rel.cells.forEach((c, k) => {
      const j = col.get(c);
      if (j !== undefined) {
        indices.push(j);
        coefs.push(rel.coef[k]);
      } else rhs -= rel.coef[k] * values[c];
    });
    starts.push(indices.length);
    rowLower.push(rel.kind === 'le' ? -h.infinity : rhs);
    rowUpper.push(rel.kind === 'ge' ? h.infinity : rhs);
  }
  const n = cells.length;
  const model = h.createModel({
    numCols: n, numRows: rels.length, colCost: new Float64Array(n),
    colLower: cells.map((c) => Math.min(1, values[c])), colUpper: new Float64Array(n).fill(CAP),
    rowLower, rowUpper,
    matrix: { format: 'csr', numRows: rels.length, numCols: n, starts: new Int32Array(starts), indices: new Int32Array(indices), values: new Float64Array(coefs) },
  });
  // Only the objective changes between solves: the basis stays primal feasible, so the primal simplex
  // continues from it (measured: half the time of the default on the demo region's audit).
  model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
  return { h, model };
}

/** How far apart two values an outsider cannot exclude must be (see proveBlock); 0: nothing to prove. */
function widthOf(input: AuditInput, c: number): number {
  return input.sensitive[c] ? input.minCel - 2 : 1;
}

/** The extremes of one cell over the whole component (for a message). */
async function interval(input: AuditInput, comp: Component, c: number): Promise<Exposure> {
  const { h, model } = await lpOf(input, comp.cells, comp.relations);
  try {
    const j = comp.cells.indexOf(c);
    const cost = new Float64Array(comp.cells.length);
    cost[j] = 1;
    model.changeColsCost({ kind: 'range', from: 0, to: comp.cells.length - 1 }, cost);
    const at = (max: boolean) => {
      model.changeObjectiveSense(max ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize);
      model.run();
      return model.getSolution().colValue[j];
    };
    return { cell: c, lo: Math.ceil(at(false) - EPS), hi: Math.floor(at(true) + EPS) };
  } finally {
    model.dispose();
  }
}

/**
 * Audits one component: the cells of `check` (default: all) that cannot be proved safe. A small component is one
 * LP; a large one is proved in blocks (auditBlocks), and what the blocks cannot prove counts as exposed (the
 * suppression then hides one more cell: safe, never optimistic).
 */
async function auditComponent(input: AuditInput, comp: Component, o: AuditOptions): Promise<Exposure[]> {
  const { whole, size } = o.blocks ?? { whole: WHOLE, size: BLOCK };
  const toProve = new Set(comp.cells.filter((c) => widthOf(input, c) > 0 && (!o.only || o.only.has(c))));
  if (comp.cells.length <= whole || !input.area) await proveBlock(input, comp.cells, comp.relations, toProve);
  else await auditBlocks(input, comp, toProve, size);
  const intervals = o.intervals ?? true;
  const out: Exposure[] = [];
  for (const c of [...toProve].sort((a, b) => a - b)) out.push(intervals ? await interval(input, comp, c) : { cell: c, lo: NaN, hi: NaN });
  return out;
}

/**
 * A large component in blocks: the hidden cells of one area (a gemeente) with those of the areas that share most
 * relations with it (so a change in one can be made up in another under the region's total), plus the
 * component's cells above gemeente level. Each block is an LP with every other cell at its real value: what it
 * proves holds for the release (proveBlock). An area whose cells are all proved is skipped; a second pass with
 * blocks four times as large takes what is left.
 */
async function auditBlocks(input: AuditInput, comp: Component, toProve: Set<number>, block: number): Promise<void> {
  const area = input.area!;
  // (every relation of a hidden cell belongs to its component)
  const relsOf = relationsOf(input.relations);
  const top: number[] = [];
  const byArea = new Map<number, number[]>();
  for (const c of comp.cells) {
    if (area[c] < 0) top.push(c);
    else {
      const l = byArea.get(area[c]);
      if (l) l.push(c);
      else byArea.set(area[c], [c]);
    }
  }
  for (const size of [block, 4 * block]) {
    let n = 0;
    for (const [a, own] of byArea) {
      if (!own.some((c) => toProve.has(c))) continue;
      if (++n % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
      // Areas sharing a relation with this area's unproved cells, most shared first.
      const shared = new Map<number, number>();
      for (const c of own) {
        if (!toProve.has(c)) continue;
        for (const ri of relsOf.get(c) ?? []) {
          for (const x of input.relations[ri].cells) {
            if (input.hidden[x] && area[x] >= 0 && area[x] !== a) shared.set(area[x], (shared.get(area[x]) ?? 0) + 1);
          }
        }
      }
      const cells = [...top, ...own];
      for (const [b] of [...shared].sort((p, q) => q[1] - p[1] || p[0] - q[0])) {
        if (cells.length >= size) break;
        cells.push(...byArea.get(b)!);
      }
      const inBlock = new Set(cells);
      const rels = new Set<number>();
      for (const c of cells) for (const ri of relsOf.get(c) ?? []) rels.add(ri);
      const prove = new Set([...toProve].filter((c) => inBlock.has(c)));
      await proveBlock(input, cells, [...rels], prove, new Set(own));
      for (const c of inBlock) if (toProve.has(c) && !prove.has(c)) toProve.delete(c);
    }
    if (!toProve.size) return;
  }
}

const relationIndex = new WeakMap<Relation[], Map<number, number[]>>();
/** The relations of every cell (built once per set of relations). */
export function relationsOf(relations: Relation[]): Map<number, number[]> {
  let index = relationIndex.get(relations);
  if (!index) {
    relationIndex.set(relations, (index = new Map()));
    relations.forEach((rel, i) => {
      for (const c of rel.cells) {
        const l = index!.get(c);
        if (l) l.push(i);
        else index!.set(c, [i]);
      }
    });
  }
  return index;
}

/**
 * The hidden cells within two relations of `cells`, with every relation of theirs: enough for the interval
 * propagation to see what hiding `cells` changed (a hidden cell outside counts as anything from 1 up).
 */
function neighbourhood(input: AuditInput, cells: Iterable<number>): Component {
  const index = relationsOf(input.relations);
  const hops = (from: Iterable<number>) => {
    const rels = new Set<number>();
    const out = new Set<number>();
    for (const c of from) for (const ri of index.get(c) ?? []) rels.add(ri);
    for (const ri of rels) for (const c of input.relations[ri].cells) if (input.hidden[c]) out.add(c);
    return out;
  };
  const near = hops(cells);
  const rels = new Set<number>();
  for (const c of near) for (const ri of index.get(c) ?? []) rels.add(ri);
  return { cells: [...near].sort((a, b) => a - b), relations: [...rels] };
}

/**
 * Interval propagation: bounds of every hidden cell from each relation in turn (the others' bounds), until
 * nothing changes (a worklist of relations whose cells' bounds changed). Weaker than the LP (it never finds more
 * than the LP does) but fast: the suppression uses it to find most exposed cells before the LP has to.
 */
export function propagate(input: AuditInput, comp: Component): Exposure[] {
  const { values, hidden, relations } = input;
  const pos = new Map<number, number>();
  comp.cells.forEach((c, j) => pos.set(c, j));
  const lo = Float64Array.from(comp.cells, (c) => Math.min(1, values[c]));
  const hi = new Float64Array(comp.cells.length).fill(Infinity);
  const relsOf: number[][] = comp.cells.map(() => []);
  for (const ri of comp.relations) for (const c of relations[ri].cells) if (hidden[c] && pos.has(c)) relsOf[pos.get(c)!].push(ri);
  const queue = [...comp.relations];
  const queued = new Set(queue);
  for (let head = 0; head < queue.length && head < 100 * comp.relations.length; head++) {
    const ri = queue[head];
    queued.delete(ri);
    const rel = relations[ri];
    // Σ coef·x (kind) 0: for each hidden cell, the range of −Σ(others) / coef.
    let sumLo = 0, sumHi = 0;
    const tl = new Float64Array(rel.cells.length), th = new Float64Array(rel.cells.length);
    rel.cells.forEach((c, k) => {
      const a = rel.coef[k];
      const j = pos.get(c);
      if (!hidden[c]) (tl[k] = a * values[c]), (th[k] = a * values[c]);
      // (a hidden cell outside: anything from 1 up)
      else if (j === undefined) a > 0 ? ((tl[k] = a * Math.min(1, values[c])), (th[k] = Infinity)) : ((tl[k] = -Infinity), (th[k] = a * Math.min(1, values[c])));
      else if (a > 0) (tl[k] = a * lo[j]), (th[k] = a * hi[j]);
      else (tl[k] = a * hi[j]), (th[k] = a * lo[j]);
      sumLo += tl[k];
      sumHi += th[k];
    });
    rel.cells.forEach((c, k) => {
      const j = pos.get(c);
      if (j === undefined || !hidden[c]) return;
      const a = rel.coef[k];
      // others ∈ [sumLo − tl, sumHi − th]; a·x = −others for eq, ≤ −others for le, ≥ −others for ge.
      const oLo = sumLo - tl[k], oHi = sumHi - th[k];
      let axLo = -Infinity, axHi = Infinity;
      if (rel.kind !== 'ge') axHi = -oLo;
      if (rel.kind !== 'le') axLo = -oHi;
      let [l, h] = a > 0 ? [axLo / a, axHi / a] : [axHi / a, axLo / a];
      if (Number.isNaN(l)) l = -Infinity;
      if (Number.isNaN(h)) h = Infinity;
      let changed = false;
      if (l > lo[j] + EPS) (lo[j] = l), (changed = true);
      if (h < hi[j] - EPS) (hi[j] = h), (changed = true);
      if (changed) for (const r2 of relsOf[j]) if (r2 !== ri && !queued.has(r2)) queue.push(r2), queued.add(r2);
    });
  }
  const out: Exposure[] = [];
  comp.cells.forEach((c, j) => {
    const l = Math.ceil(lo[j] - EPS), h = Math.floor(hi[j] + EPS);
    if (h - l < widthOf(input, c)) out.push({ cell: c, lo: l, hi: h });
  });
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
  /** Components above `whole` hidden cells are audited in blocks of about `size` (default WHOLE, BLOCK; tests). */
  blocks?: { whole: number; size: number };
}

/**
 * Audits every component (or those of `only`). The solver runs synchronously, so every 64 components the
 * loop gives the event loop a turn: Ctrl-C (the interrupt handler) and the progress display keep working
 * during a long audit.
 */
export async function audit(input: AuditInput, o: AuditOptions = {}): Promise<Exposure[]> {
  const out: Exposure[] = [];
  if (o.quick && o.only) return propagate(input, neighbourhood(input, o.only));
  let n = 0;
  for (const comp of components(input)) {
    if (o.only && !comp.cells.some((c) => o.only!.has(c))) continue;
    if (++n % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
    out.push(...(o.quick ? propagate(input, comp) : await auditComponent(input, comp, o)));
  }
  return out;
}
