/**
 * Consistency checks on the store (queries/checks/consistentie/): consistent figures pass; each check fails
 * on figures that contradict each other, naming the indicator; the build's guard stops with the list.
 */
import { describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { consistencyProblems, requireConsistency } from '../pipeline/reports/consistency.ts';
import { storeDdl } from '../pipeline/store.ts';

type Row = { indicator: string; gebied?: string; niveau?: string; waarde: number | null; teller?: number; noemer?: number; eenheid?: string } & Partial<Record<'onderwijssoort' | 'soort' | 'duur' | 'reden', string>>;

async function store(rows: Row[]): Promise<Db> {
  const db = await Db.open({ threads: 1 });
  await db.run(storeDdl());
  for (const r of rows) {
    await db.run(`INSERT INTO indicator_store (indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied, onderwijssoort, soort, duur, reden, waarde, teller, noemer, eenheid)
      VALUES ($i, '2024/2025', DATE '2024-08-01', DATE '2025-08-01', $n, $g, $o, $s, $d, $r, $w, $t, $no, $e)`, {
      i: r.indicator, n: r.niveau ?? 'gemeente', g: r.gebied ?? '0392', o: r.onderwijssoort ?? null, s: r.soort ?? null, d: r.duur ?? null,
      r: r.reden ?? null, w: r.waarde, t: r.teller ?? null, no: r.noemer ?? null, e: r.eenheid ?? 'personen',
    });
  }
  return db;
}

/** A consistent store: Haarlem and the region, with rates, breakdowns and "of which" figures. */
const CONSISTENT: Row[] = [
  { indicator: 'LT-AV-TOT', waarde: 12 }, { indicator: 'LT-AV-TOT', onderwijssoort: 'VO', waarde: 7 },
  { indicator: 'LT-AV-TOT', niveau: 'regio', gebied: 'wk', waarde: 30 },
  { indicator: 'LT-AV-3M', waarde: 5 },
  { indicator: 'JV-AV-1000', waarde: 0.8, teller: 12, noemer: 15000, eenheid: 'per_1000' },
  { indicator: 'LT-LUXE', waarde: 43 }, { indicator: 'JV-RV-LEERLINGEN', soort: 'LUXE', waarde: 43 },
  { indicator: 'JV-RV-LEERLINGEN', waarde: 600 },
  { indicator: 'JV-THUIS', waarde: 20 }, { indicator: 'JV-THUIS', duur: '>3m', waarde: 8 },
  { indicator: 'RMC-TERUGGELEID', waarde: 9, eenheid: 'trajecten' }, { indicator: 'RMC-RESULTAAT', waarde: 30, eenheid: 'trajecten' },
  { indicator: 'RMC-RESULTAAT', reden: 'ONDERWIJS', waarde: 12, eenheid: 'trajecten' },
];

function without(rows: Row[], pred: (r: Row) => boolean, ...extra: Row[]): Row[] {
  return [...rows.filter((r) => !pred(r)), ...extra];
}

describe('consistency checks on the store', () => {
  test('consistent figures pass', async () => {
    const db = await store(CONSISTENT);
    expect(await consistencyProblems(db)).toEqual([]);
    await expect(requireConsistency(db)).resolves.toBeUndefined();
    db.close();
  });

  test('one figure, two values: luxeverzuim 43 in the kerncijfers and 44 in the chapter fails', async () => {
    const db = await store(without(CONSISTENT, (r) => r.indicator === 'JV-RV-LEERLINGEN' && r.soort === 'LUXE', { indicator: 'JV-RV-LEERLINGEN', soort: 'LUXE', waarde: 44 }));
    const p = await consistencyProblems(db);
    expect(p.map((x) => [x.controle, x.indicator, x.gebied])).toEqual([['zelfde_cijfer', 'LT-LUXE', '0392']]);
    expect(p[0].toelichting).toContain('44');
    db.close();
  });

  test('a rate whose teller is not the published count fails', async () => {
    const db = await store(without(CONSISTENT, (r) => r.indicator === 'JV-AV-1000', { indicator: 'JV-AV-1000', waarde: 0.9, teller: 13, noemer: 15000, eenheid: 'per_1000' }));
    expect((await consistencyProblems(db)).map((x) => [x.controle, x.indicator])).toEqual([['zelfde_cijfer', 'JV-AV-1000']]);
    db.close();
  });

  test('a breakdown cell above its total fails (thuiszitters > 3 months above all thuiszitters)', async () => {
    const db = await store(without(CONSISTENT, (r) => r.indicator === 'JV-THUIS' && r.duur === '>3m', { indicator: 'JV-THUIS', duur: '>3m', waarde: 21 }));
    expect((await consistencyProblems(db)).map((x) => [x.controle, x.indicator])).toEqual([['deel_van_geheel', 'JV-THUIS']]);
    db.close();
  });

  test('a gemeente above its region fails', async () => {
    const db = await store(without(CONSISTENT, (r) => r.indicator === 'LT-AV-TOT' && r.niveau === 'regio', { indicator: 'LT-AV-TOT', niveau: 'regio', gebied: 'wk', waarde: 11 }));
    expect((await consistencyProblems(db)).map((x) => [x.controle, x.indicator])).toEqual([['gemeente_in_regio', 'LT-AV-TOT']]);
    db.close();
  });

  test('an "of which" figure above its total fails (absoluut verzuim > 3 months; teruggeleid above afgesloten)', async () => {
    const db = await store(without(CONSISTENT, (r) => r.indicator === 'LT-AV-3M' || r.indicator === 'RMC-TERUGGELEID',
      { indicator: 'LT-AV-3M', waarde: 13 }, { indicator: 'RMC-TERUGGELEID', waarde: 31, eenheid: 'trajecten' }));
    expect((await consistencyProblems(db)).map((x) => [x.controle, x.indicator])).toEqual([['deel_van_totaal', 'LT-AV-3M'], ['deel_van_totaal', 'RMC-TERUGGELEID']]);
    await expect(requireConsistency(db)).rejects.toThrow(/2 consistency check\(s\) failed[\s\S]*LT-AV-3M 0392 is 13, meer dan het totaal \(12\)/);
    db.close();
  });
});
