/** Rows of one sheet of an .xlsx export (exceljs), as text: dates as ISO, numbers as written by JS. */
import ExcelJS from 'exceljs';
import { InputError } from '../errors.ts';

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
  }
  return String(v);
}

export async function* xlsxRows(file: string, sheet?: string): AsyncGenerator<string[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new InputError(`${file}: cannot be read as .xlsx: ${(e as Error).message.split('\n')[0]}`);
  }
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new InputError(`${file}: no sheet "${sheet}" (sheets: ${wb.worksheets.map((w) => w.name).join(', ')}); set "blad" in the mapping`);
  const width = ws.getRow(1).cellCount;
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const out: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) out.push(cellText(row.getCell(c).value).trim());
    yield out;
  }
}
