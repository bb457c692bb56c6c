/**
 * What an outsider knows about how the published counts of one release hang together: the linear relations
 * between count cells that the disclosure audit (disclosure-audit.ts) and the suppression (disclosure.ts)
 * take into account.
 *
 * - Breakdowns: a total (the dimension empty) against its categories, along every breakdown dimension.
 * - Areas: the office region against its gemeenten; every RMC region (or the part of it in the office
 *   region) against its gemeenten; the office region against its RMC-region parts (implied by the two,
 *   but stated, so that the quick interval propagation sees it too).
 * - Indicators: declared below (RELATED), e.g. thuiszitters = absoluut verzuim + langdurig relatief verzuim.
 * - Periods of the kwartaalrapportage: a count over the schooljaar up to a quarter is the count up to the
 *   quarter before plus the quarter's (events are dated once); the third quarter (July–September) holds its
 *   schooljaar's first two months, so the schooljaar up to it is at most the quarter.
 *
 * Each relation says "total versus the sum of its parts". Which sense enters the audit is decided by the
 * real values: `=` where the total equals the sum (an outsider may assume it holds), otherwise the side that
 * holds (`≤` where categories overlap, e.g. a person in two soorten). For overlapping categories every part
 * is also at most the total. So the audit never assumes something false, and assumes every equality that
 * happens to hold: the strongest outsider.
 */
import { COUNT_UNITS, DIMENSIONS, type StoreRow } from './store.ts';

type Dim = (typeof DIMENSIONS)[number];

/** Σ coef·value (kind) 0 over the cells `cells` (indices into the rows). */
export interface Relation {
  cells: number[];
  coef: number[];
  /** 'eq': = 0; 'le': ≤ 0; 'ge': ≥ 0 (decided by the real values). */
  kind: 'eq' | 'le' | 'ge';
}

interface Term {
  indicator: string;
  /** Fixed breakdown values of this term (others: as the instance, see `same`). */
  dims?: Partial<Record<Dim, string>>;
}

/**
 * Relations between indicators, per year, area and every value of the `same` dimensions (empty included):
 * total versus the sum of the parts. Sense from the data (see above), so "of which" relations (a part at
 * most its total) are declared the same way.
 */
export interface Related {
  name: string;
  total: Term;
  parts: Term[];
  same?: Dim[];
}

