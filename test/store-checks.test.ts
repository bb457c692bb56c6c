/**
 * The store's invariants (queries/checks/store/), run on every build: a store that holds a cell twice, or
 * whose breakdown does not add up to its total, stops the build with the indicator named; a breakdown the
 * catalog declares overlapping (one person in several soorten) is not required to add up.
 */
import { describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { loadCatalogTable } from '../pipeline/export/dataset.ts';
import { consistencyProblems, requireConsistency } from '../pipeline/reports/consistency.ts';
import { storeDdl } from '../pipeline/store.ts';

type Cell = [indicator: string, onderwijssoort: string | null, soort: string | null, waarde: number];

async function store(cells: Cell[]): Promise<Db> {
  const db = await Db.open({ threads: 1 });
  await db.run(storeDdl());
  await loadCatalogTable(db);
  for (const [indicator, onderwijssoort, soort, waarde] of cells) {
    await db.run(`INSERT INTO indicator_store (indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied, onderwijssoort, soort, waarde, eenheid)
      VALUES ($i, '2024/2025', DATE '2024-08-01', DATE '2025-08-01', 'gemeente', '0392', $o, $s, $w, 'personen')`, { i: indicator, o: onderwijssoort, s: soort, w: waarde });
  }
  return db;
}

const STORE = ['checks/store'];

describe('store invariants', () => {
  test('a store whose breakdowns add up passes', async () => {
    // 12 absoluut verzuimers: 5 in PO + 7 in VO
    const db = await store([['LT-AV-TOT', null, null, 12], ['LT-AV-TOT', 'PO', null, 5], ['LT-AV-TOT', 'VO', null, 7]]);
    expect(await consistencyProblems(db, STORE)).toEqual([]);
    await expect(requireConsistency(db, STORE)).resolves.toBeUndefined();
    db.close();
  });

  test('a cell in the store twice stops the build, naming the indicator', async () => {
    const db = await store([['LT-AV-TOT', null, null, 12], ['LT-AV-TOT', 'PO', null, 5], ['LT-AV-TOT', 'VO', null, 7], ['LT-AV-TOT', 'VO', null, 7]]);
    const p = await consistencyProblems(db, STORE);
    expect(p.map((x) => [x.controle, x.indicator])).toContainEqual(['een_cel_een_rij', 'LT-AV-TOT']);
    await expect(requireConsistency(db, STORE)).rejects.toThrow(/LT-AV-TOT 0392 \(VO\|∅.*\) staat 2 keer in de store/);
    db.close();
  });

  test('a breakdown that does not add up to its total stops the build', async () => {
    // 5 + 6 = 11, not 12
    const db = await store([['LT-AV-TOT', null, null, 12], ['LT-AV-TOT', 'PO', null, 5], ['LT-AV-TOT', 'VO', null, 6]]);
    const p = await consistencyProblems(db, STORE);
    expect(p).toEqual([expect.objectContaining({ controle: 'optellen', indicator: 'LT-AV-TOT', gebied: '0392' })]);
    expect(p[0].toelichting).toMatch(/naar onderwijssoort tellen op tot 11, het totaal is 12/);
    await expect(requireConsistency(db, STORE)).rejects.toThrow(/LT-AV-TOT/);
    db.close();
  });

  test('an overlapping breakdown (a pupil with meldingen of two soorten) need not add up', async () => {
    // JV-RV-LEERLINGEN is declared `overlappend: [soort]` in its query's header: 10 pupils, 6 LUXE + 7 LRV
    const db = await store([['JV-RV-LEERLINGEN', null, null, 10], ['JV-RV-LEERLINGEN', null, 'LUXE', 6], ['JV-RV-LEERLINGEN', null, 'LRV', 7]]);
    expect(await consistencyProblems(db, STORE)).toEqual([]);
    db.close();
  });
});
