/**
 * RMC-18PLUS / RMC-18PLUS-PERSONEN and RMC-OUD-VSV over the verslagperiode 2024/2025 = [2024-08-01, 2025-08-01).
 * Build: extract 2025-10-15, gemeenten 0392 and 0375 (RMC region 25).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, P } from '../helpers/fixture.ts';

const melding = (id: string, i: number, datum: string, soort = '18_PLUS', status = 'GEREGISTREERD') =>
  ({ melding_id: id, bsn: P[i], brin: '01AA', soort, datum_melding: datum, verzuim_van: datum, status });
const persoon = (i: number, geboortedatum = '2005-01-01') => ({ bsn: P[i], geboortedatum, geslacht: 'V' });
const woont = (i: number, gemeentecode = '0392', van = '2000-01-01', tot: string | null = null) =>
  ({ bsn: P[i], gemeentecode, van, tot });

async function waarde(db: Db, indicator: string, gebied: string): Promise<number | undefined> {
  const r = await db.all<{ waarde: number }>(
    `SELECT waarde FROM indicator_store WHERE indicator = $indicator AND gebied = $gebied AND schooljaar = '2024/2025'`,
    { indicator, gebied });
  expect(r.length).toBeLessThanOrEqual(1);
  return r[0]?.waarde;
}

describe('RMC-18PLUS: meldingen vs persons', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture({
      // P0 (A) moves 0392 → 0375 on 2025-01-01; P1 (B), P2 (C), P3 (D) live in 0392.
      personen: [0, 1, 2, 3].map((i) => persoon(i)),
      verblijfplaatsen: [woont(0, '0392', '2000-01-01', '2025-01-01'), woont(0, '0375', '2025-01-01'), woont(1), woont(2), woont(3)],
      scholen: [{ brin: '01AA', naam: 'ROC', gemeentecode: '0392', bekostigd: true }],
      verzuimmeldingen: [
        melding('m0', 0, '2024-09-10'), //                           A in 0392
        melding('m1', 0, '2025-02-01'), //                           A in 0375 (after the move)
        melding('m2', 1, '2024-10-10', '18_PLUS', 'INGETROKKEN'), // withdrawn → not counted
        melding('m3', 1, '2025-08-05'), //                           after the period → not in 2024/2025
        melding('m4', 2, '2024-10-10', 'LRV'), //                    other soort → not counted
        melding('m5', 2, '2025-03-03'), //                           C in 0392
        melding('m6', 3, '2025-01-10'), //                           D twice: 2 meldingen, 1 person
        melding('m7', 3, '2025-01-10'),
      ],
    });
  });
  afterAll(() => db.close());

  test('meldingen per gemeente and region', async () => {
    expect(await waarde(db, 'RMC-18PLUS', '0392')).toBe(4); // m0 m5 m6 m7
    expect(await waarde(db, 'RMC-18PLUS', '0375')).toBe(1); // m1
    expect(await waarde(db, 'RMC-18PLUS', '25')).toBe(5);
  });

  test('distinct persons: the person who moved counts in both gemeenten but once in the region', async () => {
    expect(await waarde(db, 'RMC-18PLUS-PERSONEN', '0392')).toBe(3); // A C D
    expect(await waarde(db, 'RMC-18PLUS-PERSONEN', '0375')).toBe(1); // A
    expect(await waarde(db, 'RMC-18PLUS-PERSONEN', '25')).toBe(3); //   A C D, not 3 + 1
  });
});

describe('RMC-OUD-VSV on the last day of the period (2025-07-31)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture({
      personen: [
        persoon(0), //               20, not enrolled, no diploma → counted
        persoon(1), //               MBO2 diploma → not
        persoon(2), //               enrolled until 2025-08-01 (covers 31 July) → not
        persoon(3, '2002-07-31'), // 23 on 2025-07-31 → not
        persoon(4, '2002-08-01'), // 22 on 2025-07-31 → counted
        persoon(5, '2007-08-01'), // 17 on 2025-07-31 (18 the next day) → not
        persoon(6), //               only HO → counted (HO is no inschrijving)
        persoon(7), //               moved out of the report's gemeenten on 2025-06-01 → not
        persoon(8), //               in 0375 → counted there
        { ...persoon(9), overlijdensdatum: '2025-05-01' }, // died → not
      ],
      verblijfplaatsen: [0, 1, 2, 3, 4, 5, 6, 9].map((i) => woont(i))
        .concat([woont(7, '0392', '2000-01-01', '2025-06-01'), woont(7, '0363', '2025-06-01'), woont(8, '0375')]),
      scholen: [
        { brin: '01AA', naam: 'ROC', gemeentecode: '0392', bekostigd: true },
        { brin: '02HO', naam: 'Hogeschool', gemeentecode: '0392', bekostigd: true },
      ],
      inschrijvingen: [
        { inschrijving_id: 'i2', bsn: P[2], brin: '01AA', onderwijssoort: 'MBO', niveau: '3', van: '2022-08-01', tot: '2025-08-01' },
        { inschrijving_id: 'i6', bsn: P[6], brin: '02HO', onderwijssoort: 'HO', van: '2023-09-01' },
      ],
      diplomas: [{ bsn: P[1], soort: 'MBO2', datum: '2024-06-01' }],
    });
  });
  afterAll(() => db.close());

  test('18..22, resident, not ingeschreven, no startkwalificatie', async () => {
    const r = await db.all<{ bsn: string }>("SELECT lpad(CAST(bsn AS VARCHAR), 9, '0') AS bsn FROM int_rmc_oud_vsv WHERE jaar = 2024 ORDER BY bsn");
    expect(r.map((x) => x.bsn)).toEqual([P[0], P[4], P[6], P[8]].sort());
    expect(await waarde(db, 'RMC-OUD-VSV', '0392')).toBe(3); // P0 P4 P6
    expect(await waarde(db, 'RMC-OUD-VSV', '0375')).toBe(1); // P8
    expect(await waarde(db, 'RMC-OUD-VSV', '25')).toBe(4);
  });
});
