/**
 * Handhaving, interventies and verlof (LT-PV-OUDERS, LT-PV-JONGERE, LT-HALT, JV-INTERVENTIES,
 * JV-INTERVENTIES-ZAKEN, JV-VERLOF, JV-VERLOF-BEZWAAR) on a hand-built extract. Schooljaar 2024/2025, extract
 * 2025-10-15, gemeenten 0392 and 0375 (region 'testregio'); 0363 lies outside the region.
 *
 *   H0 (0392, VO)   zaak Z1: GESPREK 2024-09-10, WAARSCHUWING 10-01, HALT 11-01, PV_OUDERS 2025-01-15, PV_OUDERS 03-01
 *   H1 (0392, PO)   zaak Z2: GESPREK 2023-12-01 (previous year), GESPREK 2024-09-15, HUISBEZOEK 09-20, PV_JONGERE 2025-02-01
 *   H2 (0375, VO)   zaak Z3: HALT 2025-04-01, GESPREK 2025-04-02
 *   H3 (MBO; 0392, from 2025-01-01 in 0363) zaak Z4: PV_OUDERS 2024-12-01 (0392), PV_OUDERS 2025-02-01 (outside: not counted)
 *   H4 (VO; 0392, from 2025-01-01 in 0375)  zaak Z5: GESPREK 2024-10-01 (0392), GESPREK 2025-02-01 (0375)
 *
 * 2024/25: LT-PV-OUDERS 0392 3 (VO 2, MBO 1); LT-PV-JONGERE 0392 1 (PO); LT-HALT 0392 1 (VO), 0375 1, region 2.
 *   JV-INTERVENTIES 0392 10: GESPREK 3, WAARSCHUWING 1, HALT 1, PV_OUDERS 3, HUISBEZOEK 1, PV_JONGERE 1;
 *     0375 3 (HALT 1, GESPREK 2); region 13, GESPREK 5.
 *   JV-INTERVENTIES-ZAKEN 0392 4 (Z1 Z2 Z4 Z5): GESPREK 3, PV_OUDERS 2, HALT 1; 0375 2 (Z3 Z5);
 *     region 5 (Z5 once), GESPREK 4 (Z1 Z2 Z3 Z5).
 * Verlof, decided in 2024/25 (A5 was decided 2024-07-15, previous year):
 *   A1 H0 13A SCHOOL TOEGEKEND; A2 H0 13A SCHOOL AFGEWEZEN bezwaar; A3 H1 14 LEERPLICHTAMBTENAAR AFGEWEZEN bezwaar;
 *   A4 H1 14 SCHOOL TOEGEKEND; A6 H2 (0375) 14 LEERPLICHTAMBTENAAR TOEGEKEND.
 *   JV-VERLOF 0392 4: 13A 2, 14 2, SCHOOL 3, AFGEWEZEN 2, 13A×SCHOOL×TOEGEKEND 1, 14×LEERPLICHTAMBTENAAR×TOEGEKEND 0;
 *     region 5, LEERPLICHTAMBTENAAR 2. JV-VERLOF-BEZWAAR 0392 2: 13A 1, AFGEWEZEN 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, FIXTURE_TIMEOUT, P, waarde } from '../helpers/fixture.ts';


const [H0, H1, H2, H3, H4] = P;
const GEB = '2010-01-01';
let n = 0;
const actie = (zaak_id: string, soort: string, datum: string) => ({ actie_id: `a${++n}`, zaak_id, soort, datum });
const verlof = (aanvraag_id: string, bsn: string, artikel: string, beslisser: string, besluit: string, datum_besluit: string, bezwaar = false) =>
  ({ aanvraag_id, bsn, artikel, dagen: artikel === '13A' ? 5 : 15, beslisser, besluit, datum_aanvraag: datum_besluit, datum_besluit, bezwaar });

const rows = {
  personen: [H0, H1, H2, H3, H4].map((bsn) => ({ bsn, geslacht: 'V', geboortedatum: GEB })),
  verblijfplaatsen: [
    { bsn: H0, gemeentecode: '0392', van: GEB }, { bsn: H1, gemeentecode: '0392', van: GEB },
    { bsn: H2, gemeentecode: '0375', van: GEB },
    { bsn: H3, gemeentecode: '0392', van: GEB, tot: '2025-01-01' }, { bsn: H3, gemeentecode: '0363', van: '2025-01-01' },
    { bsn: H4, gemeentecode: '0392', van: GEB, tot: '2025-01-01' }, { bsn: H4, gemeentecode: '0375', van: '2025-01-01' },
  ],
  scholen: [{ brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true }],
  inschrijvingen: [
    { inschrijving_id: 'i0', bsn: H0, brin: '01AB', onderwijssoort: 'VO', van: '2022-08-01' },
    { inschrijving_id: 'i1', bsn: H1, brin: '01AB', onderwijssoort: 'PO', van: '2015-08-01' },
    { inschrijving_id: 'i2', bsn: H2, brin: '01AB', onderwijssoort: 'VO', van: '2022-08-01' },
    { inschrijving_id: 'i3', bsn: H3, brin: '01AB', onderwijssoort: 'MBO', van: '2023-08-01' },
    { inschrijving_id: 'i4', bsn: H4, brin: '01AB', onderwijssoort: 'VO', van: '2022-08-01' },
  ],
  zaken: [
    { zaak_id: 'Z1', bsn: H0, soort: 'RELATIEF', van: '2024-09-10' },
    { zaak_id: 'Z2', bsn: H1, soort: 'ABSOLUUT', van: '2023-12-01' },
    { zaak_id: 'Z3', bsn: H2, soort: 'RELATIEF', van: '2025-04-01' },
    { zaak_id: 'Z4', bsn: H3, soort: 'LUXE', van: '2024-12-01' },
    { zaak_id: 'Z5', bsn: H4, soort: 'THUISZITTER', van: '2024-10-01' },
  ],
  zaakacties: [
    actie('Z1', 'GESPREK', '2024-09-10'), actie('Z1', 'WAARSCHUWING', '2024-10-01'), actie('Z1', 'HALT', '2024-11-01'),
    actie('Z1', 'PV_OUDERS', '2025-01-15'), actie('Z1', 'PV_OUDERS', '2025-03-01'),
    actie('Z2', 'GESPREK', '2023-12-01'), actie('Z2', 'GESPREK', '2024-09-15'), actie('Z2', 'HUISBEZOEK', '2024-09-20'),
    actie('Z2', 'PV_JONGERE', '2025-02-01'),
    actie('Z3', 'HALT', '2025-04-01'), actie('Z3', 'GESPREK', '2025-04-02'),
    actie('Z4', 'PV_OUDERS', '2024-12-01'), actie('Z4', 'PV_OUDERS', '2025-02-01'),
    actie('Z5', 'GESPREK', '2024-10-01'), actie('Z5', 'GESPREK', '2025-02-01'),
  ],
  verlofaanvragen: [
    verlof('A1', H0, '13A', 'SCHOOL', 'TOEGEKEND', '2024-09-01'),
    verlof('A2', H0, '13A', 'SCHOOL', 'AFGEWEZEN', '2024-12-01', true),
    verlof('A3', H1, '14', 'LEERPLICHTAMBTENAAR', 'AFGEWEZEN', '2025-03-01', true),
    verlof('A4', H1, '14', 'SCHOOL', 'TOEGEKEND', '2025-04-01'),
    verlof('A5', H1, '13A', 'SCHOOL', 'TOEGEKEND', '2024-07-15'),
    verlof('A6', H2, '14', 'LEERPLICHTAMBTENAAR', 'TOEGEKEND', '2025-01-01'),
  ],
};

describe('handhaving, interventies, verlof', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows);
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('LT-PV-OUDERS, LT-PV-JONGERE, LT-HALT: actions by onderwijssoort at the action date', async () => {
    expect(await waarde(db, 'LT-PV-OUDERS')).toBe(3);
    expect(await waarde(db, 'LT-PV-OUDERS', { onderwijssoort: 'VO' })).toBe(2);
    expect(await waarde(db, 'LT-PV-OUDERS', { onderwijssoort: 'MBO' })).toBe(1);
    expect(await waarde(db, 'LT-PV-OUDERS', { gebied: 'testregio' })).toBe(3);
    expect(await waarde(db, 'LT-PV-JONGERE')).toBe(1);
    expect(await waarde(db, 'LT-PV-JONGERE', { onderwijssoort: 'PO' })).toBe(1);
    expect(await waarde(db, 'LT-HALT')).toBe(1);
    expect(await waarde(db, 'LT-HALT', { gebied: '0375' })).toBe(1);
    expect(await waarde(db, 'LT-HALT', { gebied: 'testregio' })).toBe(2);
    expect(await waarde(db, 'LT-HALT', { gebied: 'testregio', onderwijssoort: 'VO' })).toBe(2);
  });

  it('JV-INTERVENTIES: actions by soort', async () => {
    expect(await waarde(db, 'JV-INTERVENTIES')).toBe(10);
    const soorten: Record<string, number> = { GESPREK: 3, WAARSCHUWING: 1, HALT: 1, PV_OUDERS: 3, HUISBEZOEK: 1, PV_JONGERE: 1, ZORG: 0 };
    for (const [s, v] of Object.entries(soorten)) expect(await waarde(db, 'JV-INTERVENTIES', { soort: s }), s).toBe(v);
    expect(await waarde(db, 'JV-INTERVENTIES', { gebied: '0375' })).toBe(3);
    expect(await waarde(db, 'JV-INTERVENTIES', { gebied: 'testregio' })).toBe(13);
    expect(await waarde(db, 'JV-INTERVENTIES', { gebied: 'testregio', soort: 'GESPREK' })).toBe(5);
  });

  it('JV-INTERVENTIES-ZAKEN: zaken with at least one action of each soort, distinct in the region', async () => {
    expect(await waarde(db, 'JV-INTERVENTIES-ZAKEN')).toBe(4);
    expect(await waarde(db, 'JV-INTERVENTIES-ZAKEN', { soort: 'GESPREK' })).toBe(3);
    expect(await waarde(db, 'JV-INTERVENTIES-ZAKEN', { soort: 'PV_OUDERS' })).toBe(2);
    expect(await waarde(db, 'JV-INTERVENTIES-ZAKEN', { soort: 'HALT' })).toBe(1);
    expect(await waarde(db, 'JV-INTERVENTIES-ZAKEN', { gebied: '0375' })).toBe(2);
    expect(await waarde(db, 'JV-INTERVENTIES-ZAKEN', { gebied: 'testregio' })).toBe(5);
    expect(await waarde(db, 'JV-INTERVENTIES-ZAKEN', { gebied: 'testregio', soort: 'GESPREK' })).toBe(4);
  });

  it('JV-VERLOF by artikel × beslisser × besluit with all subtotals', async () => {
    expect(await waarde(db, 'JV-VERLOF')).toBe(4);
    expect(await waarde(db, 'JV-VERLOF', { artikel: '13A' })).toBe(2);
    expect(await waarde(db, 'JV-VERLOF', { artikel: '14' })).toBe(2);
    expect(await waarde(db, 'JV-VERLOF', { beslisser: 'SCHOOL' })).toBe(3);
    expect(await waarde(db, 'JV-VERLOF', { besluit: 'AFGEWEZEN' })).toBe(2);
    expect(await waarde(db, 'JV-VERLOF', { artikel: '13A', beslisser: 'SCHOOL', besluit: 'TOEGEKEND' })).toBe(1);
    expect(await waarde(db, 'JV-VERLOF', { artikel: '14', beslisser: 'LEERPLICHTAMBTENAAR', besluit: 'TOEGEKEND' })).toBe(0);
    expect(await waarde(db, 'JV-VERLOF', { gebied: 'testregio' })).toBe(5);
    expect(await waarde(db, 'JV-VERLOF', { gebied: 'testregio', beslisser: 'LEERPLICHTAMBTENAAR' })).toBe(2);
    expect(await waarde(db, 'JV-VERLOF', { schooljaar: '2023/2024' })).toBe(1);
  });

  it('JV-VERLOF-BEZWAAR', async () => {
    expect(await waarde(db, 'JV-VERLOF-BEZWAAR')).toBe(2);
    expect(await waarde(db, 'JV-VERLOF-BEZWAAR', { artikel: '13A' })).toBe(1);
    expect(await waarde(db, 'JV-VERLOF-BEZWAAR', { besluit: 'AFGEWEZEN' })).toBe(2);
    expect(await waarde(db, 'JV-VERLOF-BEZWAAR', { besluit: 'TOEGEKEND' })).toBe(0);
  });
});
