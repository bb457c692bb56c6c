/**
 * RMC-VSV-NIEUW and RMC-VSV-PCT: new vsv'ers over the VSV-teljaar [1 Oct t, 1 Oct t+1).
 * Build: schooljaar 2024/2025, extract 2025-10-15, gemeenten 0392 Haarlem and 0375 Beverwijk, both RMC region 25.
 * Teljaar 2024/2025 = [2024-10-01, 2025-10-01): d0 = 2024-10-01, d1 = 2025-10-01.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, type FixtureRows, P } from '../helpers/fixture.ts';

type Cel = { waarde: number; teller: number | null; noemer: number | null; periode_van: string; periode_tot: string };

async function cel(db: Db, indicator: string, gebied: string, schooljaar = '2024/2025'): Promise<Cel | undefined> {
  const rows = await db.all<Cel>(
    `SELECT waarde, teller, noemer, periode_van, periode_tot FROM indicator_store
     WHERE indicator = $indicator AND gebied = $gebied AND schooljaar = $schooljaar`,
    { indicator, gebied, schooljaar },
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0];
}

const GEBOREN_16 = '2008-05-01'; // 16 on 2024-10-01
const scholen = [
  { brin: '01VO', naam: 'Lyceum', gemeentecode: '0392', bekostigd: true },
  { brin: '02MB', naam: 'ROC', gemeentecode: '0392', bekostigd: true },
  { brin: '03PR', naam: 'Privéschool', gemeentecode: '0392', bekostigd: false },
  { brin: '04HO', naam: 'Hogeschool', gemeentecode: '0392', bekostigd: true },
];

/** A pupil in funded VO from 2020-08-01 until 2025-06-01 (left school before 1 Oct 2025). */
function leerling(i: number, opts: { geboren?: string; gemeente?: string; brin?: string; tot?: string | null; overleden?: string } = {}) {
  return {
    persoon: { bsn: P[i], geboortedatum: opts.geboren ?? GEBOREN_16, geslacht: 'V', overlijdensdatum: opts.overleden },
    woon: { bsn: P[i], gemeentecode: opts.gemeente ?? '0392', van: '2008-05-01' },
    inschrijving: {
      inschrijving_id: `i${i}`, bsn: P[i], brin: opts.brin ?? '01VO', onderwijssoort: 'VO', niveau: 'HAVO',
      van: '2020-08-01', tot: opts.tot === undefined ? '2025-06-01' : opts.tot,
    },
  };
}

function rows(): FixtureRows {
  const l = [
    leerling(0), //                                   new vsv'er (0392)
    leerling(1), //                                   MBO2 diploma before d1 → not
    leerling(2), //                                   emigrated (RNI 1999) before d1 → not
    leerling(3), //                                   no residence covering d1 → not
    leerling(4, { geboren: '2002-09-01' }), //        22 on d0 → not in the population at all
    leerling(5, { tot: null }), //                    still enrolled on d1 → not (denominator only)
    leerling(6, { overleden: '2025-05-01' }), //      died before d1 → not
    leerling(7, { brin: '03PR' }), //                 unfunded school on d0 → not in the population
    leerling(8, { gemeente: '0375' }), //             new vsv'er (0375)
    leerling(9), //                                   only HO on d1, no startkwalificatie → still a new vsv'er
    leerling(10, { geboren: '2012-10-02' }), //       11 on d0 (turns 12 the next day) → not in the population
  ];
  const woon: Record<string, unknown>[] = l.map((x) => x.woon);
  woon[2] = { ...woon[2], tot: '2025-03-01' };
  woon.push({ bsn: P[2], gemeentecode: '1999', van: '2025-03-01' });
  woon[3] = { ...woon[3], tot: '2025-03-01' };
  return {
    personen: l.map((x) => x.persoon),
    verblijfplaatsen: woon,
    scholen,
    inschrijvingen: [
      ...l.map((x) => x.inschrijving),
      { inschrijving_id: 'ho9', bsn: P[9], brin: '04HO', onderwijssoort: 'HO', van: '2025-09-01' },
      // P0 also follows VAVO subjects on d0: two enrollments, still one person
      { inschrijving_id: 'va0', bsn: P[0], brin: '02MB', onderwijssoort: 'VAVO', van: '2024-08-01', tot: '2025-06-01' },
    ],
    diplomas: [{ bsn: P[1], soort: 'MBO2', datum: '2025-06-15' }],
  };
}

