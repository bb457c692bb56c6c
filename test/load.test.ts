import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { isValidBsn, normaliseBsn } from '../pipeline/bsn.ts';
import { TABLES } from '../pipeline/contract.ts';
import { Db } from '../pipeline/db.ts';
import { loadExtract, type LoadResult } from '../pipeline/load/index.ts';
import { formatProblems } from '../pipeline/load/report.ts';
import { csvToParquet, tempDir, writeCsvExtract } from './helpers/extract-dir.ts';
import { type FixtureRows, P } from './helpers/fixture.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A small extract that is valid in every table. */
function validRows(): FixtureRows {
  return {
    personen: [
      { bsn: P[0], geboortedatum: '2012-03-15', geslacht: 'V' },
      { bsn: P[1], geboortedatum: '2008-08-01', geslacht: 'M', overlijdensdatum: '2025-01-10' },
    ],
    verblijfplaatsen: [
      { bsn: P[0], gemeentecode: '0392', van: '2012-03-15', tot: '2020-06-01' },
      { bsn: P[0], gemeentecode: '0375', van: '2020-06-01' },
      { bsn: P[1], gemeentecode: '0392', van: '2008-08-01', tot: '2025-01-10' },
    ],
    scholen: [{ brin: '12AB', naam: 'De Wilg, locatie Noord', gemeentecode: '0392', bekostigd: true }],
    inschrijvingen: [{ inschrijving_id: 'I1', bsn: P[0], brin: '12AB', onderwijssoort: 'VO', niveau: 'HAVO', van: '2024-08-01' }],
    diplomas: [{ bsn: P[1], soort: 'VMBO', datum: '2024-07-01' }],
    verzuimmeldingen: [{
      melding_id: 'M1', bsn: P[0], brin: '12AB', soort: '16_UUR', datum_melding: '2024-10-01', verzuim_van: '2024-09-02',
      verzuim_tot: '2024-09-30', uren: 17, status: 'AFGESLOTEN', reden_afsluiting: 'TERUG_NAAR_SCHOOL', datum_afsluiting: '2024-11-01',
    }],
    zaken: [{ zaak_id: 'Z1', bsn: P[0], soort: 'RELATIEF', melding_id: 'M1', van: '2024-10-02', tot: '2024-11-01' }],
    zaakacties: [{ actie_id: 'A1', zaak_id: 'Z1', datum: '2024-10-10', soort: 'GESPREK' }],
    vrijstellingen: [{ vrijstelling_id: 'V1', bsn: P[0], artikel: '5A', datum_aanvraag: '2023-01-01', besluit: 'AFGEWEZEN', datum_besluit: '2023-02-01' }],
    verlofaanvragen: [{ aanvraag_id: 'L1', bsn: P[0], artikel: '13A', dagen: 5, beslisser: 'SCHOOL', besluit: 'TOEGEKEND', datum_aanvraag: '2025-01-05', datum_besluit: '2025-01-10', bezwaar: false }],
    rmc_trajecten: [{ traject_id: 'T1', bsn: P[1], doelgroep: 'OUD_VSV', van: '2024-09-01', eerste_contact: '2024-09-10', tot: '2024-12-01', resultaat: 'WERK' }],
  };
}

async function load(rows: FixtureRows, opts: { dropInvalid?: boolean; mutate?: (dir: string) => void; delimiter?: string } = {}): Promise<{ r: LoadResult; db: Db; dir: string }> {
  const dir = writeCsvExtract(tempDir(), rows, '2025-10-15', opts.delimiter);
  dirs.push(dir);
  opts.mutate?.(dir);
  const db = await Db.open({ threads: 1 });
  const r = await loadExtract(db, dir, { dropInvalid: opts.dropInvalid });
  return { r, db, dir };
}

/** Loads `rows` with one fault and returns the reasons reported, as "table:column:reason". */
async function faults(rows: FixtureRows): Promise<string[]> {
  const { r, db } = await load(rows);
  db.close();
  expect(r.ok).toBe(false);
  return r.rowErrors.map((e) => `${e.tabel}:${e.kolom}:${e.reden}`);
}

