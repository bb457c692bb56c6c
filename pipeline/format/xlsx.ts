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
import { createRequire } from 'node:module';
import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';

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

type WorkbookWriterClass = new (o: ExcelJS.stream.xlsx.WorkbookWriterOptions) => ExcelJS.stream.xlsx.WorkbookWriter;
let DatedWorkbookWriter: WorkbookWriterClass;
let ValueType: typeof ExcelJS.ValueType;
/** exceljs's own escaping of cell text (its utils are not in its typings). */
let xmlEncode: (s: string) => string;
let loading: Promise<void> | undefined;

/**
 * exceljs, loaded on first use (~0.15 s) rather than when a command starts; a build asks for it early
 * (preloadXlsx) so that it loads while DuckDB reads the extract.
 */
export function preloadXlsx(): Promise<void> {
  loading ??= import('exceljs').then(({ default: Excel }) => {
    const Writer = Excel.stream.xlsx.WorkbookWriter;
    /**
     * exceljs's streaming writer whose zip entries carry the workbook's `created` date instead of the clock.
     * (The writer adds its first entries from its constructor, through addThemes(): the zip is patched there.)
     */
    DatedWorkbookWriter = class extends Writer {
      addThemes(): Promise<void> {
        const self = this as unknown as { zip: Zip; created: Date; dated?: boolean };
        if (!self.dated) {
          const append = self.zip.append.bind(self.zip);
          self.zip.append = (src, data) => append(src, { ...data, date: self.created });
          self.dated = true;
        }
        return (Writer.prototype as unknown as { addThemes: () => Promise<void> }).addThemes.call(this);
      }
    };
    ValueType = Excel.ValueType;
    xmlEncode = createRequire(import.meta.url)('exceljs/lib/utils/utils.js').xmlEncode;
  });
  return loading;
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


/** Excel's column letters: 1 → A, 28 → AB. */
function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** What exceljs's streaming worksheet keeps of its rows (internal; see RowWriter). */
interface SheetInternals {
  startedData: boolean;
  _rowZero: number;
  _rows: unknown[];
  stream: { write: (s: string) => unknown };
}

/**
 * The data rows of a sheet as exceljs's streaming writer would write them (Row → RowXform/CellXform →
 * XML), written as text straight into the sheet's stream: exceljs builds a Row and a Cell object, a style
 * and an XML node list for every cell, which was most of the time of a large workbook (a national
 * dataset: ~28 million cells). Same bytes: each cell's style id comes from the workbook's own styles (in the
 * same order of first use), its text is escaped by exceljs's own xmlEncode, and test/xlsx.test.ts compares
 * the sheet with exceljs's own rendering. Only what this module writes is covered: text, numbers, dates,
 * booleans and empty cells, with a column style of a number format (or none) and per-row formats.
 */
class RowWriter {
  readonly #letters: string[];
  /** Per column: the style model exceljs gives its cells (the column's number format, or none). */
  readonly #styles: ({ numFmt?: string })[];
  readonly #styleIds = new Map<string, number>();
  readonly #ws: SheetInternals;
  #chunk = '';
  #number: number;
  #rowStyled = false;

  constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    ws: ExcelJS.Worksheet,
    columns: XlsxColumn[],
    private readonly perRow: number[],
  ) {
    this.#ws = ws as unknown as SheetInternals;
    if (!this.#ws.startedData || this.#ws._rows.length) throw new Error('xlsx: the header row must be committed before the data rows');
    this.#number = this.#ws._rowZero;
    this.#letters = columns.map((_, i) => columnLetters(i + 1));
    this.#styles = ws.columns.map((c) => (c.style?.numFmt ? { numFmt: c.style.numFmt } : {}));
  }

  #styleId(style: { numFmt?: string }, type: number): number {
    const key = `${type}|${style.numFmt ?? ''}`;
    let id = this.#styleIds.get(key);
    if (id === undefined) {
      const styles = (this.wb as unknown as { styles: { addStyleModel: (m: object, t?: number) => number } }).styles;
      this.#styleIds.set(key, (id = styles.addStyleModel(style, type)));
    }
    return id;
  }

  /** One row: its cell values (cellValue) and the number formats of the per-row columns. */
  add(values: ExcelJS.CellValue[], formats: string[]): void {
    const n = this.#number++;
    this.#ws._rowZero = this.#number;
    // exceljs asks for the row's own (empty) style first; it is the default style, id 0.
    if (!this.#rowStyled) {
      const styles = (this.wb as unknown as { styles: { addStyleModel: (m: object, t?: number) => number } }).styles;
      if (styles.addStyleModel({})) throw new Error('xlsx: unexpected row style');
      this.#rowStyled = true;
    }
    if (values.every((v) => v === null)) return; // exceljs writes no row without a value
    let xml = `<row r="${n}" spans="1:${values.length}" x14ac:dyDescent="0.25">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const f = this.perRow.indexOf(i);
      const style = f === -1 ? this.#styles[i] : { numFmt: formats[f] };
      const type = v === null ? ValueType.Null : typeof v === 'number' ? ValueType.Number : typeof v === 'string' ? ValueType.String
        : typeof v === 'boolean' ? ValueType.Boolean : v instanceof Date ? ValueType.Date : -1;
      if (type === -1) throw new Error(`xlsx: cannot write ${String(v)}`);
      const id = this.#styleId(style, type);
      if (type === ValueType.Null && !id) continue;
      xml += `<c r="${this.#letters[i]}${n}"${id ? ` s="${id}"` : ''}`;
      switch (type) {
        case ValueType.Null: xml += '/>'; break;
        case ValueType.Number: xml += `><v>${xmlEncode(String(v))}</v></c>`; break;
        case ValueType.String: xml += ` t="str"><v>${xmlEncode(v as string)}</v></c>`; break;
        case ValueType.Boolean: xml += ` t="b"><v>${v ? '1' : '0'}</v></c>`; break;
        default: xml += `><v>${String(25569 + (v as Date).getTime() / (24 * 3600 * 1000))}</v></c>`;
      }
    }
    this.#chunk += `${xml}</row>`;
    if (this.#chunk.length > 1 << 16) this.flush();
  }

  flush(): void {
    if (this.#chunk) this.#ws.stream.write(this.#chunk);
    this.#chunk = '';
  }
}

async function write(stream: Writable, sheets: XlsxSheet[], o: XlsxOptions): Promise<void> {
  await preloadXlsx();
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
    let rows: RowWriter | undefined;
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
      rows = new RowWriter(wb, ws, sheet.columns, perRow);
    };
    const close = () => {
      rows!.flush();
      ws!.autoFilter = { from: { row: 1, column: 1 }, to: { row: inSheet + 1, column: sheet.columns.length } };
      ws!.commit();
    };
    open();
    const add = (row: Record<string, unknown>) => {
      if (inSheet === MAX_ROWS) {
        close();
        open();
      }
      rows!.add(sheet.columns.map((c) => cellValue(c, row[c.name])), perRow.map((i) => numFmt(decimalsOf(sheet.columns[i], row))));
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
