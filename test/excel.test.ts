/** pipeline/format/xlsx.ts: typed .xlsx cells and formula neutralising for Excel. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { excelText } from '../pipeline/export/excel-safe.ts';
import { writeXlsx, xlsxBuffer, type XlsxColumn, type XlsxSheet, xlsxSqlRows } from '../pipeline/format/xlsx.ts';
import { Db, sqlString } from '../pipeline/db.ts';
import { tempDir } from './helpers/extract-dir.ts';
import { rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import JSZip from 'jszip';

const dir = tempDir('lp-xlsx-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sheet = (): XlsxSheet => ({
  name: 'data',
  columns: [
    { name: 'gemeentecode', type: 'text' },
    { name: 'sleutel', type: 'text' },
    { name: 'waarde', type: 'decimal', decimals: (r) => (r.eenheid === 'procent' ? 1 : 0) },
    { name: 'eenheid', type: 'text' },
    { name: 'van', type: 'date' },
    { name: 'onderdrukt', type: 'boolean' },
  ],
  rows: [
    { gemeentecode: '0375', sleutel: '5-22', waarde: 1234, eenheid: 'personen', van: '2024-08-01', onderdrukt: false },
    { gemeentecode: '0392', sleutel: '=1+1', waarde: 12.3, eenheid: 'procent', van: '2024-08-01', onderdrukt: false },
    { gemeentecode: '0450', sleutel: null, waarde: null, eenheid: 'personen', van: '2024-08-01', onderdrukt: true },
  ],
});

describe('writeXlsx', () => {
  test('codes stay text, numbers are numbers with a number format, dates are dates; header frozen, autofilter', async () => {
    const file = path.join(dir, 'a.xlsx');
    await writeXlsx(file, [sheet()], { creator: 'Regionaal Bureau Leerplicht Test', created: new Date('2025-10-19T22:00:00Z') });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('data')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['gemeentecode', 'sleutel', 'waarde', 'eenheid', 'van', 'onderdrukt']);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe('0375');
    expect(r2.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(r2.getCell(2).value).toBe('5-22'); // a key, not the 5th of May
    expect(r2.getCell(3).value).toBe(1234);
    expect(r2.getCell(3).numFmt).toBe('#,##0');
    expect(ws.getRow(3).getCell(3).value).toBe(12.3);
    expect(ws.getRow(3).getCell(3).numFmt).toBe('#,##0.0');
    expect(ws.getRow(3).getCell(2).value).toBe('=1+1'); // a text cell, never a formula
    expect(ws.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(r2.getCell(5).value).toEqual(new Date('2024-08-01T00:00:00Z'));
    expect(r2.getCell(6).value).toBe(false);
    expect(ws.getRow(4).getCell(3).value).toBeNull(); // suppressed: empty, not 0
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:F4');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
    expect(wb.creator).toBe('Regionaal Bureau Leerplicht Test');
  });

  test('the same rows and date give the same bytes', async () => {
    const [a, b] = [path.join(dir, 'b1.xlsx'), path.join(dir, 'b2.xlsx')];
    await writeXlsx(a, [sheet()], { created: new Date('2025-10-19T22:00:00Z') });
    await new Promise((r) => setTimeout(r, 1100)); // a zip entry's clock time has 2-second steps
    await writeXlsx(b, [sheet()], { created: new Date('2025-10-19T22:00:00Z') });
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  test('xlsxBuffer gives the same bytes as writeXlsx', async () => {
    const file = path.join(dir, 'd.xlsx');
    await writeXlsx(file, [sheet()], { created: new Date('2025-10-19T22:00:00Z') });
    expect((await xlsxBuffer([sheet()], { created: new Date('2025-10-19T22:00:00Z') })).equals(readFileSync(file))).toBe(true);
  });

  test('rows from an async iterable are streamed', async () => {
    const file = path.join(dir, 'c.xlsx');
    async function* rows() {
      for (let i = 0; i < 2500; i++) yield { n: i, code: String(i).padStart(4, '0') };
    }
    await writeXlsx(file, [{ name: 'veel', columns: [{ name: 'n', type: 'integer' }, { name: 'code', type: 'text' }], rows: rows() }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('veel')!;
    expect(ws.rowCount).toBe(2501);
    expect(ws.getRow(2501).getCell(2).value).toBe('2499');
    expect(ws.getRow(2).getCell(2).value).toBe('0000');
  });
});

/**
 * The reference: the same workbook written the plain exceljs way (a Row and Cells per row, rendered by
 * exceljs's own XML writers). writeXlsx writes its data rows as text itself; the files must not differ.
 */
