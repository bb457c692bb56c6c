/**
 * The dataset's sheets for workbooks (export/dataset.ts), rendered by DuckDB: datasetSheet (a slice in the
 * published order) and datasetSheetsPerGemeente (each gemeente's rows with the region's merged in, many
 * gemeenten per query): the same bytes as writeXlsx writes from the same rows as JavaScript objects.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { datasetSheet, datasetSheetsPerGemeente, datasetXlsxColumns } from '../pipeline/export/dataset.ts';
import { xlsxBuffer } from '../pipeline/format/xlsx.ts';
import { datasetTable, plainRows } from './helpers/dataset.ts';

async function table(db: Db, rows: [number, string, string | null, string, number | null][]): Promise<void> {
  const values = rows.map(([v, g, l, r, w]) => `(${v}, '${g}', ${l === null ? 'NULL' : `'${l.replaceAll("'", "''")}'`}, '${r}', ${w ?? 'NULL'}, DATE '2024-08-01', 'procent')`);
  await datasetTable(db, `SELECT * FROM (VALUES ${values.join(', ')}) t(volgorde, gebiedscode, label, rapport, waarde, periode_van, eenheid)`);
}

const options = { created: new Date('2025-10-20T00:00:00Z') };
const reference = async (db: Db, where: string) => xlsxBuffer([{ name: 'data', columns: datasetXlsxColumns(), rows: await plainRows(db, where) }], options);
async function labels(bytes: Buffer): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('data')!;
  return ws.getColumn(2).values.slice(2);
}

describe('dataset sheets rendered by DuckDB', () => {
  test('a slice in volgorde order, the same bytes as from JavaScript rows', async () => {
    const db = await Db.open({ threads: 1 });
    await table(db, [[3, '0392', 'Verzuim, "absoluut" & <meer>', 'jaarverslag', 1.5], [1, 'regio', null, 'jaarverslag|rmc', null], [2, '0392', "'s-Hertogenbosch Ééntje", 'rmc', 7]]);
    for (const where of ['TRUE', "rapport LIKE '%rmc%'", 'FALSE']) {
      const bytes = await xlsxBuffer([await datasetSheet(db, where)], options);
      expect(bytes.equals(await reference(db, where)), where).toBe(true);
    }
    expect(await labels(await xlsxBuffer([await datasetSheet(db)], options))).toEqual([undefined, "'s-Hertogenbosch Ééntje", 'Verzuim, "absoluut" & <meer>']);
    db.close();
  });

  test('per gemeente: its rows and the region\'s, merged by volgorde; a gemeente without rows gets the region\'s; any number per query', async () => {
    const db = await Db.open({ threads: 1 });
    await table(db, [[1, '0392', 'a', 'jaarverslag', 1], [2, 'regio', 'b', 'jaarverslag', 2], [3, '0375', 'c', 'jaarverslag', 3], [4, '0392', 'd', 'rmc', 4], [5, 'regio', 'e', 'jaarverslag', 5], [6, '0392', 'f', 'jaarverslag', 6]]);
    const expected = { '0375': ['b', 'c', 'e'], '0392': ['a', 'b', 'e', 'f'], '0450': ['b', 'e'] };
    // All in one table, one gemeente per table (a budget below one gemeente's rows), two per table; their
    // rows in one query, or in queries of 2 rows (slices across gemeenten and within one).
    for (const [budget, sliceRows] of [[300_000, undefined], [1, 2], [5, 2], [300_000, 2]]) {
      const got: [string, unknown[]][] = [];
      for await (const [code, sheet] of datasetSheetsPerGemeente(db, ['0392', '0375', '0450'], 'regio', "rapport LIKE '%jaarverslag%'", { rowsPerQuery: budget, sliceRows })) {
        const bytes = await xlsxBuffer([sheet], options);
        expect(bytes.equals(await reference(db, `gebiedscode IN ('${code}', 'regio') AND rapport LIKE '%jaarverslag%'`)), `${code} ${budget}`).toBe(true);
        got.push([code, await labels(bytes)]);
      }
      expect(Object.fromEntries(got), `${budget} ${sliceRows}`).toEqual(expected);
    }
    expect((await db.all("SELECT * FROM duckdb_tables() WHERE table_name = 'xlsx_rows'")).length).toBe(0);
    db.close();
  });
});
