/**
 * Rounding a table so that what is printed adds up ("controlled rounding").
 *
 * Input: a matrix of exact values (rows: e.g. gemeenten and the RMC budget; columns: cost lines),
 * optionally with groups of rows and groups of columns that are printed as subtotals. Output: every
 * cell, row total, column total, group subtotal and the grand total in whole units (cents, or
 * hundredths of an fte), such that
 *   1. the grand total is the exact grand total rounded half away from zero;
 *   2. every other printed figure is its exact value rounded down or up to the unit — never further
 *      off than one unit — and a figure that is already whole stays as it is;
 *   3. cells add up to their row and column totals, rows and columns (and group subtotals) add up to
 *      the grand total, exactly;
 *   4. among all roundings with 1–3, the one with the smallest total deviation from the exact values
 *      (so a figure is rounded to its nearest cent wherever the sums allow it).
 * For a single column this is the largest-remainder method. Such a rounding always exists for two
 * crossed hierarchies (Cox & Ernst 1982): it is an integral point of a network-flow polytope that
 * contains the exact values; we find the cheapest one with a min-cost flow (successive shortest paths).
 * Rounding differences are thereby absorbed where they hurt least, never in a separate "afronding" line.
 */
import { Exact } from './money.ts';

export interface RoundingInput {
  /** m × n exact values; every row has n entries. */
  cells: Exact[][];
  /** Units per 1 (100n: cents). */
  scale: bigint;
  /** Disjoint sets of row indices whose sums are printed as subtotals. */
  rowGroups?: number[][];
  /** Disjoint sets of column indices whose sums are printed as subtotals. */
  colGroups?: number[][];
}

export interface Rounded {
  cells: bigint[][];
  rows: bigint[];
  cols: bigint[];
  rowGroups: bigint[];
  colGroups: bigint[];
  total: bigint;
}

interface Edge {
  to: number;
  cap: number;
  cost: number;
  rev: number;
}

/** Min-cost flow by successive shortest paths (Bellman–Ford queue); costs may be negative, no negative cycles at start. */
class FlowGraph {
  readonly adj: Edge[][] = [];
  constructor(n: number) {
    for (let i = 0; i < n; i++) this.adj.push([]);
  }
  addEdge(from: number, to: number, cap: number, cost: number): [number, number] {
    this.adj[from].push({ to, cap, cost, rev: this.adj[to].length });
    this.adj[to].push({ to: from, cap: 0, cost: -cost, rev: this.adj[from].length - 1 });
    return [from, this.adj[from].length - 1];
  }
  minCostFlow(s: number, t: number, want: number): number {
    const n = this.adj.length;
    let flow = 0;
    while (flow < want) {
      const dist = new Array<number>(n).fill(Infinity);
      const inQueue = new Array<boolean>(n).fill(false);
      const prev = new Array<[number, number] | undefined>(n).fill(undefined);
      dist[s] = 0;
      const queue = [s];
      inQueue[s] = true;
      for (let qi = 0; qi < queue.length; qi++) {
        const u = queue[qi];
        inQueue[u] = false;
        this.adj[u].forEach((e, i) => {
          if (e.cap > 0 && dist[u] + e.cost < dist[e.to]) {
            dist[e.to] = dist[u] + e.cost;
            prev[e.to] = [u, i];
            if (!inQueue[e.to]) {
              inQueue[e.to] = true;
              queue.push(e.to);
            }
          }
        });
      }
      if (dist[t] === Infinity) break;
      let push = want - flow;
      for (let v = t; v !== s; v = prev[v]![0]) push = Math.min(push, this.adj[prev[v]![0]][prev[v]![1]].cap);
      for (let v = t; v !== s; v = prev[v]![0]) {
        const e = this.adj[prev[v]![0]][prev[v]![1]];
        e.cap -= push;
        this.adj[v][e.rev].cap += push;
      }
      flow += push;
    }
    return flow;
  }
}