async function exceljsReference(sheets: XlsxSheet[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((r) => stream.on('end', r));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'leerplicht-rapportage';
  wb.lastModifiedBy = wb.creator;
  const fmt = (d: number) => (d > 0 ? `#,##0.${'0'.repeat(d)}` : '#,##0');
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({
      header: c.name, key: c.name, width: c.width,
      style: (c.type === 'decimal' || c.type === 'integer') && typeof c.decimals !== 'function' ? { numFmt: fmt(c.type === 'integer' ? 0 : (c.decimals as number | undefined) ?? 2) }
        : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'text' ? { numFmt: '@' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    let n = 0;
    for (const row of sheet.rows as Record<string, unknown>[]) {
      const r = ws.addRow(sheet.columns.map((c) => row[c.name] ?? null));
      sheet.columns.forEach((c, i) => {
        if (typeof c.decimals === 'function') r.getCell(i + 1).numFmt = fmt(c.decimals(row));
      });
      r.commit();
      n++;
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: n + 1, column: sheet.columns.length } };
    ws.commit();
  }
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}

async function entries(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) if (!name.startsWith('docProps/')) out[name] = await zip.files[name].async('string');
  return out;
}

describe('writeXlsx writes what exceljs would', () => {
  test('text to escape, control characters, unicode, numbers, per-row formats, dates, booleans, empty cells and empty rows', async () => {
    const tricky = ['a & b', '<=3m', '>3m', 'l\'école "x"', 'tab\there', 'bell\u0007', 'del\u007f', 'Súdwest-Fryslân', '0375', '=1+1', ' spatie ', 'regel\nregel', '€ 1.234,56'];
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < 3000; i++) {
      const eenheid = ['personen', 'procent', 'per_1000'][i % 3];
      rows.push({
        code: tricky[i % tricky.length], label: i % 7 === 0 ? null : `Label ${i}`,
        waarde: i % 5 === 0 ? null : i % 2 ? (i * 1.37) / 7 : -i, eenheid, aantal: i % 4 === 0 ? null : i * 1000003,
        bedrag: i % 6 === 0 ? null : i / 3, van: i % 9 === 0 ? null : new Date(Date.UTC(2020 + (i % 5), i % 12, 1 + (i % 28))),
        onderdrukt: i % 8 === 0 ? null : i % 3 === 0,
      });
    }
    rows.push({ code: null, label: null, waarde: null, eenheid: null, aantal: null, bedrag: null, van: null, onderdrukt: null }); // no value at all
    rows.push({ code: 'laatste', label: null, waarde: 1, eenheid: 'procent', aantal: null, bedrag: null, van: null, onderdrukt: null });
    const columns: XlsxSheet['columns'] = [
      { name: 'code', type: 'text', width: 10 },
      { name: 'label', type: 'text', width: 30 },
      { name: 'waarde', type: 'decimal', decimals: (r) => (r.eenheid === 'procent' ? 1 : r.eenheid === 'per_1000' ? 2 : 0), width: 12 },
      { name: 'eenheid', type: 'text', width: 12 },
      { name: 'aantal', type: 'integer', width: 12 },
      { name: 'bedrag', type: 'decimal', width: 12 },
      { name: 'van', type: 'date', width: 12 },
      { name: 'onderdrukt', type: 'boolean', width: 10 },
    ];
    const sheets = (): XlsxSheet[] => [{ name: 'data', columns, rows }, { name: 'tweede', columns: columns.slice(0, 4), rows: rows.slice(0, 50) }];
    const ours = await entries(await xlsxBuffer(sheets()));
    const theirs = await entries(await exceljsReference(sheets()));
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
    for (const name of Object.keys(theirs)) expect(ours[name], name).toBe(theirs[name]);
    expect(ours['xl/worksheets/sheet1.xml']).toContain('&amp;');
  });
});