describe('11-proef', () => {
  test('valid and invalid numbers', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
    expect(isValidBsn('1234567890')).toBe(false);
  });
  test('an 8-digit legacy number is left-padded with 0', () => {
    // 12345672 → 012345672: 0·9+1·8+2·7+3·6+4·5+5·4+6·3+7·2 − 2 = 110 = 10 × 11.
    expect(normaliseBsn('12345672')).toBe('012345672');
    expect(isValidBsn('12345672')).toBe(true);
    expect(isValidBsn('012345672')).toBe(true);
  });
});

describe('loader', () => {
  test('a valid extract loads every table with typed values', async () => {
    const { r, db } = await load(validRows());
    expect(formatProblems(r)).toBe('');
    expect(r.ok).toBe(true);
    expect(r.loaded).toMatchObject({ personen: 2, verblijfplaatsen: 3, inschrijvingen: 1, zaakacties: 1 });
    const [p] = await db.all('SELECT geboortedatum, overlijdensdatum FROM src_personen WHERE bsn = $b', { b: P[1] });
    expect(p).toEqual({ geboortedatum: '2008-08-01', overlijdensdatum: '2025-01-10' });
    const [v] = await db.all('SELECT dagen, bezwaar FROM src_verlofaanvragen');
    expect(v).toEqual({ dagen: 5, bezwaar: false });
    db.close();
  });

  test('semicolon-delimited files are detected', async () => {
    const { r, db } = await load(validRows(), { delimiter: ';' });
    db.close();
    expect(r.ok).toBe(true);
    expect(r.loaded.scholen).toBe(1);
  });

  test('8-digit BSNs are padded at load and still join', async () => {
    const eight = ['012345672', '023456781', '034567898', '045678907', '056789014'].find(isValidBsn)!;
    expect(eight).toBeDefined();
    const rows = validRows();
    rows.personen!.push({ bsn: eight.slice(1), geboortedatum: '2015-01-01', geslacht: 'O' });
    rows.verblijfplaatsen!.push({ bsn: eight, gemeentecode: '0392', van: '2015-01-01' });
    const { r, db } = await load(rows);
    expect(formatProblems(r)).toBe('');
    expect((await db.all('SELECT bsn FROM src_personen WHERE bsn = $b', { b: eight })).length).toBe(1);
    db.close();
  });

  test('persons older than 23 on the extract date are removed with all their rows', async () => {
    const rows = validRows();
    // 24th birthday on 2025-10-15 (the extract date): removed. 24th birthday a day later: kept.
    rows.personen!.push({ bsn: P[5], geboortedatum: '2001-10-15', geslacht: 'M' }, { bsn: P[6], geboortedatum: '2001-10-16', geslacht: 'V' });
    rows.verblijfplaatsen!.push({ bsn: P[5], gemeentecode: '0392', van: '2001-10-15' }, { bsn: P[6], gemeentecode: '0392', van: '2001-10-16' });
    rows.zaken!.push({ zaak_id: 'Z9', bsn: P[5], soort: 'RMC', van: '2020-01-01' });
    rows.zaakacties!.push({ actie_id: 'A9', zaak_id: 'Z9', datum: '2020-02-01', soort: 'GESPREK' });
    const { r, db } = await load(rows);
    expect(r.ok).toBe(true);
    expect(r.over23).toBe(1);
    expect(r.loaded).toMatchObject({ personen: 3, zaken: 1, zaakacties: 1 });
    expect(await db.all('SELECT bsn FROM src_verblijfplaatsen WHERE bsn = $b', { b: P[5] })).toEqual([]);
    db.close();
  });
});

