/**
 * One small .xlsx writer (exceljs) for workbooks beside the CSVs: a sheet per table, a bold frozen header
 * row, amounts as numbers with a thousands-and-decimals number format (Excel shows it in the reader's
 * locale: 1.234,56 in a Dutch Excel), codes such as gemeentecodes as text (so 0375 keeps its zero).
 * Strings are written as strings, never as formulas.
 */
import ExcelJS from 'exceljs';

export type XlsxType = 'text' | 'decimal' | 'integer' | 'boolean';

export interface XlsxColumn {
  name: string;
  type: XlsxType;
  /** Decimals shown for a `decimal` column (default 2). */
  decimals?: number;
}

export interface XlsxSheet {
  /** Sheet name; cut to Excel's 31 characters. */
  name: string;
  columns: XlsxColumn[];
  /** Values as written in the CSV (dot decimal); null or '' is an empty cell. */
  rows: Record<string, string | null>[];
}

const INVALID = /[[\]:*?/\\]/g;

/** The workbook as bytes. `created`: the date stamped in its properties (reproducible output). */
export async function xlsxBuffer(sheets: XlsxSheet[], opts: { created?: Date } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const when = opts.created ?? new Date(0);
  wb.created = when;
  wb.modified = when;
  wb.creator = 'leerplicht-rapportage';
  const used = new Set<string>();
  for (const s of sheets) {
    let name = s.name.replace(INVALID, ' ').slice(0, 31);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${s.name.replace(INVALID, ' ').slice(0, 28)} ${i}`;
    used.add(name.toLowerCase());
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = s.columns.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.max(10, Math.min(40, c.name.length + 2)),
      style: c.type === 'decimal' ? { numFmt: `#,##0${(c.decimals ?? 2) > 0 ? `.${'0'.repeat(c.decimals ?? 2)}` : ''}` } : c.type === 'text' ? { numFmt: '@' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of s.rows) {
      ws.addRow(Object.fromEntries(s.columns.map((c) => [c.name, cellValue(row[c.name], c.type)])));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellValue(v: string | null | undefined, type: XlsxType): string | number | boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (type === 'decimal' || type === 'integer') {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new Error(`xlsx: "${v}" is not a number`);
    return n;
  }
  if (type === 'boolean') return v === 'true';
  return v;
}
