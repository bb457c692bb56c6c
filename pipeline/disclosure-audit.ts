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
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { workerEntry } from './paths.ts';
import type { Relation } from './disclosure-relations.ts';

/** Timings and sizes of the disclosure control on stderr when LEERPLICHT_TRACE is set (never a cell's value). */
export const trace = (m: () => string) => {
  if (process.env.LEERPLICHT_TRACE) process.stderr.write(`[disclosure ${new Date().toISOString().slice(11, 23)}] ${m()}\n`);
};

/** Largest value any count can take (bounds the LP; far above any count of persons in the Netherlands). */
const CAP = 1e8;
const EPS = 1e-6;
/** A relation's kind as a number (0 eq, 1 le, 2 ge): in the worker's job and in the propagation's arrays. */
const KINDS = ['eq', 'le', 'ge'] as const;
const EQ = 0, LE = 1, GE = 2;
const kindIndex = new WeakMap<Relation[], Uint8Array>();
/** Each relation's kind as a number (see KINDS), once per set of relations. */
function kindsOf(relations: Relation[]): Uint8Array {
  let kinds = kindIndex.get(relations);
  if (!kinds) {
    kinds = new Uint8Array(relations.length);
    for (let r = 0; r < relations.length; r++) kinds[r] = KINDS.indexOf(relations[r].kind);
    kindIndex.set(relations, kinds);
  }
  return kinds;
}

export interface AuditInput {
  /** Real value of every cell (indices as in the relations). */
  values: ArrayLike<number>;
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
  /**
   * Per area number: its group, areas whose cells are linked by a total of their own (the gemeenten of one RMC
   * region), or −1. With it, the blocks' first pass is one block per group (see auditBlocks).
   */
  group?: ArrayLike<number>;
}

export interface Exposure {
  cell: number;
  /** What the outsider can derive: the value lies in [lo, hi] (after rounding to whole numbers). */
  lo: number;
  hi: number;
}

// The package is CommonJS (with an ES build whose types TypeScript does not see): loaded by require.
type Loader = typeof import('highs', { with: { 'resolution-mode': 'require' } }).default;
const require = createRequire(import.meta.url);
const loadHighs: Loader = require('highs');
type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  return (highsPromise ??= highsModule().then((wasmModule) => loadHighs({ wasmModule })));
}
let compiled: Promise<WebAssembly.Module> | undefined;
/**
 * HiGHS's WebAssembly (3.5 MB), compiled once per process: the audit's threads get the compiled module, whose code
 * V8 shares between threads (with what one thread has optimised), instead of compiling and optimising it again.
 */
function highsModule(): Promise<WebAssembly.Module> {
  return (compiled ??= WebAssembly.compile(readFileSync(path.join(path.dirname(require.resolve('highs')), 'highs.wasm'))));
}

/** A component of the LP: its hidden cells and the relations that constrain them. */
export interface Component {
  cells: number[];
  relations: number[];
}

/** Hidden cells linked by relations, and the relations that constrain each group. */
export function components(input: Pick<AuditInput, 'hidden' | 'relations'>): Component[] {
  const { hidden, relations } = input;
  // Union-find over the hidden cells, in the order they are first seen in the relations.
  const parent = new Int32Array(hidden.length).fill(-1);
  const seen: number[] = [];
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    while (x !== r) {
      const n = parent[x];
      parent[x] = r;
      x = n;
    }
    return r;
  };
  for (const rel of relations) {
    let first = -1;
    for (const c of rel.cells) {
      if (!hidden[c]) continue;
      if (parent[c] < 0) (parent[c] = c), seen.push(c);
      if (first < 0) first = c;
      else {
        const a = find(first), b = find(c);
        if (a !== b) parent[b] = a;
      }
    }
  }
  const byRoot = new Map<number, Component>();
  for (const c of seen) {
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
let solves = 0, single = 0;
/** A block of areas holds about this many hidden cells. */
const BLOCK = 250;

/**
 * Proves what it can of `toProve` (cells of `cells`) safe by LP over the hidden cells `cells`, every other cell at
 * its real value, under the relations `rels` (those touching `cells`). Sound for any subset: a point feasible with
 * the others fixed is feasible for the whole release, so every interval seen is one an outsider cannot exclude.
 * Removes what it proves from `toProve`.
 *
 * The required width of a cell's interval: as many whole numbers as "1 to min_cel−1" for a small count, two (not
 * exact) for another hidden count. Proved by feasible points far enough apart that the whole numbers between
 * them are enough (not their distance: [2.5, 3.5] holds one): the real values are one; every solve adds one more.
 */
async function proveBlock(input: AuditInput, cells: number[], rels: number[], toProve: Set<number>, o: { oneByOne?: Set<number>; rounds?: number } = {}): Promise<void> {
  const { oneByOne, rounds = 12 } = o;
  const { values } = input;
  const n = cells.length;
  const width = cells.map((c) => widthOf(input, c));
  const seenLo = cells.map((c) => values[c]);
  const seenHi = cells.map((c) => values[c]);
  /** Each cell's lower bound (a hidden count is at least 1): pushing it down from there is pointless. */
  const floor = cells.map((c) => Math.min(1, values[c]));
  const atFloor = (j: number) => seenLo[j] <= floor[j] + EPS;
  const open = new Set<number>();
  cells.forEach((c, j) => toProve.has(c) && open.add(j));
  if (!open.size) return;
  const lp = await lpOf(input, cells, rels);
  const { h, model } = lp;
  try {
    model.changeObjectiveSense(h.constants.objectiveSense.maximize);
    let warm = false;
    const weights = new Float64Array(n);
    /** Maximises Σ up − Σ down. */
    const solve = (up: number[], down: number[]) => {
      weights.fill(0);
      for (const j of up) weights[j] = 1;
      for (const j of down) weights[j] = -1;
      lp.cost(weights);
      model.run();
      if (!warm) primalFromNowOn(model), (warm = true);
      solves++;
      const status = model.getModelStatus();
      if (status !== h.constants.modelStatus.optimal) {
        throw new Error(`disclosure audit: the LP of ${n} hidden cells ended with status ${status}, not optimal`);
      }
      const x = lp.values();
      for (let j = 0; j < n; j++) {
        if (x[j] < seenLo[j]) seenLo[j] = x[j];
        if (x[j] > seenHi[j]) seenHi[j] = x[j];
      }
      for (const j of open) {
        if (wide(seenLo[j], seenHi[j], width[j])) {
          open.delete(j);
          toProve.delete(cells[j]);
        }
      }
    };
    // Many cells at once: push all open cells up, then down; then, for up to `rounds` rounds while that proves
    // something, each open cell the way it has moved least so far, up when it has reached its lower bound (some
    // at random the other way, so that cells whose moves conflict get their turn; a fixed pseudo-random mix, so
    // the result does not depend on chance).
    solve([...open], []);
    if (open.size) solve([], [...open]);
    let seed = 1;
    for (let round = 0, idle = 0; open.size && idle < 2 && round < rounds; round++) {
      const before = open.size;
      const up: number[] = [];
      const down: number[] = [];
      for (const j of open) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const wantUp = atFloor(j) || seenHi[j] - values[cells[j]] <= values[cells[j]] - seenLo[j];
        (wantUp !== (seed % 100 < 25 * (round % 2)) ? up : down).push(j);
      }
      solve(up, down);
      idle = open.size < before ? 0 : idle + 1;
    }
    // The rest one by one (of `oneByOne`, default all): their real extremes (down only from above the lower
    // bound). What is still open after both is not proved here.
    for (const j of [...open]) {
      if (!open.has(j) || (oneByOne && !oneByOne.has(cells[j]))) continue;
      single++;
      solve([j], []);
      if (open.has(j) && !atFloor(j)) single++, solve([], [j]);
    }
  } finally {
    lp.close();
  }
}