describe('validation: each rule on a fixture with exactly that fault', () => {
  test('bsn failing the 11-proef (value not shown)', async () => {
    const rows = validRows();
    rows.personen![0].bsn = '123456789';
    const { r, db } = await load(rows);
    db.close();
    const e = r.rowErrors.find((x) => x.tabel === 'personen')!;
    expect(e).toMatchObject({ file: 'personen.csv', rij: 2, kolom: 'bsn', waarde: 'invalid' });
    expect(e.reden).toBe('not a valid BSN');
    // Its other rows now dangle: reported too, never with the number itself.
    expect(JSON.stringify(r.rowErrors)).not.toContain('123456789');
  });

  test('unknown code', async () => {
    const rows = validRows();
    rows.inschrijvingen![0].onderwijssoort = 'KDV';
    expect(await faults(rows)).toEqual(['inschrijvingen:onderwijssoort:unknown code (allowed: PO SO VSO VO MBO VAVO HO)']);
  });

  test('lower-case code is not silently mapped', async () => {
    const rows = validRows();
    rows.verzuimmeldingen![0].soort = 'lrv';
    expect((await faults(rows))[0]).toMatch(/^verzuimmeldingen:soort:unknown code/);
  });

  test('unparseable date and number', async () => {
    const rows = validRows();
    rows.diplomas![0].datum = '01-07-2024';
    rows.verlofaanvragen![0].dagen = 'vijf';
    expect(await faults(rows)).toEqual(['diplomas:datum:not a date (expected YYYY-MM-DD)', 'verlofaanvragen:dagen:not a whole number (digits only, e.g. 12: no decimals, exponent, hex, separators or spaces)']);
  });

  test('impossible calendar date', async () => {
    const rows = validRows();
    rows.diplomas![0].datum = '2024-02-30';
    expect(await faults(rows)).toEqual(['diplomas:datum:not a date (expected YYYY-MM-DD)']);
  });

  test.each([
    ['2024-7-1', 'not a date (expected YYYY-MM-DD)'],
    ['2024/07/01', 'not a date (expected YYYY-MM-DD)'],
    ['20240701', 'not a date (expected YYYY-MM-DD)'],
    ['2024-07-01 00:00:00', 'not a date (expected YYYY-MM-DD)'],
    ['2024-07-01 ', 'not a date (expected YYYY-MM-DD): it has spaces or invisible characters around it'],
    ['0999-07-01', 'date before 1900'],
    ['2025-10-16', 'date after the extract date'],
  ])('a date DuckDB could read but the contract refuses: %j', async (datum, reden) => {
    // The fast pre-filter compares a date's text with the date written back; every such text must pass it.
    const rows = validRows();
    rows.diplomas![0].datum = datum;
    expect(await faults(rows)).toEqual([`diplomas:datum:${reden}`]);
  });

  test('required value missing, and conditionally required', async () => {
    const rows = validRows();
    rows.scholen![0].naam = '';
    delete rows.verzuimmeldingen![0].reden_afsluiting;
    expect(await faults(rows)).toEqual([
      'scholen:naam:required value missing',
      'verzuimmeldingen:reden_afsluiting:required when status is AFGESLOTEN',
    ]);
  });

  test('duplicate id and duplicate personen.bsn', async () => {
    const rows = validRows();
    rows.zaakacties!.push({ actie_id: 'A1', zaak_id: 'Z1', datum: '2024-10-11', soort: 'HUISBEZOEK' });
    rows.personen!.push({ bsn: P[0], geboortedatum: '2012-03-15', geslacht: 'V' });
    const f = await faults(rows);
    expect(f).toContain('zaakacties:actie_id:duplicate actie_id (also on row 3)');
    expect(f).toContain('personen:bsn:duplicate bsn (also on row 4)');
  });

  test('dangling bsn and unknown brin', async () => {
    const rows = validRows();
    rows.diplomas![0].bsn = P[9];
    rows.inschrijvingen![0].brin = '99ZZ';
    expect(await faults(rows)).toEqual([
      'diplomas:bsn:bsn not in personen',
      'inschrijvingen:brin:brin not in scholen',
    ]);
  });

  test('tot before van', async () => {
    const rows = validRows();
    rows.zaken![0].tot = '2024-10-01';
    expect(await faults(rows)).toEqual(['zaken:tot:tot before van']);
  });

  test('overlapping residence periods of one person', async () => {
    const rows = validRows();
    rows.verblijfplaatsen![1].van = '2020-05-01';
    expect(await faults(rows)).toEqual(['verblijfplaatsen:van:residence period overlaps the previous one of this person (row 2)']);
  });

  test('a malformed bsn is matched by its text: same person, duplicate and overlap as with a valid one', async () => {
    // References (all tables in one query), duplicates and overlaps compare the bsn as the file gives it (padded).
    const rows = validRows();
    const bad = '736.845.793';
    rows.personen!.push({ bsn: bad, geboortedatum: '2010-01-01', geslacht: 'M' }, { bsn: bad, geboortedatum: '2010-01-02', geslacht: 'V' });
    rows.verblijfplaatsen!.push({ bsn: bad, gemeentecode: '0392', van: '2010-01-01' }, { bsn: bad, gemeentecode: '0375', van: '2015-01-01' });
    rows.diplomas!.push({ bsn: bad, soort: 'VMBO', datum: '2024-07-01' }, { bsn: '736.845.79', soort: 'VMBO', datum: '2024-07-01' });
    expect((await faults(rows)).sort()).toEqual([
      // row 5 of diplomas.csv: no person with this text, and not 9 digits
      'diplomas:bsn:not a valid BSN',
      'personen:bsn:duplicate bsn (also on row 4)',
      'personen:bsn:duplicate bsn (also on row 5)',
      'personen:bsn:not a valid BSN',
      'personen:bsn:not a valid BSN',
      'verblijfplaatsen:van:residence period overlaps the previous one of this person (row 5)',
    ]);
  });

  test('a date after the extract date or before 1900', async () => {
    const rows = validRows();
    rows.verlofaanvragen![0].datum_besluit = '2025-10-16';
    rows.personen![0].geboortedatum = '1899-12-31';
    const f = await faults(rows);
    expect(f).toContain('verlofaanvragen:datum_besluit:date after the extract date');
    expect(f).toContain('personen:geboortedatum:date before 1900');
  });

  test('all problems of a run are reported at once, capped per file with a count of the rest', async () => {
    const rows = validRows();
    for (let i = 0; i < 30; i++) rows.diplomas!.push({ bsn: P[0], soort: 'X', datum: '2024-01-01' });
    rows.scholen![0].bekostigd = 'misschien';
    const { r, db } = await load(rows);
    db.close();
    expect(r.errorCounts).toEqual({ diplomas: 30, scholen: 1 });
    expect(r.rowErrors.filter((e) => e.tabel === 'diplomas')).toHaveLength(20);
    expect(formatProblems(r)).toContain('and 10 more problem(s) in this file');
  });

  test('--drop-invalid loads the valid rows and counts what was dropped', async () => {
    const rows = validRows();
    rows.diplomas!.push({ bsn: P[0], soort: 'X', datum: '2024-01-01' });
    rows.verblijfplaatsen![1].van = '2020-05-01';
    const { r, db } = await load(rows, { dropInvalid: true });
    expect(r.ok).toBe(true);
    expect(r.dropped).toMatchObject({ diplomas: 1, verblijfplaatsen: 1 });
    expect(r.loaded).toMatchObject({ diplomas: 1, verblijfplaatsen: 2 });
    db.close();
  });

  test('--drop-invalid also drops rows that refer to a dropped row (no dangling references)', async () => {
    const rows = validRows();
    rows.verzuimmeldingen![0].status = 'ONBEKEND';
    const { r, db } = await load(rows, { dropInvalid: true });
    expect(r.ok).toBe(true);
    // melding M1 rejected → zaak Z1 (melding_id M1) → actie A1 (zaak Z1)
    expect(r.dropped).toMatchObject({ verzuimmeldingen: 1, zaken: 1, zaakacties: 1 });
    const cascade = r.rowErrors.filter((e) => e.reden.startsWith('refers to'));
    expect(cascade.map((e) => e.tabel).sort()).toEqual(['zaakacties', 'zaken']);
    db.close();
  });
});

