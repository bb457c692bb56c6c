/**
 * Bad values the loader must refuse (or report properly) instead of rounding, crashing or leaking: each
 * test holds one fault found by the adversarial pass of issues #18 and #13.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Db, sqlString } from '../pipeline/db.ts';
import { allRowErrors, loadExtract, type LoadResult } from '../pipeline/load/index.ts';
import { formatProblems, rejectionCsv } from '../pipeline/load/report.ts';
import { visible } from '../pipeline/load/values.ts';
import { csvToParquet, tempDir, writeCsvExtract } from './helpers/extract-dir.ts';
import { type FixtureRows, P } from './helpers/fixture.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function rows(): FixtureRows {
  return {
    personen: [
      { bsn: P[0], geboortedatum: '2012-03-15', geslacht: 'V' },
      { bsn: P[1], geboortedatum: '2011-08-15', geslacht: 'M' },
    ],
    verblijfplaatsen: [
      { bsn: P[0], gemeentecode: '0392', van: '2012-03-15' },
      { bsn: P[1], gemeentecode: '0392', van: '2011-08-15' },
    ],
    scholen: [{ brin: '12AB', naam: 'De Wilg', gemeentecode: '0392', bekostigd: true }],
    verzuimmeldingen: [{
      melding_id: 'M1', bsn: P[0], brin: '12AB', soort: '16_UUR', datum_melding: '2024-10-01', verzuim_van: '2024-09-02',
      uren: 17, status: 'GEREGISTREERD',
    }],
    verlofaanvragen: [{ aanvraag_id: 'L1', bsn: P[0], artikel: '13A', dagen: 5, beslisser: 'SCHOOL', besluit: 'TOEGEKEND', datum_aanvraag: '2025-01-05', datum_besluit: '2025-01-10', bezwaar: false }],
  };
}

async function loadDir(dir: string, dropInvalid = false): Promise<{ r: LoadResult; db: Db }> {
  const db = await Db.open({ threads: 1 });
  const r = await loadExtract(db, dir, { dropInvalid });
  return { r, db };
}

async function load(x: FixtureRows, mutate?: (dir: string) => void): Promise<LoadResult> {
  const dir = writeCsvExtract(tempDir(), x);
  dirs.push(dir);
  mutate?.(dir);
  const { r, db } = await loadDir(dir);
  db.close();
  return r;
}

const errs = (r: LoadResult) => r.rowErrors.map((e) => `${e.file} row ${e.rij}, ${e.kolom}: ${e.reden}`);

describe('whole numbers are whole', () => {
  test.each(['10.4', '9.5', '1e1', '0x0A', '1_0', ' 12 ', '+3'])('dagen %j is refused, not rounded', async (bad) => {
    const x = rows();
    x.verlofaanvragen![0].dagen = bad;
    const r = await load(x);
    expect(r.ok).toBe(false);
    expect(errs(r)).toEqual(['verlofaanvragen.csv row 2, dagen: not a whole number (digits only, e.g. 12: no decimals, exponent, hex, separators or spaces)']);
  });

  test('a Parquet uren of 35.5 is refused; a Parquet 36.0 is the whole number 36', async () => {
    const csv = writeCsvExtract(tempDir(), rows());
    const pq = await csvToParquet(csv, tempDir());
    dirs.push(csv, pq);
    const db0 = await Db.open({ threads: 1 });
    const file = path.join(pq, 'verzuimmeldingen.parquet');
    for (const [uren, out] of [['35.5', path.join(pq, 'a.parquet')], ['36.0', path.join(pq, 'b.parquet')]]) {
      await db0.run(`COPY (SELECT * REPLACE (CAST(${uren} AS DOUBLE) AS uren) FROM read_parquet(${sqlString(file)})) TO ${sqlString(out)} (FORMAT parquet)`);
    }
    db0.close();
    rmSync(file);
    writeFileSync(file, readFileSync(path.join(pq, 'a.parquet')));
    let { r, db } = await loadDir(pq);
    db.close();
    expect(errs(r)).toEqual(['verzuimmeldingen.parquet row 1, uren: not a whole number (digits only, e.g. 12: no decimals, exponent, hex, separators or spaces)']);
    writeFileSync(file, readFileSync(path.join(pq, 'b.parquet')));
    ({ r, db } = await loadDir(pq));
    expect(formatProblems(r)).toBe('');
    expect(await db.all('SELECT uren FROM src_verzuimmeldingen')).toEqual([{ uren: 36 }]);
    db.close();
  });
});

describe('dates', () => {
  test('a date with a trailing space is refused, saying so, without showing the date', async () => {
    const x = rows();
    x.verlofaanvragen![0].datum_besluit = '2025-01-1 ';
    const r = await load(x);
    expect(r.rowErrors).toMatchObject([{ rij: 2, kolom: 'datum_besluit', waarde: 'invalid', reden: 'not a date (expected YYYY-MM-DD): it has spaces or invisible characters around it' }]);
  });

  test('Parquet TIMESTAMP columns load as dates', async () => {
    const csv = writeCsvExtract(tempDir(), rows());
    const pq = await csvToParquet(csv, tempDir());
    dirs.push(csv, pq);
    const db0 = await Db.open({ threads: 1 });
    const file = path.join(pq, 'personen.parquet');
    const tmp = path.join(pq, 'ts.parquet');
    await db0.run(`COPY (SELECT * REPLACE (CAST(geboortedatum AS TIMESTAMP) AS geboortedatum) FROM read_parquet(${sqlString(file)})) TO ${sqlString(tmp)} (FORMAT parquet)`);
    db0.close();
    writeFileSync(file, readFileSync(tmp));
    rmSync(tmp);
    const { r, db } = await loadDir(pq);
    expect(formatProblems(r)).toBe('');
    expect(await db.all('SELECT geboortedatum FROM src_personen ORDER BY geboortedatum')).toEqual([{ geboortedatum: '2011-08-15' }, { geboortedatum: '2012-03-15' }]);
    db.close();
  });

  test('a broken Parquet file is named without a "(line 1)"', async () => {
    const r = await load(rows(), (dir) => {
      rmSync(path.join(dir, 'scholen.csv'));
      writeFileSync(path.join(dir, 'scholen.parquet'), 'PAR1 this is not parquet');
    });
    const p = r.fileProblems.find((f) => f.file === 'scholen.parquet')!;
    expect(p.reason).toMatch(/^cannot be read as Parquet/);
    expect(p.reason).not.toMatch(/line/i);
  });
});

describe('codes with invisible characters are shown visibly', () => {
  test('"M  " is shown as "M␠␠"', async () => {
    const x = rows();
    x.personen![0].geslacht = 'M  ';
    const r = await load(x);
    expect(r.rowErrors).toMatchObject([{ kolom: 'geslacht', waarde: '"M␠␠"', reden: 'unknown code (allowed: M V O): it has spaces or invisible characters around it' }]);
    expect(visible('\u200b12')).toBe('"⟨U+200B⟩12"');
    expect(visible('VO')).toBe('VO');
  });
});

describe('extract.json', () => {
  const withMeta = (json: string) => load(rows(), (dir) => writeFileSync(path.join(dir, 'extract.json'), json));

  test('a byte order mark is accepted', async () => {
    const r = await withMeta('\uFEFF{"extractdatum": "2025-10-15"}');
    expect(r.fileProblems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  test('2025-02-30 is not a date: a clean problem, no exception', async () => {
    const r = await withMeta('{"extractdatum": "2025-02-30"}');
    expect(r.fileProblems).toEqual([{ file: 'extract.json', reason: '"extractdatum" is missing or not a real date YYYY-MM-DD (2025-02-30)' }]);
  });

  test('an extract date after today is refused', async () => {
    const r = await withMeta('{"extractdatum": "2031-01-01"}');
    expect(r.ok).toBe(false);
    expect(r.fileProblems[0].reason).toMatch(/2031-01-01 lies after today/);
  });
});

describe('line numbers are the file\'s own', () => {
  test.each([false, true])('empty lines mid-file do not shift the row numbers after them (CRLF: %s)', async (crlf) => {
    const x = rows();
    x.verlofaanvragen!.push({ ...x.verlofaanvragen![0], aanvraag_id: 'L2', artikel: 'XX' });
    const r = await load(x, (dir) => {
      const f = path.join(dir, 'verlofaanvragen.csv');
      const lines = readFileSync(f, 'utf8').split('\n');
      // header, L1, (empty), (empty), L2
      writeFileSync(f, [lines[0], lines[1], '', '', lines[2], ''].join(crlf ? '\r\n' : '\n'));
    });
    expect(errs(r)).toEqual(['verlofaanvragen.csv row 5, artikel: unknown code (allowed: 13A 14)']);
  });

  test('a line of only spaces is reported once, with its line number', async () => {
    const r = await load(rows(), (dir) => {
      const f = path.join(dir, 'personen.csv');
      const lines = readFileSync(f, 'utf8').split('\n');
      writeFileSync(f, [lines[0], lines[1], '   ', lines[2], ''].join('\n'));
    });
    expect(r.fileProblems).toEqual([{ file: 'personen.csv', reason: 'line 3 holds only spaces or tabs: remove it.' }]);
  });

  test('a header row repeated inside a file is one problem of its line, not a crash', async () => {
    const r = await load(rows(), (dir) => {
      const f = path.join(dir, 'personen.csv');
      const lines = readFileSync(f, 'utf8').split('\n');
      writeFileSync(f, [lines[0], lines[1], lines[0], lines[2], ''].join('\n'));
    });
    expect(r.fileProblems).toEqual([]);
    expect(errs(r)).toEqual(['personen.csv row 3, (whole row): the header row is repeated on this line: remove it']);
    // The file's records: the two data lines, not the repeated header.
    expect(r.files.find((f) => f.table === 'personen')?.rows).toBe(2);
  });
});

describe('no value from the extract in any message (#13 item 4)', () => {
  test('a personen.csv without its header row does not print a BSN or a birth date', async () => {
    const r = await load(rows(), (dir) => {
      const f = path.join(dir, 'personen.csv');
      writeFileSync(f, readFileSync(f, 'utf8').split('\n').slice(1).join('\n'));
    });
    const text = formatProblems(r);
    expect(text).toContain('personen.csv');
    expect(text).toMatch(/no header row/);
    expect(text).not.toContain(P[0]);
    expect(text).not.toContain('2012-03-15');
  });

  test('a header with one stray value shows the names, not the value', async () => {
    const r = await load(rows(), (dir) => writeFileSync(path.join(dir, 'scholen.csv'), 'brin,naam,gemeente,123456782\n'));
    expect(r.fileProblems[0].reason).toMatch(/unexpected column\(s\) "gemeente", 1 that do not look like column names \(not shown\)/);
    expect(r.fileProblems[0].reason).not.toContain('123456782');
  });

  test.each(['736.845.793', '04548779X', '7368457930', 'bsn-1'])('a malformed BSN %j is "not a valid BSN", without the value, never a crash', async (bad) => {
    const x = rows();
    x.personen![1].bsn = bad;
    const r = await load(x);
    expect(errs(r)).toContain('personen.csv row 3, bsn: not a valid BSN');
    expect(formatProblems(r)).not.toContain(bad);
  });

  test('a duplicated residence row shows no date; rejected-rows.csv holds no value', async () => {
    const x = rows();
    x.verblijfplaatsen!.push({ ...x.verblijfplaatsen![1] });
    const dir = writeCsvExtract(tempDir(), x);
    dirs.push(dir);
    const { r, db } = await loadDir(dir, true);
    expect(r.ok).toBe(true);
    const text = formatProblems(r);
    expect(text).toMatch(/verblijfplaatsen\.csv/);
    expect(text).not.toContain('2011-08-15');
    const csv = rejectionCsv(await allRowErrors(db));
    db.close();
    expect(csv.split('\n')[0]).toBe('tabel,rij,kolom,reden');
    expect(csv).not.toContain('2011-08-15');
    expect(csv).not.toContain(P[1]);
  });
});
