/**
 * The audit of what a build publishes (auditPublication): on a hand-built extract with small counts, the dataset
 * made from the suppressed store passes; a dataset that shows a hidden count, or whose pattern is not the one the
 * LP proved, is refused, naming indicator, year and area but never a value.
 *
 *   P0..P2 live in 0392, P3 in 0375; each leaves VO on 2024-10-01 and returns on 2024-11-01: one absoluut
 *   verzuim spell each, so LT-AV-TOT = 3 in 0392 and 1 in 0375 (both hidden), 4 in the region.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../pipeline/db.ts';
import { auditPublication, publishIndicators } from '../pipeline/disclosure.ts';
import { createDatasetTable, loadCatalogTable } from '../pipeline/export/dataset.ts';
import { buildFixture, FIXTURE_TIMEOUT, P } from './helpers/fixture.ts';

const PARAMS = { min_cel: 5, min_noemer: 20 };
const people = P.slice(0, 4);
let n = 0;
const rows = {
  personen: people.map((bsn) => ({ bsn, geboortedatum: '2012-05-10', geslacht: 'M' })),
  verblijfplaatsen: people.map((bsn, i) => ({ bsn, gemeentecode: i < 3 ? '0392' : '0375', van: '2012-05-10' })),
  scholen: [{ brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true }],
  inschrijvingen: people.flatMap((bsn) => [
    { inschrijving_id: `i${++n}`, bsn, brin: '01AB', onderwijssoort: 'VO', van: '2020-08-01', tot: '2024-10-01' },
    { inschrijving_id: `i${++n}`, bsn, brin: '01AB', onderwijssoort: 'VO', van: '2024-11-01' },
  ]),
};

describe('the audit of what is published', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows);
    await loadCatalogTable(db);
    await publishIndicators(db, PARAMS);
    await createDatasetTable(db, { extractdatum: '2025-10-15', buildId: 'test' });
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());
  const av = "indicator = 'LT-AV-TOT' AND schooljaar = '2024/2025' AND gebiedscode = '0392' AND onderwijssoort = 'totaal'";
  /** Runs `check` on the dataset changed by `update` (SQL), and puts the dataset back as it was. */
  async function tampered(update: string, check: () => Promise<void>): Promise<void> {
    await db.run(`CREATE TEMP TABLE saved AS SELECT * FROM dataset`);
    try {
      await db.run(update);
      await check();
    } finally {
      await db.run('DELETE FROM dataset; INSERT INTO dataset SELECT * FROM saved; DROP TABLE saved');
    }
  }

  test('the suppressed dataset passes, by the proved pattern and by a second LP alike', async () => {
    const [{ onderdrukt }] = await db.all<{ onderdrukt: boolean }>(`SELECT onderdrukt FROM dataset WHERE ${av}`);
    expect(onderdrukt).toBe(true);
    await expect(auditPublication(db, PARAMS, { proved: true })).resolves.toMatchObject({ hidden: expect.any(Number) });
    await expect(auditPublication(db, PARAMS)).resolves.toMatchObject({ hidden: expect.any(Number) });
  });

  test('a hidden count that shows its value is refused, named without its value', async () => {
    await tampered(`UPDATE dataset SET onderdrukt = false, waarde = 3 WHERE ${av}`, async () => {
      for (const o of [{ proved: true }, {}]) {
        const e = await auditPublication(db, PARAMS, o).catch((x: Error) => x);
        expect(e).toBeInstanceOf(Error);
        expect((e as Error).message).toMatch(/LT-AV-TOT 2024\/2025 gemeente 0392: a count below 5 is published/);
        expect((e as Error).message).not.toMatch(/ 3\b(?! )/);
      }
    });
  });

  test('a published rate whose count is hidden is refused (it shows the count as teller)', async () => {
    const rate = "indicator = 'JV-AV-1000' AND schooljaar = '2024/2025' AND gebiedscode = '0392'";
    await tampered(`UPDATE dataset SET onderdrukt = false, waarde = 1, teller = NULL, noemer = NULL WHERE ${rate}`, async () => {
      for (const o of [{ proved: true }, {}]) {
        await expect(auditPublication(db, PARAMS, o)).rejects.toThrow(/JV-AV-1000 2024\/2025 gemeente 0392: a published rate gives a hidden count away/);
      }
    });
  });

  test('a published pattern other than the proved one is refused', async () => {
    // The region's number of leerplichtigen (published) hidden as well.
    const region = "rowid = (SELECT min(rowid) FROM dataset WHERE indicator = 'JV-POP-LP' AND schooljaar = '2024/2025' AND gebiedsniveau = 'regio' AND NOT onderdrukt)";
    await tampered(`UPDATE dataset SET onderdrukt = true, waarde = NULL, teller = NULL, noemer = NULL WHERE ${region}`, async () => {
      await expect(auditPublication(db, PARAMS, { proved: true })).rejects.toThrow(/JV-POP-LP 2024\/2025 regio testregio.*: hidden, unlike the pattern the disclosure audit proved safe/);
      // Audited afresh by LP it is refused too: the region is the sum of its published gemeenten.
      await expect(auditPublication(db, PARAMS)).rejects.toThrow(/JV-POP-LP 2024\/2025 regio testregio.*: hidden, but it can be worked back from the published figures/);
    });
  });
});