/** Largest-remainder / controlled rounding of one table; see the module comment. */
export function controlledRound(input: RoundingInput): Rounded {
  const { cells, scale } = input;
  const m = cells.length;
  const n = m ? cells[0].length : 0;
  for (const row of cells) if (row.length !== n) throw new Error('controlledRound: ragged matrix');
  const rowGroups = input.rowGroups ?? [];
  const colGroups = input.colGroups ?? [];
  checkDisjoint(rowGroups, m, 'row');
  checkDisjoint(colGroups, n, 'column');

  const s = Exact.int(scale);
  const v = cells.map((r) => r.map((x) => x.mul(s)));
  const rowSum = v.map((r) => r.reduce((a, x) => a.add(x), Exact.ZERO));
  const colSum = Array.from({ length: n }, (_, j) => v.reduce((a, r) => a.add(r[j]), Exact.ZERO));
  const total = rowSum.reduce((a, x) => a.add(x), Exact.ZERO);
  const grand = total.roundUnits(1n);
  const groupSum = (idx: number[], sums: Exact[]) => idx.reduce((a, i) => a.add(sums[i]), Exact.ZERO);

  // Nodes: S (root of the row side), row groups, rows, columns, column groups, T (root of the column
  // side), plus a super source and sink for the lower bounds. Every figure is an edge with bounds
  // [floor, ceil]; the grand total is the edge T → S with bounds [grand, grand].
  const S = 0;
  const rg0 = 1;
  const r0 = rg0 + rowGroups.length;
  const c0 = r0 + m;
  const cg0 = c0 + n;
  const T = cg0 + colGroups.length;
  const SS = T + 1;
  const TT = T + 2;
  const g = new FlowGraph(T + 3);
  const excess = new Array<bigint>(T + 1).fill(0n);
  const lower: { edge: [number, number]; lo: bigint }[] = [];
  const edge = (from: number, to: number, value: Exact) => {
    const lo = value.floor();
    excess[to] += lo;
    excess[from] -= lo;
    const unit = value.isInteger() ? 0 : 1;
    // Rounding up costs (1 − frac) of deviation, rounding down frac: the unit edge costs the difference.
    const cost = unit ? Number(Exact.ONE.sub(value.sub(Exact.int(lo)).mul(Exact.int(2))).roundUnits(1_000_000n)) : 0;
    const ref = g.addEdge(from, to, unit, cost);
    lower.push({ edge: ref, lo });
    return lower.length - 1;
  };

  const rowParent = new Array<number>(m).fill(S);
  const rgEdges = rowGroups.map((idx, k) => {
    for (const i of idx) rowParent[i] = rg0 + k;
    return edge(S, rg0 + k, groupSum(idx, rowSum));
  });
  const colParent = new Array<number>(n).fill(T);
  const cgEdges = colGroups.map((idx, k) => {
    for (const j of idx) colParent[j] = cg0 + k;
    return edge(cg0 + k, T, groupSum(idx, colSum));
  });
  const rEdges = rowSum.map((x, i) => edge(rowParent[i], r0 + i, x));
  const cEdges = colSum.map((x, j) => edge(c0 + j, colParent[j], x));
  const cellEdges = v.map((r, i) => r.map((x, j) => edge(r0 + i, c0 + j, x)));
  excess[S] += grand;
  excess[T] -= grand;

  let want = 0n;
  excess.forEach((e, node) => {
    if (e > 0n) {
      g.addEdge(SS, node, Number(e), 0);
      want += e;
    } else if (e < 0n) {
      g.addEdge(node, TT, Number(-e), 0);
    }
  });
  if (want > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('controlledRound: amounts too large');
  const got = g.minCostFlow(SS, TT, Number(want));
  if (BigInt(got) !== want) throw new Error('controlledRound: no consistent rounding found (should not happen)');

  const value = (k: number) => {
    const { edge: [from, i], lo } = lower[k];
    const e = g.adj[from][i];
    return lo + BigInt(g.adj[e.to][e.rev].cap); // flow on a unit edge = residual capacity of its reverse
  };
  return {
    cells: cellEdges.map((r) => r.map(value)),
    rows: rEdges.map(value),
    cols: cEdges.map(value),
    rowGroups: rgEdges.map(value),
    colGroups: cgEdges.map(value),
    total: grand,
  };
}

/** One column: each value rounded down or up so that they add up to the rounded exact total (largest remainder). */
export function roundColumn(values: Exact[], scale: bigint): { values: bigint[]; total: bigint } {
  if (!values.length) return { values: [], total: 0n };
  const r = controlledRound({ cells: values.map((x) => [x]), scale });
  return { values: r.rows, total: r.total };
}

function checkDisjoint(groups: number[][], size: number, what: string): void {
  const seen = new Set<number>();
  for (const grp of groups) {
    for (const i of grp) {
      if (i < 0 || i >= size || seen.has(i)) throw new Error(`controlledRound: bad ${what} group index ${i}`);
      seen.add(i);
    }
  }
}