export const RELATED: Related[] = [
  { name: 'thuiszitters = absoluut verzuim + langdurig relatief verzuim', total: { indicator: 'JV-THUIS' },
    parts: [{ indicator: 'LT-AV-TOT' }, { indicator: 'LT-LRV-START' }, { indicator: 'LT-LRV-NIEUW' }] },
  { name: 'thuiszitters langer dan 3 maanden', total: { indicator: 'JV-THUIS', dims: { duur: '>3m' } },
    parts: [{ indicator: 'LT-AV-3M' }, { indicator: 'LT-LRV-3M' }] },
  { name: 'absoluut verzuim langer dan 3 maanden ≤ absoluut verzuim', total: { indicator: 'LT-AV-TOT' }, parts: [{ indicator: 'LT-AV-3M' }], same: ['onderwijssoort'] },
  { name: 'absoluut verzuim opgelost ≤ absoluut verzuim', total: { indicator: 'LT-AV-TOT' }, parts: [{ indicator: 'LT-AV-OPGELOST' }], same: ['onderwijssoort'] },
  { name: 'LRV langer dan 3 maanden ≤ LRV', total: { indicator: 'LT-LRV-3M' }, parts: [{ indicator: 'LT-LRV-START' }, { indicator: 'LT-LRV-NIEUW' }], same: ['onderwijssoort'] },
  { name: 'LRV ≤ relatief verzuim', total: { indicator: 'LT-RV-TOT' }, parts: [{ indicator: 'LT-LRV-START' }, { indicator: 'LT-LRV-NIEUW' }], same: ['onderwijssoort'] },
  { name: 'herhaald relatief verzuim ≤ relatief verzuim', total: { indicator: 'LT-RV-TOT' }, parts: [{ indicator: 'LT-RV-HERH' }], same: ['onderwijssoort'] },
  { name: 'luxeverzuim ≤ relatief verzuim', total: { indicator: 'LT-RV-TOT' }, parts: [{ indicator: 'LT-LUXE' }], same: ['onderwijssoort'] },
  { name: 'leerlingen met een melding luxeverzuim', total: { indicator: 'JV-RV-LEERLINGEN', dims: { soort: 'LUXE' } }, parts: [{ indicator: 'LT-LUXE' }] },
  { name: 'relatief verzuim ≤ leerlingen met een melding', total: { indicator: 'JV-RV-LEERLINGEN' }, parts: [{ indicator: 'LT-RV-TOT' }] },
  { name: 'processen-verbaal ouders', total: { indicator: 'JV-INTERVENTIES', dims: { soort: 'PV_OUDERS' } }, parts: [{ indicator: 'LT-PV-OUDERS' }] },
  { name: 'processen-verbaal jongere', total: { indicator: 'JV-INTERVENTIES', dims: { soort: 'PV_JONGERE' } }, parts: [{ indicator: 'LT-PV-JONGERE' }] },
  { name: 'Halt-verwijzingen', total: { indicator: 'JV-INTERVENTIES', dims: { soort: 'HALT' } }, parts: [{ indicator: 'LT-HALT' }] },
  { name: 'zaken ≤ acties', total: { indicator: 'JV-INTERVENTIES' }, parts: [{ indicator: 'JV-INTERVENTIES-ZAKEN' }], same: ['soort'] },
  { name: 'verlof met bezwaar ≤ verlofaanvragen', total: { indicator: 'JV-VERLOF' }, parts: [{ indicator: 'JV-VERLOF-BEZWAAR' }], same: ['artikel', 'beslisser', 'besluit'] },
  { name: 'meldingen 18+ (jaarverslag en RMC)', total: { indicator: 'RMC-18PLUS' }, parts: [{ indicator: 'JV-RV-MELDINGEN', dims: { soort: '18_PLUS' } }] },
  { name: 'personen 18+ ≤ meldingen 18+', total: { indicator: 'RMC-18PLUS' }, parts: [{ indicator: 'RMC-18PLUS-PERSONEN' }] },
  { name: 'bereikt ≤ trajecten', total: { indicator: 'RMC-TRAJECTEN' }, parts: [{ indicator: 'RMC-BEREIKT' }], same: ['soort'] },
  { name: 'teruggeleid ≤ resultaat onderwijs', total: { indicator: 'RMC-TERUGGELEID' },
    parts: [{ indicator: 'RMC-RESULTAAT', dims: { reden: 'ONDERWIJS' } }, { indicator: 'RMC-RESULTAAT', dims: { reden: 'WERK_MET_OPLEIDING' } }, { indicator: 'RMC-RESULTAAT', dims: { reden: 'STARTKWALIFICATIE' } }] },
];

/** The row's breakdown as text, one part per dimension ('∅' = total over it). */
function dimParts(r: StoreRow): string[] {
  return DIMENSIONS.map((d) => String(r[d] ?? '∅'));
}

/**
 * Every relation between the count cells of `rows` (values: `waarde`, the real figures). `rmcOf` maps a
 * gemeentecode to its RMC region. Only count cells take part; relations of one cell only are dropped.
 */
