/**
 * `leerplicht import brp`: the LO GBA reader against hand-checked persoonslijsten of RvIG's GBA-V test
 * set (../shared/data/brp, beside the repository), a Haal Centraal fixture against the equivalent LO GBA
 * rows, and the imported tables through the loader.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { completeDate, convertPersons, RULE, SKIP } from '../pipeline/import/brp.ts';
import { readHaalCentraal } from '../pipeline/import/haal-centraal.ts';
import { readElementMapping, readLoGba } from '../pipeline/import/lo-gba.ts';
import { importBrp } from '../pipeline/import/run.ts';
import { loadExtract } from '../pipeline/load/index.ts';
import { main } from '../pipeline/cli.ts';
import { tempDir, writeCsvExtract } from './helpers/extract-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const TESTSET = path.resolve(ROOT, '../shared/data/brp/20220502_Testset_persoonslijsten_proefomgeving_GBA-V.csv');
const FIX = path.join(ROOT, 'test/fixtures/brp');

describe('BRP dates', () => {
  it('completes incomplete dates with the first possible day', () => {
    expect(completeDate({ y: 1995, m: 2, d: 0 })).toEqual({ iso: '1995-02-01', incomplete: true });
    expect(completeDate({ y: 1968, m: 0, d: 0 })).toEqual({ iso: '1968-01-01', incomplete: true });
    expect(completeDate({ y: 1966, m: 0, d: 13 })).toEqual({ iso: '1966-01-01', incomplete: true });
    expect(completeDate({ y: 0, m: 0, d: 0 })).toEqual({ unknown: true });
    expect(completeDate({ y: 2023, m: 2, d: 30 })).toEqual({ invalid: true });
    expect(completeDate('invalid')).toEqual({ invalid: true });
  });
});

describe('LO GBA reader on the RvIG test set', async () => {
  const { personen, verblijfplaatsen, report } = convertPersons(await readLoGba(TESTSET), '2025-10-15');
  const person = (bsn: string) => personen.find((p) => p.bsn === bsn);
  const periods = (bsn: string) => verblijfplaatsen.filter((v) => v.bsn === bsn).map((v) => [v.gemeentecode, v.van, v.tot ?? '']);

  it('reads all 687 persoonslijsten and counts what it skipped', () => {
    expect(report.persoonslijsten).toBe(687);
    // Lg01_562 is suspended with reden W; Lg01_639 has no BSN; five BSNs are each on two persoonslijsten.
    expect(report.skipped[SKIP.suspendedW]).toBe(1);
    expect(report.skipped[SKIP.noBsn]).toBe(1);
    expect(report.skipped[SKIP.duplicateBsn]).toBe(10);
    expect(report.personen + Object.values(report.skipped).reduce((s, n) => s + n, 0)).toBe(687);
  });

  it('skips both persoonslijsten of a duplicate BSN (Lg01_781 and Lg01_809 share 999995923)', () => {
    expect(person('999995923')).toBeUndefined();
    expect(periods('999995923')).toEqual([]);
  });

  it('reads birth date and geslacht (Lg01_716)', () => {
    expect(person('999993653')).toEqual({ bsn: '999993653', geboortedatum: '1985-12-01', geslacht: 'V', overlijdensdatum: undefined });
    expect(periods('999993653')).toEqual([['0599', '2013-11-02', '']]);
  });

  it('completes incomplete birth dates (Lg01_284 19950200, Lg01_491 19680000) and skips unknown ones (Lg01_304 00000000)', () => {
    expect(person('999990457')?.geboortedatum).toBe('1995-02-01');
    expect(person('999992806')?.geboortedatum).toBe('1968-01-01');
    expect(person('999994220')).toBeUndefined();
    expect(report.rules[RULE.birthIncomplete]).toBe(9);
  });

  it('builds residence periods from current and history rows, ignoring onjuist rows (Lg01_531)', () => {
    // 0518 1978 → 0548 1981 → 0974 1987 → abroad 12-09-1989 → 0363 1998 (one row onjuist) → 0518 1999
    // (two 0518 rows onjuist; the 2000 rows stay in 0518).
    expect(periods('999990792')).toEqual([
      ['0518', '1978-04-18', '1981-03-12'],
      ['0548', '1981-03-12', '1987-05-27'],
      ['0974', '1987-05-27', '1989-09-12'],
      ['1999', '1989-09-12', '1998-08-01'],
      ['0363', '1998-08-01', '1999-02-28'],
      ['0518', '1999-02-28', ''],
    ]);
  });

  it('ends the residence at death (Lg01_669, reden O)', () => {
    expect(person('999990147')).toEqual({ bsn: '999990147', geboortedatum: '1948-01-17', geslacht: 'V', overlijdensdatum: '2018-05-26' });
    expect(periods('999990147')).toEqual([['0344', '1948-01-17', '1968-04-01'], ['0599', '1968-04-01', '2018-05-26']]);
  });

  it('lets emigration end a period and start an RNI period (Lg01_382 old style, Lg01_719 with 1999 and an incomplete date)', () => {
    expect(periods('999992326')).toEqual([['0530', '1990-04-01', '2010-01-01'], ['1999', '2010-01-01', '']]);
    expect(periods('999994426')).toEqual([['1811', '1994-09-02', '2011-12-01'], ['1999', '2011-12-01', '']]);
  });

  it('starts a return from abroad on its address date and completes an incomplete date of death (Lg01_441)', () => {
    // 0363 from 1989, abroad 15-06-1999, back at an address in 0363 from 15-06-2007 (datum inschrijving
    // carried over as 1989), died 2008-00-00.
    expect(person('999991139')?.overlijdensdatum).toBe('2008-01-01');
    expect(periods('999991139')).toEqual([
      ['0363', '1989-06-15', '1999-06-15'],
      ['1999', '1999-06-15', '2007-06-15'],
      ['0363', '2007-06-15', '2008-01-01'],
    ]);
  });

  it('writes nothing after the extract date', () => {
    const early = convertPersons([{ bsn: '999993653', geboortedatum: { y: 2000, m: 1, d: 1 }, geslacht: 'M', overlijdensdatum: { y: 2021, m: 1, d: 1 },
      events: [{ kind: 'inschrijving', gemeente: '0392', datum: { y: 2000, m: 1, d: 1 } }, { kind: 'inschrijving', gemeente: '0375', datum: { y: 2020, m: 6, d: 1 } }] }], '2020-01-01');
    expect(early.personen[0].overlijdensdatum).toBeUndefined();
    expect(early.verblijfplaatsen.map((v) => [v.gemeentecode, v.van, v.tot])).toEqual([['0392', '2000-01-01', undefined]]);
  });
});

describe('Haal Centraal BRP Personen', () => {
  it('gives the same tables as the equivalent LO GBA rows', async () => {
    const fromGba = convertPersons(await readLoGba(path.join(FIX, 'lo-gba.csv')), '2025-10-15');
    const fromHc = convertPersons(readHaalCentraal(path.join(FIX, 'haal-centraal.json')), '2025-10-15');
    expect(fromHc.personen).toEqual(fromGba.personen);
    expect(fromHc.verblijfplaatsen).toEqual(fromGba.verblijfplaatsen);
    expect(fromHc.report.skipped).toEqual(fromGba.report.skipped);
    // and both are what the fixture says, derived by hand
    expect(fromGba.personen).toEqual([
      { bsn: '999990147', geboortedatum: '2009-07-01', geslacht: 'V', overlijdensdatum: '2020-05-04' },
      { bsn: '999992326', geboortedatum: '2012-01-31', geslacht: 'O', overlijdensdatum: undefined },
      { bsn: '999993653', geboortedatum: '2010-03-15', geslacht: 'M', overlijdensdatum: undefined },
    ]);
    expect(fromGba.verblijfplaatsen.map((v) => [v.bsn, v.gemeentecode, v.van, v.tot ?? ''])).toEqual([
      ['999990147', '0392', '2009-08-01', '2020-05-04'],
      ['999992326', '0375', '2015-03-01', ''],
      ['999993653', '0392', '2010-03-15', '2016-08-01'],
      ['999993653', '0375', '2016-08-01', '2019-02-01'],
      ['999993653', '1999', '2019-02-01', '2021-09-01'],
      ['999993653', '0394', '2021-09-01', ''],
    ]);
    expect(fromGba.report.skipped).toEqual({ [SKIP.suspendedW]: 1, [SKIP.invalidBsn]: 1 });
  });
});

describe('imported tables in an extract', () => {
  it('pass the loader together with the other tables of a small extract', async () => {
    const dir = tempDir('lp-import-');
    // the other tables: one school and one enrollment of a young person of the test set (born 2008-02-29)
    writeCsvExtract(dir, {
      scholen: [{ brin: '00AA', naam: 'School', gemeentecode: '0599', bekostigd: 'true' }],
      inschrijvingen: [{ inschrijving_id: 'i1', bsn: '900194042', brin: '00AA', onderwijssoort: 'VO', niveau: 'HAVO', van: '2020-08-01' }],
    });
    const { report } = await importBrp({ file: TESTSET, out: dir, extractdatum: '2025-10-15', writeMeta: false });
    expect(report.personen).toBe(669);
    const db = await Db.open({ threads: 1 });
    try {
      const r = await loadExtract(db, dir);
      expect(r.fileProblems).toEqual([]);
      expect(r.errorCounts).toEqual({});
      expect(r.ok).toBe(true);
      expect(r.loaded.inschrijvingen).toBe(1);
    } finally {
      db.close();
    }
  });

  it('the CLI writes extract.json with --extractdatum and refuses a date after today', async () => {
    const dir = tempDir('lp-import-cli-');
    expect(await main(['import', 'brp', path.join(FIX, 'lo-gba.csv'), '--out', dir, '--extractdatum', '2025-10-15'])).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'extract.json'), 'utf8')).extractdatum).toBe('2025-10-15');
    expect(readFileSync(path.join(dir, 'personen.csv'), 'utf8').split('\n')[0]).toBe('bsn,geboortedatum,geslacht,overlijdensdatum');
    expect(await main(['import', 'brp', path.join(FIX, 'lo-gba.csv'), '--out', tempDir(), '--extractdatum', '2999-01-01'])).toBe(1);
  });

  it('reads a UTF-16 file (byte order mark) and a Windows-1252 file (codering in --elementen) alike', async () => {
    const dir = tempDir('lp-import-enc-');
    const text = readFileSync(path.join(FIX, 'lo-gba.csv'), 'utf8').replace(/^\uFEFF/, '');
    writeFileSync(path.join(dir, 'utf16.csv'), iconv.encode(text, 'utf-16le', { addBOM: true }));
    writeFileSync(path.join(dir, 'cp1252.csv'), iconv.encode(text, 'windows-1252'));
    writeFileSync(path.join(dir, 'elementen.yaml'), 'codering: windows-1252\n');
    const expected = convertPersons(await readLoGba(path.join(FIX, 'lo-gba.csv')), '2025-10-15');
    expect(convertPersons(await readLoGba(path.join(dir, 'utf16.csv')), '2025-10-15')).toEqual(expected);
    expect(convertPersons(await readLoGba(path.join(dir, 'cp1252.csv'), readElementMapping(path.join(dir, 'elementen.yaml'))), '2025-10-15')).toEqual(expected);
  });

  it('reads an export with other column names through an --elementen mapping', async () => {
    const dir = tempDir('lp-import-map-');
    const csv = readFileSync(path.join(FIX, 'lo-gba.csv'), 'utf8').replace('01.01.20', 'BSN').replace('08.09.10', 'GEMEENTE');
    writeFileSync(path.join(dir, 'export.csv'), csv);
    writeFileSync(path.join(dir, 'elementen.yaml'), 'elementen:\n  bsn: BSN\n  gemeente_inschrijving: GEMEENTE\n');
    expect(await main(['import', 'brp', path.join(dir, 'export.csv'), '--out', path.join(dir, 'x'), '--elementen', path.join(dir, 'elementen.yaml')])).toBe(0);
    expect(readFileSync(path.join(dir, 'x', 'verblijfplaatsen.csv'), 'utf8')).toContain('999993653,0394,2021-09-01,');
    // without the mapping the columns are missing: a clear error, exit 1
    expect(await main(['import', 'brp', path.join(dir, 'export.csv'), '--out', path.join(dir, 'y')])).toBe(1);
  });
});
