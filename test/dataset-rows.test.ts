/**
 * The dataset's sheets for workbooks (export/dataset.ts), rendered by DuckDB: datasetSheet (a slice in the
 * published order) and datasetSheetsPerGemeente (each gemeente's rows with the region's merged in, many
 * gemeenten per query; the region's rows rendered once for all gemeenten in which they have the same row
 * numbers): the same bytes as writeXlsx writes from the same rows as JavaScript objects.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { datasetSheet, datasetSheetsPerGemeente, datasetXlsxColumns } from '../pipeline/export/dataset.ts';
import { xlsxBuffer, type XlsxColumn, xlsxSqlRows } from '../pipeline/format/xlsx.ts';
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
    expect((await db.all("SELECT * FROM duckdb_tables() WHERE table_name LIKE 'xlsx_%'")).length).toBe(0);
    db.close();
  });

  test('the region\'s rows rendered once per layout: a gemeente with a row more, one with a row less after the region\'s last row, one without rows', async () => {
    const db = await Db.open({ threads: 1 });
    // Per indicator (JV-1, JV-2, JV-3): the gemeenten's rows, then the region's. 0450 has an extra row of
    // JV-2 (its region rows of JV-2 and JV-3 move down); 0518 lacks its last JV-3 row (after the region's
    // last row: the same row numbers as 0363, 0375 and 0392); 0599 has no rows.
    const gemeenten = ['0363', '0392', '0375', '0450', '0518', '0599'];
    const rows: [number, string, string, number, string][] = [];
    for (const ind of [1, 2, 3]) {
      for (const g of gemeenten.slice(0, -1)) {
        for (let r = 0; r < (g === '0450' && ind === 2 ? 3 : 2); r++) rows.push([0, g, `JV-${ind} ${g} ${r}`, ind * 10 + r + 0.25, r ? 'procent' : 'personen']);
      }
      for (let r = 0; r < 3; r++) rows.push([0, 'regio', `JV-${ind} regio ${r}`, ind + r / 3, r === 1 ? 'procent' : 'personen']);
    }
    rows.splice(rows.map((r) => r[1]).lastIndexOf('0518'), 1);
    rows.forEach((r, i) => (r[0] = i + 1));
    const values = rows.map(([v, g, l, w, e]) => `(${v}, '${g}', '${l}', 'jaarverslag', ${w}, DATE '2024-08-01', '${e}')`);
    await datasetTable(db, `SELECT * FROM (VALUES ${values.join(', ')}) t(volgorde, gebiedscode, label, rapport, waarde, periode_van, eenheid)`);
    for (const [budget, sliceRows] of [[300_000, undefined], [4, 3]]) {
      const seen: string[] = [];
      for await (const [code, sheet] of datasetSheetsPerGemeente(db, gemeenten, 'regio', 'TRUE', { rowsPerQuery: budget, sliceRows })) {
        const bytes = await xlsxBuffer([sheet], options);
        expect(bytes.equals(await reference(db, `gebiedscode IN ('${code}', 'regio')`)), `${code} ${budget}`).toBe(true);
        seen.push(code);
      }
      expect(seen).toEqual(gemeenten.slice().sort());
    }
    db.close();
  });

  test('shared rows (xlsxSqlRows): merged by row number, rendered with each workbook\'s style ids; rows that do not fit are refused', async () => {
    const db = await Db.open({ threads: 1 });
    const columns: XlsxColumn[] = [
      { name: 'label', type: 'text' },
      { name: 'waarde', type: 'decimal', decimals: (r) => (r.eenheid === 'procent' ? 1 : 2), decimalsSql: "CASE eenheid WHEN 'procent' THEN 1 ELSE 2 END" },
      { name: 'eenheid', type: 'text' },
    ];
    // Two files of one layout: own rows 1 and 3, shared rows 2 and 4; file b uses the formats in the other
    // order first, so its workbook numbers the two styles the other way round.
    await db.run(`CREATE TABLE own AS SELECT * FROM (VALUES (0, 1, 1, 'a1', 1.5, 'procent'), (0, 2, 3, 'a3', 2.25, 'per_1000'),
      (1, 1, 1, 'b1', 3.25, 'per_1000'), (1, 2, 3, 'b3', 4.5, 'procent')) t(k, i, place, label, waarde, eenheid)`);
    for (const [places, fits] of [[[2, 4], true], [[3, 4], false]] as const) {
      await db.run(`CREATE OR REPLACE TABLE common AS SELECT 1 AS layout, * FROM (VALUES (${places[0]}, 'g2', 5.5, 'procent'), (${places[1]}, 'g4', 6.75, 'per_1000')) t(place, label, waarde, eenheid)`);
      const { rows, close } = await xlsxSqlRows(db, 'own', ['a', 'b'], columns, undefined, { from: 'common', layouts: [1, 1] });
      for (const [k, f] of [[0, 'a'], [1, 'b']] as const) {
        const written = xlsxBuffer([{ name: 'data', columns, rows: rows.get(f)! }], options);
        if (!fits) {
          await expect(written).rejects.toThrow(/do not fit/);
          break;
        }
        const js = (await db.conn.runAndReadAll(`SELECT label, waarde, eenheid FROM (SELECT place, label, waarde, eenheid FROM own WHERE k = ${k} UNION ALL SELECT place, label, waarde, eenheid FROM common) ORDER BY place`)).getRowObjectsJS();
        expect((await written).equals(await xlsxBuffer([{ name: 'data', columns, rows: js }], options)), f).toBe(true);
      }
      await close();
    }
    db.close();
  });
});
