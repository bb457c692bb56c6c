/**
 * RMC-TRAJECTEN, RMC-BEREIKT(-PCT), RMC-RESULTAAT, RMC-TERUGGELEID over the verslagperiode
 * 2024/2025 = [2024-08-01, 2025-08-01). Build: extract 2025-10-15, gemeenten 0392 and 0375 (RMC region 25).
 * Person P[i] owns traject tr<i>; everyone lives in 0392 from 2000 unless noted.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, P } from '../helpers/fixture.ts';

type T = { doelgroep: string; van: string; eerste_contact?: string; tot?: string; resultaat?: string };
const TRAJECTEN: Record<number, T> = {
  // opened before the period, closed in it: running + bereikt + closed ONDERWIJS + teruggeleid NIEUW_VSV
  1: { doelgroep: 'NIEUW_VSV', van: '2024-03-01', eerste_contact: '2024-04-01', tot: '2025-02-01', resultaat: 'ONDERWIJS' },
  // still open; first contact only after the period → running, not bereikt
  2: { doelgroep: 'OUD_VSV', van: '2024-09-01', eerste_contact: '2025-09-01' },
  // closed WERK_MET_OPLEIDING → teruggeleid OUD_VSV
  3: { doelgroep: 'OUD_VSV', van: '2024-10-01', eerste_contact: '2024-10-15', tot: '2025-05-01', resultaat: 'WERK_MET_OPLEIDING' },
  // never reached, closed NIET_BEREIKBAAR
  4: { doelgroep: 'JIKP', van: '2025-01-01', tot: '2025-06-01', resultaat: 'NIET_BEREIKBAAR' },
  // closed before the period (last day 2024-06-30) → 2023/2024 only
  5: { doelgroep: 'VERZUIM_18_PLUS', van: '2023-01-01', eerste_contact: '2023-01-02', tot: '2024-07-01', resultaat: 'ZORG' },
  // opened after the period → not in 2024/2025
  6: { doelgroep: 'NIEUW_VSV', van: '2025-08-01' },
  // tot 2025-08-01: last day 2025-07-31 → closed in 2024/2025; STARTKWALIFICATIE → teruggeleid NIEUW_VSV
  7: { doelgroep: 'NIEUW_VSV', van: '2024-11-01', eerste_contact: '2024-11-05', tot: '2025-08-01', resultaat: 'STARTKWALIFICATIE' },
  // tot 2024-08-01: last day 2024-07-31 → closed in 2023/2024, not running in 2024/2025
  8: { doelgroep: 'JIKP', van: '2024-05-01', eerste_contact: '2024-05-02', tot: '2024-08-01', resultaat: 'WERK' },
  // person moved out of the report's gemeenten (to 0363) on 2025-03-01; closed VERHUISD 2025-04-01 → 0392
  9: { doelgroep: 'OUD_VSV', van: '2024-09-01', eerste_contact: '2024-09-10', tot: '2025-04-01', resultaat: 'VERHUISD' },
  // lives in 0375
  10: { doelgroep: 'OUD_VSV', van: '2024-12-01', eerste_contact: '2024-12-02' },
  // moved 0375 → 0392 on 2025-01-01, still open: counted for 0392 (residence at the end of the period)
  11: { doelgroep: 'NIEUW_VSV', van: '2024-09-01' },
  // closed WERK (not a return to education) → not teruggeleid
  12: { doelgroep: 'NIEUW_VSV', van: '2024-09-01', eerste_contact: '2024-09-02', tot: '2025-03-01', resultaat: 'WERK' },
  // JIKP closed ONDERWIJS: a return to education, but not a vsv doelgroep → not in RMC-TERUGGELEID
  13: { doelgroep: 'JIKP', van: '2024-09-01', eerste_contact: '2024-09-02', tot: '2025-03-01', resultaat: 'ONDERWIJS' },
};
const ids = Object.keys(TRAJECTEN).map(Number);

describe('RMC trajecten', () => {
  let db: Db;
  beforeAll(async () => {
    const woon: Record<string, unknown>[] = ids.filter((i) => ![9, 10, 11].includes(i)).map((i) => ({ bsn: P[i], gemeentecode: '0392', van: '2000-01-01' }));
    woon.push(
      { bsn: P[9], gemeentecode: '0392', van: '2000-01-01', tot: '2025-03-01' },
      { bsn: P[9], gemeentecode: '0363', van: '2025-03-01' },
      { bsn: P[10], gemeentecode: '0375', van: '2000-01-01' },
      { bsn: P[11], gemeentecode: '0375', van: '2000-01-01', tot: '2025-01-01' },
      { bsn: P[11], gemeentecode: '0392', van: '2025-01-01' },
    );
    db = await buildFixture({
      personen: ids.map((i) => ({ bsn: P[i], geboortedatum: '2004-01-01', geslacht: 'O' })),
      verblijfplaatsen: woon,
      rmc_trajecten: ids.map((i) => ({ traject_id: `tr${i}`, bsn: P[i], ...TRAJECTEN[i] })),
    });
  });
  afterAll(() => db.close());

  const cel = async (indicator: string, gebied: string, dim: Record<string, string | null> = {}, schooljaar = '2024/2025') => {
    const d = { soort: null, reden: null, ...dim };
    const rows = await db.all<{ waarde: number; teller: number | null; noemer: number | null }>(
      `SELECT waarde, teller, noemer FROM indicator_store
       WHERE indicator = $indicator AND gebied = $gebied AND schooljaar = $schooljaar
         AND soort IS NOT DISTINCT FROM $soort AND reden IS NOT DISTINCT FROM $reden`,
      { indicator, gebied, schooljaar, soort: d.soort, reden: d.reden });
    expect(rows.length).toBeLessThanOrEqual(1);
    return rows[0];
  };

  test('running trajecten: opened before and closed in the period counts; by doelgroep and total', async () => {
    // 0392: tr1 tr2 tr3 tr4 tr7 tr9 tr11 tr12 tr13 = 9 (not tr5, tr8: ended before; tr6: opened after; tr10: 0375)
    expect((await cel('RMC-TRAJECTEN', '0392'))?.waarde).toBe(9);
    expect((await cel('RMC-TRAJECTEN', '0392', { soort: 'NIEUW_VSV' }))?.waarde).toBe(4); // tr1 tr7 tr11 tr12
    expect((await cel('RMC-TRAJECTEN', '0392', { soort: 'OUD_VSV' }))?.waarde).toBe(3); // tr2 tr3 tr9
    expect((await cel('RMC-TRAJECTEN', '0392', { soort: 'JIKP' }))?.waarde).toBe(2); // tr4 tr13
    expect((await cel('RMC-TRAJECTEN', '0392', { soort: 'VERZUIM_18_PLUS' }))?.waarde).toBe(0);
    expect((await cel('RMC-TRAJECTEN', '0375'))?.waarde).toBe(1); // tr10
    expect((await cel('RMC-TRAJECTEN', '25'))?.waarde).toBe(10);
    // 2023/2024 [2023-08-01, 2024-08-01): tr1 (from 2024-03-01), tr5, tr8
    expect((await cel('RMC-TRAJECTEN', '25', {}, '2023/2024'))?.waarde).toBe(3);
  });

  test('bereikt: eerste_contact before the end of the period; percentage over running trajecten', async () => {
    // 0392 bereikt: tr1 tr3 tr7 tr9 tr12 tr13 = 6 of 9 (tr2: contact after the period; tr4, tr11: none)
    expect((await cel('RMC-BEREIKT', '0392'))?.waarde).toBe(6);
    expect(await cel('RMC-BEREIKT-PCT', '0392')).toEqual({ waarde: (100 * 6) / 9, teller: 6, noemer: 9 });
    // NIEUW_VSV: tr1 tr7 tr12 of tr1 tr7 tr11 tr12 → 75 %
    expect(await cel('RMC-BEREIKT-PCT', '0392', { soort: 'NIEUW_VSV' })).toEqual({ waarde: 75, teller: 3, noemer: 4 });
    // no running VERZUIM_18_PLUS traject: count 0, no percentage
    expect((await cel('RMC-BEREIKT', '0392', { soort: 'VERZUIM_18_PLUS' }))?.waarde).toBe(0);
    expect(await cel('RMC-BEREIKT-PCT', '0392', { soort: 'VERZUIM_18_PLUS' })).toBeUndefined();
    // region: 7 of 10 (tr10 in 0375 reached)
    expect(await cel('RMC-BEREIKT-PCT', '25')).toEqual({ waarde: 70, teller: 7, noemer: 10 });
  });

  test('resultaat of trajecten closed in the period, counted where the person lived at the end', async () => {
    // 0392 closed: tr1 ONDERWIJS, tr3 WERK_MET_OPLEIDING, tr4 NIET_BEREIKBAAR, tr7 STARTKWALIFICATIE,
    // tr9 VERHUISD (moved out of the region: last report gemeente 0392), tr12 WERK, tr13 ONDERWIJS = 7
    expect((await cel('RMC-RESULTAAT', '0392'))?.waarde).toBe(7);
    expect((await cel('RMC-RESULTAAT', '0392', { reden: 'ONDERWIJS' }))?.waarde).toBe(2);
    expect((await cel('RMC-RESULTAAT', '0392', { reden: 'VERHUISD' }))?.waarde).toBe(1);
    expect((await cel('RMC-RESULTAAT', '0392', { reden: 'STARTKWALIFICATIE' }))?.waarde).toBe(1);
    expect((await cel('RMC-RESULTAAT', '0392', { reden: 'ZORG' }))?.waarde).toBe(0);
    expect((await cel('RMC-RESULTAAT', '0375'))?.waarde).toBe(0);
    // 2023/2024: tr5 ZORG, tr8 WERK
    expect((await cel('RMC-RESULTAAT', '25', {}, '2023/2024'))?.waarde).toBe(2);
    expect((await cel('RMC-RESULTAAT', '25', { reden: 'WERK' }, '2023/2024'))?.waarde).toBe(1);
  });

  test('teruggeleid: vsv doelgroepen only, split NIEUW_VSV / OUD_VSV, total = sum', async () => {
    // NIEUW_VSV: tr1 (ONDERWIJS), tr7 (STARTKWALIFICATIE); not tr12 (WERK). OUD_VSV: tr3 (WERK_MET_OPLEIDING).
    // Not tr13 (JIKP).
    expect((await cel('RMC-TERUGGELEID', '0392', { soort: 'NIEUW_VSV' }))?.waarde).toBe(2);
    expect((await cel('RMC-TERUGGELEID', '0392', { soort: 'OUD_VSV' }))?.waarde).toBe(1);
    expect((await cel('RMC-TERUGGELEID', '0392'))?.waarde).toBe(3);
    expect((await cel('RMC-TERUGGELEID', '25'))?.waarde).toBe(3);
  });

  test('a person who moved between two region gemeenten: traject counted once, at the end-of-period gemeente', async () => {
    const r = await db.all<{ gemeentecode: string }>(
      "SELECT gemeentecode FROM int_rmc_trajecten WHERE traject_id = 'tr11' AND jaar = 2024");
    expect(r).toEqual([{ gemeentecode: '0392' }]);
    expect((await cel('RMC-TRAJECTEN', '0375', { soort: 'NIEUW_VSV' }))?.waarde).toBe(0);
  });

  test('every unit occurs once per family and year (so counting rows counts distinct units)', async () => {
    const dubbel = await db.all(
      'SELECT familie, jaar, eenheid, count(*) AS n FROM int_rmc_feiten GROUP BY ALL HAVING count(*) > 1');
    expect(dubbel).toEqual([]);
  });

  test('verslagperiode as the period', async () => {
    const r = await db.all<{ periode_van: string; periode_tot: string }>(
      `SELECT DISTINCT periode_van, periode_tot FROM indicator_store
       WHERE indicator IN ('RMC-TRAJECTEN', 'RMC-BEREIKT', 'RMC-BEREIKT-PCT', 'RMC-RESULTAAT', 'RMC-TERUGGELEID')
         AND schooljaar = '2024/2025'`);
    expect(r).toEqual([{ periode_van: '2024-08-01', periode_tot: '2025-08-01' }]);
  });
});