/**
 * The LP over the hidden cells `cells` (every other cell at its real value) under the relations `rels`, reduced
 * once for all the solves that follow, by the two reductions that hold whatever the objective and whichever
 * cell is fixed later: a relation with one variable is a bound on it, and an equation of two (x = ±y + c)
 * expresses one in the other. A block's LP has about as many relations as cells, two thirds of them of one cell
 * and a third of the rest of two (measured on the national release); HiGHS's own presolve would find the same,
 * but again on every solve, and some of its reductions depend on the objective.
 *
 * The variables: the hidden cells (0 .. n−1), then for each cell of `movable` (the repair) its move up and down
 * from its real value (the cell is value + up − down, down at most value − 1). Each variable is
 * `sign · column + offset`. `cost` sets the objective from per-variable weights, `fix` and `release` bound one
 * variable, `values` gives every variable's value in the last solution.
 */
async function lpOf(input: AuditInput, cells: number[], rels: Iterable<number>, movable: number[] = []) {
  const h = await highs();
  const { values, relations } = input;
  const n = cells.length;
  const N = n + 2 * movable.length;
  // Each relation over the variables, flat: terms from[r] .. from[r+1] (variable, coefficient) in the order of the
  // relation's cells, and the right-hand side. Built from the variables' relations (a relation of a gemeente
  // total has 343 cells nationally, of which a block holds a few): the right-hand side is minus the relation's sum
  // at the real values, plus its variables' real part.
  const relsOf = relationsOf(relations);
  const total = totalsOf(input);
  const rows = Array.from(rels);
  const R = rows.length;
  const rowOf = positions(relations.length);
  rows.forEach((ri, r) => (rowOf[ri] = r));
  const V = n + movable.length;
  const cellOf = (v: number) => (v < n ? cells[v] : movable[v - n]);
  const from = new Int32Array(R + 1);
  for (let v = 0; v < V; v++) {
    const c = cellOf(v);
    for (let t = relsOf.start[c]; t < relsOf.start[c + 1]; t++) {
      const r = rowOf[relsOf.list[t]];
      if (r >= 0) from[r + 1] += v < n ? 1 : 2;
    }
  }
  for (let r = 0; r < R; r++) from[r + 1] += from[r];
  const vars = new Int32Array(from[R]), coef = new Float64Array(from[R]), order = new Int32Array(from[R]);
  const rhs = new Float64Array(R);
  for (let r = 0; r < R; r++) rhs[r] = -total[rows[r]];
  const fill = from.slice(0, R);
  for (let v = 0; v < V; v++) {
    const c = cellOf(v);
    for (let t = relsOf.start[c]; t < relsOf.start[c + 1]; t++) {
      const ri = relsOf.list[t], r = rowOf[ri];
      if (r < 0) continue;
      const k = relsOf.at[t], a = relsOf.coef[t];
      if (v < n) {
        rhs[r] += a * values[c];
        (vars[fill[r]] = v), (coef[fill[r]] = a), (order[fill[r]++] = 2 * k);
      } else {
        const j = n + 2 * (v - n);
        (vars[fill[r]] = j), (coef[fill[r]] = a), (order[fill[r]++] = 2 * k);
        (vars[fill[r]] = j + 1), (coef[fill[r]] = -a), (order[fill[r]++] = 2 * k + 1);
      }
    }
  }
  for (const ri of rows) rowOf[ri] = -1;
  // Each row's terms in the order of its relation's cells (insertion sort: a row has a few terms).
  for (let r = 0; r < R; r++) {
    for (let t = from[r] + 1; t < from[r + 1]; t++) {
      const o = order[t], x = vars[t], a = coef[t];
      let u = t - 1;
      for (; u >= from[r] && order[u] > o; u--) (order[u + 1] = order[u]), (vars[u + 1] = vars[u]), (coef[u + 1] = coef[u]);
      (order[u + 1] = o), (vars[u + 1] = x), (coef[u + 1] = a);
    }
  }
  const kinds = kindsOf(relations);
  // Variable j = sign[j] · variable rep[j] + off[j] (rep[j] = j: a column of its own), merged along equations of two.
  const rep = new Int32Array(N);
  for (let j = 0; j < N; j++) rep[j] = j;
  const sign = new Float64Array(N).fill(1);
  const off = new Float64Array(N);
  const path: number[] = [];
  const find = (j: number): number => {
    // Without recursion: a chain of equations can be as long as the block (a recursive find ran out of stack at
    // ~8,000 cells). Path compression from the variable next to the root outwards, each parent already expressed
    // in the root: x_q = sign_q · x_p + off_q and x_p = sign_p · x_r + off_p.
    let r = j;
    while (rep[r] !== r) path.push(r), (r = rep[r]);
    for (let k = path.length - 1; k >= 0; k--) {
      const q = path[k], p = rep[q];
      off[q] += sign[q] * off[p];
      sign[q] *= sign[p];
      rep[q] = r;
    }
    path.length = 0;
    return r;
  };
  for (let r = 0; r < R; r++) {
    if (kinds[rows[r]] !== EQ || from[r + 1] - from[r] !== 2) continue;
    const j0 = vars[from[r]], j1 = vars[from[r] + 1], a0 = coef[from[r]], a1 = coef[from[r] + 1];
    // a0·x0 + a1·x1 = rhs with x = sign·root + off: root1 = (rest − c0·root0) / c1, unless the roots are one
    // already (then the equation follows from the real values, or fixes the root: a bound below).
    const r0 = find(j0), r1 = find(j1);
    if (r0 === r1) continue;
    const c0 = a0 * sign[j0], c1 = a1 * sign[j1];
    const rest = rhs[r] - a0 * off[j0] - a1 * off[j1];
    rep[r1] = r0;
    sign[r1] = -c0 / c1;
    off[r1] = rest / c1;
  }
  // Columns: the roots; each variable's column once all merges are done.
  const column = new Int32Array(N).fill(-1);
  let m = 0;
  for (let j = 0; j < N; j++) if (find(j) === j) column[j] = m++;
  const columnOf = new Int32Array(N);
  for (let j = 0; j < N; j++) columnOf[j] = column[find(j)];
  const lower = new Float64Array(m).fill(-Infinity), upper = new Float64Array(m).fill(Infinity);
  /** lo ≤ a·column q ≤ hi as a bound on column q. */
  const tighten = (q: number, a: number, lo: number, hi: number) => {
    const l = a > 0 ? lo / a : hi / a, u = a > 0 ? hi / a : lo / a;
    if (l > lower[q]) lower[q] = l;
    if (u < upper[q]) upper[q] = u;
  };
  /** lo ≤ variable j ≤ hi, with j = sign · its column + offset. */
  const bound = (j: number, lo: number, hi: number) => tighten(columnOf[j], sign[j], lo - off[j], hi - off[j]);
  cells.forEach((c, j) => bound(j, Math.min(1, values[c]), CAP));
  movable.forEach((c, k) => (bound(n + 2 * k, 0, CAP), bound(n + 2 * k + 1, 0, values[c] - 1)));
  // The matrix in CSR straight into typed arrays (at most one entry per term); each row's columns in the order
  // first met, merged terms of one column added up in the order of the row's terms.
  const starts = new Int32Array(R + 1), indices = new Int32Array(from[R]), coefs = new Float64Array(from[R]);
  const rowLower = new Float64Array(R), rowUpper = new Float64Array(R);
  let rowCount = 0, nz = 0;
  for (let r = 0; r < R; r++) {
    // In columns: Σ coef · column (kind) rhs − Σ a·off, each column once (the row's columns at nz ..).
    let b = rhs[r], len = 0;
    for (let t = from[r]; t < from[r + 1]; t++) {
      const j = vars[t], q = columnOf[j], a = coef[t] * sign[j];
      b -= coef[t] * off[j];
      let at = 0;
      while (at < len && indices[nz + at] !== q) at++;
      if (at === len) (indices[nz + len] = q), (coefs[nz + len++] = a);
      else coefs[nz + at] += a;
    }
    let k = 0;
    for (let i = 0; i < len; i++) if (Math.abs(coefs[nz + i]) > EPS) (indices[nz + k] = indices[nz + i]), (coefs[nz + k++] = coefs[nz + i]);
    const lo = kinds[rows[r]] === LE ? -Infinity : b, hi = kinds[rows[r]] === GE ? Infinity : b;
    if (k === 0) continue;
    if (k === 1) {
      tighten(indices[nz], coefs[nz], lo, hi);
      continue;
    }
    nz += k;
    starts[++rowCount] = nz;
    rowLower[rowCount - 1] = Math.max(lo, -h.infinity);
    rowUpper[rowCount - 1] = Math.min(hi, h.infinity);
  }
  const model = idle.pop() ?? h.createModel();
  model.passModel({
    numCols: m, numRows: rowCount, colCost: new Float64Array(m), colLower: lower, colUpper: upper,
    rowLower: rowLower.subarray(0, rowCount), rowUpper: rowUpper.subarray(0, rowCount),
    matrix: { format: 'csr', numRows: rowCount, numCols: m, starts: starts.subarray(0, rowCount + 1), indices: indices.subarray(0, nz), values: coefs.subarray(0, nz) },
  });
  // The first solve starts from the slack basis, which is not feasible: the dual simplex finds the optimum
  // from there fastest (measured on the national release: LP audit 109 → 87 s, the same cells proved).
  // The audit then changes only the objective: see `primalFromNowOn`.
  model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 1 });
  const solution = new Float64Array(N);
  const cost = new Float64Array(m);
  return {
    h, model,
    /** The objective Σ weight · variable (weights of the first variables; the others 0). */
    cost(weights: ArrayLike<number>) {
      cost.fill(0);
      for (let j = 0; j < weights.length; j++) if (weights[j]) cost[columnOf[j]] += weights[j] * sign[j];
      model.changeColsCost({ kind: 'range', from: 0, to: m - 1 }, cost);
    },
    /** Fixes variable j at `value` (with it every variable merged with it); false if its bounds exclude it. */
    fix(j: number, value: number): boolean {
      const q = columnOf[j], y = (value - off[j]) / sign[j];
      if (y < lower[q] - EPS || y > upper[q] + EPS) return false;
      model.changeColBounds(q, y, y);
      return true;
    },
    /** Undoes `fix`. */
    release(j: number) {
      const q = columnOf[j];
      model.changeColBounds(q, lower[q], upper[q]);
    },
    /** Gives the HiGHS instance back (see `idle`): the LP is not used after this. */
    close() {
      idle.push(model);
    },
    /** Every variable's value in the last solution (the same array each time: valid until the next call). */
    values(): Float64Array {
      const x = model.getSolution().colValue;
      for (let j = 0; j < N; j++) solution[j] = sign[j] * x[columnOf[j]] + off[j];
      return solution;
    },
  };
}

