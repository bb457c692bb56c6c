/** pipeline/format/xlsx.ts: typed .xlsx cells and formula neutralising for Excel. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { excelText } from '../pipeline/export/excel-safe.ts';
import { writeXlsx, xlsxBuffer, type XlsxSheet } from '../pipeline/format/xlsx.ts';
import { tempDir } from './helpers/extract-dir.ts';
import { rmSync } from 'node:fs';

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

describe('excelText', () => {
  test('a cell Excel would run as a formula gets a leading quote; anything else is unchanged', () => {
    for (const s of ['=SUM(A1)', '+31', '-2+3', '@cmd', '\tx', '\rx']) expect(excelText(s)).toBe(`'${s}`);
    for (const s of ['0375', 'Haarlem', '<=3m', '>3m', '', 'a=b']) expect(excelText(s)).toBe(s);
  });
});
