/**
 * Absoluut verzuim (LT-AV-TOT, LT-AV-3M, LT-AV-OPGELOST, JV-AV-1000) on a hand-built extract.
 * Schooljaar 2024/2025 = [2024-08-01, 2025-08-01), summer holiday 1–31 August (not counted), extract 2025-10-15,
 * gemeenten 0392 and 0375 (region 'testregio'). Unless stated, a person is born 2012-05-10 (leerplichtig
 * 2017-06-01 … 2028-08-01) and lives in 0392 from birth.
 *
 *   P0  VO until 2024-11-04, VO again from 2024-11-07: a 3-day gap → AV with av_min_dagen 1, not with 5; VO
 *   P1  PO until 2024-08-01, VO from 2024-09-01: school change in the summer → no spell at all
 *   P1b PO until 2024-08-01, VO from 2024-09-03: spell [08-01, 09-03) counts from 09-01: 2 days; PO; opgelost
 *   P2  VO until 2024-10-01, vrijstelling 5A from 2024-11-01: spell of 31 days ended by the vrijstelling; opgelost
 *   P3  VO until 2024-09-15 and from 2025-03-01; moves to 0375 on 2024-12-01: spell for 0392 (its first day),
 *       longer than 3 months (09-15 + 3m = 12-15 < 03-01); opgelost
 *   P4  VO with gaps [2024-10-01, 10-15) in 0392 and [2025-01-10, 02-10) in 0375 (moved 2024-11-01): counted in
 *       both gemeenten, once in the region; opgelost in both
 *   P5  PO until 2024-12-01, died 2025-01-15: spell ended by death → not opgelost
 *   P6  born 2007-03-10 (18 on 2025-03-10), MBO until 2025-01-10: spell ended by turning 18 → not opgelost
 *   P7  born 2008-02-01, MBO until 2025-01-20, MBO2 diploma 2025-02-01 (startkwalificatie mid-year): spell of 12
 *       days ended by the startkwalificatie → not opgelost
 *   P8  VO until 2024-05-01, again from 2024-10-01: spell started before the schooljaar; 3M (05-01 + 3m = 08-01
 *       < 10-01); opgelost in 2024/25; also AV in 2023/24 (not opgelost there)
 *   P9  lives in 0363 (outside the region), never enrolled → nowhere
 *   P10 born 2007-10-01 (KP until 18 on 2025-10-01), VO until 2024-08-01, then only HO from 2024-09-01: HO is not
 *       ingeschreven → spell [08-01, 2025-10-01), first counted day 09-01 with bucket overig; 3M; not opgelost
 *   P11 VO until 2024-10-01, vrijstelling 5B [2024-11-01, 12-01), VO from 2025-01-06: two spells, one person; opgelost
 *   P12 never enrolled: one spell since 2017-06-01, still running → geen onderwijs; 3M
 *
 * 2024/25, 0392, av_min_dagen 1:
 *   LT-AV-TOT      12 = VO 6 (P0 P2 P3 P4 P8 P11), PO 2 (P1b P5), MBO 2 (P6 P7), overig 1 (P10), geen onderwijs 1 (P12)
 *   LT-AV-3M        4 = VO 2 (P3 P8), overig 1, geen onderwijs 1
 *   LT-AV-OPGELOST  7 = VO 6, PO 1
 *   0375: P4 only (1, VO, opgelost). Region: 12 (P4 once).
 *   JV-AV-1000: noemer = in_beeld in 0392 on 2024-10-01 = all but P9 = 13 → 1000 × 12 / 13.
 * av_min_dagen 5: P0 (3 days) and P1b (2 counted days) drop out → 10, VO 5, PO 1.
 * 2023/24, 0392: P8 and P12 → 2, none opgelost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, cel, FIXTURE_TIMEOUT, P, waarde } from '../helpers/fixture.ts';


const [P0, P1, P1b, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, P12] = P;
const LP = '2012-05-10';
let n = 0;
const ins = (bsn: string, onderwijssoort: string, van: string, tot?: string) =>
  ({ inschrijving_id: `i${++n}`, bsn, brin: '01AB', onderwijssoort, van, tot });
const woont = (bsn: string, van: string, gemeentecode = '0392', tot?: string) => ({ bsn, gemeentecode, van, tot });
const persoon = (bsn: string, geboortedatum = LP, overlijdensdatum?: string) => ({ bsn, geboortedatum, geslacht: 'M', overlijdensdatum });

const rows = {
  personen: [
    persoon(P0), persoon(P1), persoon(P1b), persoon(P2), persoon(P3), persoon(P4), persoon(P5, LP, '2025-01-15'),
    persoon(P6, '2007-03-10'), persoon(P7, '2008-02-01'), persoon(P8), persoon(P9), persoon(P10, '2007-10-01'),
    persoon(P11), persoon(P12),
  ],
  verblijfplaatsen: [
    woont(P0, LP), woont(P1, LP), woont(P1b, LP), woont(P2, LP),
    woont(P3, LP, '0392', '2024-12-01'), woont(P3, '2024-12-01', '0375'),
    woont(P4, LP, '0392', '2024-11-01'), woont(P4, '2024-11-01', '0375'),
    woont(P5, LP), woont(P6, '2007-03-10'), woont(P7, '2008-02-01'), woont(P8, LP), woont(P9, LP, '0363'),
    woont(P10, '2007-10-01'), woont(P11, LP), woont(P12, LP),
  ],
  scholen: [{ brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true }],
  inschrijvingen: [
    ins(P0, 'VO', '2020-08-01', '2024-11-04'), ins(P0, 'VO', '2024-11-07'),
    ins(P1, 'PO', '2017-08-01', '2024-08-01'), ins(P1, 'VO', '2024-09-01'),
    ins(P1b, 'PO', '2017-08-01', '2024-08-01'), ins(P1b, 'VO', '2024-09-03'),
    ins(P2, 'VO', '2020-08-01', '2024-10-01'),
    ins(P3, 'VO', '2020-08-01', '2024-09-15'), ins(P3, 'VO', '2025-03-01'),
    ins(P4, 'VO', '2020-08-01', '2024-10-01'), ins(P4, 'VO', '2024-10-15', '2025-01-10'), ins(P4, 'VO', '2025-02-10'),
    ins(P5, 'PO', '2017-08-01', '2024-12-01'),
    ins(P6, 'VO', '2019-08-01', '2023-08-01'), ins(P6, 'MBO', '2023-08-01', '2025-01-10'),
    ins(P7, 'VO', '2019-08-01', '2023-08-01'), ins(P7, 'MBO', '2023-08-01', '2025-01-20'),
    ins(P8, 'VO', '2019-08-01', '2024-05-01'), ins(P8, 'VO', '2024-10-01'),
    ins(P10, 'VO', '2019-08-01', '2024-08-01'), ins(P10, 'HO', '2024-09-01'),
    ins(P11, 'VO', '2019-08-01', '2024-10-01'), ins(P11, 'VO', '2025-01-06'),
  ],
  diplomas: [{ bsn: P7, soort: 'MBO2', datum: '2025-02-01' }],
  vrijstellingen: [
    { vrijstelling_id: 'v1', bsn: P2, artikel: '5A', datum_aanvraag: '2024-10-05', besluit: 'TOEGEKEND', datum_besluit: '2024-10-25', van: '2024-11-01' },
    { vrijstelling_id: 'v2', bsn: P11, artikel: '5B', datum_aanvraag: '2024-10-10', besluit: 'TOEGEKEND', datum_besluit: '2024-10-30', van: '2024-11-01', tot: '2024-12-01' },
    // rejected: never covers anything
    { vrijstelling_id: 'v3', bsn: P12, artikel: '5A', datum_aanvraag: '2024-09-10', besluit: 'AFGEWEZEN', datum_besluit: '2024-10-01' },
  ],
};

describe('absoluut verzuim, av_min_dagen 1', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows);
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('spells are maximal intervals outside enrollments and vrijstellingen', async () => {
    const spells = async (bsn: string) =>
      (await db.all<{ spell_van: string; spell_tot: string; telbare_dagen: number; datum: string }>(
        'SELECT DISTINCT spell_van, spell_tot, spell_telbare_dagen AS telbare_dagen, datum FROM int_av_spells WHERE bsn = $b AND jaar = 2024 ORDER BY spell_van',
        { b: bsn })).map((s) => [s.spell_van, s.spell_tot, s.telbare_dagen, s.datum]);
    expect(await spells(P0)).toEqual([['2024-11-04', '2024-11-07', 3, '2024-11-04']]);
    expect(await spells(P1)).toEqual([]); // summer only
    expect(await spells(P1b)).toEqual([['2024-08-01', '2024-09-03', 2, '2024-09-01']]);
    expect(await spells(P11)).toEqual([['2024-10-01', '2024-11-01', 31, '2024-10-01'], ['2024-12-01', '2025-01-06', 36, '2024-12-01']]);
    expect(await spells(P5)).toEqual([['2024-12-01', '2025-01-15', 45, '2024-12-01']]);
    expect(await spells(P7)).toEqual([['2025-01-20', '2025-02-01', 12, '2025-01-20']]);
    // the summer inside a spell does not count: P8 [2024-05-01, 2024-10-01) = 153 days - 31 summer days
    expect(await spells(P8)).toEqual([['2024-05-01', '2024-10-01', 122, '2024-09-01']]);
    expect(await spells(P9)).toEqual([]);
  });

  it('no vrijgestelde is an absoluut verzuimer on the same day', async () => {
    const overlap = await db.all(`
      SELECT * FROM int_av_spells a JOIN int_vrijstellingsperioden v
        ON v.bsn = a.bsn AND v.van < a.spell_tot AND v.tot > a.spell_van`);
    expect(overlap).toEqual([]);
  });

  it('LT-AV-TOT per gemeente, by onderwijssoort bucket', async () => {
    expect(await waarde(db, 'LT-AV-TOT')).toBe(12);
    const buckets: Record<string, number> = { PO: 2, 'SO/VSO': 0, VO: 6, MBO: 2, overig: 1, 'geen onderwijs': 1 };
    for (const [b, v] of Object.entries(buckets)) expect(await waarde(db, 'LT-AV-TOT', { onderwijssoort: b }), b).toBe(v);
  });

  it('a move: counted for the gemeente of the first counted day, once for the region', async () => {
    expect(await waarde(db, 'LT-AV-TOT', { gebied: '0375' })).toBe(1); // P4 (P3's spell started in 0392)
    expect(await waarde(db, 'LT-AV-TOT', { gebied: '0375', onderwijssoort: 'VO' })).toBe(1);
    expect(await waarde(db, 'LT-AV-OPGELOST', { gebied: '0375' })).toBe(1);
    expect(await waarde(db, 'LT-AV-3M', { gebied: '0375' })).toBe(0);
    expect(await waarde(db, 'LT-AV-TOT', { gebied: 'testregio' })).toBe(12);
    expect(await waarde(db, 'LT-AV-TOT', { gebied: 'testregio', onderwijssoort: 'VO' })).toBe(6);
  });

  it('LT-AV-3M: spells longer than 3 months, also when they started before the schooljaar', async () => {
    expect(await waarde(db, 'LT-AV-3M')).toBe(4);
    expect(await waarde(db, 'LT-AV-3M', { onderwijssoort: 'VO' })).toBe(2);
    expect(await waarde(db, 'LT-AV-3M', { onderwijssoort: 'overig' })).toBe(1);
    expect(await waarde(db, 'LT-AV-3M', { onderwijssoort: 'geen onderwijs' })).toBe(1);
    expect(await waarde(db, 'LT-AV-3M', { gebied: 'testregio' })).toBe(4);
  });

  it('LT-AV-OPGELOST: last spell ended by enrollment or vrijstelling, not by death, age 18 or startkwalificatie', async () => {
    expect(await waarde(db, 'LT-AV-OPGELOST')).toBe(7);
    expect(await waarde(db, 'LT-AV-OPGELOST', { onderwijssoort: 'VO' })).toBe(6);
    expect(await waarde(db, 'LT-AV-OPGELOST', { onderwijssoort: 'PO' })).toBe(1);
    expect(await waarde(db, 'LT-AV-OPGELOST', { onderwijssoort: 'MBO' })).toBe(0);
    expect(await waarde(db, 'LT-AV-OPGELOST', { gebied: 'testregio' })).toBe(7);
  });

  it('JV-AV-1000: LT-AV-TOT per 1,000 leer- and kwalificatieplichtigen on the peildatum', async () => {
    const r = await cel(db, 'JV-AV-1000');
    expect(r.teller).toBe(12);
    expect(r.noemer).toBe(13);
    expect(r.waarde).toBeCloseTo((1000 * 12) / 13, 9);
    // 0375 has no population on 2024-10-01 but one absoluut verzuimer: no rate
    expect(await cel(db, 'JV-AV-1000', { gebied: '0375' })).toEqual({ waarde: null, teller: 1, noemer: 0 });
    expect(await cel(db, 'JV-AV-1000', { gebied: 'testregio' })).toMatchObject({ teller: 12, noemer: 13 });
  });

  it('earlier schooljaar: a spell running into the next year counts in both', async () => {
    expect(await waarde(db, 'LT-AV-TOT', { schooljaar: '2023/2024' })).toBe(2);
    expect(await waarde(db, 'LT-AV-OPGELOST', { schooljaar: '2023/2024' })).toBe(0);
    expect(await waarde(db, 'LT-AV-3M', { schooljaar: '2023/2024' })).toBe(2);
  });
});

describe('absoluut verzuim, av_min_dagen 5', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows, { parameters: { av_min_dagen: 5 } });
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('short gaps are no absoluut verzuim', async () => {
    expect(await waarde(db, 'LT-AV-TOT')).toBe(10);
    expect(await waarde(db, 'LT-AV-TOT', { onderwijssoort: 'VO' })).toBe(5);
    expect(await waarde(db, 'LT-AV-TOT', { onderwijssoort: 'PO' })).toBe(1);
    expect(await waarde(db, 'LT-AV-OPGELOST')).toBe(5);
    expect(await waarde(db, 'LT-AV-3M')).toBe(4);
  });
});
