/**
 * The dataset's workbooks written by a worker thread (export/workbooks.ts), their rows rendered by DuckDB:
 * the same bytes as writeXlsx writes from the same rows as JavaScript objects; a worker's error reaches the
 * caller; close() ends a job still running (a build whose other branch failed), and the Parquet copy is
 * removed.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { datasetXlsxColumns } from '../pipeline/export/dataset.ts';
import { WorkbookWriter } from '../pipeline/export/workbooks.ts';
import { writeXlsx } from '../pipeline/format/xlsx.ts';
import { datasetTable, plainRows } from './helpers/dataset.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'lp-workbooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A dataset table of `n` rows over three areas, with text, numbers, dates, booleans and empty cells. */
async function dataset(n: number): Promise<Db> {
  const db = await Db.open({ threads: 1 });
  await datasetTable(db, `SELECT range AS volgorde, 'JV-' || (range % 5) AS indicator, 'Label "' || (range % 5) || '" & <x>' AS label,
    CASE WHEN range % 3 = 0 THEN 'jaarverslag|rmc' ELSE 'jaarverslag' END AS rapport, DATE '2024-08-01' AS periode_van,
    ['0392', '0375', 'regio'][range % 3 + 1] AS gebiedscode, CASE WHEN range % 4 = 0 THEN NULL ELSE round(range / 7, 1) END AS waarde,
    CAST(range AS BIGINT) AS teller, CASE WHEN range % 2 = 0 THEN 'procent' ELSE 'personen' END AS eenheid, range % 4 = 0 AS onderdrukt
    FROM range(${n})`);
  return db;
}

describe('workbooks in a worker thread', () => {
  test('the same bytes as from JavaScript rows: one sheet, and one workbook per gemeente with the region\'s rows', async () => {
    const db = await dataset(5000);
    const w = await WorkbookWriter.start(db, path.join(dir, 'copy-1.parquet'), dir);
    const options = { created: new Date('2025-10-20T00:00:00Z') };
    const reference = async (name: string, where: string) => writeXlsx(path.join(dir, `m-${name}.xlsx`), [{ name: 'data', columns: datasetXlsxColumns(), rows: await plainRows(db, where) }], options);
    await w.run({ kind: 'sheet', file: path.join(dir, 'w-sheet.xlsx'), where: "rapport LIKE '%rmc%'", options });
    await reference('sheet', "rapport LIKE '%rmc%'");
    // 0450 has no rows of its own: the region's only. This job on one DuckDB thread (the worker started on two),
    // as a build's jobs while the PDFs print: the same bytes.
    await w.run({ kind: 'perGemeente', files: ['0392', '0375', '0450'].map((g) => [g, path.join(dir, `w-${g}.xlsx`)]), shared: 'regio', where: 'TRUE', options }, 1);
    for (const g of ['0392', '0375', '0450']) await reference(g, `gebiedscode IN ('${g}', 'regio')`);
    for (const f of ['sheet', '0392', '0375', '0450']) {
      expect(readFileSync(path.join(dir, `w-${f}.xlsx`)).equals(readFileSync(path.join(dir, `m-${f}.xlsx`))), f).toBe(true);
    }
    // A job that fails in the worker rejects with its error; the worker goes on with the next.
    await expect(w.run({ kind: 'sheet', file: path.join(dir, 'bad.xlsx'), where: 'no_such_column = 1', options })).rejects.toThrow(/no_such_column/);
    await w.run({ kind: 'sheet', file: path.join(dir, 'again.xlsx'), where: 'TRUE', options });
    await w.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.parquet'))).toEqual([]);
    db.close();
  });

  test('close() stops a job still running: it rejects, nothing more is written, the worker ends', async () => {
    const db = await dataset(200_000);
    const w = await WorkbookWriter.start(db, path.join(dir, 'copy-2.parquet'), dir);
    const files: [string, string][] = Array.from({ length: 50 }, (_, i) => [`g${i}`, path.join(dir, `many-${i}.xlsx`)]);
    const job = w.run({ kind: 'perGemeente', files, shared: 'regio', where: 'TRUE', options: {} });
    await new Promise((r) => setTimeout(r, 300));
    await w.close();
    await expect(job).rejects.toThrow(/stopped/);
    const written = files.filter(([, f]) => existsSync(f)).length;
    await new Promise((r) => setTimeout(r, 500));
    expect(files.filter(([, f]) => existsSync(f)).length).toBe(written);
    expect(written).toBeLessThan(50);
    await expect(w.run({ kind: 'sheet', file: path.join(dir, 'after.xlsx'), where: 'TRUE', options: {} })).rejects.toThrow(/stopped/);
    db.close();
  });
});