describe('rows rendered by DuckDB (XlsxSqlRows) write what JavaScript rows write', () => {
  test('text to escape, control characters, unicode, numbers, per-row formats in any order of first use, dates, booleans, empty cells and rows; several sheets', async () => {
    const db = await Db.open({ threads: 2 });
    const tricky = ['a & b', '<=3m', '>3m', 'l\'école "x"', 'tab\there', 'bell\u0007', 'del\u007f', 'Súdwest-Fryslân', '0375', '=1+1', ' spatie ', 'regel\nregel', '€ 1.234,56', '', 'emoji 😀 breed', 'ctl\u0001\u001f'];
    await db.run(`CREATE TABLE t AS SELECT i AS n,
      CASE WHEN i = 3000 THEN NULL ELSE [${tricky.map(sqlString).join(', ')}][i % ${tricky.length} + 1] END AS code,
      CASE WHEN i % 7 = 0 OR i = 3000 THEN NULL ELSE 'Label ' || i END AS label,
      CASE WHEN i % 5 = 0 OR i = 3000 THEN NULL WHEN i % 2 = 1 THEN (i * 1.37) / 7 WHEN i % 4 = 0 THEN round(i / 3, 1) ELSE -i END AS waarde,
      CASE WHEN i = 3000 THEN NULL ELSE ['per_1000', 'personen', 'procent'][(i // 400) % 3 + 1] END AS eenheid,
      CASE WHEN i % 4 = 0 OR i = 3000 THEN NULL ELSE CAST(i AS BIGINT) * 1000003 - 1500000000 END AS aantal,
      CASE WHEN i % 6 = 0 OR i = 3000 THEN NULL ELSE i / 3 END AS bedrag,
      CASE WHEN i % 9 = 0 OR i = 3000 THEN NULL ELSE DATE '1899-12-31' + INTERVAL (i * 17) DAY END :: DATE AS van,
      CASE WHEN i % 8 = 0 OR i = 3000 THEN NULL ELSE i % 3 = 0 END AS onderdrukt
      FROM range(3001) r(i)`);
    const columns: XlsxColumn[] = [
      { name: 'code', type: 'text' },
      { name: 'label', type: 'text', width: 30 },
      { name: 'waarde', type: 'decimal', decimals: (r) => (r.eenheid === 'procent' ? 1 : r.eenheid === 'per_1000' ? 2 : 0), decimalsSql: "CASE eenheid WHEN 'procent' THEN 1 WHEN 'per_1000' THEN 2 ELSE 0 END" },
      { name: 'eenheid', type: 'text' },
      { name: 'aantal', type: 'integer' },
      { name: 'bedrag', type: 'decimal' },
      { name: 'van', type: 'date' },
      { name: 'onderdrukt', type: 'boolean' },
    ];
    const rows = (await db.conn.runAndReadAll('SELECT * FROM t ORDER BY n')).getRowObjectsJS();
    // The second sheet's rows in queries of 700 rows, which come in the reverse order (read again, sorted).
    const sql = async (where: string, slice?: number) => (await xlsxSqlRows(db, `(SELECT 0 AS k, *, row_number() OVER (ORDER BY n) AS i FROM t WHERE ${where} ${slice ? 'ORDER BY n DESC' : ''})`, [''], columns, slice)).rows.get('')!;
    // Two sheets in one workbook; the second has its first rows' per-row formats in another order.
    const js = await entries(await xlsxBuffer([{ name: 'data', columns, rows }, { name: 'tweede', columns, rows: rows.filter((r) => Number(r.n) >= 1000) }]));
    const ours = await entries(await xlsxBuffer([{ name: 'data', columns, rows: await sql('TRUE') }, { name: 'tweede', columns, rows: await sql('n >= 1000', 700) }]));
    expect(Object.keys(ours)).toEqual(Object.keys(js));
    for (const name of Object.keys(js)) expect(ours[name], name).toBe(js[name]);
    expect(js['xl/worksheets/sheet1.xml']).toContain('&apos;');
    db.close();
  });
});

describe('excelText', () => {
  test('a cell Excel would run as a formula gets a leading quote; anything else is unchanged', () => {
    for (const s of ['=SUM(A1)', '+31', '-2+3', '@cmd', '\tx', '\rx']) expect(excelText(s)).toBe(`'${s}`);
    for (const s of ['0375', 'Haarlem', '<=3m', '>3m', '', 'a=b']) expect(excelText(s)).toBe(s);
  });
});