describe('file-level problems: one clear message each, all at once', () => {
  test('missing file, empty file, wrong header, wrong encoding, missing extract.json', async () => {
    const { r, db } = await load(validRows(), {
      mutate: (dir) => {
        rmSync(path.join(dir, 'zaken.csv'));
        writeFileSync(path.join(dir, 'diplomas.csv'), '');
        writeFileSync(path.join(dir, 'scholen.csv'), 'brin,naam,gemeente,bekostigd\n12AB,X,0392,true\n');
        writeFileSync(path.join(dir, 'verlofaanvragen.csv'), Buffer.concat([
          Buffer.from('aanvraag_id,bsn,artikel,dagen,beslisser,besluit,datum_aanvraag,datum_besluit,bezwaar\nL1,'),
          Buffer.from(`${P[0]},13A,5,SCHOOL,TOEGEKEND,2025-01-05,2025-01-10,false\nL\xe9,`, 'latin1'),
          Buffer.from(`${P[0]},13A,5,SCHOOL,TOEGEKEND,2025-01-05,2025-01-10,false\n`),
        ]));
        rmSync(path.join(dir, 'extract.json'));
      },
    });
    db.close();
    expect(r.ok).toBe(false);
    const byFile = Object.fromEntries(r.fileProblems.map((p) => [p.file, p.reason]));
    expect(byFile['zaken.csv']).toMatch(/^missing/);
    expect(byFile['diplomas.csv']).toMatch(/^empty file/);
    expect(byFile['scholen.csv']).toMatch(/wrong header: missing column\(s\) gemeentecode; unexpected column\(s\) "gemeente"/);
    expect(byFile['verlofaanvragen.csv']).toMatch(/not UTF-8/);
    expect(byFile['extract.json']).toMatch(/missing/);
  });

  test('a row with too many fields names the line', async () => {
    const { r, db } = await load(validRows(), {
      mutate: (dir) => writeFileSync(path.join(dir, 'scholen.csv'), 'brin,naam,gemeentecode,bekostigd\n12AB,X,0392,true\n13AB,Y,0392,true,extra\n'),
    });
    db.close();
    expect(r.fileProblems).toHaveLength(1);
    expect(r.fileProblems[0].reason).toMatch(/^malformed CSV: record 3: Expected Number of Columns: 4 Found: 5/);
  });
});

