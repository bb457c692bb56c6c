/**
 * The one .xlsx writer (exceljs) for every workbook beside the CSVs: kosten, the dataset for monitors,
 * the Leerplichttelling, the jaarverslag and RMC figures.
 *
 *   await writeXlsx(file, [{ name: 'data', columns: [{ name: 'gemeentecode', type: 'text' }, …], rows }], { created });
 *   const bytes = await xlsxBuffer(sheets, { created });
 *
 * - A column's type makes its cells: `text` a text cell (a gemeentecode keeps its leading zero, a key like
 *   5-22 does not become a date; never a formula), `decimal` / `integer` a number with a number format
 *   (`#,##0.00`, `#,##0`: Excel shows it with the reader's separators, 1.234,56 in a Dutch Excel; a
 *   decimal's decimals may depend on the row, e.g. on its unit), `date` a date cell, `boolean` TRUE/FALSE.
 * - Every sheet: bold frozen header row, autofilter over the data, column widths fitted to the content.
 * - Streaming (exceljs's WorkbookWriter): rows may come from an async iterable and go to disk as they come,
 *   so a sheet of a national dataset is never held in memory; past Excel's 1,048,575 rows a sheet
 *   continues on "<name> 2".
 * - Reproducible: the workbook's dates and its zip entries' dates are `created`, not the clock.
 * (The CSV files meant for Excel neutralise formula-like text with export/excel-safe.ts.)
 */
import { createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export type XlsxType = 'text' | 'decimal' | 'integer' | 'boolean' | 'date';

export interface XlsxColumn {
  name: string;
  type: XlsxType;
  /** Decimals shown for a `decimal` column (default 2), or a function of the row (e.g. by unit). */
  decimals?: number | ((row: Record<string, unknown>) => number);
  /** Width in characters (default: fitted to the header and the first 1000 values, 8 to 60). */
  width?: number;
}

export interface XlsxSheet {
  /** Sheet name; characters Excel forbids are replaced and it is cut to 31 characters. */
  name: string;
  columns: XlsxColumn[];
  /** Rows keyed by column name; values as in the CSV (dot decimal) or typed; null or '' is an empty cell. */
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
}

export interface XlsxOptions {
  /** The date in the workbook's properties and zip entries (default 1970-01-01: reproducible). */
  created?: Date;
  /** Workbook author (default the tool's name). */
  creator?: string;
  title?: string;
}

/** The most rows a sheet holds (Excel's limit minus the header); more continue on "<name> 2", … */
export const MAX_ROWS = 1_048_575;

const numFmt = (decimals: number) => (decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0');
const decimalsOf = (c: XlsxColumn, row: Record<string, unknown>) => (c.type === 'integer' ? 0 : typeof c.decimals === 'function' ? c.decimals(row) : c.decimals ?? 2);

function cellValue(c: XlsxColumn, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined || v === '') return null;
  switch (c.type) {
    case 'decimal':
    case 'integer': {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`xlsx: "${String(v)}" in column ${c.name} is not a number`);
      return n;
    }
    case 'date': {
      if (v instanceof Date) return v;
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
      return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : String(v);
    }
    case 'boolean':
      return typeof v === 'boolean' ? v : String(v) === 'true';
    default:
      return String(v);
  }
}

function displayLength(c: XlsxColumn, v: ExcelJS.CellValue): number {
  if (v === null || v === undefined) return 0;
  if (c.type === 'date') return 10;
  if (c.type === 'decimal' || c.type === 'integer') return Math.round(String(Math.trunc(Number(v))).length * 1.35) + 4;
  return String(v).length;
}

async function* iterate<T>(rows: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* rows;
}

type Zip = { append: (src: unknown, data: object) => unknown };

/**
 * exceljs's streaming writer whose zip entries carry the workbook's `created` date instead of the clock.
 * (The writer adds its first entries from its constructor, through addThemes(): the zip is patched there.)
 */
class DatedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  addThemes(): Promise<void> {
    const self = this as unknown as { zip: Zip; created: Date; dated?: boolean };
    if (!self.dated) {
      const append = self.zip.append.bind(self.zip);
      self.zip.append = (src, data) => append(src, { ...data, date: self.created });
      self.dated = true;
    }
    return (ExcelJS.stream.xlsx.WorkbookWriter.prototype as unknown as { addThemes: () => Promise<void> }).addThemes.call(this);
  }
}

