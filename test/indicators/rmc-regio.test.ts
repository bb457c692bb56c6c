/**
 * Area levels of the RMC figures: gemeente, rmc_regio (distinct units over the region's gemeenten, GROUPING SETS)
 * and the configuration's region ('regio') only where it differs from a single RMC region.
 * Build: schooljaar 2024/2025, extract 2025-10-15, verslagperiode [2024-08-01, 2025-08-01).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, type FixtureRows, P } from '../helpers/fixture.ts';

// P0 moves 0392 → 0375 on 2025-01-01 and has a 18+ melding in each; P1 lives in 0450 (Uitgeest) with one melding.
const ROWS: FixtureRows = {
  personen: [0, 1].map((i) => ({ bsn: P[i], geboortedatum: '2005-01-01', geslacht: 'M' })),
  verblijfplaatsen: [
    { bsn: P[0], gemeentecode: '0392', van: '2005-01-01', tot: '2025-01-01' },
    { bsn: P[0], gemeentecode: '0375', van: '2025-01-01' },
    { bsn: P[1], gemeentecode: '0450', van: '2005-01-01' },
  ],
  scholen: [{ brin: '01AA', naam: 'ROC', gemeentecode: '0392', bekostigd: true }],
  verzuimmeldingen: [
    { melding_id: 'm1', bsn: P[0], brin: '01AA', soort: '18_PLUS', datum_melding: '2024-11-01', verzuim_van: '2024-11-01', status: 'AFGESLOTEN' },
    { melding_id: 'm2', bsn: P[0], brin: '01AA', soort: '18_PLUS', datum_melding: '2025-03-01', verzuim_van: '2025-03-01', status: 'GEREGISTREERD' },
    { melding_id: 'm3', bsn: P[1], brin: '01AA', soort: '18_PLUS', datum_melding: '2025-03-01', verzuim_van: '2025-03-01', status: 'GEREGISTREERD' },
  ],
};

async function personen(db: Db): Promise<Record<string, number>> {
  const r = await db.all<{ niveau: string; gebied: string; waarde: number }>(
    `SELECT gebiedsniveau AS niveau, gebied, waarde FROM indicator_store
     WHERE indicator = 'RMC-18PLUS-PERSONEN' AND schooljaar = '2024/2025' ORDER BY ALL`);
  return Object.fromEntries(r.map((x) => [`${x.niveau}:${x.gebied}`, x.waarde]));
}

describe('config region spanning two RMC regions', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(ROWS, { gemeenten: ['0392', '0375', '0450'], rmcRegio: {
      '0392': { code: '25', naam: 'Zuid-Kennemerland en IJmond' },
      '0375': { code: '25', naam: 'Zuid-Kennemerland en IJmond' },
      '0450': { code: '24', naam: 'West-Friesland' },
    } });
  });
  afterAll(() => db.close());

  test('distinct persons per gemeente, per RMC region and for the config region', async () => {
    expect(await personen(db)).toEqual({
      'gemeente:0375': 1, //   P0 (after the move)
      'gemeente:0392': 1, //   P0 (before the move)
      'gemeente:0450': 1, //   P1
      'rmc_regio:24': 1, //    P1
      'rmc_regio:25': 1, //    P0 once, not 1 + 1
      'regio:testregio': 2, // P0 and P1
    });
  });

  test('every unit occurs once per family and year (so counting rows counts distinct units)', async () => {
    const dubbel = await db.all(
      'SELECT familie, jaar, eenheid, count(*) AS n FROM int_rmc_feiten GROUP BY ALL HAVING count(*) > 1');
    expect(dubbel).toEqual([]);
  });
});

describe('config region that is one RMC region', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(ROWS, { gemeenten: ['0392', '0375'] }); // both in RMC region 25 (config default)
  });
  afterAll(() => db.close());

  test('no separate regio rows (they would repeat rmc_regio 25)', async () => {
    expect(await personen(db)).toEqual({ 'gemeente:0375': 1, 'gemeente:0392': 1, 'rmc_regio:25': 1 });
    const n = await db.one<{ n: number }>(
      "SELECT count(*) AS n FROM indicator_store WHERE indicator LIKE 'RMC-%' AND gebiedsniveau = 'regio'");
    expect(n.n).toBe(0);
  });
});