describe('CSV and Parquet', () => {
  test('loading the same data from CSV and from Parquet gives identical tables', async () => {
    const csvDir = writeCsvExtract(tempDir(), validRows());
    const pqDir = await csvToParquet(csvDir, tempDir());
    dirs.push(csvDir, pqDir);
    const dump = async (dir: string) => {
      const db = await Db.open({ threads: 1 });
      const r = await loadExtract(db, dir);
      expect(r.ok).toBe(true);
      const out: Record<string, unknown> = {};
      for (const t of TABLES) out[t.name] = await db.all(`SELECT * FROM src_${t.name} ORDER BY ALL`);
      db.close();
      return out;
    };
    const [a, b] = [await dump(csvDir), await dump(pqDir)];
    expect(b).toEqual(a);
    expect((a.personen as unknown[]).length).toBe(2);
  });
});

describe('11-proef in dependent tables', () => {
  test('a bsn in another table that is not in personen and fails the 11-proef says so', async () => {
    const rows = {
      personen: [{ bsn: P[0], geboortedatum: '2012-03-15', geslacht: 'V' }],
      verblijfplaatsen: [{ bsn: '123456789', gemeentecode: '0392', van: '2012-03-15' }, { bsn: P[3], gemeentecode: '0392', van: '2012-03-15' }],
    };
    const dir = writeCsvExtract(tempDir(), rows);
    dirs.push(dir);
    const db = await Db.open({ threads: 1 });
    const r = await loadExtract(db, dir);
    db.close();
    expect(r.rowErrors.map((e) => [e.rij, e.reden, e.waarde])).toEqual([
      [2, 'not a valid BSN', 'invalid'],
      [3, 'bsn not in personen', 'invalid'],
    ]);
  });
});