const INVALID = /[[\]:*?/\\]/g;

/**
 * exceljs works out every cell's style id by rendering the cell's style (a fresh object per cell) to XML;
 * with a handful of distinct styles per workbook that was half the time of a large sheet. The id is
 * remembered per style content and cell type instead.
 */
function memoiseStyles(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (wb as unknown as { styles: { addStyleModel: (model: object | undefined, type: number) => number } }).styles;
  const add = styles.addStyleModel.bind(styles);
  const ids = new Map<string, number>();
  styles.addStyleModel = (model, type) => {
    if (!model) return add(model, type);
    const only = (model as { numFmt?: string }).numFmt;
    const key = only !== undefined && Object.keys(model).length === 1 ? `${type}|${only}` : `${type}|${JSON.stringify(model)}`;
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = add(model, type)));
    return id;
  };
}

async function write(stream: Writable, sheets: XlsxSheet[], o: XlsxOptions): Promise<void> {
  const created = o.created ?? new Date(0);
  const wb = new DatedWorkbookWriter({ stream, useStyles: true, useSharedStrings: false, created } as unknown as ExcelJS.stream.xlsx.WorkbookWriterOptions);
  wb.creator = o.creator ?? 'leerplicht-rapportage';
  wb.lastModifiedBy = wb.creator;
  if (o.title) wb.title = o.title;
  wb.created = created;
  wb.modified = created;
  memoiseStyles(wb);
  const used = new Set<string>();
  const sheetName = (name: string) => {
    let n = name.replace(INVALID, ' ').slice(0, 31);
    for (let i = 2; used.has(n.toLowerCase()); i++) n = `${name.replace(INVALID, ' ').slice(0, 28)} ${i}`;
    used.add(n.toLowerCase());
    return n;
  };
  for (const sheet of sheets) {
    const it = iterate(sheet.rows)[Symbol.asyncIterator]();
    // Widths come from the header and the first rows; they must be known before the first row is committed.
    const head: Record<string, unknown>[] = [];
    let more = true;
    while (more && head.length < 1000) {
      const r = await it.next();
      if (r.done) more = false;
      else head.push(r.value);
    }
    const widths = sheet.columns.map((c) => c.width ?? Math.min(60, Math.max(8, c.name.length + 3,
      ...head.map((row) => displayLength(c, cellValue(c, row[c.name])) + 1))));
    const perRow = sheet.columns.map((c, i) => (c.type === 'decimal' && typeof c.decimals === 'function' ? i : -1)).filter((i) => i >= 0);
    let ws: ExcelJS.Worksheet | undefined;
    let inSheet = 0;
    const open = () => {
      inSheet = 0;
      ws = wb.addWorksheet(sheetName(sheet.name), { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = sheet.columns.map((c, i) => ({
        header: c.name, key: c.name, width: widths[i],
        style: (c.type === 'decimal' || c.type === 'integer') && typeof c.decimals !== 'function' ? { numFmt: numFmt(decimalsOf(c, {})) }
          : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'text' ? { numFmt: '@' } : {},
      }));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).commit();
    };
    const close = () => {
      ws!.autoFilter = { from: { row: 1, column: 1 }, to: { row: inSheet + 1, column: sheet.columns.length } };
      ws!.commit();
    };
    open();
    const add = (row: Record<string, unknown>) => {
      if (inSheet === MAX_ROWS) {
        close();
        open();
      }
      const r = ws!.addRow(sheet.columns.map((c) => cellValue(c, row[c.name])));
      for (const i of perRow) r.getCell(i + 1).numFmt = numFmt(decimalsOf(sheet.columns[i], row));
      r.commit();
      inSheet++;
    };
    for (const row of head) add(row);
    if (more) for (let r = await it.next(); !r.done; r = await it.next()) add(r.value);
    close();
  }
  await wb.commit();
}

/** Writes the sheets as one .xlsx file (streamed; complete when the promise resolves). */
export async function writeXlsx(file: string, sheets: XlsxSheet[], o: XlsxOptions = {}): Promise<void> {
  const out = createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
  });
  await write(out, sheets, o);
  await closed;
}

/** The workbook as bytes. */
export async function xlsxBuffer(sheets: XlsxSheet[], o: XlsxOptions = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await write(out, sheets, o);
  await ended;
  return Buffer.concat(chunks);
}
