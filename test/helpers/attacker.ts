/**
 * An outsider who only has the public CSVs of one build, written apart from the pipeline's own audit: it reads
 * every published CSV, assumes that every total is the sum of its parts (breakdowns, region = gemeenten =
 * RMC-region parts, RMC region = its gemeenten, the links between indicators of the definitions), that a hidden
 * count is at least 1 (zeros are shown), and narrows each hidden count by interval propagation until nothing
 * changes. A hidden count whose interval is one whole number is "recovered".
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Db, sqlString } from '../../pipeline/db.ts';
import { RELATED } from '../../pipeline/disclosure-relations.ts';
import { rmcRegios } from '../../pipeline/reference.ts';
import { COUNT_UNITS, DIMENSIONS } from '../../pipeline/store.ts';

export interface PublishedCell {
  indicator: string;
  schooljaar: string;
  gebiedsniveau: string;
  gebiedscode: string;
  dims: string[];
  waarde: number | null;
  onderdrukt: boolean;
  eenheid: string;
}

export interface Recovered {
  key: string;
  value: number;
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    const skip = ['vertrouwelijk', 'excel', 'woordenboek', 'codelijst'].some((x) => e.name.includes(x));
    return e.isDirectory() ? csvFiles(p) : e.name.endsWith('.csv') && !skip ? [p] : [];
  });
}

/** Every published count cell of every public CSV under `dir` (the same cell from several files once). */
export async function readPublished(dir: string): Promise<PublishedCell[]> {
  const db = await Db.open({ threads: 1 });
  try {
    const files = csvFiles(dir);
    const rows = await db.all<Record<string, string | null>>(`SELECT DISTINCT indicator, schooljaar, gebiedsniveau, gebiedscode, ${DIMENSIONS.join(', ')}, waarde, onderdrukt, eenheid
      FROM read_csv([${files.map(sqlString).join(', ')}], union_by_name = true, all_varchar = true)`);
    return rows.filter((r) => COUNT_UNITS.has(r.eenheid!)).map((r) => ({
      indicator: r.indicator!, schooljaar: r.schooljaar!, gebiedsniveau: r.gebiedsniveau!, gebiedscode: r.gebiedscode!,
      // A total is marked "totaal"; empty means the breakdown does not apply. Both are "no category" here.
      dims: DIMENSIONS.map((d) => (r[d] === 'totaal' ? '' : r[d] ?? '')), waarde: r.waarde === null || r.waarde === '' ? null : Number(r.waarde),
      onderdrukt: r.onderdrukt === 'true', eenheid: r.eenheid!,
    }));
  } finally {
    db.close();
  }
}

export const cellKey = (c: Pick<PublishedCell, 'indicator' | 'schooljaar' | 'gebiedscode' | 'dims'>) => `${c.indicator}|${c.schooljaar}|${c.gebiedscode}|${c.dims.join('|')}`;

/** Interval propagation over sums (total = Σ parts) of the published cells: the hidden counts it pins down. */
export function attack(cells: PublishedCell[]): Recovered[] {
  const byKey = new Map(cells.map((c) => [cellKey(c), c]));
  const sums: { total: string; parts: string[] }[] = [];
  const groups = new Map<string, { total?: string; parts: string[] }>();
  const group = (k: string) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { parts: [] }));
    return g;
  };
  const rmc = rmcRegios();
  for (const c of cells) {
    const key = cellKey(c);
    c.dims.forEach((v, d) => {
      const g = group(`dim|${c.indicator}|${c.schooljaar}|${c.gebiedscode}|${d}|${c.dims.map((x, j) => (j === d ? '*' : x)).join('|')}`);
      if (v === '') g.total = key;
      else g.parts.push(key);
    });
    const cell = `${c.indicator}|${c.schooljaar}|${c.dims.join('|')}`;
    if (c.gebiedsniveau === 'regio') group(`regio|${cell}`).total = key, (group(`regio-rmc|${cell}`).total = key);
    if (c.gebiedsniveau === 'rmc_regio') group(`rmc|${c.gebiedscode}|${cell}`).total = key, group(`regio-rmc|${cell}`).parts.push(key);
    if (c.gebiedsniveau === 'gemeente') {
      group(`regio|${cell}`).parts.push(key);
      if (rmc[c.gebiedscode]) group(`rmc|${rmc[c.gebiedscode].code}|${cell}`).parts.push(key);
    }
  }
  for (const g of groups.values()) if (g.total && g.parts.length) sums.push({ total: g.total, parts: g.parts });
  // The links between indicators, as the definitions state them (same year, area and breakdown).
  for (const rel of RELATED) {
    for (const c of cells) {
      if (c.indicator !== rel.total.indicator) continue;
      const ok = DIMENSIONS.every((d, j) => (rel.total.dims?.[d] !== undefined ? c.dims[j] === rel.total.dims[d] : rel.same?.includes(d) || c.dims[j] === ''));
      if (!ok) continue;
      const parts = rel.parts.map((t) => cellKey({ ...c, indicator: t.indicator, dims: DIMENSIONS.map((d, j) => t.dims?.[d] ?? (rel.same?.includes(d) ? c.dims[j] : '')) }));
      if (parts.every((p) => byKey.has(p))) sums.push({ total: cellKey(c), parts });
    }
  }
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const c of cells) {
    const k = cellKey(c);
    if (c.onderdrukt) (lo.set(k, 1), hi.set(k, Infinity));
    else (lo.set(k, c.waarde ?? 0), hi.set(k, c.waarde ?? 0));
  }
  for (let pass = 0, changed = true; changed && pass < 200; pass++) {
    changed = false;
    for (const s of sums) {
      const all = [s.total, ...s.parts];
      const sign = (i: number) => (i === 0 ? 1 : -1);
      // total − Σ parts = 0: each term = −(the others).
      let sLo = 0, sHi = 0;
      all.forEach((k, i) => {
        sLo += sign(i) > 0 ? lo.get(k)! : -hi.get(k)!;
        sHi += sign(i) > 0 ? hi.get(k)! : -lo.get(k)!;
      });
      all.forEach((k, i) => {
        if (!byKey.get(k)!.onderdrukt) return;
        const tLo = sign(i) > 0 ? lo.get(k)! : -hi.get(k)!;
        const tHi = sign(i) > 0 ? hi.get(k)! : -lo.get(k)!;
        const oLo = sLo - tLo, oHi = sHi - tHi;
        if (!Number.isFinite(oLo) && !Number.isFinite(oHi)) return;
        // sign·x = −others
        const [l, h] = sign(i) > 0 ? [-oHi, -oLo] : [oLo, oHi];
        if (Number.isFinite(l) && l > lo.get(k)! + 1e-9) (lo.set(k, l), (changed = true));
        if (Number.isFinite(h) && h < hi.get(k)! - 1e-9) (hi.set(k, h), (changed = true));
      });
    }
  }
  const out: Recovered[] = [];
  for (const c of cells) {
    const k = cellKey(c);
    if (!c.onderdrukt) continue;
    const l = Math.ceil(lo.get(k)! - 1e-9), h = Math.floor(hi.get(k)! + 1e-9);
    if (l === h) out.push({ key: k, value: l });
  }
  return out;
}
