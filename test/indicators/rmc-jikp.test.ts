/**
 * RMC-JIKP: jongeren in kwetsbare positie (16..22 on 1 Oct t in VO PRO/VMBO_B, VSO or MBO 1), status on 1 Oct t+1.
 * Build: schooljaar 2024/2025, extract 2025-10-15, gemeenten 0392 and 0375 (RMC region 25).
 * Teljaar 2024/2025: d0 = 2024-10-01, d1 = 2025-10-01. Everyone is born 2007-03-01 (17 on d0) unless noted
 * and lives in 0392 throughout.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, P } from '../helpers/fixture.ts';

const S = { brin: '01AA', naam: 'School', gemeentecode: '0392', bekostigd: true };
const ins = (id: string, i: number, onderwijssoort: string, niveau: string | null, van: string, tot: string | null = null) =>
  ({ inschrijving_id: id, bsn: P[i], brin: '01AA', onderwijssoort, niveau, van, tot });

// Enrolled on d0 in a JIKP enrollment that ended 2025-07-01, then (maybe) a follow-up enrollment from 2025-08-15.
const JIKP = [
  // i, soort op d0, niveau op d0, vervolg (soort, niveau) or null, verwachte status
  [0, 'VO', 'PRO', ['MBO', '1'], 'MBO1'],
  [1, 'VO', 'VMBO_B', ['MBO', '2'], 'MBO2'],
  [2, 'VSO', 'ARBEID', ['MBO', '3'], 'ANDER_ONDERWIJS'], // mbo 3 is "other education"
  [3, 'MBO', '1', null, 'UITGESTROOMD_MET_SK'], // MBO2 diploma 2025-07-01 (below)
  [4, 'MBO', '1', null, 'UITGESTROOMD_ZONDER_SK'],
  [5, 'VO', 'PRO', ['VO', 'PRO'], 'ANDER_ONDERWIJS'], // stays in pro
] as const;

describe('RMC-JIKP', () => {
  let db: Db;
  beforeAll(async () => {
    const jikpBsn = JIKP.map(([i]) => i);
    db = await buildFixture({
      personen: [
        ...jikpBsn.map((i) => ({ bsn: P[i], geboortedatum: '2007-03-01', geslacht: 'M' })),
        { bsn: P[6], geboortedatum: '2009-03-01', geslacht: 'M' }, // 15 on d0 → not (16..22)
        { bsn: P[7], geboortedatum: '2007-03-01', geslacht: 'M' }, // VMBO_K → not JIKP
        { bsn: P[8], geboortedatum: '2007-03-01', geslacht: 'M' }, // PRO, emigrated before d1 → not followed
        { bsn: P[9], geboortedatum: '2007-03-01', geslacht: 'M' }, // PRO + MBO1 and MBO2 on d1 → MBO2, in 0375
      ],
      verblijfplaatsen: [
        ...[...jikpBsn, 6, 7].map((i) => ({ bsn: P[i], gemeentecode: '0392', van: '2007-03-01' })),
        { bsn: P[8], gemeentecode: '0392', van: '2007-03-01', tot: '2025-05-01' },
        { bsn: P[8], gemeentecode: '1999', van: '2025-05-01' },
        { bsn: P[9], gemeentecode: '0375', van: '2007-03-01' },
      ],
      scholen: [S],
      inschrijvingen: [
        ...JIKP.flatMap(([i, soort, niveau, vervolg]) => [
          ins(`a${i}`, i, soort, niveau, '2023-08-01', '2025-07-01'),
          ...(vervolg ? [ins(`b${i}`, i, vervolg[0], vervolg[1], '2025-08-15')] : []),
        ]),
        ins('a6', 6, 'VO', 'PRO', '2023-08-01', '2025-07-01'),
        ins('a7', 7, 'VO', 'VMBO_K', '2023-08-01', '2025-07-01'),
        ins('a8', 8, 'VO', 'PRO', '2023-08-01', '2025-05-01'),
        ins('a9', 9, 'VO', 'PRO', '2023-08-01', '2025-07-01'),
        ins('b9', 9, 'MBO', '1', '2025-08-15'),
        ins('c9', 9, 'MBO', '2', '2025-08-15'),
      ],
      diplomas: [{ bsn: P[3], soort: 'MBO2', datum: '2025-07-01' }],
    });
  });
  afterAll(() => db.close());

  const jikp = async (gebied: string, status: string | null) =>
    (await db.all<{ waarde: number }>(
      `SELECT waarde FROM indicator_store WHERE indicator = 'RMC-JIKP' AND schooljaar = '2024/2025'
       AND gebied = $gebied AND status IS NOT DISTINCT FROM $status`, { gebied, status }))[0]?.waarde;

  test('each pupil lands in its follow-up status on 1 Oct t+1', async () => {
    const r = await db.all<{ bsn: string; categorie: string }>(
      "SELECT lpad(CAST(bsn AS VARCHAR), 9, '0') AS bsn, categorie FROM int_rmc_feiten WHERE familie = 'JIKP' AND jaar = 2024 ORDER BY bsn");
    const verwacht = [...JIKP.map(([i, , , , s]) => ({ bsn: P[i], categorie: s })), { bsn: P[9], categorie: 'MBO2' }];
    expect(r).toEqual(verwacht.sort((a, b) => a.bsn.localeCompare(b.bsn)));
  });

  test('per gemeente, per status and total (status NULL)', async () => {
    // 0392: P0 MBO1, P1 MBO2, P2 + P5 ANDER_ONDERWIJS, P3 MET_SK, P4 ZONDER_SK = 6; 0375: P9 MBO2.
    expect(await jikp('0392', 'MBO1')).toBe(1);
    expect(await jikp('0392', 'MBO2')).toBe(1);
    expect(await jikp('0392', 'ANDER_ONDERWIJS')).toBe(2);
    expect(await jikp('0392', 'UITGESTROOMD_MET_SK')).toBe(1);
    expect(await jikp('0392', 'UITGESTROOMD_ZONDER_SK')).toBe(1);
    expect(await jikp('0392', null)).toBe(6);
    expect(await jikp('0375', 'MBO2')).toBe(1);
    expect(await jikp('0375', 'MBO1')).toBe(0); // zero is a row
    expect(await jikp('0375', null)).toBe(1);
    expect(await jikp('25', 'MBO2')).toBe(2);
    expect(await jikp('25', null)).toBe(7);
  });

  test('teljaar as the period', async () => {
    const r = await db.one<{ periode_van: string; periode_tot: string }>(
      `SELECT DISTINCT periode_van, periode_tot FROM indicator_store
       WHERE indicator = 'RMC-JIKP' AND schooljaar = '2024/2025'`);
    expect(r).toEqual({ periode_van: '2024-10-01', periode_tot: '2025-10-01' });
  });
});