describe('RMC-VSV-NIEUW / RMC-VSV-PCT, complete teljaar', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows());
  });
  afterAll(() => db.close());

  test('new vsv\'er: enrolled on 1 Oct t, not on 1 Oct t+1, no diploma; the exclusions are not counted', async () => {
    const vsv = await db.all<{ bsn: string }>(
      "SELECT lpad(CAST(bsn AS VARCHAR), 9, '0') AS bsn FROM int_rmc_feiten WHERE familie = 'VSV' AND jaar = 2024 AND in_teller ORDER BY bsn");
    // P0 and P9 (HO is no inschrijving) in 0392, P8 in 0375. Not: P1 (MBO2), P2 (RNI), P3 (no residence),
    // P5 (still enrolled), P6 (died); P4 (22), P7 (unfunded) and P10 (11) are not in the starting population.
    expect(vsv.map((r) => r.bsn)).toEqual([P[0], P[8], P[9]].sort());
    expect((await cel(db, 'RMC-VSV-NIEUW', '0392'))?.waarde).toBe(2);
    expect((await cel(db, 'RMC-VSV-NIEUW', '0375'))?.waarde).toBe(1);
    expect((await cel(db, 'RMC-VSV-NIEUW', '25'))?.waarde).toBe(3);
  });

  test('every unit occurs once per family and year (so counting rows counts distinct units)', async () => {
    const dubbel = await db.all(
      'SELECT familie, jaar, eenheid, count(*) AS n FROM int_rmc_feiten GROUP BY ALL HAVING count(*) > 1');
    expect(dubbel).toEqual([]);
  });

  test('the teljaar is the period and the label', async () => {
    const c = await cel(db, 'RMC-VSV-NIEUW', '25');
    expect(c).toMatchObject({ periode_van: '2024-10-01', periode_tot: '2025-10-01' });
  });

  test('percentage: denominator is the whole starting population on 1 Oct t (incl. those who died or left)', async () => {
    // 0392 starting population: P0 P1 P2 P3 P5 P6 P9 = 7 (not P4 22 y, P7 unfunded, P10 11 y); teller 2.
    expect(await cel(db, 'RMC-VSV-PCT', '0392')).toMatchObject({ teller: 2, noemer: 7, waarde: (100 * 2) / 7 });
    // 0375: P8 only → 1/1.
    expect(await cel(db, 'RMC-VSV-PCT', '0375')).toMatchObject({ teller: 1, noemer: 1, waarde: 100 });
    // region 25: 3 / 8 = 37.5 %
    expect(await cel(db, 'RMC-VSV-PCT', '25')).toMatchObject({ teller: 3, noemer: 8, waarde: 37.5 });
  });

  test('earlier teljaren: everyone still enrolled → 0 new vsv\'ers, rows present', async () => {
    // 2023/2024: d0 2023-10-01, d1 2024-10-01, all enrolled both days. Population: P0-P6, P9 (P4 is 21 then)
    // in 0392 and P8 in 0375 = 9; not P7 (unfunded) nor P10 (10 years old).
    expect((await cel(db, 'RMC-VSV-NIEUW', '25', '2023/2024'))?.waarde).toBe(0);
    expect(await cel(db, 'RMC-VSV-PCT', '25', '2023/2024')).toMatchObject({ teller: 0, noemer: 9 });
  });

  test('all five trend teljaren, no config-region rows (the region is one RMC region)', async () => {
    const r = await db.all<{ schooljaar: string }>(
      "SELECT DISTINCT schooljaar FROM indicator_store WHERE indicator = 'RMC-VSV-NIEUW' ORDER BY 1");
    expect(r.map((x) => x.schooljaar)).toEqual(['2020/2021', '2021/2022', '2022/2023', '2023/2024', '2024/2025']);
    const niveaus = await db.all<{ gebiedsniveau: string }>(
      "SELECT DISTINCT gebiedsniveau FROM indicator_store WHERE indicator LIKE 'RMC-%' ORDER BY 1");
    expect(niveaus.map((x) => x.gebiedsniveau)).toEqual(['gemeente', 'rmc_regio']);
  });
});

describe('teljaar not complete at the extract date', () => {
  let db: Db;
  beforeAll(async () => {
    // Extract 2025-09-15: teljaar 2024/2025 ends 2025-10-01 → not computed; verslagperiode 2024/2025 ended
    // 2025-08-01 → computed.
    db = await buildFixture(rows(), { extractdatum: '2025-09-15' });
  });
  afterAll(() => db.close());

  test('no RMC-VSV-* or RMC-JIKP rows for 2024/2025, earlier teljaren still there', async () => {
    const r = await db.all<{ indicator: string; n: number }>(
      `SELECT indicator, count(*) AS n FROM indicator_store
       WHERE schooljaar = '2024/2025' AND indicator IN ('RMC-VSV-NIEUW', 'RMC-VSV-PCT', 'RMC-JIKP')
       GROUP BY ALL`);
    expect(r).toEqual([]);
    expect((await cel(db, 'RMC-VSV-NIEUW', '25', '2023/2024'))?.waarde).toBe(0);
  });

  test('verslagperiode figures of 2024/2025 are computed', async () => {
    expect(await cel(db, 'RMC-OUD-VSV', '25')).toBeDefined();
    expect(await cel(db, 'RMC-18PLUS', '25')).toBeDefined();
  });
});
