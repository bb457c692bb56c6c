/**
 * Relatief verzuim and thuiszitters (LT-RV-TOT, LT-RV-HERH, LT-LUXE, LT-LRV-START/-NIEUW/-3M, JV-RV-MELDINGEN,
 * JV-RV-LEERLINGEN, JV-RV-1000, JV-THUIS, JV-THUIS-1000) on a hand-built extract. Schooljaar 2024/2025, extract 2025-10-15,
 * gemeenten 0392 and 0375 (region 'testregio'). Unless stated, a person is born 2012-01-01, lives in 0392 and
 * is enrolled in VO from 2023-08-01.
 *
 *   Q0  16_UUR 2024-10-01 and 2025-02-01                        → RV-TOT, RV-HERH
 *   Q1  SO until 2025-01-01, then PO; 16_UUR 2024-11-01 (SO), LRV melding 2025-03-01 for absence
 *       [2025-02-10, 2025-03-20) (PO)                           → RV-TOT bucket SO/VSO (first melding); LRV-NIEUW bucket PO
 *   Q2  16_UUR 2024-11-15 INGETROKKEN                           → nothing anywhere
 *   Q3  LRV since 2024-05-01, still running (melding 2024-05-20) → LRV-START, LRV-3M; NIEUW in 2023/24
 *   Q4  born 2008-03-01 (kwalificatieplichtig), MBO; LRV [2024-09-10, 11-01) melding 2024-10-15 → RV-TOT, LRV-NIEUW
 *   Q5  LRV [2024-06-01, 09-01) (3 months exactly, not longer) and LRV [2025-01-10, 02-10) melding 2025-01-20
 *                                                               → LRV-START only (not NIEUW), RV-TOT
 *   Q6  LUXE 8 hours                                            → LT-LUXE only
 *   Q7  LUXE 20 hours                                           → LT-LUXE and RV-TOT
 *   Q8  born 2006-01-01 (18: not kwalificatieplichtig), MBO; 18_PLUS melding → JV-RV-* only; a LUXE melding
 *       too, which counts nowhere (not leer- or kwalificatieplichtig: LT-LUXE and JV-RV-LEERLINGEN agree)
 *   Q9  lives in 0363; 16_UUR                                   → nowhere
 *   Q10 16_UUR 2024-10-01 in 0392, moves to 0375 on 2024-12-01, 16_UUR 2025-03-01
 *                                                               → RV-TOT in 0392 and 0375, once in the region;
 *                                                                 RV-HERH only in the region (2 meldingen there)
 *   Q11 never enrolled                                          → absoluut verzuimer (JV-THUIS with LRV_AV)
 *
 * 2024/25, 0392: RV-TOT 6 (VO 4: Q0 Q5 Q7 Q10; SO/VSO 1: Q1; MBO 1: Q4); RV-HERH 1; LUXE 2; LRV-START 2 (Q3 Q5);
 *   LRV-NIEUW 2 (Q1 PO, Q4 MBO); LRV-3M 1 (Q3); JV-RV-1000 = 1000 × 6 / 10 (in_beeld on 2024-10-01: all but Q8 Q9);
 *   JV-THUIS (LRV_AV) 5 = Q1 Q3 Q4 Q5 + Q11; >3m: Q3 Q11; with LRV only: 4, >3m 1.
 *   JV-THUIS-1000 = 1000 × 5 / 10 (the noemer of JV-RV-1000); with LRV only 1000 × 4 / 10. 0375: no thuiszitter
 *   and nobody living there on 2024-10-01 (Q10 moves in later): no rate. Region: 5 of 10 (Q9 lives outside).
 *   JV-RV-MELDINGEN 10: 16_UUR 4 (VO 3, SO/VSO 1), LRV 3 (PO, MBO, VO), LUXE 2, 18_PLUS 1 (MBO);
 *   JV-RV-LEERLINGEN 8: 16_UUR 3, LRV 3, LUXE 2, 18_PLUS 1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, cel, FIXTURE_TIMEOUT, P, waarde } from '../helpers/fixture.ts';


const [Q0, Q1, Q2, Q3, Q4, Q5, Q6, Q7, Q8, Q9, Q10, Q11] = P;
const GEB = '2012-01-01';
let n = 0;
const ins = (bsn: string, onderwijssoort: string, van: string, tot?: string) =>
  ({ inschrijving_id: `i${++n}`, bsn, brin: '01AB', onderwijssoort, van, tot });
const melding = (bsn: string, soort: string, datum_melding: string, extra: Record<string, unknown> = {}) => ({
  melding_id: `m${++n}`, bsn, brin: '01AB', soort, datum_melding, verzuim_van: datum_melding, status: 'GEREGISTREERD', ...extra,
});

const rows = {
  personen: [Q0, Q1, Q2, Q3, Q4, Q5, Q6, Q7, Q8, Q9, Q10, Q11].map((bsn) => ({
    bsn, geslacht: 'V', geboortedatum: bsn === Q4 ? '2008-03-01' : bsn === Q8 ? '2006-01-01' : GEB,
  })),
  verblijfplaatsen: [
    ...[Q0, Q1, Q2, Q3, Q5, Q6, Q7, Q11].map((bsn) => ({ bsn, gemeentecode: '0392', van: GEB })),
    { bsn: Q4, gemeentecode: '0392', van: '2008-03-01' },
    { bsn: Q8, gemeentecode: '0392', van: '2006-01-01' },
    { bsn: Q9, gemeentecode: '0363', van: GEB },
    { bsn: Q10, gemeentecode: '0392', van: GEB, tot: '2024-12-01' },
    { bsn: Q10, gemeentecode: '0375', van: '2024-12-01' },
  ],
  scholen: [{ brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true }],
  inschrijvingen: [
    ...[Q0, Q2, Q3, Q5, Q6, Q7, Q9, Q10].map((bsn) => ins(bsn, 'VO', '2023-08-01')),
    ins(Q1, 'SO', '2020-08-01', '2025-01-01'), ins(Q1, 'PO', '2025-01-01'),
    ins(Q4, 'MBO', '2023-08-01'), ins(Q8, 'MBO', '2022-08-01'),
  ],
  verzuimmeldingen: [
    melding(Q0, '16_UUR', '2024-10-01'), melding(Q0, '16_UUR', '2025-02-01'),
    melding(Q1, '16_UUR', '2024-11-01'),
    melding(Q1, 'LRV', '2025-03-01', { verzuim_van: '2025-02-10', verzuim_tot: '2025-03-20' }),
    melding(Q2, '16_UUR', '2024-11-15', { status: 'INGETROKKEN' }),
    melding(Q3, 'LRV', '2024-05-20', { verzuim_van: '2024-05-01', status: 'IN_BEHANDELING' }),
    melding(Q4, 'LRV', '2024-10-15', { verzuim_van: '2024-09-10', verzuim_tot: '2024-11-01' }),
    melding(Q5, 'LRV', '2024-06-10', { verzuim_van: '2024-06-01', verzuim_tot: '2024-09-01' }),
    melding(Q5, 'LRV', '2025-01-20', { verzuim_van: '2025-01-10', verzuim_tot: '2025-02-10' }),
    melding(Q6, 'LUXE', '2025-05-01', { uren: 8 }),
    melding(Q7, 'LUXE', '2025-05-02', { uren: 20 }),
    melding(Q8, '18_PLUS', '2024-10-10'),
    melding(Q8, 'LUXE', '2025-05-03', { uren: 20 }),
    melding(Q9, '16_UUR', '2024-10-01'),
    melding(Q10, '16_UUR', '2024-10-01'), melding(Q10, '16_UUR', '2025-03-01'),
  ],
};

describe('relatief verzuim (thuiszitter_definitie LRV_AV)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows);
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('LT-RV-TOT: one bucket per person (the first melding decides), buckets sum to the total', async () => {
    expect(await waarde(db, 'LT-RV-TOT')).toBe(6);
    const buckets: Record<string, number> = { PO: 0, 'SO/VSO': 1, VO: 4, MBO: 1, overig: 0, 'geen onderwijs': 0 };
    for (const [b, v] of Object.entries(buckets)) expect(await waarde(db, 'LT-RV-TOT', { onderwijssoort: b }), b).toBe(v);
  });

  it('a move: each gemeente counts its own meldingen, the region counts the person once', async () => {
    expect(await waarde(db, 'LT-RV-TOT', { gebied: '0375' })).toBe(1);
    expect(await waarde(db, 'LT-RV-TOT', { gebied: 'testregio' })).toBe(6);
    expect(await waarde(db, 'LT-RV-HERH')).toBe(1);
    expect(await waarde(db, 'LT-RV-HERH', { onderwijssoort: 'VO' })).toBe(1);
    expect(await waarde(db, 'LT-RV-HERH', { gebied: '0375' })).toBe(0);
    expect(await waarde(db, 'LT-RV-HERH', { gebied: 'testregio' })).toBe(2);
  });

  it('LT-LUXE regardless of hours', async () => {
    expect(await waarde(db, 'LT-LUXE')).toBe(2);
    expect(await waarde(db, 'LT-LUXE', { onderwijssoort: 'VO' })).toBe(2);
  });

  it('LT-LRV-START / -NIEUW / -3M around 1 August', async () => {
    expect(await waarde(db, 'LT-LRV-START')).toBe(2);
    expect(await waarde(db, 'LT-LRV-START', { onderwijssoort: 'VO' })).toBe(2);
    expect(await waarde(db, 'LT-LRV-NIEUW')).toBe(2);
    expect(await waarde(db, 'LT-LRV-NIEUW', { onderwijssoort: 'PO' })).toBe(1);
    expect(await waarde(db, 'LT-LRV-NIEUW', { onderwijssoort: 'MBO' })).toBe(1);
    expect(await waarde(db, 'LT-LRV-3M')).toBe(1);
    expect(await waarde(db, 'LT-LRV-NIEUW', { schooljaar: '2023/2024' })).toBe(2); // Q3, Q5
    expect(await waarde(db, 'LT-LRV-START', { schooljaar: '2023/2024' })).toBe(0);
    expect(await waarde(db, 'LT-RV-TOT', { schooljaar: '2023/2024' })).toBe(2);
  });

  it('JV-RV-1000', async () => {
    const r = await cel(db, 'JV-RV-1000');
    expect(r).toMatchObject({ teller: 6, noemer: 10 });
    expect(r.waarde).toBeCloseTo(600, 9);
  });

  it('JV-RV-MELDINGEN by soort × onderwijssoort; withdrawn meldingen do not count', async () => {
    expect(await waarde(db, 'JV-RV-MELDINGEN')).toBe(10);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: '16_UUR' })).toBe(4);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: '16_UUR', onderwijssoort: 'VO' })).toBe(3);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: '16_UUR', onderwijssoort: 'SO/VSO' })).toBe(1);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: 'LRV' })).toBe(3);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: 'LRV', onderwijssoort: 'PO' })).toBe(1);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: 'LUXE' })).toBe(2);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: '18_PLUS', onderwijssoort: 'MBO' })).toBe(1);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { soort: 'SIGNAAL' })).toBe(0);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { onderwijssoort: 'VO' })).toBe(6);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { onderwijssoort: 'MBO' })).toBe(2);
    expect(await waarde(db, 'JV-RV-MELDINGEN', { gebied: 'testregio' })).toBe(11);
  });

  it('JV-RV-LEERLINGEN: distinct persons by soort', async () => {
    expect(await waarde(db, 'JV-RV-LEERLINGEN')).toBe(8);
    expect(await waarde(db, 'JV-RV-LEERLINGEN', { soort: '16_UUR' })).toBe(3);
    expect(await waarde(db, 'JV-RV-LEERLINGEN', { soort: 'LRV' })).toBe(3);
    expect(await waarde(db, 'JV-RV-LEERLINGEN', { soort: '18_PLUS' })).toBe(1);
    // luxeverzuim is one figure: the jaarverslag's chapter table agrees with LT-LUXE (Q8, 18, is in neither)
    expect(await waarde(db, 'JV-RV-LEERLINGEN', { soort: 'LUXE' })).toBe(2);
    expect(await waarde(db, 'JV-RV-LEERLINGEN', { soort: 'LUXE' })).toBe(await waarde(db, 'LT-LUXE'));
    expect(await waarde(db, 'JV-RV-LEERLINGEN', { soort: '16_UUR', gebied: '0375' })).toBe(1);
    expect(await waarde(db, 'JV-RV-LEERLINGEN', { soort: '16_UUR', gebied: 'testregio' })).toBe(3);
  });

  it('JV-THUIS with LRV_AV: running LRV plus absoluut verzuimers, by duration', async () => {
    expect(await waarde(db, 'JV-THUIS')).toBe(5);
    expect(await waarde(db, 'JV-THUIS', { duur: '<=3m' })).toBe(3);
    expect(await waarde(db, 'JV-THUIS', { duur: '>3m' })).toBe(2);
  });

  it('JV-THUIS-1000: thuiszitters per 1,000 leer- and kwalificatieplichtigen on the peildatum', async () => {
    const r = await cel(db, 'JV-THUIS-1000');
    expect(r).toMatchObject({ teller: 5, noemer: 10 });
    expect(r.waarde).toBeCloseTo(500, 9);
    expect(await cel(db, 'JV-THUIS-1000', { gebied: '0375' })).toEqual({ waarde: null, teller: 0, noemer: 0 });
    expect(await cel(db, 'JV-THUIS-1000', { gebied: 'testregio' })).toMatchObject({ teller: 5, noemer: 10 });
  });
});

describe('thuiszitter_definitie LRV', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows, { parameters: { thuiszitter_definitie: 'LRV' } });
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('JV-THUIS counts only running LRV meldingen', async () => {
    expect(await waarde(db, 'JV-THUIS')).toBe(4);
    expect(await waarde(db, 'JV-THUIS', { duur: '<=3m' })).toBe(3);
    expect(await waarde(db, 'JV-THUIS', { duur: '>3m' })).toBe(1);
    expect(await waarde(db, 'LT-AV-TOT')).toBe(1); // Q11 is still an absoluut verzuimer
    expect(await cel(db, 'JV-THUIS-1000')).toMatchObject({ waarde: 400, teller: 4, noemer: 10 });
  });
});
