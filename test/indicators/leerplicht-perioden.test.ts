/**
 * Leerplicht predicates on hand-built extracts: leerplicht/kwalificatieplicht periods (5th birthday on the
 * 1st vs the 31st of a month, 16th birthday just before, on and after 1 August, startkwalificatie, death),
 * the onderwijssoort bucket rule, and the population on the peildatum (JV-POP-LP, JV-POP-KP).
 * Schooljaar 2024/2025, peildatum 1 October 2024, extract 2025-10-15, gemeenten 0392 and 0375 (region
 * 'testregio'); 0363 is outside the region.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, FIXTURE_TIMEOUT, P, waarde } from '../helpers/fixture.ts';


const woont = (bsn: string, van: string, gemeentecode = '0392', tot?: string) => ({ bsn, gemeentecode, van, tot });
const school = { brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true };
let n = 0;
const inschrijving = (bsn: string, onderwijssoort: string, van: string, tot?: string) =>
  ({ inschrijving_id: `i${++n}`, bsn, brin: '01AB', onderwijssoort, van, tot });

// A 2019-03-01 and B 2019-03-31: 5th birthday on the 1st / the 31st of March 2024 → LP from 1 April 2024.
// C 2019-04-01 → LP from 1 May 2024.
// D 2008-07-31: 16 on 31 July 2024 (schooljaar 2023/24) → LP until 2024-08-01, then KP until 18 (2026-07-31).
// E 2008-08-01: 16 ON 1 August 2024 (schooljaar 2024/25) → LP until 2025-08-01, KP until 2026-08-01.
// F 2008-08-02: 16 on 2 August 2024 → LP until 2025-08-01, KP until 2026-08-02.
// G 2007-09-15: LP until 2024-08-01; HAVO diploma 2025-01-20 mid-year → KP [2024-08-01, 2025-01-20).
// H 2010-05-05, died 2025-02-10 → LP [2015-06-01, 2025-02-10).
// I 2008-01-01, HAVO 2024-06-15 before LP ends (2024-08-01) → LP only, no KP.
// J 2015-02-02, lives in 0363 (outside the region).
// K 2014-06-01, lives in 0375 until 2024-09-01, then in 0392.
const [A, B, C, D, E, F, G, H, I, J, K] = P;
const rows = {
  personen: [
    { bsn: A, geboortedatum: '2019-03-01', geslacht: 'M' },
    { bsn: B, geboortedatum: '2019-03-31', geslacht: 'V' },
    { bsn: C, geboortedatum: '2019-04-01', geslacht: 'V' },
    { bsn: D, geboortedatum: '2008-07-31', geslacht: 'M' },
    { bsn: E, geboortedatum: '2008-08-01', geslacht: 'V' },
    { bsn: F, geboortedatum: '2008-08-02', geslacht: 'O' },
    { bsn: G, geboortedatum: '2007-09-15', geslacht: 'M' },
    { bsn: H, geboortedatum: '2010-05-05', geslacht: 'V', overlijdensdatum: '2025-02-10' },
    { bsn: I, geboortedatum: '2008-01-01', geslacht: 'M' },
    { bsn: J, geboortedatum: '2015-02-02', geslacht: 'M' },
    { bsn: K, geboortedatum: '2014-06-01', geslacht: 'V' },
  ],
  verblijfplaatsen: [
    woont(A, '2019-03-01'), woont(B, '2019-03-31'), woont(C, '2019-04-01'), woont(D, '2008-07-31'),
    woont(E, '2008-08-01'), woont(F, '2008-08-02'), woont(G, '2007-09-15'), woont(H, '2010-05-05'),
    woont(I, '2008-01-01'), woont(J, '2015-02-02', '0363'),
    woont(K, '2014-06-01', '0375', '2024-09-01'), woont(K, '2024-09-01', '0392'),
  ],
  scholen: [school],
  inschrijvingen: [
    inschrijving(A, 'PO', '2023-09-01'),
    inschrijving(C, 'PO', '2024-11-01'), // after the peildatum: geen onderwijs on 2024-10-01
    inschrijving(D, 'VSO', '2020-08-01'),
    inschrijving(E, 'VO', '2020-08-01'),
    inschrijving(F, 'VO', '2020-08-01', '2024-07-15'), // left: the last enrollment before the date decides
    inschrijving(G, 'MBO', '2023-08-01', '2025-01-20'),
    inschrijving(H, 'PO', '2015-08-01', '2022-08-15'), inschrijving(H, 'VO', '2022-08-15'),
    inschrijving(I, 'VO', '2020-08-01', '2024-06-15'),
    inschrijving(K, 'PO', '2018-08-01'),
  ],
  diplomas: [
    { bsn: G, soort: 'HAVO', datum: '2025-01-20' },
    { bsn: I, soort: 'HAVO', datum: '2024-06-15' },
  ],
};

describe('leerplicht predicates', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows);
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('leerplicht and kwalificatieplicht periods', async () => {
    // int_* models are keyed by pid, the bsn as an integer; an empty period has tot <= van
    const got = await db.all<{ bsn: string; plicht: string; van: string; tot: string }>(`
      SELECT lpad(CAST(pid AS VARCHAR), 9, '0') AS bsn, plicht, van, tot
      FROM int_leerplicht_perioden,
        LATERAL (VALUES ('LP', lp_van, lp_tot), ('KP', kp_van, kp_tot)) AS x(plicht, van, tot)
      WHERE tot > van ORDER BY pid, van`);
    const of = (bsn: string) => got.filter((r) => r.bsn === bsn).map((r) => [r.plicht, r.van, r.tot]);
    expect(of(A)).toEqual([['LP', '2024-04-01', '2035-08-01'], ['KP', '2035-08-01', '2037-03-01']]);
    expect(of(B)).toEqual([['LP', '2024-04-01', '2035-08-01'], ['KP', '2035-08-01', '2037-03-31']]);
    expect(of(C)).toEqual([['LP', '2024-05-01', '2035-08-01'], ['KP', '2035-08-01', '2037-04-01']]);
    expect(of(D)).toEqual([['LP', '2013-08-01', '2024-08-01'], ['KP', '2024-08-01', '2026-07-31']]);
    expect(of(E)).toEqual([['LP', '2013-09-01', '2025-08-01'], ['KP', '2025-08-01', '2026-08-01']]);
    expect(of(F)).toEqual([['LP', '2013-09-01', '2025-08-01'], ['KP', '2025-08-01', '2026-08-02']]);
    expect(of(G)).toEqual([['LP', '2012-10-01', '2024-08-01'], ['KP', '2024-08-01', '2025-01-20']]);
    expect(of(H)).toEqual([['LP', '2015-06-01', '2025-02-10']]);
    expect(of(I)).toEqual([['LP', '2013-02-01', '2024-08-01']]);
  });

  it('in_beeld only in the report gemeenten, and per gemeente', async () => {
    const k = await db.all('SELECT gemeentecode, plicht, van, tot FROM int_in_beeld WHERE pid = CAST($b AS INTEGER) ORDER BY van', { b: K });
    expect(k).toEqual([
      { gemeentecode: '0375', plicht: 'LP', van: '2019-07-01', tot: '2024-09-01' },
      { gemeentecode: '0392', plicht: 'LP', van: '2024-09-01', tot: '2025-10-16' }, // open: up to and including the extract date,
    ]);
    expect(await db.all('SELECT * FROM int_in_beeld WHERE pid = CAST($b AS INTEGER)', { b: J })).toEqual([]);
  });

  it('onderwijssoort bucket: at the date, else the last before, else geen onderwijs', async () => {
    // X: VO [2020-08-01, 2024-12-01), a short MBO [2024-09-01, 2024-10-01) inside it, HO from 2025-03-01.
    const X = P[20];
    const d2 = await buildFixture({
      personen: [{ bsn: X, geboortedatum: '2007-01-01', geslacht: 'M' }],
      scholen: [school],
      inschrijvingen: [inschrijving(X, 'VO', '2020-08-01', '2024-12-01'), inschrijving(X, 'MBO', '2024-09-01', '2024-10-01'),
        inschrijving(X, 'HO', '2025-03-01')],
    });
    try {
      const got = await d2.all<{ datum: string; onderwijssoort: string }>(`
        WITH ev AS (SELECT $x AS bsn, CAST(d AS DATE) AS datum FROM (VALUES ('2020-07-31'), ('2020-08-01'), ('2024-08-31'),
          ('2024-09-01'), ('2024-09-30'), ('2024-10-01'), ('2024-12-01'), ('2025-02-28'), ('2025-03-01'), ('2025-10-01')) t(d))
        SELECT datum, onderwijssoort FROM int_onderwijssoort_op('ev') ORDER BY datum`, { x: X });
      expect(got.map((r) => [r.datum, r.onderwijssoort])).toEqual([
        ['2020-07-31', 'geen onderwijs'], // before the first enrollment
        ['2020-08-01', 'VO'],
        ['2024-08-31', 'VO'],
        ['2024-09-01', 'MBO'], // VO and MBO both cover: the one started last
        ['2024-09-30', 'MBO'],
        ['2024-10-01', 'VO'], // only VO covers again
        ['2024-12-01', 'VO'], // no enrollment: the last one before (VO, ended 2024-12-01)
        ['2025-02-28', 'VO'],
        ['2025-03-01', 'overig'], // HO
        ['2025-10-01', 'overig'],
      ]);
    } finally {
      d2.close();
    }
  }, FIXTURE_TIMEOUT);


  // Peildatum 2024-10-01, 0392:
  //   LP: A 5 PO, B 5 geen, C 5 geen, E 16 VO, F 16 VO (last before), H 14 VO, K 10 PO (moved in 2024-09-01) = 7
  //   KP: D 16 SO/VSO, G 17 MBO = 2;  I has a startkwalificatie (not KP), J lives outside the region.
  it('JV-POP-LP by leeftijd and onderwijssoort', async () => {
    expect(await waarde(db, 'JV-POP-LP')).toBe(7);
    expect(await waarde(db, 'JV-POP-LP', { leeftijd: 5 })).toBe(3);
    expect(await waarde(db, 'JV-POP-LP', { leeftijd: 16 })).toBe(2);
    expect(await waarde(db, 'JV-POP-LP', { leeftijd: 14 })).toBe(1);
    expect(await waarde(db, 'JV-POP-LP', { leeftijd: 10 })).toBe(1);
    expect(await waarde(db, 'JV-POP-LP', { leeftijd: 6 })).toBe(0);
    expect(await waarde(db, 'JV-POP-LP', { onderwijssoort: 'PO' })).toBe(2);
    expect(await waarde(db, 'JV-POP-LP', { onderwijssoort: 'VO' })).toBe(3);
    expect(await waarde(db, 'JV-POP-LP', { onderwijssoort: 'geen onderwijs' })).toBe(2);
    expect(await waarde(db, 'JV-POP-LP', { onderwijssoort: 'MBO' })).toBe(0);
    const [{ periode_van }] = await db.all<{ periode_van: string }>(
      "SELECT periode_van FROM indicator_store WHERE indicator = 'JV-POP-LP' AND gebied = '0392' AND schooljaar = '2024/2025' AND leeftijd IS NULL AND onderwijssoort IS NULL");
    expect(periode_van).toBe('2024-10-01');
    expect(await waarde(db, 'JV-POP-LP', { gebied: '0375' })).toBe(0);
    expect(await waarde(db, 'JV-POP-LP', { gebied: 'testregio' })).toBe(7);
  });

  it('JV-POP-KP by leeftijd and onderwijssoort', async () => {
    expect(await waarde(db, 'JV-POP-KP')).toBe(2);
    expect(await waarde(db, 'JV-POP-KP', { leeftijd: 16 })).toBe(1);
    expect(await waarde(db, 'JV-POP-KP', { leeftijd: 17 })).toBe(1);
    expect(await waarde(db, 'JV-POP-KP', { onderwijssoort: 'SO/VSO' })).toBe(1);
    expect(await waarde(db, 'JV-POP-KP', { onderwijssoort: 'MBO' })).toBe(1);
    expect(await waarde(db, 'JV-POP-KP', { gebied: 'testregio' })).toBe(2);
  });

  // Peildatum 2023-10-01: 0392 LP = D 15, E 15, F 15, G 16 (16 on 2023-09-15: LP until 2024-08-01), H 13, I 15
  // = 6 (A, B, C not yet leerplichtig); K then lived in 0375 (age 9).
  it('earlier schooljaren of the trend', async () => {
    expect(await waarde(db, 'JV-POP-LP', { schooljaar: '2023/2024' })).toBe(6);
    expect(await waarde(db, 'JV-POP-LP', { schooljaar: '2023/2024', leeftijd: 16 })).toBe(1);
    expect(await waarde(db, 'JV-POP-LP', { schooljaar: '2023/2024', gebied: '0375' })).toBe(1);
    expect(await waarde(db, 'JV-POP-KP', { schooljaar: '2023/2024' })).toBe(0);
  });
});
