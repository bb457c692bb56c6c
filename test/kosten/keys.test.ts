/** Population keys from a CSV and from an extract (queries/kosten/*.sql), and the caseload count. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Db, sqlFiles } from '../../pipeline/db.ts';
import { InputError } from '../../pipeline/errors.ts';
import { keysFromExtract, meldingenFromExtract, readBevolkingCsv } from '../../pipeline/kosten/keys.ts';
import { loadFixture, P } from '../helpers/fixture.ts';
import { smallBegroting } from './helpers.ts';

const gemeenten = smallBegroting().gemeenten;
const dir = mkdtempSync(path.join(os.tmpdir(), 'kosten-keys-'));
const csv = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('--bevolking CSV', () => {
  it('reads the keys; an empty 5–17 is "not given", not 0', () => {
    const s = readBevolkingCsv(csv('b-2013-01-01.csv', 'gemeentecode,leeftijd_5_22,leeftijd_5_17,leeftijd_18_22\n0001,600,450,150\n0002,300,,100\n'), gemeenten, 2014);
    expect(s.peildatum).toBe('2013-01-01');
    expect(s.perGemeente.get('0001')).toEqual({ l5_22: 600, l5_17: 450, l18_22: 150 });
    expect(s.perGemeente.get('0002')).toEqual({ l5_22: 300, l18_22: 100 });
  });

  it('reads the Excel copy (BOM, semicolons, CRLF, quoted codes) and the optional 16–22', () => {
    const s = readBevolkingCsv(csv('x.csv', '\uFEFFgemeentecode;leeftijd_5_22;leeftijd_5_17;leeftijd_18_22;leeftijd_16_22;gemeentenaam\r\n"0001";600;450;150;210;Aadorp\r\n'), gemeenten, 2014);
    expect(s.perGemeente.get('0001')).toEqual({ l5_22: 600, l5_17: 450, l18_22: 150, l16_22: 210 });
    expect(s.peildatum).toBe('2013-01-01'); // no date in the name: 1 January of the previous year
  });

  it('rejects what cannot be right, all problems at once', () => {
    const bad = csv('bad.csv', 'gemeentecode,leeftijd_5_22,leeftijd_5_17,leeftijd_18_22\n392,1,,\n0001,600,450,149\n0009,1,1,0\n0002,3.5,,\n0002,1,,\n');
    let err: Error | undefined;
    try {
      readBevolkingCsv(bad, gemeenten, 2014);
    } catch (e) {
      err = e as Error;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err!.message).toMatch(/line 2: gemeentecode "392" is not four digits \(leading zeros lost/);
    expect(err!.message).toMatch(/line 3: leeftijd_5_17 \+ leeftijd_18_22 = 599, but leeftijd_5_22 = 600/);
    expect(err!.message).toMatch(/line 4: gemeente 0009 is not one of the configuration's gemeenten/);
    expect(err!.message).toMatch(/line 5: leeftijd_5_22 "3.5" is not a whole number/);
    expect(() => readBevolkingCsv(csv('h.csv', 'code,aantal\n'), gemeenten, 2014)).toThrow(/unknown column\(s\) code, aantal/);
    expect(() => readBevolkingCsv(path.join(dir, 'missing.csv'), gemeenten, 2014)).toThrow(/cannot read it \(ENOENT\)/);
  });
});

describe('keys and caseload from an extract', () => {
  let db: Db;
  beforeAll(async () => {
    db = await Db.open({ threads: 1 });
    // Budget year 2014: population on 2013-01-01; meldingen from 2012-01-01 up to 2013-01-01.
    const personen = [
      { bsn: P[0], geboortedatum: '2008-01-01', geslacht: 'M' }, // 5 on the peildatum (birthday that day)
      { bsn: P[1], geboortedatum: '2008-01-02', geslacht: 'V' }, // still 4
      { bsn: P[2], geboortedatum: '1995-06-30', geslacht: 'V' }, // 17
      { bsn: P[3], geboortedatum: '1995-01-01', geslacht: 'M' }, // 18 that day
      { bsn: P[4], geboortedatum: '1990-01-02', geslacht: 'M' }, // 22
      { bsn: P[5], geboortedatum: '1990-01-01', geslacht: 'V' }, // 23: no longer counted
      { bsn: P[6], geboortedatum: '2000-05-05', geslacht: 'M', overlijdensdatum: '2012-12-31' }, // died before
      { bsn: P[7], geboortedatum: '2000-05-05', geslacht: 'V' }, // moved from 0002 to 0001 on the peildatum
      { bsn: P[8], geboortedatum: '1996-03-03', geslacht: 'M' }, // 16
    ];
    const verblijfplaatsen = [
      ...[0, 1, 2, 3, 4, 5, 6, 8].map((i) => ({ bsn: P[i], gemeentecode: '0001', van: '1990-01-01', tot: null })),
      { bsn: P[7], gemeentecode: '0002', van: '2000-05-05', tot: '2013-01-01' },
      { bsn: P[7], gemeentecode: '0001', van: '2013-01-01', tot: null },
    ];
    const m = (id: string, bsn: string, soort: string, datum: string, status = 'AFGESLOTEN') => ({
      melding_id: id, bsn, brin: '00AA', soort, datum_melding: datum, verzuim_van: datum, status,
      reden_afsluiting: status === 'AFGESLOTEN' ? 'TERUG_NAAR_SCHOOL' : null, datum_afsluiting: status === 'AFGESLOTEN' ? datum : null,
    });
    const verzuimmeldingen = [
      m('M1', P[2], '16_UUR', '2012-03-01'),
      m('M2', P[2], 'LRV', '2012-12-31', 'IN_BEHANDELING'),
      m('M3', P[2], 'LUXE', '2011-12-31'), // before the period
      m('M4', P[2], 'SIGNAAL', '2012-05-01'), // preventive
      m('M5', P[2], '18_PLUS', '2012-05-01'), // RMC
      m('M6', P[2], 'OVERIG', '2012-05-01', 'INGETROKKEN'),
      m('M7', P[2], '16_UUR', '2012-05-01', 'TER_KENNISGEVING'),
      m('M8', P[7], 'LRV', '2012-06-01'), // then living in 0002
      m('M9', P[7], '16_UUR', '2013-01-01'), // on the peildatum: outside
    ];
    const zaken = [
      { zaak_id: 'Z1', bsn: P[8], soort: 'ABSOLUUT', melding_id: null, van: '2012-09-01' },
      { zaak_id: 'Z2', bsn: P[2], soort: 'ABSOLUUT', melding_id: 'M1', van: '2012-09-01' }, // counted as its melding
      { zaak_id: 'Z3', bsn: P[8], soort: 'RELATIEF', melding_id: null, van: '2012-09-01' },
    ];
    await loadFixture(db, { personen, verblijfplaatsen, verzuimmeldingen, zaken, scholen: [{ brin: '00AA', naam: 'School', gemeentecode: '0001', bekostigd: true }] }, '2013-06-01');
    for (const f of sqlFiles('staging')) await db.runFile(f);
  });
  afterAll(() => db?.close());

  it('counts inhabitants per age band on 1 January of the previous year', async () => {
    const s = await keysFromExtract(db, gemeenten, 2014, 'extract (test)', 'test');
    expect(s.peildatum).toBe('2013-01-01');
    // 0001: P0 (5), P2 (17), P3 (18), P4 (22), P7 (12, moved in that day), P8 (16)
    expect(s.perGemeente.get('0001')).toEqual({ l5_22: 6, l5_17: 4, l18_22: 2, l16_22: 4 });
    expect(s.perGemeente.get('0002')).toEqual({ l5_22: 0, l5_17: 0, l18_22: 0, l16_22: 0 });
    expect(s.perGemeente.get('0003')).toEqual({ l5_22: 0, l5_17: 0, l18_22: 0, l16_22: 0 });
  });

  it('counts curatieve meldingen by woongemeente in the twelve months before', async () => {
    const m = await meldingenFromExtract(db, gemeenten, 2014);
    expect([m.van, m.tot]).toEqual(['2012-01-01', '2013-01-01']);
    // 0001: M1, M2 and zaak Z1; 0002: M8
    expect(Object.fromEntries(m.perGemeente)).toEqual({ '0001': 3, '0002': 1, '0003': 0 });
  });
});