export function relations(rows: StoreRow[], rmcOf: Record<string, string> = {}): Relation[] {
  const out: Relation[] = [];
  const value = (i: number) => rows[i].waarde ?? 0;
  /** The coefficients of a total and n parts (1, then −1 n times): one array per length, shared (never written). */
  const coefs: number[][] = [];
  const coefOf = (n: number) => (coefs[n] ??= [1, ...new Array<number>(n).fill(-1)]);
  /**
   * The total (`cells[0]`) − Σ parts (the rest), sense from the real values; overlapping parts are also each at
   * most the total. The relation keeps the array.
   */
  const add = (cells: number[]) => {
    if (cells.length < 2) return;
    const total = cells[0];
    let sum = 0;
    for (let k = 1; k < cells.length; k++) sum += value(cells[k]);
    const diff = value(total) - sum;
    out.push({ cells, coef: coefOf(cells.length - 1), kind: diff === 0 ? 'eq' : diff < 0 ? 'le' : 'ge' });
    if (diff < 0 && cells.length > 2) {
      for (let k = 1; k < cells.length; k++) {
        const p = cells[k];
        if (value(p) <= value(total)) out.push({ cells: [total, p], coef: coefOf(1), kind: value(p) === value(total) ? 'eq' : 'ge' });
      }
    }
  };
  const count = (i: number) => COUNT_UNITS.has(rows[i].eenheid);
  // Index: indicator|schooljaar|gebiedsniveau|gebied → dims → row (a national store has a million rows: little is
  // kept per row, so that the garbage collector has little to do).
  const joined: string[] = rows.map((r, i) => (count(i) ? dimParts(r).join('|') : ''));
  const baseOf = (indicator: string, schooljaar: string, niveau: string, gebied: string) => `${indicator}|${schooljaar}|${niveau}|${gebied}`;
  const index = new Map<string, Map<string, number>>();
  const find = (base: string, dims: string) => index.get(base)?.get(dims);
  /** The count rows of each indicator, in order. */
  const ofIndicator = new Map<string, number[]>();
  let last = '', here = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!count(i)) return;
    const base = baseOf(r.indicator, r.schooljaar, r.gebiedsniveau, r.gebied);
    if (base !== last) {
      last = base;
      here = index.get(base) ?? new Map();
      index.set(base, here);
    }
    here.set(joined[i], i);
    const l = ofIndicator.get(r.indicator);
    if (l) l.push(i);
    else ofIndicator.set(r.indicator, [i]);
  });

  // Breakdowns: along each dimension, the cell with '∅' there is the total of the cells that differ only there.
  // Areas: the office region and each RMC region against their gemeenten (same breakdown cell).
  // The groups in the order they are first met (the order of the relations); each kept in a small map of its own
  // area and year (breakdowns) or indicator and year (areas), found again for the next row of the same.
  // A group is its relation's cells: the total first (−1 until met), then the members in the order met.
  type Group = number[];
  const order: Group[] = [];
  const groupIn = <K,>(map: Map<K, Group>, key: K) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = [-1])), order.push(g);
    return g;
  };
  const mapOf = <K,>(maps: Map<string, Map<K, Group>>, key: string) => {
    let m = maps.get(key);
    if (!m) maps.set(key, (m = new Map()));
    return m;
  };
  const used = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (!count(i)) return;
    let u = used.get(r.indicator);
    if (!u) used.set(r.indicator, (u = []));
    for (let j = 0; j < DIMENSIONS.length; j++) {
      const v = r[DIMENSIONS[j]];
      if (v !== null && v !== undefined && !u.includes(j)) u.push(j);
    }
  });
  // Group keys as numbers where they fit (a million string keys cost more in hashing and garbage than the rest):
  // each breakdown value and each cell (its breakdown, `joined`) interned to a small number.
  const valueIds = DIMENSIONS.map(() => new Map<string, number>([['∅', 0]]));
  const idOf = (map: Map<string, number>, v: string) => {
    let id = map.get(v);
    if (id === undefined) map.set(v, (id = map.size));
    return id;
  };
  const cellIds = new Map<string, number>();
  const rmcIds = new Map<string, number>();
  /** The key of an RMC region's group of a cell (`cell`: the cell's number · 4). */
  const rmcKey = (region: string, cell: number) => (idOf(rmcIds, region) + 1) * 2 ** 28 + cell + 2;
  const RADIX = 1024;
  const byBase = new Map<string, Map<number | string, Group>>();
  const byYear = new Map<string, Map<number, Group>>();
  let base = '', year = '', breakdowns = new Map<number | string, Group>(), areas = new Map<number, Group>();
  const pid = new Array<number>(DIMENSIONS.length).fill(0);
  rows.forEach((r, i) => {
    if (!count(i)) return;
    const b = baseOf(r.indicator, r.schooljaar, r.gebiedsniveau, r.gebied);
    if (b !== base) (base = b), (breakdowns = mapOf(byBase, b));
    const y = `${r.indicator}|${r.schooljaar}`;
    if (y !== year) (year = y), (areas = mapOf(byYear, y));
    const dims = used.get(r.indicator)!;
    // Only the dimensions this indicator uses (id 0: '∅').
    for (const j of dims) pid[j] = idOf(valueIds[j], String(r[DIMENSIONS[j]] ?? '∅'));
    // Along dimension d: the cells that differ only there (the other dimensions of this indicator as they are;
    // those it never uses are empty in every row of it). A number below 2^53, else the text.
    const fits = dims.length <= 4 && dims.every((j) => pid[j] < RADIX - 1);
    for (const d of dims) {
      let key: number | string;
      if (fits) {
        key = d;
        for (const j of dims) key = key * RADIX + (j === d ? 0 : pid[j] + 1);
      } else {
        const p = dimParts(r);
        key = `${d}`;
        for (let j = 0; j < p.length; j++) key += j === d ? '|*' : `|${p[j]}`;
      }
      const g = groupIn(breakdowns, key);
      if (pid[d] === 0) g[0] = i;
      else g.push(i);
    }
    // Areas (same breakdown cell): the office region and its gemeenten (0), the office region and its RMC-region
    // parts (1), each RMC region and its gemeenten (2, by region).
    const cell = idOf(cellIds, joined[i]) * 4;
    if (r.gebiedsniveau === 'regio') (groupIn(areas, cell)[0] = i), (groupIn(areas, cell + 1)[0] = i);
    if (r.gebiedsniveau === 'rmc_regio') (groupIn(areas, rmcKey(r.gebied, cell))[0] = i), groupIn(areas, cell + 1).push(i);
    if (r.gebiedsniveau === 'gemeente') {
      groupIn(areas, cell).push(i);
      if (rmcOf[r.gebied]) groupIn(areas, rmcKey(rmcOf[r.gebied], cell)).push(i);
    }
  });
  for (const g of order) if (g[0] >= 0) add(g);

  // Kwartaal periods: the schooljaar up to quarter k = up to quarter k−1 + quarter k (k ≠ 3); up to K3 ≤ K3.
  const quarters = new Map<string, RegExpExecArray | null>();
  rows.forEach((r, i) => {
    if (!count(i)) return;
    let q = quarters.get(r.schooljaar);
    if (q === undefined) quarters.set(r.schooljaar, (q = /^(\d{4})-K([1-4])$/.exec(r.schooljaar)));
    if (!q) return;
    const jaar = Number(q[1]);
    const k = Number(q[2]);
    const sj = k >= 3 ? jaar : jaar - 1;
    const upTo = (n: number) => find(baseOf(r.indicator, `${sj}/${sj + 1} t/m K${n}`, r.gebiedsniveau, r.gebied), joined[i]);
    const total = upTo(k);
    if (total === undefined) return;
    if (k === 3) {
      add([i, total]);
    } else {
      const before = upTo(k === 1 ? 4 : k - 1);
      if (before !== undefined) add([total, before, i]);
    }
  });

  // Relations between indicators, instantiated for every year, area and value of the `same` dimensions.
  for (const rel of RELATED) {
    const dimsOf = (t: Term, inst: string[]) => DIMENSIONS.map((d, j) => t.dims?.[d] ?? (rel.same?.includes(d) ? inst[j] : '∅'));
    for (const i of ofIndicator.get(rel.total.indicator) ?? []) {
      const r = rows[i];
      const p = dimParts(r);
      // This row is the total of an instance when its fixed dimensions match and all others (but `same`) are empty.
      const ok = DIMENSIONS.every((d, j) => rel.total.dims?.[d] !== undefined ? p[j] === rel.total.dims[d] : rel.same?.includes(d) || p[j] === '∅');
      if (!ok) continue;
      const members = rel.parts.map((t) => find(baseOf(t.indicator, r.schooljaar, r.gebiedsniveau, r.gebied), dimsOf(t, p).join('|')));
      if (members.some((m) => m === undefined)) continue;
      add([i, ...(members as number[])]);
    }
  }
  return out;
}