/**
 * The HiGHS instances of this thread not in use. An LP takes one (`lpOf`) and gives it back when done (`close`),
 * instead of creating and disposing one per LP (~17,000 LPs nationally): passModel starts the instance afresh
 * (model, basis and solver state cleared; lpOf sets the options again), so every solve is as on a new instance.
 */
const idle: ReturnType<Highs['createModel']>[] = [];

/** After the first solve of an `lpOf` LP: further solves change only the objective (see lpOf). */
function primalFromNowOn(model: ReturnType<Highs['createModel']>) {
  model.options.set({ simplex_strategy: 4 });
}

/**
 * Whether feasible values from `lo` to `hi` hold enough whole numbers for `width`. Every value between two
 * feasible points is feasible (the LP is convex), but counts are whole: [2.5, 3.5] tells the count is 3.
 */
function wide(lo: number, hi: number, width: number): boolean {
  return Math.floor(hi + EPS) - Math.ceil(lo - EPS) >= width;
}

/** How far apart two values an outsider cannot exclude must be (see proveBlock); 0: nothing to prove. */
function widthOf(input: AuditInput, c: number): number {
  return input.sensitive[c] ? input.minCel - 2 : 1;
}

/** The extremes of one cell over the whole component (for a message). */
async function interval(input: AuditInput, comp: Component, c: number): Promise<Exposure> {
  const lp = await lpOf(input, comp.cells, comp.relations);
  const { h, model } = lp;
  try {
    const j = comp.cells.indexOf(c);
    const weights = new Float64Array(j + 1);
    weights[j] = 1;
    lp.cost(weights);
    const at = (max: boolean) => {
      model.changeObjectiveSense(max ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize);
      model.run();
      return lp.values()[j];
    };
    return { cell: c, lo: Math.ceil(at(false) - EPS), hi: Math.floor(at(true) + EPS) };
  } finally {
    lp.close();
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
  const t0 = performance.now();
  const n0 = toProve.size;
  if (comp.cells.length <= whole || !input.area) await proveBlock(input, comp.cells, comp.relations, toProve);
  else await auditBlocks(input, comp, toProve, size);
  const ms = performance.now() - t0;
  if (ms > 500) {
    trace(() => {
      const areas = input.area ? new Set(comp.cells.map((c) => input.area![c])) : new Set();
      return `component ${comp.cells.length} cells (${areas.size} areas), ${comp.relations.length} relations, to prove ${n0}, left ${toProve.size}: ${(ms / 1000).toFixed(1)} s, ${solves} solves (${single} one by one)`;
    });
  }
  solves = single = 0;
  const intervals = o.intervals ?? true;
  const out: Exposure[] = [];
  for (const c of [...toProve].sort((a, b) => a - b)) out.push(intervals ? await interval(input, comp, c) : { cell: c, lo: NaN, hi: NaN });
  return out;
}

/**
 * A large component in blocks, each an LP with every other cell at its real value: what it proves holds for the
 * release (proveBlock). Three passes, each on what the one before left:
 * 1. with `input.group`: one block per group of areas (the gemeenten of one RMC region, whose cells a change in
 *    one gemeente can be made up in under the region's totals), plus the component's cells above gemeente level;
 *    a group of more hidden cells than pass 3's blocks is left to passes 2 and 3 (its LP would be as slow as the
 *    component's). Nationally this proves about two thirds of the cells with 40 blocks per component instead of
 *    one per gemeente.
 * 2. per area (a gemeente) with open cells: its hidden cells with those of the areas that share most relations
 *    with it, about `block` cells, plus the cells above gemeente level.
 * 3. as 2 with blocks four times as large.
 * Passes 1 and 2 only push many cells at once: a cell those solves leave open is mostly one that its block is too
 * small for (nationally three in four of pass 2's one-by-one solves proved nothing: 53,000 solves for 13,000
 * cells). Pass 3 pushes all open cells up and down, then its own area's open cells one by one: its rounds of
 * mixed directions proved less than a cell per solve (nationally ~17,000 solves on LPs of ~850 cells), and the
 * cells they leave to a later block or to one-by-one solves cost less.
 */
async function auditBlocks(input: AuditInput, comp: Component, toProve: Set<number>, block: number): Promise<void> {
  const areas = areasOf(input, comp);
  const passes = [...(input.group ? [0] : []), block, 4 * block];
  for (const size of passes) {
    let n = 0;
    const t0 = performance.now(), before = toProve.size;
    for (const own of size ? areas.byArea.values() : groupsOf(input, areas, 4 * block - areas.top.length)) {
      if (!own.some((c) => toProve.has(c))) continue;
      if (++n % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
      const { cells, rels } = size ? blockOf(input, areas, own.filter((c) => toProve.has(c)), size) : withRelations(input, [...areas.top, ...own]);
      const prove = new Set(cells.filter((c) => toProve.has(c)));
      await proveBlock(input, cells, rels, prove, size === 4 * block ? { oneByOne: new Set(own), rounds: 0 } : { oneByOne: new Set() });
      for (const c of cells) if (toProve.has(c) && !prove.has(c)) toProve.delete(c);
    }
    trace(() => `pass ${size || 'groups'}: ${n} blocks, ${before} → ${toProve.size} left, ${solves} solves so far, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (!toProve.size) return;
  }
}

/** The hidden cells of a component's areas by group (an area without a group alone), groups of at most `most`. */
function groupsOf(input: AuditInput, areas: Areas, most: number): number[][] {
  const byGroup = new Map<number, number[]>();
  for (const [a, own] of areas.byArea) {
    const g = input.group![a] ?? -1;
    const key = g < 0 ? -2 - a : g;
    const l = byGroup.get(key);
    if (l) l.push(...own);
    else byGroup.set(key, [...own]);
  }
  return [...byGroup.values()].filter((cells) => cells.length <= most);
}

/** A component's hidden cells by area (−1: above gemeente level). */
interface Areas {
  top: number[];
  byArea: Map<number, number[]>;
  /** Per area number: the count of shared relations while a block is chosen (blockOf), −1 for an area without hidden cells here. */
  shared: Int32Array;
}

function areasOf(input: AuditInput, comp: Component): Areas {
  const area = input.area!;
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
  const shared = new Int32Array(Math.max(-1, ...byArea.keys()) + 1).fill(-1);
  for (const a of byArea.keys()) shared[a] = 0;
  return { top, byArea, shared };
}

/**
 * The block of `seeds` (cells of one area): the component's hidden cells of that area and of the areas that share
 * most relations with the seeds, up to about `size` cells, plus the cells above gemeente level; with every relation
 * of those cells (every relation of a hidden cell belongs to its component).
 */
function blockOf(input: AuditInput, areas: Areas, seeds: number[], size: number): { cells: number[]; rels: number[] } {
  const area = input.area!;
  const relsOf = relationsOf(input.relations);
  const a = area[seeds[0]];
  const { shared } = areas;
  const touched: number[] = [];
  for (const c of seeds) {
    for (let t = relsOf.start[c]; t < relsOf.start[c + 1]; t++) {
      for (const x of input.relations[relsOf.list[t]].cells) {
        const b = area[x];
        if (b < 0 || b === a || !input.hidden[x] || b >= shared.length || shared[b] < 0) continue;
        if (shared[b]++ === 0) touched.push(b);
      }
    }
  }
  const cells = a < 0 ? [...areas.top] : [...areas.top, ...areas.byArea.get(a)!];
  touched.sort((p, q) => shared[q] - shared[p] || p - q);
  for (const b of touched) {
    shared[b] = 0;
    if (cells.length < size) cells.push(...areas.byArea.get(b)!);
  }
  return withRelations(input, cells);
}

/** Hidden cells with every relation of theirs (every relation of a hidden cell belongs to its component). */
function withRelations(input: AuditInput, cells: number[]): { cells: number[]; rels: number[] } {
  const relsOf = relationsOf(input.relations);
  const rels: number[] = [];
  const { marks, mark } = relationMarks(input.relations.length);
  for (const c of cells) {
    for (let t = relsOf.start[c]; t < relsOf.start[c + 1]; t++) {
      const ri = relsOf.list[t];
      if (marks[ri] !== mark) (marks[ri] = mark), rels.push(ri);
    }
  }
  return { cells, rels };
}

export interface Repair {
  hide: number[];
  unfixed: number[];
  unproved: number[];
}

/**
 * Complements for exposed cells, chosen by LP as τ-ARGUS chooses them: the published cells that let the cell reach
 * its protection level at the least cost (cost = value). Per block of exposed cells (as the audit's blocks): an LP
 * over the block's hidden cells and the published non-zero cells of their relations, each published cell
 * value + up − down at its value per unit it moves (a cell hidden meanwhile moves for free), every relation of a
 * moving cell included (every other cell at its real value); for each exposed cell, fixed at value + width (else
 * value − width), the cells that move are hidden. The solution is the proof: with them hidden it is a point an
 * outsider cannot exclude, with the exposed cell at its protection level and each moved cell away from its value.
 * Returns the cells to hide, the exposed cells it could not protect (`unfixed`), and hidden cells that moved less
 * than one (`unproved`: the audit checks them). Each component is repaired on its own (`repairComponents`), many of
 * them in threads (as the audit).
 */
export async function repair(input: AuditInput, exposed: number[], o: Pick<AuditOptions, 'blocks' | 'threads'> = {}): Promise<Repair> {
  const wanted = new Set(exposed);
  const comps = components(input).filter((comp) => comp.cells.some((c) => wanted.has(c)));
  const threads = o.threads ?? (exposed.length >= PARALLEL_REPAIR ? THREADS : 1);
  const [mine, ...theirs] = share(comps, threads, (comp) => comp.cells.filter((c) => wanted.has(c)).length);
  const parts = await Promise.all([
    repairComponents(input, mine, wanted, o),
    ...theirs.filter((b) => b.length).map((b) => inWorker<Repair>(input, b, { ...o, repair: b.flatMap((comp) => comp.cells.filter((c) => wanted.has(c))) })),
  ]);
  // A cell one component's repair left unproved may have moved far enough in another's: proved.
  const proved = new Set(parts.flatMap((r) => {
    const unproved = new Set(r.unproved);
    return r.hide.filter((c) => !unproved.has(c));
  }));
  const sorted = (l: number[]) => [...new Set(l)].sort((a, b) => a - b);
  return {
    hide: sorted(parts.flatMap((r) => r.hide)),
    unfixed: sorted(parts.flatMap((r) => r.unfixed)),
    unproved: sorted(parts.flatMap((r) => r.unproved)).filter((c) => !proved.has(c)),
  };
}

/** Above this many exposed cells the repair uses `THREADS` threads. */
const PARALLEL_REPAIR = 500;

/**
 * The repair of these components in this thread, each on its own: what one component hides is not seen by the
 * next (so the result does not depend on how components are shared between threads).
 */
export async function repairComponents(input: AuditInput, comps: Component[], wanted: Set<number>, o: Pick<AuditOptions, 'blocks'> = {}): Promise<Repair> {
  const { whole, size } = o.blocks ?? { whole: WHOLE, size: BLOCK };
  const h = await highs();
  const { values, relations } = input;
  const relsOf = relationsOf(relations);
  const hidden = Uint8Array.from(input.hidden as ArrayLike<number>);
  const out = { hide: [] as number[], unfixed: [] as number[] };
  /** Cells that moved by at least one in some solution: proved. */
  const movedEnough = new Set<number>();
  const area = input.area;
  /** Scratch per block: its areas. */
  let areaCount = 0;
  if (area) for (let c = 0; c < area.length; c++) areaCount = Math.max(areaCount, area[c] + 1);
  const inArea = new Uint8Array(areaCount);
  for (const comp of comps) {
    const mine = comp.cells.filter((c) => wanted.has(c));
    const groups: { seeds: number[]; cells: number[]; rels: number[] }[] = [];
    if (comp.cells.length <= whole || !input.area) groups.push({ seeds: mine, cells: comp.cells, rels: comp.relations });
    else {
      const areas = areasOf(input, comp);
      const byArea = new Map<number, number[]>();
      for (const c of mine) {
        const l = byArea.get(input.area[c]);
        if (l) l.push(c);
        else byArea.set(input.area[c], [c]);
      }
      for (const seeds of byArea.values()) groups.push({ seeds, ...blockOf(input, areas, seeds, size) });
    }
    const hiddenHere: number[] = [];
    for (const [g, { seeds, cells, rels: rels1 }] of groups.entries()) {
      if (g % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
      // Variables: the block's hidden cells, then up and down of each movable cell (`pos`, reset before lpOf).
      const pos = positions(values.length);
      cells.forEach((c, j) => (pos[c] = j));
      // Movable: the published non-zero cells of the block's areas (and above gemeente level) in its relations,
      // with every relation of theirs (`rows`, marked).
      for (const c of cells) if (area && area[c] >= 0) inArea[area[c]] = 1;
      const movable: number[] = [];
      const rows = [...rels1];
      const { marks, mark } = relationMarks(relations.length);
      for (const ri of rels1) marks[ri] = mark;
      for (const ri of rels1) {
        for (const c of relations[ri].cells) {
          if (pos[c] >= 0 || !values[c] || (area && area[c] >= 0 && !inArea[area[c]])) continue;
          pos[c] = cells.length + 2 * movable.length;
          movable.push(c);
          for (let t = relsOf.start[c]; t < relsOf.start[c + 1]; t++) {
            const rj = relsOf.list[t];
            if (marks[rj] !== mark) (marks[rj] = mark), rows.push(rj);
          }
        }
      }
      const seedVar = seeds.map((c) => pos[c]);
      for (const c of cells) (pos[c] = -1), area && area[c] >= 0 && (inArea[area[c]] = 0);
      for (const c of movable) pos[c] = -1;
      const weights = new Float64Array(cells.length + 2 * movable.length);
      movable.forEach((c, k) => (weights[cells.length + 2 * k] = weights[cells.length + 2 * k + 1] = hidden[c] ? 0 : values[c]));
      const lp = await lpOf(input, cells, rows, movable);
      const { model } = lp;
      try {
        lp.cost(weights);
        const seenLo = new Map<number, number>(), seenHi = new Map<number, number>();
        const proved = (c: number) => wide(seenLo.get(c) ?? values[c], seenHi.get(c) ?? values[c], widthOf(input, c));
        for (const [i, c] of seeds.entries()) {
          if (proved(c)) continue;
          const j = seedVar[i];
          const w = widthOf(input, c);
          let x: Float64Array | undefined;
          for (const target of [values[c] + w, values[c] - w]) {
            if (!lp.fix(j, target)) continue;
            model.run();
            if (model.getModelStatus() === h.constants.modelStatus.optimal) x = lp.values();
            lp.release(j);
            if (x) break;
          }
          if (!x) {
            out.unfixed.push(c);
            continue;
          }
          for (const [i, s] of seeds.entries()) {
            const v = x[seedVar[i]];
            seenLo.set(s, Math.min(seenLo.get(s) ?? values[s], v));
            seenHi.set(s, Math.max(seenHi.get(s) ?? values[s], v));
          }
          let free = false;
          movable.forEach((m, k) => {
            const j2 = cells.length + 2 * k;
            const moved = Math.abs(x![j2] - x![j2 + 1]);
            if (moved <= EPS) return;
            if (moved >= 1 - EPS) movedEnough.add(m);
            if (!hidden[m]) {
              hidden[m] = 1;
              hiddenHere.push(m);
              out.hide.push(m);
              weights[j2] = weights[j2 + 1] = 0;
              free = true;
            }
          });
          if (free) lp.cost(weights);
        }
      } finally {
        lp.close();
      }
    }
    for (const m of hiddenHere) hidden[m] = 0;
  }
  return { ...out, unproved: out.hide.filter((c) => !movedEnough.has(c)) };
}

/** The relations of every cell, as one list: those of cell c are `list[start[c] .. start[c + 1])`. */
export interface CellRelations {
  start: Int32Array;
  list: Int32Array;
  /** The cell's position in each of its relations, and its coefficient there (parallel to `list`). */
  at: Int32Array;
  coef: Float64Array;
  /** The relations of cell c (a view on `list`; hot loops use start and list). */
  of(c: number): Int32Array;
}

const relationIndex = new WeakMap<Relation[], CellRelations>();
/**
 * The relations of every cell (built once per set of relations). Typed arrays, not a Map of arrays: a national
 * release has a million cells, whose arrays the garbage collector would walk on every major collection.
 */
export function relationsOf(relations: Relation[]): CellRelations {
  let index = relationIndex.get(relations);
  if (!index) {
    let cells = 0;
    for (const rel of relations) for (const c of rel.cells) if (c >= cells) cells = c + 1;
    const start = new Int32Array(cells + 1);
    for (const rel of relations) for (const c of rel.cells) start[c + 1]++;
    for (let c = 0; c < cells; c++) start[c + 1] += start[c];
    const list = new Int32Array(start[cells]), at = new Int32Array(start[cells]), coef = new Float64Array(start[cells]);
    const fill = start.slice(0, cells);
    relations.forEach((rel, i) => {
      rel.cells.forEach((c, k) => ((at[fill[c]] = k), (coef[fill[c]] = rel.coef[k]), (list[fill[c]++] = i)));
    });
    const empty = new Int32Array(0);
    index = { start, list, at, coef, of: (c) => (c + 1 < start.length ? list.subarray(start[c], start[c + 1]) : empty) };
    relationIndex.set(relations, index);
  }
  return index;
}

const totals = new WeakMap<object, WeakMap<Relation[], Float64Array>>();
/** Each relation's Σ coef · value at the real values (0 for an equation), once per values and relations. */
function totalsOf(input: AuditInput): Float64Array {
  let byRelations = totals.get(input.values);
  if (!byRelations) totals.set(input.values, (byRelations = new WeakMap()));
  let t = byRelations.get(input.relations);
  if (!t) {
    t = Float64Array.from(input.relations, (rel) => rel.cells.reduce((sum, c, k) => sum + rel.coef[k] * input.values[c], 0));
    byRelations.set(input.relations, t);
  }
  return t;
}

let stamps = new Int32Array(0);
let stamped = 0;
/**
 * A relation → number table of at least n entries, and a number not in it yet: a user marks the relations it has
 * taken with that number (a set without clearing; each call gives a new number).
 */
function relationMarks(n: number): { marks: Int32Array; mark: number } {
  if (stamps.length < n) (stamps = new Int32Array(n)), (stamped = 0);
  return { marks: stamps, mark: ++stamped };
}

/**
 * The hidden cells within two relations of `cells`, with every relation of theirs: enough for the interval
 * propagation to see what hiding `cells` changed (a hidden cell outside counts as anything from 1 up).
 */
function neighbourhood(input: AuditInput, cells: Iterable<number>): Component {
  const { start, list } = relationsOf(input.relations);
  /** The relations of `from` not taken yet, in the order met (marked in a relation table, as sets would be). */
  const relationsOfCells = (from: Iterable<number>) => {
    const { marks, mark } = relationMarks(input.relations.length);
    const out: number[] = [];
    for (const c of from) {
      if (c + 1 >= start.length) continue;
      for (let t = start[c]; t < start[c + 1]; t++) if (marks[list[t]] !== mark) (marks[list[t]] = mark), out.push(list[t]);
    }
    return out;
  };
  // The hidden cells of those relations, in the order met (marked in the cell table of `positions`, reset after).
  const seen = positions(input.values.length);
  const near: number[] = [];
  for (const ri of relationsOfCells(cells)) for (const c of input.relations[ri].cells) if (input.hidden[c] && seen[c] < 0) (seen[c] = 0), near.push(c);
  for (const c of near) seen[c] = -1;
  const relations = relationsOfCells(near);
  return { cells: near.sort((a, b) => a - b), relations };
}

let scratch = new Int32Array(0);
/**
 * A cell (or relation) → position table of at least n entries, all −1: each user sets what it needs and resets it
 * before the next user (propagate and the repair: cells; lpOf: relations).
 */
function positions(n: number): Int32Array {
  if (scratch.length < n) scratch = new Int32Array(n).fill(-1);
  return scratch;
}

/**
 * Interval propagation: bounds of every hidden cell from each relation in turn (the others' bounds), until
 * nothing changes (a worklist of relations whose cells' bounds changed). Weaker than the LP (it never finds more
 * than the LP does) but fast: the suppression uses it to find most exposed cells before the LP has to.
 */
export function propagate(input: AuditInput, comp: Component): Exposure[] {
  const { values, hidden, relations } = input;
  const kinds = kindsOf(relations);
  const m = comp.cells.length;
  const pos = positions(values.length);
  for (let j = 0; j < m; j++) pos[comp.cells[j]] = j;
  const lo = Float64Array.from(comp.cells, (c) => Math.min(1, values[c]));
  const hi = new Float64Array(m).fill(Infinity);
  // The component's relations numbered 0 .. R−1, flattened (a national release has ~600,000): for each term its
  // coefficient and either the cell's position in the component (≥ 0), a published cell (−1, its coef·value in
  // `fixed`) or a hidden cell outside it (−2: anything from 1 up). The relations of each cell: `relsOf`.
  const R = comp.relations.length;
  const start = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) start[r + 1] = start[r] + relations[comp.relations[r]].cells.length;
  const at = new Int32Array(start[R]), coef = new Float64Array(start[R]), fixed = new Float64Array(start[R]);
  const kind = new Uint8Array(R);
  const degree = new Int32Array(m + 1);
  let longest = 0;
  for (let r = 0; r < R; r++) {
    const rel = relations[comp.relations[r]];
    kind[r] = kinds[comp.relations[r]];
    longest = Math.max(longest, rel.cells.length);
    for (let k = 0, t = start[r]; k < rel.cells.length; k++, t++) {
      const c = rel.cells[k];
      coef[t] = rel.coef[k];
      if (!hidden[c]) (at[t] = -1), (fixed[t] = rel.coef[k] * values[c]);
      else if (pos[c] >= 0) (at[t] = pos[c]), degree[pos[c] + 1]++;
      else (at[t] = -2), (fixed[t] = rel.coef[k] * Math.min(1, values[c]));
    }
  }
  for (const c of comp.cells) pos[c] = -1;
  for (let j = 0; j < m; j++) degree[j + 1] += degree[j];
  const relsOf = new Int32Array(degree[m]);
  const fill = degree.slice(0, m);
  for (let r = 0; r < R; r++) for (let t = start[r]; t < start[r + 1]; t++) if (at[t] >= 0) relsOf[fill[at[t]]++] = r;
  // A FIFO of relations whose cells' bounds changed (each at most once in it), at most 100 visits per relation.
  const queue = new Int32Array(R);
  const queued = new Uint8Array(R).fill(1);
  for (let r = 0; r < R; r++) queue[r] = r;
  let head = 0, size = R;
  const tl = new Float64Array(longest), th = new Float64Array(longest);
  for (let visits = 0; size > 0 && visits < 100 * R; visits++) {
    const r = queue[head];
    head = (head + 1) % R;
    size--;
    queued[r] = 0;
    // Σ coef·x (kind) 0: for each hidden cell, the range of −Σ(others) / coef.
    let sumLo = 0, sumHi = 0;
    for (let t = start[r], k = 0; t < start[r + 1]; t++, k++) {
      const a = coef[t], j = at[t];
      if (j === -1) (tl[k] = fixed[t]), (th[k] = fixed[t]);
      else if (j === -2) a > 0 ? ((tl[k] = fixed[t]), (th[k] = Infinity)) : ((tl[k] = -Infinity), (th[k] = fixed[t]));
      else if (a > 0) (tl[k] = a * lo[j]), (th[k] = a * hi[j]);
      else (tl[k] = a * hi[j]), (th[k] = a * lo[j]);
      sumLo += tl[k];
      sumHi += th[k];
    }
    for (let t = start[r], k = 0; t < start[r + 1]; t++, k++) {
      const j = at[t];
      if (j < 0) continue;
      const a = coef[t];
      // others ∈ [sumLo − tl, sumHi − th]; a·x = −others for eq, ≤ −others for le, ≥ −others for ge.
      const oLo = sumLo - tl[k], oHi = sumHi - th[k];
      let axLo = -Infinity, axHi = Infinity;
      if (kind[r] !== 2) axHi = -oLo;
      if (kind[r] !== 1) axLo = -oHi;
      let l = a > 0 ? axLo / a : axHi / a;
      let h = a > 0 ? axHi / a : axLo / a;
      if (Number.isNaN(l)) l = -Infinity;
      if (Number.isNaN(h)) h = Infinity;
      let changed = false;
      if (l > lo[j] + EPS) (lo[j] = l), (changed = true);
      if (h < hi[j] - EPS) (hi[j] = h), (changed = true);
      if (changed) {
        for (let q = degree[j]; q < degree[j + 1]; q++) {
          const r2 = relsOf[q];
          if (r2 === r || queued[r2]) continue;
          queue[(head + size) % R] = r2;
          size++;
          queued[r2] = 1;
        }
      }
    }
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
  /** Threads to share the components between (default: all cores, up to 4, for an audit of many cells). */
  threads?: number;
  /** Components above `whole` hidden cells are audited in blocks of about `size` (default WHOLE, BLOCK; tests). */
  blocks?: { whole: number; size: number };
}

/**
 * Audits every component (or those of `only`). Large audits are shared between threads (see `threads`): each
 * takes the next component when it is free, so that a national release keeps both cores busy to the end.
 */
export async function audit(input: AuditInput, o: AuditOptions = {}): Promise<Exposure[]> {
  if (o.quick && o.only) return propagate(input, neighbourhood(input, o.only));
  const todo = components(input).filter((comp) => !o.only || comp.cells.some((c) => o.only!.has(c)));
  if (o.quick) return todo.flatMap((comp) => propagate(input, comp));
  // The work is in the cells to prove: with `only`, those (a second round's few cells in large components), not
  // their components' size (a thread of its own for 23 cells took longer to start than the audit took).
  const work = o.only ? o.only.size : todo.reduce((n, comp) => n + comp.cells.length, 0);
  const threads = Math.min(o.threads ?? (work >= PARALLEL ? THREADS : 1), todo.length);
  if (threads <= 1) return (await auditComponents(input, todo, o)).sort((a, b) => a.cell - b.cell);
  // Largest first, each taken by whichever thread is free next (a shared counter), so that the threads end
  // together: a component's time is not known beforehand (a static share by size left one thread 13 s
  // longer nationally). Each component is audited on its own, so the result does not depend on the threads.
  const queue = [...todo].sort((a, b) => b.cells.length - a.cells.length || a.cells[0] - b.cells[0]);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: threads - 1 }, () => inWorker<Exposure[]>(input, queue, { ...o, only: o.only && [...o.only] }, next));
  const results = await Promise.all([auditComponents(input, queue, o, next), ...workers]);
  return results.flat().sort((a, b) => a.cell - b.cell);
}

/** Components shared between `threads` bins: the largest (by `size`) first, each to the bin with least so far. */
function share(comps: Component[], threads: number, size: (comp: Component) => number): Component[][] {
  const bins: Component[][] = Array.from({ length: Math.max(1, threads) }, () => []);
  const load = new Float64Array(bins.length);
  const sized = comps.map((comp) => ({ comp, n: size(comp) })).sort((a, b) => b.n - a.n);
  for (const { comp, n } of sized) {
    const k = load.indexOf(Math.min(...load));
    bins[k].push(comp);
    load[k] += n;
  }
  return bins;
}

/** Above this many hidden cells to audit (or to prove, with `only`), the audit uses `THREADS` threads. */
const PARALLEL = 20_000;
const THREADS = Math.min(4, availableParallelism());

/**
 * Audits these components in this thread. The solver runs synchronously, so every 64 components the loop gives
 * the event loop a turn: Ctrl-C (the interrupt handler), the progress display and the other threads' results keep
 * being served during a long audit.
 */
export async function auditComponents(input: AuditInput, comps: Component[], o: AuditOptions, next?: Int32Array): Promise<Exposure[]> {
  const out: Exposure[] = [];
  const t0 = performance.now();
  let done = 0, cells = 0;
  for (let n = 0, i = 0; (i = next ? Atomics.add(next, 0, 1) : n) < comps.length; n++) {
    if (n % 64 === 63) await new Promise((resolve) => setImmediate(resolve));
    out.push(...(await auditComponent(input, comps[i], o)));
    done++;
    cells += comps[i].cells.length;
  }
  trace(() => `thread done: ${done} components, ${cells} cells, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

/** What a worker thread of the audit gets: the input as typed arrays, with only its components' relations. */
export interface WorkerJob {
  values: Float64Array;
  hidden: Uint8Array;
  sensitive: Uint8Array;
  area?: Int32Array;
  group?: Int32Array;
  minCel: number;
  /** Relation r: cells[starts[r] .. starts[r+1]), with coef and kind (0 eq, 1 le, 2 ge). */
  starts: Int32Array;
  cells: Int32Array;
  coef: Float64Array;
  kind: Uint8Array;
  /** The components, their relations numbered as above. */
  comps: Component[];
  /** With it, the components are taken one by one from this shared counter (see audit), not all of them. */
  next?: Int32Array;
  /** HiGHS compiled (see highsModule). */
  wasm: WebAssembly.Module;
  options: Omit<AuditOptions, 'only'> & { only?: number[]; repair?: number[] };
}


/** Audits (or with `o.repair`, repairs) these components in a worker thread. */
async function inWorker<T extends Exposure[] | Repair>(input: AuditInput, comps: Component[], o: WorkerJob['options'], next?: Int32Array): Promise<T> {
  // The job's relations numbered in the order met (`taken`: each relation's original number).
  const number = new Int32Array(input.relations.length).fill(-1);
  const taken: number[] = [];
  const take = (ri: number) => number[ri] < 0 && ((number[ri] = taken.length), taken.push(ri));
  for (const comp of comps) for (const ri of comp.relations) take(ri);
  // The repair moves published cells of these relations too: with every relation of theirs.
  if (o.repair) {
    const relsOf = relationsOf(input.relations);
    for (const comp of comps) for (const ri of comp.relations) for (const c of input.relations[ri].cells) for (const rj of relsOf.of(c)) take(rj);
  }
  const rels = taken.map((ri) => input.relations[ri]);
  const kinds = kindsOf(input.relations), kind = new Uint8Array(taken.length);
  taken.forEach((ri, r) => (kind[r] = kinds[ri]));
  const starts = new Int32Array(rels.length + 1);
  rels.forEach((rel, r) => (starts[r + 1] = starts[r] + rel.cells.length));
  const cells = new Int32Array(starts[rels.length]);
  const coef = new Float64Array(cells.length);
  rels.forEach((rel, r) => {
    cells.set(rel.cells, starts[r]);
    coef.set(rel.coef, starts[r]);
  });
  const job: WorkerJob = {
    values: Float64Array.from(input.values),
    hidden: Uint8Array.from(input.hidden as ArrayLike<number>),
    sensitive: Uint8Array.from(input.sensitive as ArrayLike<number>),
    area: input.area && Int32Array.from(input.area),
    group: input.group && Int32Array.from(input.group),
    minCel: input.minCel,
    starts, cells, coef,
    kind,
    comps: comps.map((comp) => ({ cells: comp.cells, relations: comp.relations.map((ri) => number[ri]) })),
    next,
    wasm: await highsModule(),
    options: o,
  };
  const { Worker } = await import('node:worker_threads');
  const w = new Worker(await workerEntry('pipeline/disclosure-worker.js'), { workerData: job });
  return new Promise((resolve, reject) => {
    let result: T | undefined;
    w.once('message', (m: T) => (result = m));
    w.once('error', reject);
    w.once('exit', (code) => (result ? resolve(result) : reject(new Error(`disclosure audit: a worker thread stopped (exit code ${code}) without a result`))));
  });
}

/** The audit (or repair) of a worker thread's job (disclosure-worker.ts). */
export function auditJob(job: WorkerJob): Promise<Exposure[] | Repair> {
  compiled = Promise.resolve(job.wasm);
  const relations: Relation[] = [];
  for (let r = 0; r + 1 < job.starts.length; r++) {
    const from = job.starts[r], to = job.starts[r + 1];
    const cells: number[] = [], coef: number[] = [];
    for (let t = from; t < to; t++) cells.push(job.cells[t]), coef.push(job.coef[t]);
    relations.push({ cells, coef, kind: KINDS[job.kind[r]] });
  }
  const input: AuditInput = { values: job.values, hidden: job.hidden, sensitive: job.sensitive, relations, minCel: job.minCel, area: job.area, group: job.group };
  const { repair, only, ...o } = job.options;
  if (repair) return repairComponents(input, job.comps, new Set(repair), o);
  return auditComponents(input, job.comps, { ...o, only: only && new Set(only) }, job.next);
}
