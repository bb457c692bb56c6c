/**
 * Afhandeling and doorlooptijden of verzuimmeldingen (JV-AFHANDELING, JV-DOORLOOP) on a hand-built extract.
 * Schooljaar 2024/2025, extract 2025-10-15, gemeenten 0392 and 0375 (region 'testregio').
 * R0 lives in 0392, R1 in 0375.
 *
 *   M1  R0 16_UUR  2024-09-01, AFGESLOTEN 2024-10-01 TERUG_NAAR_SCHOOL   (30 days)
 *   M2  R0 LRV     2024-10-01, AFGESLOTEN 2025-01-09 ANDERE_OPLEIDING    (100 days)
 *   M3  R0 16_UUR  2024-05-01, AFGESLOTEN 2024-09-01 TERUG_NAAR_SCHOOL   (123 days; open on 2024-07-31)
 *   M4  R0 16_UUR  2025-03-01, IN_BEHANDELING                            (open on 2025-07-31)
 *   M5  R0 LRV     2025-06-01, AFGESLOTEN 2025-09-01 WERK                (open on 2025-07-31)
 *   M6  R0 LUXE    2024-06-01, GEREGISTREERD                             (open on 2024-07-31 and 2025-07-31)
 *   M7  R0 16_UUR  2025-01-01, INGETROKKEN                               (never counted)
 *   M8  R0 SIGNAAL 2025-02-01, TER_KENNISGEVING                          (not open)
 *   M9  R0 16_UUR  2025-07-31, AFGESLOTEN 2025-07-31 LEGITIEM_AFWEZIG    (0 days; closed, so not open on 07-31)
 *   M10 R1 16_UUR  2024-11-01, AFGESLOTEN 2024-11-21 TERUG_NAAR_SCHOOL   (20 days)
 *
 * 2024/25, 0392: AFGESLOTEN 4 (M1 M2 M3 M9): TERUG_NAAR_SCHOOL 2, ANDERE_OPLEIDING 1, LEGITIEM_AFWEZIG 1, WERK 0;
 *   OPEN 3 (M4 M5 M6). JV-DOORLOOP all soorten: median of 0, 30, 100, 123 = 65 (teller 4); 16_UUR: median of
 *   0, 30, 123 = 30 (3); LRV 100 (1); LUXE none (teller 0).
 * Region: AFGESLOTEN 5, TERUG_NAAR_SCHOOL 3, OPEN 3; JV-DOORLOOP median of 0, 20, 30, 100, 123 = 30 (5).
 * 2023/24, 0392: OPEN 2 (M3 M6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../pipeline/db.ts';
import { buildFixture, cel, FIXTURE_TIMEOUT, P, waarde } from '../helpers/fixture.ts';


const [R0, R1] = P;
const GEB = '2010-01-01';
const m = (melding_id: string, bsn: string, soort: string, datum_melding: string, status: string, reden_afsluiting?: string, datum_afsluiting?: string) =>
  ({ melding_id, bsn, brin: '01AB', soort, datum_melding, verzuim_van: datum_melding, status, reden_afsluiting, datum_afsluiting });

const rows = {
  personen: [R0, R1].map((bsn) => ({ bsn, geslacht: 'M', geboortedatum: GEB })),
  verblijfplaatsen: [{ bsn: R0, gemeentecode: '0392', van: GEB }, { bsn: R1, gemeentecode: '0375', van: GEB }],
  scholen: [{ brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true }],
  inschrijvingen: [
    { inschrijving_id: 'i0', bsn: R0, brin: '01AB', onderwijssoort: 'VO', van: '2022-08-01' },
    { inschrijving_id: 'i1', bsn: R1, brin: '01AB', onderwijssoort: 'VO', van: '2022-08-01' },
  ],
  verzuimmeldingen: [
    m('M1', R0, '16_UUR', '2024-09-01', 'AFGESLOTEN', 'TERUG_NAAR_SCHOOL', '2024-10-01'),
    m('M2', R0, 'LRV', '2024-10-01', 'AFGESLOTEN', 'ANDERE_OPLEIDING', '2025-01-09'),
    m('M3', R0, '16_UUR', '2024-05-01', 'AFGESLOTEN', 'TERUG_NAAR_SCHOOL', '2024-09-01'),
    m('M4', R0, '16_UUR', '2025-03-01', 'IN_BEHANDELING'),
    m('M5', R0, 'LRV', '2025-06-01', 'AFGESLOTEN', 'WERK', '2025-09-01'),
    m('M6', R0, 'LUXE', '2024-06-01', 'GEREGISTREERD'),
    m('M7', R0, '16_UUR', '2025-01-01', 'INGETROKKEN'),
    m('M8', R0, 'SIGNAAL', '2025-02-01', 'TER_KENNISGEVING'),
    m('M9', R0, '16_UUR', '2025-07-31', 'AFGESLOTEN', 'LEGITIEM_AFWEZIG', '2025-07-31'),
    m('M10', R1, '16_UUR', '2024-11-01', 'AFGESLOTEN', 'TERUG_NAAR_SCHOOL', '2024-11-21'),
  ],
};

describe('afhandeling and doorlooptijd of meldingen', () => {
  let db: Db;
  beforeAll(async () => {
    db = await buildFixture(rows);
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('JV-AFHANDELING: closed in the year by reden, open on 31 July', async () => {
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'AFGESLOTEN' })).toBe(4);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'AFGESLOTEN', reden: 'TERUG_NAAR_SCHOOL' })).toBe(2);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'AFGESLOTEN', reden: 'ANDERE_OPLEIDING' })).toBe(1);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'AFGESLOTEN', reden: 'LEGITIEM_AFWEZIG' })).toBe(1);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'AFGESLOTEN', reden: 'WERK' })).toBe(0);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'OPEN' })).toBe(3);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'OPEN', schooljaar: '2023/2024' })).toBe(2);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'AFGESLOTEN', gebied: 'testregio' })).toBe(5);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'AFGESLOTEN', reden: 'TERUG_NAAR_SCHOOL', gebied: 'testregio' })).toBe(3);
    expect(await waarde(db, 'JV-AFHANDELING', { status: 'OPEN', gebied: 'testregio' })).toBe(3);
  });

  it('JV-DOORLOOP: median days from melding to afsluiting, teller = meldingen in the median', async () => {
    expect(await cel(db, 'JV-DOORLOOP')).toEqual({ waarde: 65, teller: 4, noemer: null });
    expect(await cel(db, 'JV-DOORLOOP', { soort: '16_UUR' })).toEqual({ waarde: 30, teller: 3, noemer: null });
    expect(await cel(db, 'JV-DOORLOOP', { soort: 'LRV' })).toEqual({ waarde: 100, teller: 1, noemer: null });
    expect(await cel(db, 'JV-DOORLOOP', { soort: 'LUXE' })).toEqual({ waarde: null, teller: 0, noemer: null });
    expect(await cel(db, 'JV-DOORLOOP', { gebied: 'testregio' })).toEqual({ waarde: 30, teller: 5, noemer: null });
  });
});
