/**
 * The LP audit against a plain LP on random small releases: the audit reduces each LP (bounds, two-cell
 * equations) and proves cells by feasible points; a plain LP over the same relations, unreduced, gives each hidden
 * cell's exact extremes. Every cell the audit calls safe must be safe by the plain LP (the privacy property), and
 * the whole-component audit must report exactly the plain LP's exposed cells and intervals. (With the audit's
 * old rule, a distance instead of whole numbers, both tests fail at seed 155.)
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { audit, type AuditInput } from '../pipeline/disclosure-audit.ts';
import type { Relation } from '../pipeline/disclosure-relations.ts';

type Loader = typeof import('highs', { with: { 'resolution-mode': 'require' } }).default;
const loadHighs: Loader = createRequire(import.meta.url)('highs');

/** A seeded generator (mulberry32), so that a failing release can be rebuilt from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A release of a few parts, totals over them (=, or ≤ where parts overlap, each part then ≤ the total) and some
 * ≥ pairs, whose real values satisfy every relation. Totals build on earlier totals (chains, hierarchies, and
 * overlaps that meet equations: where LP extremes fall between whole numbers).
 */
function release(seed: number): AuditInput {
  const r = random(seed);
  const int = (n: number) => Math.floor(r() * n);
  const values: number[] = Array.from({ length: 4 + int(8) }, () => (r() < 0.15 ? 0 : 1 + int(9)));
  const relations: Relation[] = [];
  /** A cell, half the time one of the last six. */
  const pick = () => (r() < 0.5 ? Math.max(0, values.length - 1 - int(6)) : int(values.length));
  const parts = (most: number) => [...new Set(Array.from({ length: 2 + int(most - 1) }, pick))];
  /** A total over overlapping parts (a person in two categories): total ≤ Σ parts, and each part ≤ the total. */
  const overlapping = (totals: number) => {
    for (let t = 0; t < totals; t++) {
      const p = parts(3);
      if (p.length < 2) continue;
      const sum = p.reduce((s, c) => s + values[c], 0);
      values.push(Math.max(...p.map((c) => values[c]), sum - 1 - int(3)));
      const total = values.length - 1;
      relations.push({ cells: [total, ...p], coef: [1, ...p.map(() => -1)], kind: values[total] === sum ? 'eq' : 'le' });
      for (const c of p) relations.push({ cells: [total, c], coef: [1, -1], kind: values[c] === values[total] ? 'eq' : 'ge' });
    }
  };
  overlapping(2 + int(3));
  // Totals equal to the sum of their parts.
  for (let t = 0, totals = 2 + int(6); t < totals; t++) {
    const p = parts(4);
    if (p.length < 2) continue;
    values.push(p.reduce((s, c) => s + values[c], 0));
    relations.push({ cells: [values.length - 1, ...p], coef: [1, ...p.map(() => -1)], kind: 'eq' });
  }
  overlapping(int(3));
  // Some "of which" pairs: a ≥ b where it holds.
  for (let k = 0, pairs = int(4); k < pairs; k++) {
    const a = int(values.length), b = int(values.length);
    if (a !== b && values[a] >= values[b]) relations.push({ cells: [a, b], coef: [1, -1], kind: 'ge' });
  }
  const minCel = 3 + int(4);
  const hidden = values.map((v) => (v > 0 && r() < 0.5 ? 1 : 0));
  const sensitive = values.map((v, c) => (hidden[c] && v < minCel ? 1 : 0));
  return { values, hidden, sensitive, relations, minCel, area: values.map(() => int(3)) };
}

/** Each hidden cell's extremes by a plain LP (HiGHS, no presolve, no reduction), rounded to whole numbers. */
async function extremes(input: AuditInput): Promise<Map<number, { lo: number; hi: number }>> {
  const h = await loadHighs();
  const cells = Array.from(input.values, (_, c) => c).filter((c) => input.hidden[c]);
  const col = new Map(cells.map((c, j) => [c, j]));
  const n = cells.length;
  const starts = [0], indices: number[] = [], coefs: number[] = [], rowLower: number[] = [], rowUpper: number[] = [];
  for (const rel of input.relations) {
    let rhs = 0;
    rel.cells.forEach((c, k) => {
      const j = col.get(c);
      if (j === undefined) rhs -= rel.coef[k] * input.values[c];
      else indices.push(j), coefs.push(rel.coef[k]);
    });
    starts.push(indices.length);
    rowLower.push(rel.kind === 'le' ? -h.infinity : rhs);
    rowUpper.push(rel.kind === 'ge' ? h.infinity : rhs);
  }
  const out = new Map<number, { lo: number; hi: number }>();
  for (const [j, c] of cells.entries()) {
    const at = (sense: 'min' | 'max') => {
      const colCost = new Float64Array(n);
      colCost[j] = 1;
      const model = h.createModel({
        numCols: n, numRows: rowLower.length, colCost, colLower: Float64Array.from(cells, (x) => Math.min(1, input.values[x])), colUpper: new Float64Array(n).fill(1e8), rowLower, rowUpper,
        matrix: { format: 'csr', numRows: rowLower.length, numCols: n, starts: new Int32Array(starts), indices: new Int32Array(indices), values: new Float64Array(coefs) },
      });
      try {
        model.options.set({ output_flag: false, presolve: 'off' });
        model.changeObjectiveSense(sense === 'max' ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize);
        model.run();
        return model.getSolution().colValue[j];
      } finally {
        model.dispose();
      }
    };
    out.set(c, { lo: Math.ceil(at('min') - 1e-6), hi: Math.floor(at('max') + 1e-6) });
  }
  return out;
}

/** The exposed cells by the plain LP: fewer whole numbers than "1 to min_cel − 1" (small counts) or exact. */
function exposedBy(input: AuditInput, ext: Map<number, { lo: number; hi: number }>) {
  return [...ext].filter(([c, e]) => e.hi - e.lo < (input.sensitive[c] ? input.minCel - 2 : 1)).map(([cell, e]) => ({ cell, ...e }));
}

describe('the LP audit agrees with a plain LP on random releases', () => {
  const SEEDS = 400;
  test(`whole components: exactly the plain LP's exposed cells and intervals (${SEEDS} releases)`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const input = release(seed);
      const expected = exposedBy(input, await extremes(input));
      const found = await audit({ ...input, area: undefined }, { threads: 1 });
      expect({ seed, found }).toEqual({ seed, found: expected });
    }
  }, 180_000);
  test(`blocks (of one area, and with a first pass over groups of areas): never a cell safe that the plain LP finds exposed (${SEEDS} releases)`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const input = release(seed);
      const expected = exposedBy(input, await extremes(input)).map((e) => e.cell);
      // Groups: areas 0 and 1 one group (area 2 alone), or 0 and 2 (area 1 without a group); with blocks of 8, whose
      // last pass (32) takes every group of these releases.
      for (const [group, size] of [[undefined, 2], [seed % 2 ? [0, 0, 1] : [0, -1, 0], 8]] as const) {
        const found = new Set((await audit({ ...input, group }, { threads: 1, intervals: false, blocks: { whole: 2, size } })).map((e) => e.cell));
        expect({ seed, group, missed: expected.filter((c) => !found.has(c)) }).toEqual({ seed, group, missed: [] });
      }
    }
  }, 180_000);
});
