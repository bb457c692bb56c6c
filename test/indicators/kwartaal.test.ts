/**
 * Kwartaal indicators (KW-*) on a hand-built extract. Quarter 2025-K1 = [2025-01-01, 2025-04-01), last day
 * d = 2025-03-31; schooljaar up to it: [2024-08-01, 2025-04-01); the comparison 2024-K1 and 2023/2024 t/m K1.
 * Gemeenten 0392 (leerplicht execution at the office: percelen 1, 2, 3) and 0375 (1, 3); region 'testregio';
 * formatie: 2 fte leerplichtambtenaar. Extract 2025-10-15 (so not voorlopig).
 *
 * Persons (born 2010-01-01 unless said; A B D in 0392, C E in 0375; F born 2005-06-01 in 0375):
 *   A B C enrolled (VO) from 2022-08-01 throughout. D enrolled until 2025-02-01, then nowhere: absoluut
 *   verzuim from 2025-02-01 (running on d). E enrolled, but not from 2024-01-10 until 2024-05-01: absoluut
 *   verzuim on 2024-03-31.
 * Meldingen:
 *   M1 A 16_UUR  melding 2025-01-15, closed 2025-02-14 (30 days, within 3 months)
 *   M2 A LRV     melding 2024-12-01 (absence from 2024-11-01), closed 2025-03-20 (109 days; not within
 *                3 months): open across the quarter boundary: new in the schooljaar, closed in the quarter
 *   M3 B 16_UUR  absence from 2025-03-10, melding 2025-04-05 (registered late): new in Q2, not in Q1
 *   M4 C LUXE    2025-02-01, INGETROKKEN: never counted
 *   M5 C 16_UUR  melding 2024-02-10, closed 2024-03-01 (20 days): 2024-K1
 *   M6 B SIGNAAL melding 2025-03-31 (the quarter's last day), open
 *   M7 B LRV     absence from 2025-03-01, melding 2025-03-05, open: a thuiszitter on d
 * Zaken: Z1 A RELATIEF (from M2) 2024-12-05 … 2025-03-21; Z2 B ABSOLUUT (no melding) 2024-11-15, open
 *   (on d open more than 3 months); Z3 C RMC 2025-03-01, open; Z4 A THUISZITTER 2025-01-10 … 2025-04-01 (its
 *   last day is 2025-03-31: closed in Q1, not open after it).
 * Acties: A1 Z2 HUISBEZOEK 2025-02-01; A2 Z1 WAARSCHUWING 2024-12-10; A3 Z3 GESPREK 2025-03-05.
 * RMC: T1 F OUD_VSV from 2025-02-01, open; T2 F NIEUW_VSV 2024-09-01 … 2025-01-20, resultaat WERK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db } from '../../pipeline/db.ts';
import { runModel } from '../../pipeline/model.ts';
import { parseKwartaal } from '../../pipeline/kwartaal.ts';
import { cel, type Cel, fixtureConfig, FIXTURE_TIMEOUT, loadFixture, P, type FixtureRows } from '../helpers/fixture.ts';

const [A, B, C, D, E, F] = P;
const GEB = '2010-01-01';
const enr = (id: string, bsn: string, van: string, tot?: string) => ({ inschrijving_id: id, bsn, brin: '01AB', onderwijssoort: 'VO', van, tot });
const m = (melding_id: string, bsn: string, soort: string, datum_melding: string, status: string, verzuim_van = datum_melding, datum_afsluiting?: string) =>
  ({ melding_id, bsn, brin: '01AB', soort, datum_melding, verzuim_van, status, reden_afsluiting: datum_afsluiting ? 'TERUG_NAAR_SCHOOL' : undefined, datum_afsluiting });

const rows: FixtureRows = {
  personen: [A, B, C, D, E].map((bsn) => ({ bsn, geslacht: 'V', geboortedatum: GEB })).concat([{ bsn: F, geslacht: 'M', geboortedatum: '2005-06-01' }]),
  verblijfplaatsen: [
    ...[A, B, D].map((bsn) => ({ bsn, gemeentecode: '0392', van: GEB })),
    { bsn: C, gemeentecode: '0375', van: GEB }, { bsn: E, gemeentecode: '0375', van: GEB },
    { bsn: F, gemeentecode: '0375', van: '2005-06-01' },
  ],
  scholen: [{ brin: '01AB', naam: 'School', gemeentecode: '0392', bekostigd: true }],
  inschrijvingen: [
    enr('iA', A, '2022-08-01'), enr('iB', B, '2022-08-01'), enr('iC', C, '2022-08-01'),
    enr('iD', D, '2022-08-01', '2025-02-01'), enr('iE1', E, '2022-08-01', '2024-01-10'), enr('iE2', E, '2024-05-01'),
  ],
  verzuimmeldingen: [
    m('M1', A, '16_UUR', '2025-01-15', 'AFGESLOTEN', '2025-01-15', '2025-02-14'),
    m('M2', A, 'LRV', '2024-12-01', 'AFGESLOTEN', '2024-11-01', '2025-03-20'),
    m('M3', B, '16_UUR', '2025-04-05', 'IN_BEHANDELING', '2025-03-10'),
    m('M4', C, 'LUXE', '2025-02-01', 'INGETROKKEN'),
    m('M5', C, '16_UUR', '2024-02-10', 'AFGESLOTEN', '2024-02-10', '2024-03-01'),
    m('M6', B, 'SIGNAAL', '2025-03-31', 'GEREGISTREERD'),
    m('M7', B, 'LRV', '2025-03-05', 'GEREGISTREERD', '2025-03-01'),
  ],
  zaken: [
    { zaak_id: 'Z1', bsn: A, soort: 'RELATIEF', melding_id: 'M2', van: '2024-12-05', tot: '2025-03-21' },
    { zaak_id: 'Z2', bsn: B, soort: 'ABSOLUUT', van: '2024-11-15' },
    { zaak_id: 'Z3', bsn: C, soort: 'RMC', van: '2025-03-01' },
    { zaak_id: 'Z4', bsn: A, soort: 'THUISZITTER', van: '2025-01-10', tot: '2025-04-01' },
  ],
  zaakacties: [
    { actie_id: 'A1', zaak_id: 'Z2', datum: '2025-02-01', soort: 'HUISBEZOEK' },
    { actie_id: 'A2', zaak_id: 'Z1', datum: '2024-12-10', soort: 'WAARSCHUWING' },
    { actie_id: 'A3', zaak_id: 'Z3', datum: '2025-03-05', soort: 'GESPREK' },
  ],
  rmc_trajecten: [
    { traject_id: 'T1', bsn: F, doelgroep: 'OUD_VSV', van: '2025-02-01' },
    { traject_id: 'T2', bsn: F, doelgroep: 'NIEUW_VSV', van: '2024-09-01', tot: '2025-01-20', resultaat: 'WERK' },
  ],
};

async function build(extractdatum: string, kwartaal = '2025-K1') {
  const db = await Db.open({ threads: 1 });
  await loadFixture(db, rows, extractdatum);
  const config = { ...fixtureConfig(), formatie: [{ rol: 'leerplichtambtenaar', perceel: 2 as const, fte: 2 }] };
  await runModel(db, { config, schooljaar: parseKwartaal(kwartaal).schooljaar, kwartalen: [kwartaal] });
  return db;
}

const Q = '2025-K1', YTD = '2024/2025 t/m K1', Q_VJ = '2024-K1', YTD_VJ = '2023/2024 t/m K1';
const REGIO = { gebied: 'testregio' };

describe('kwartaal indicators', () => {
  let db: Db;
  const w = async (code: string, c: Cel) => (await cel(db, code, c)).waarde;
  beforeAll(async () => {
    db = await build('2025-10-15');
  }, FIXTURE_TIMEOUT);
  afterAll(() => db.close());

  it('the quarter and its schooljaar: 2025-K1 is January–March, in schooljaar 2024/2025; K3 starts the next one', () => {
    expect(parseKwartaal('2025-K1')).toMatchObject({ van: '2025-01-01', tot: '2025-04-01', laatsteDag: '2025-03-31', schooljaar: '2024/2025' });
    expect(parseKwartaal('2025-K3')).toMatchObject({ van: '2025-07-01', tot: '2025-10-01', schooljaar: '2025/2026' });
    expect(parseKwartaal('2024-K4')).toMatchObject({ tot: '2025-01-01', laatsteDag: '2024-12-31', schooljaar: '2024/2025' });
    expect(() => parseKwartaal('2025-Q1')).toThrow(/2025-K1/);
  });

  it('periods: quarter, schooljaar up to it, and both a year earlier, with their dates', async () => {
    const p = await db.all<{ schooljaar: string; van: string; tot: string }>(
      `SELECT DISTINCT jaar, schooljaar, CAST(van AS VARCHAR) AS van, CAST(tot AS VARCHAR) AS tot FROM int_kwartaal_gebieden ORDER BY van DESC`);
    expect(p).toEqual([
      { jaar: 202511, schooljaar: Q, van: '2025-01-01', tot: '2025-04-01' },
      { jaar: 202512, schooljaar: YTD, van: '2024-08-01', tot: '2025-04-01' },
      { jaar: 202411, schooljaar: Q_VJ, van: '2024-01-01', tot: '2024-04-01' },
      { jaar: 202412, schooljaar: YTD_VJ, van: '2023-08-01', tot: '2024-04-01' },
    ]);
  });

  it('KW-MELDINGEN: by meldingsdatum; a late-registered melding counts in the quarter it was made; withdrawn never', async () => {
    expect(await w('KW-MELDINGEN', { schooljaar: Q })).toBe(3); // M1 M6 M7 (not M3: made 2025-04-05; not M4)
    expect(await w('KW-MELDINGEN', { schooljaar: Q, soort: 'LRV' })).toBe(1);
    expect(await w('KW-MELDINGEN', { schooljaar: Q, soort: 'SIGNAAL' })).toBe(1); // made on the last day
    expect(await w('KW-MELDINGEN', { schooljaar: Q, soort: 'LUXE', gebied: '0375' })).toBe(0);
    expect(await w('KW-MELDINGEN', { schooljaar: YTD })).toBe(4); // + M2 (December)
    expect(await w('KW-MELDINGEN', { schooljaar: Q, ...REGIO })).toBe(3);
    expect(await w('KW-MELDINGEN', { schooljaar: Q_VJ, gebied: '0375' })).toBe(1); // M5
    expect(await w('KW-MELDINGEN', { schooljaar: Q_VJ })).toBe(0); // a quarter without meldingen: 0, not empty
  });

  it('KW-AFGESLOTEN, KW-DOORLOOP (median, p90), KW-BINNEN-3M over meldingen closed in the period', async () => {
    expect(await w('KW-AFGESLOTEN', { schooljaar: Q })).toBe(2); // M1, M2 (opened in December)
    expect(await cel(db, 'KW-DOORLOOP', { schooljaar: Q })).toEqual({ waarde: 69.5, teller: 2, noemer: null }); // (30 + 109) / 2
    expect((await cel(db, 'KW-DOORLOOP-P90', { schooljaar: Q })).waarde).toBeCloseTo(30 + 0.9 * 79, 6); // 101.1
    expect(await cel(db, 'KW-BINNEN-3M', { schooljaar: Q })).toEqual({ waarde: 50, teller: 1, noemer: 2 });
    expect(await cel(db, 'KW-DOORLOOP', { schooljaar: Q_VJ, ...REGIO })).toEqual({ waarde: 20, teller: 1, noemer: null });
    // nothing closed: no median, no percentage
    expect(await cel(db, 'KW-DOORLOOP', { schooljaar: Q_VJ })).toEqual({ waarde: null, teller: 0, noemer: null });
    expect(await cel(db, 'KW-BINNEN-3M', { schooljaar: Q_VJ })).toEqual({ waarde: null, teller: 0, noemer: 0 });
  });

  it('zaken: opened and closed in the period, open at its end by age; interventions by date', async () => {
    expect(await w('KW-ZAKEN-GEOPEND', { schooljaar: Q, ...REGIO })).toBe(2); // Z3, Z4
    expect(await w('KW-ZAKEN-GEOPEND', { schooljaar: YTD, ...REGIO })).toBe(4);
    expect(await w('KW-ZAKEN-GESLOTEN', { schooljaar: Q })).toBe(2); // Z1, Z4 (last day 2025-03-31)
    expect(await w('KW-ZAKEN-GESLOTEN', { schooljaar: Q, soort: 'THUISZITTER' })).toBe(1);
    expect(await w('KW-ZAKEN-OPEN', { schooljaar: Q })).toBe(1); // Z2; not Z4 (closed with the quarter)
    expect(await w('KW-ZAKEN-OPEN', { schooljaar: Q, duur: '>3m' })).toBe(1);
    expect(await w('KW-ZAKEN-OPEN', { schooljaar: Q, soort: 'RMC', duur: '<=3m', gebied: '0375' })).toBe(1);
    expect(await w('KW-ZAKEN-OPEN', { schooljaar: Q, ...REGIO })).toBe(2);
    expect(await w('KW-INTERVENTIES', { schooljaar: Q, ...REGIO })).toBe(2);
    expect(await w('KW-INTERVENTIES', { schooljaar: Q, soort: 'HUISBEZOEK' })).toBe(1);
    expect(await w('KW-INTERVENTIES', { schooljaar: YTD, ...REGIO })).toBe(3);
  });

  it('stock figures have no schooljaar-to-date cell', async () => {
    const n = await db.one<{ n: number }>(`SELECT count(*)::INT AS n FROM indicator_store WHERE indicator IN ('KW-ZAKEN-OPEN', 'KW-AV', 'KW-THUIS', 'KW-CASELOAD') AND schooljaar LIKE '%t/m%'`);
    expect(n.n).toBe(0);
  });

  it('absoluut verzuim and thuiszitters on the last day; per 1.000 in beeld that day', async () => {
    expect(await w('KW-AV', { schooljaar: Q })).toBe(1); // D
    expect(await w('KW-AV', { schooljaar: Q, gebied: '0375' })).toBe(0);
    expect(await w('KW-AV', { schooljaar: Q_VJ, gebied: '0375' })).toBe(1); // E, 2024-03-31
    expect(await w('KW-THUIS', { schooljaar: Q })).toBe(2); // D (absoluut verzuim) + B (LRV M7); not A (M2 closed)
    const r = await cel(db, 'KW-AV-1000', { schooljaar: Q });
    expect(r.teller).toBe(1);
    expect(r.noemer).toBe(3); // A B D
    expect(r.waarde).toBeCloseTo(1000 / 3, 6);
    expect(await cel(db, 'KW-AV-1000', { schooljaar: Q, ...REGIO })).toEqual({ waarde: 200, teller: 1, noemer: 5 }); // F (19) is not in beeld
  });

  it('KW-CASELOAD: curatieve meldingen of the last 12 months per fte, region only, regional gemeenten only', async () => {
    // (2024-03-31, 2025-03-31] in 0392: M1, M2, M7 and the absoluut verzuim zaak Z2 without a melding = 4; 2 fte
    expect(await cel(db, 'KW-CASELOAD', { schooljaar: Q, ...REGIO })).toEqual({ waarde: 2, teller: 4, noemer: null });
    // a year earlier only M5, in 0375, whose leerplicht execution is local
    expect(await cel(db, 'KW-CASELOAD', { schooljaar: Q_VJ, ...REGIO })).toEqual({ waarde: 0, teller: 0, noemer: null });
  });

  it('JV-CASELOAD: the schooljaar\'s curatieve meldingen per fte, same definition as the quarter\'s', async () => {
    // [2024-08-01, 2025-08-01) in 0392: M1, M2, M3 (made 2025-04-05), M7 and Z2 = 5; not M6 (signaal); 2 fte
    expect(await cel(db, 'JV-CASELOAD', { schooljaar: '2024/2025', ...REGIO })).toEqual({ waarde: 2.5, teller: 5, noemer: null });
    expect((await cel(db, 'JV-CASELOAD', { schooljaar: '2024/2025' })).waarde).toBeNull(); // no fte per gemeente
  });

  it('RMC: running at the end of the quarter, new and closed by resultaat', async () => {
    expect(await w('KW-RMC-LOPEND', { schooljaar: Q, gebied: '0375', soort: 'OUD_VSV' })).toBe(1);
    expect(await w('KW-RMC-LOPEND', { schooljaar: Q, gebied: '0375' })).toBe(1);
    expect(await w('KW-RMC-NIEUW', { schooljaar: Q, gebied: '0375' })).toBe(1);
    expect(await w('KW-RMC-NIEUW', { schooljaar: YTD, gebied: '0375' })).toBe(2);
    expect(await w('KW-RMC-RESULTAAT', { schooljaar: Q, gebied: '0375', reden: 'WERK' })).toBe(1);
    expect(await w('KW-RMC-RESULTAAT', { schooljaar: Q, gebied: '0375' })).toBe(1);
  });
});

describe('kwartaal: voorlopig, and no kwartaal', () => {
  it('a quarter extracted within six weeks of its end is voorlopig; last year is not', async () => {
    const db = await build('2025-04-20');
    try {
      const v = await db.all<{ schooljaar: string; voorlopig: boolean }>(`SELECT DISTINCT jaar, schooljaar, voorlopig FROM int_kwartaal_gebieden ORDER BY jaar`);
      expect(v.map(({ schooljaar, voorlopig }) => ({ schooljaar, voorlopig }))).toEqual([
        { schooljaar: Q_VJ, voorlopig: false }, { schooljaar: YTD_VJ, voorlopig: false },
        { schooljaar: Q, voorlopig: true }, { schooljaar: YTD, voorlopig: true },
      ]);
      expect(await cel(db, 'KW-MELDINGEN', { schooljaar: Q })).toMatchObject({ waarde: 3 });
    } finally {
      db.close();
    }
  }, FIXTURE_TIMEOUT);

  it('several quarters in one build share their comparison periods', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      await loadFixture(db, rows, '2025-10-15');
      await runModel(db, { config: fixtureConfig(), schooljaar: '2024/2025', kwartalen: ['2024-K4', '2025-K1'] });
      const p = await db.all<{ schooljaar: string }>(`SELECT DISTINCT schooljaar FROM int_kwartaal_gebieden ORDER BY jaar`);
      expect(p.map((x) => x.schooljaar)).toEqual(['2023-K4', '2023/2024 t/m K4', '2024-K1', '2023/2024 t/m K1', '2024-K4', '2024/2025 t/m K4', '2025-K1', '2024/2025 t/m K1']);
      expect(await cel(db, 'KW-MELDINGEN', { schooljaar: '2024-K4' })).toMatchObject({ waarde: 1 }); // M2, December
      expect(await cel(db, 'KW-MELDINGEN', { schooljaar: Q })).toMatchObject({ waarde: 3 });
    } finally {
      db.close();
    }
  }, FIXTURE_TIMEOUT);

  it('a build without a kwartaal has no kwartaal rows', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      await loadFixture(db, rows, '2025-10-15');
      await runModel(db, { config: fixtureConfig(), schooljaar: '2024/2025' });
      expect((await db.one<{ n: number }>(`SELECT count(*)::INT AS n FROM indicator_store WHERE indicator LIKE 'KW-%'`)).n).toBe(0);
    } finally {
      db.close();
    }
  }, FIXTURE_TIMEOUT);
});

describe('kwartaal: status of a target', () => {
  it('at most: met, within 10%, beyond; at least likewise; unpublished gives no verdict', async () => {
    const { status } = await import('../../pipeline/kwartaal.ts');
    expect(status(135, { hoogstens: 135 })).toBe('op koers');
    expect(status(148.5, { hoogstens: 135 })).toBe('aandacht'); // 135 × 1,1
    expect(status(148.6, { hoogstens: 135 })).toBe('niet op koers');
    expect(status(75, { minstens: 75 })).toBe('op koers');
    expect(status(67.5, { minstens: 75 })).toBe('aandacht');
    expect(status(67.4, { minstens: 75 })).toBe('niet op koers');
    expect(status(null, { hoogstens: 1 })).toBe('geen oordeel');
  });
});
