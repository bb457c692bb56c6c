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
 * - Large sheets from DuckDB: rows that DuckDB renders as the sheet's XML (XlsxSqlRows, xlsxSqlRows), the
 *   same bytes as from JavaScript rows without an object per row and cell.
 * (The CSV files meant for Excel neutralise formula-like text with export/excel-safe.ts.)
 */
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { PassThrough, type Writable } from 'node:stream';
import zlib from 'node:zlib';
import type { DuckDBBlobVector, DuckDBConnection } from '@duckdb/node-api';
import type ExcelJS from 'exceljs';
import type { Db } from '../db.ts';

export type XlsxType = 'text' | 'decimal' | 'integer' | 'boolean' | 'date';

export interface XlsxColumn {
  name: string;
  type: XlsxType;
  /** Decimals shown for a `decimal` column (default 2), or a function of the row (e.g. by unit). */
  decimals?: number | ((row: Record<string, unknown>) => number);
  /** With `decimals` a function: the same as an SQL expression over the row's columns (rows from DuckDB: XlsxSqlRows). */
  decimalsSql?: string;
  /** Width in characters (default: fitted to the header and the first 1000 values, 8 to 60). */
  width?: number;
}

export interface XlsxSheet {
  /** Sheet name; characters Excel forbids are replaced and it is cut to 31 characters. */
  name: string;
  columns: XlsxColumn[];
  /**
   * Rows keyed by column name; values as in the CSV (dot decimal) or typed; null or '' is an empty cell.
   * Or rows that DuckDB renders as the sheet's XML (XlsxSqlRows).
   */
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>> | XlsxSqlRows;
}

/**
 * A sheet's data rows rendered as XML by DuckDB rather than cell by cell in JavaScript (the national
 * dataset's workbooks: ~2 million rows of 28 cells, ~2.3 GB of XML): the same bytes as from the same values
 * as JavaScript rows (test/excel.test.ts). xlsxSqlRows makes them from a query; what it holds:
 * - `lengths`: per column the largest display length of the first 1000 rows (xlsxSqlLengths: the widths);
 * - `decimals`: the per-row decimals in the order the rows first use them (xlsxSqlDecimals; their styles
 *   are added to the workbook in that order, as JavaScript rows add them);
 * - `render(rowXml)`: the rows' XML in order, in batches of rows, given the row expression (RowWriter
 *   rowXmlSql: the columns by name, `xlsx_n` the row number in its sheet, a sheet holds MAX_ROWS rows).
 * Column types in SQL: text VARCHAR, integer and decimal numbers (decimals: at most 15 significant digits,
 * not below 1e-6: there JavaScript and DuckDB write a number alike), date DATE, boolean BOOLEAN.
 */
export interface XlsxSqlRows {
  lengths: (number | null)[];
  decimals: number[];
  render: (rowXml: string) => AsyncIterable<Uint8Array[]>;
}

const isSqlRows = (rows: XlsxSheet['rows']): rows is XlsxSqlRows => 'render' in rows;

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlName = (s: string) => `"${s.replaceAll('"', '""')}"`;
/** Text that xmlEncode changes: XML's special characters and the control characters it drops. */
const XML_SPECIAL = '[&<>"\'\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]';
/** exceljs's xmlEncode in SQL; the replacements only where needed (~3x cheaper on the national dataset). */
const xmlEncodeSql = (v: string) => `CASE WHEN regexp_matches(${v}, ${sqlText(XML_SPECIAL)}) THEN replace(replace(replace(replace(replace(regexp_replace(${v}, '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]', '', 'g'), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&apos;') ELSE ${v} END`;
/** String(Number(v)) of JavaScript for the numbers XlsxSqlRows takes. */
const numberTextSql = (v: string) => `CASE WHEN ${v} = trunc(${v}) AND abs(${v}) < 1e15 THEN CAST(CAST(${v} AS BIGINT) AS VARCHAR) ELSE CAST(${v} AS VARCHAR) END`;
/** Whether a column's cell is empty (cellValue null). */
const emptySql = (c: XlsxColumn) => (c.type === 'text' ? `(${sqlName(c.name)} IS NULL OR CAST(${sqlName(c.name)} AS VARCHAR) = '')` : `${sqlName(c.name)} IS NULL`);
const perRowDecimals = (c: XlsxColumn) => c.type === 'decimal' && typeof c.decimals === 'function';

/** Rows that one query of xlsxSqlRows renders (~22 MB of XML, held until their order is checked). */
const SLICE_ROWS = 20_000;

/**
 * Rows that many files of xlsxSqlRows hold alike, at the same row numbers (the region's rows in each
 * gemeente's jaarverslag workbook): rendered once per layout (and style ids) instead of once per file.
 */
export interface XlsxSharedRows {
  /** Table or subquery: the rows' columns, `layout` (a number) and `place` (the row's number in each file of that layout). */
  from: string;
  /** Per file (as in `files`) the layout of its shared rows, or null: none. */
  layouts: (number | null)[];
}

/** Rendered rows of xlsxSqlRows: per row its file (k), its row number in the file and its XML. */
type Chunk = { k: number[]; at: number[]; xml: Uint8Array[] };

/** The widths and count of a file's rows, or of a layout's shared rows. */
type Meta = { n: number; lengths: (number | null)[] };

/**
 * The rows of each file in `files` as sheet rows DuckDB renders (XlsxSqlRows): `from` is a table or
 * subquery with the `columns`, `k` (the file's index in `files`) and `i` (the row's number in its file,
 * from 1); with `shared`, a file's rows are those of `from` and its layout's shared rows, merged by row
 * number: then `i` numbers a file's rows of `from` (1, 2, …) and `place` holds their row numbers in the file.
 * The widths, row counts and per-row formats of all files come from a few queries; the rows of all
 * files, in order of k and i, from queries of `sliceRows` rows each (a sort of a national dataset's XML
 * would spill to disk; a query per gemeente took ~3x as long: setting up the expression is a large part of
 * a gemeente's rows), each file taking its rows in turn. They run on a connection of their own (the
 * build's connection stays free), which `close` ends; a file whose workbook has other style ids than the
 * first file's gets a query of its own. A layout's shared rows are rendered when a file first needs them
 * (for its style ids) and kept until the last file of that layout has taken them.
 */
export async function xlsxSqlRows(db: Db, from: string, files: string[], columns: XlsxColumn[], sliceRows = SLICE_ROWS, shared?: XlsxSharedRows): Promise<{ rows: Map<string, XlsxSqlRows>; close: () => Promise<void> }> {
  /** The column of a row's number in its file. */
  const at = shared ? 'place' : 'i';
  const metaOf = async (source: string, by: string) => new Map((await db.conn.runAndReadAll(`SELECT ${by}, count(*), ${xlsxSqlLengths(columns, `${at} <= 1000`)} FROM ${source} GROUP BY ${by}`))
    .getRows().map(([k, n, ...l]): [number, Meta] => [Number(k), { n: Number(n), lengths: l.map((x) => (x === null ? null : Number(x))) }]));
  const layoutOf = (k: number) => shared?.layouts[k] ?? null;
  const used = [...new Set(files.map((_, k) => layoutOf(k)).filter((l) => l !== null))];
  /** The shared rows of the layouts the files use. */
  const sharedSource = used.length ? `(SELECT * FROM ${shared!.from} WHERE layout IN (${used.join(', ')}))` : undefined;
  const ownMeta = await metaOf(from, 'k');
  const sharedMeta = sharedSource ? await metaOf(sharedSource, 'layout') : new Map<number, Meta>();
  const perRow = xlsxSqlDecimals(columns);
  /** Per file, or per layout of shared rows: the per-row decimals with the first row (i) using each. */
  const decimalsOf = async (source: string, by: string) => {
    const out = new Map<number, [number, number][]>();
    if (perRow === undefined) return out;
    for (const r of await db.all<{ k: number; d: number; first: number }>(`SELECT * FROM (SELECT ${by} AS k, ${perRow} AS d, min(${at}) AS first FROM ${source} GROUP BY ALL) WHERE d IS NOT NULL`)) {
      const list = out.get(Number(r.k)) ?? [];
      list.push([Number(r.d), Number(r.first)]);
      out.set(Number(r.k), list);
    }
    return out;
  };
  const ownDecimals = await decimalsOf(from, 'k');
  const sharedDecimals = sharedSource ? await decimalsOf(sharedSource, 'layout') : new Map<number, [number, number][]>();
  /** A file's per-row decimals in the order of first use over its own and its shared rows. */
  const decimals = (k: number) => {
    const layout = layoutOf(k);
    const first = new Map<number, number>();
    for (const [d, i] of [...ownDecimals.get(k) ?? [], ...(layout === null ? [] : sharedDecimals.get(layout) ?? [])]) first.set(d, Math.min(first.get(d) ?? i, i));
    return [...first].sort((a, b) => a[1] - b[1]).map(([d]) => d);
  };
  /** A file's widths over its own and its shared rows. */
  const lengths = (k: number) => {
    const layout = layoutOf(k);
    const parts = [ownMeta.get(k), layout === null ? undefined : sharedMeta.get(layout)].filter((m) => m !== undefined);
    return columns.map((_, c) => parts.reduce<number | null>((max, m) => (m.lengths[c] === null ? max : Math.max(max ?? 0, m.lengths[c]!)), null));
  };
  /** The rows of `from` of file k (its own rows, without the shared ones). */
  const count = (k: number) => ownMeta.get(k)?.n ?? 0;
  // Slices of the rows in order of (k, i), as ranges of k * 2^32 + i.
  const slice = 'k * 4294967296 + i';
  const slices: [number, number][] = [];
  let first: number | undefined;
  let rows = 0;
  for (let k = 0; k < files.length; k++) {
    for (let i = 1; i <= count(k);) {
      const take = Math.min(count(k) - i + 1, sliceRows - rows);
      first ??= k * 2 ** 32 + i;
      i += take;
      rows += take;
      if (rows === sliceRows) {
        slices.push([first, k * 2 ** 32 + i - 1]);
        first = undefined;
        rows = 0;
      }
    }
  }
  if (first !== undefined) slices.push([first, files.length * 2 ** 32]);
  const query = (rowXml: string, where: string, order = '', source = from) => `SELECT CAST(k AS INTEGER), CAST(${at} AS INTEGER), encode(${rowXml}) FROM (SELECT *, ${xlsxSqlRowNumber(at)} AS xlsx_n
    FROM ${source} WHERE ${where}) ${order}`;
  // Every connection is closed by close(), before the database is (a connection left to the garbage
  // collector after its database closed takes the process down).
  const connections: Promise<DuckDBConnection>[] = [];
  const connect = () => {
    const c = db.instance.connect();
    connections.push(c);
    return c;
  };
  const conn = connect();
  /** A query's rows, a chunk at a time. */
  async function* rowsOf(sql: string, on: Promise<DuckDBConnection>): AsyncGenerator<Chunk> {
    const result = await (await on).stream(sql);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [k, at] = [0, 1].map((c) => chunk.getColumnVector(c));
      const xml = chunk.getColumnVector(2) as DuckDBBlobVector;
      const out: Chunk = { k: [], at: [], xml: [] };
      for (let r = 0; r < chunk.rowCount; r++) {
        out.k.push(k.getItem(r) as number);
        out.at.push(at.getItem(r) as number);
        out.xml.push(xml.getItemBytes(r)!);
      }
      yield out;
    }
  }
  /**
   * The rendered rows of slices (where clauses) in order. A slice is read in the order DuckDB keeps (of a
   * table, WHERE, SELECT), which spares a sort of its XML; its rows are checked to rise (k, then row
   * number), and a slice that came otherwise is read again with ORDER BY.
   */
  async function* stream(rowXml: string, wheres: string[], on = conn, source = from): AsyncGenerator<Chunk> {
    for (const where of wheres) {
      const got: Chunk[] = [];
      let [lastK, lastAt] = [-1, -1];
      let ordered = true;
      for await (const c of rowsOf(query(rowXml, where, '', source), on)) {
        for (let r = 0; r < c.k.length; r++) {
          if (c.k[r] < lastK || (c.k[r] === lastK && c.at[r] <= lastAt)) ordered = false;
          [lastK, lastAt] = [c.k[r], c.at[r]];
        }
        got.push(c);
      }
      if (ordered) yield* got;
      else yield* rowsOf(query(rowXml, where, 'ORDER BY 1, 2', source), on);
    }
  }
  /** The rows of all files in turn (the queries of the first file's row expression), and the unread rest of a chunk. */
  let all: { rowXml: string; chunks: AsyncIterator<Chunk>; rest?: Chunk } | undefined;
  /** The next file in `all` (files are rendered in order; the rows of one not rendered are read past). */
  let next = 0;
  /** The next `n` rows of `all`, in chunks. */
  async function* take(n: number, file: string): AsyncGenerator<Chunk> {
    while (n > 0) {
      let c = all!.rest;
      all!.rest = undefined;
      if (!c) {
        const r = await all!.chunks.next();
        if (r.done) throw new Error(`xlsx: the rows of ${file} ended early`);
        c = r.value;
      }
      if (c.k.length > n) {
        all!.rest = { k: c.k.slice(n), at: c.at.slice(n), xml: c.xml.slice(n) };
        c = { k: c.k.slice(0, n), at: c.at.slice(0, n), xml: c.xml.slice(0, n) };
      }
      n -= c.k.length;
      yield c;
    }
  }
  /** File k's own rows (of `from`), in order. */
  async function* own(k: number, rowXml: string): AsyncGenerator<Chunk> {
    if (k < next) throw new Error(`xlsx: the rows of ${files[k]} were asked for after a later file's`);
    // k BETWEEN …: a table stored in order of k reads only that part.
    const range = ([a, b]: [number, number]) => `k BETWEEN ${Math.floor(a / 2 ** 32)} AND ${Math.floor(b / 2 ** 32)} AND ${slice} BETWEEN ${a} AND ${b}`;
    all ??= { rowXml, chunks: stream(rowXml, slices.map(range))[Symbol.asyncIterator]() };
    const same = all.rowXml === rowXml;
    if (!same) {
      // On a connection of its own: a second query would end the one of all files.
      const other = connect();
      try {
        const parts = Array.from({ length: Math.ceil(count(k) / sliceRows) }, (_, s) => `k = ${k} AND i BETWEEN ${s * sliceRows + 1} AND ${(s + 1) * sliceRows}`);
        yield* stream(rowXml, parts, other);
      } finally {
        (await other).closeSync();
      }
    }
    for (; next <= k; next++) {
      for await (const c of take(count(next), files[next])) if (next === k && same) yield c;
    }
  }
  /** The last file of each layout: after it the layout's rendered rows are let go. */
  const lastOf = new Map(files.map((_, k) => [layoutOf(k), k]));
  /** Per layout its shared rows rendered with one row expression: their row numbers and XML. */
  const common = new Map<number, { rowXml: string; rows: Promise<{ at: number[]; xml: Uint8Array[] }> }>();
  let commonConn: Promise<DuckDBConnection> | undefined;
  const sharedRows = (layout: number, rowXml: string) => {
    let c = common.get(layout);
    if (c?.rowXml !== rowXml) {
      commonConn ??= connect();
      c = {
        rowXml, rows: (async () => {
          const out = { at: [] as number[], xml: [] as Uint8Array[] };
          for await (const chunk of stream(rowXml, [`layout = ${layout}`], commonConn, `(SELECT 0 AS k, * FROM ${shared!.from})`)) {
            out.at.push(...chunk.at);
            out.xml.push(...chunk.xml);
          }
          return out;
        })(),
      };
      common.set(layout, c);
    }
    return c.rows;
  };
  /** File k's rows, a batch at a time: its own and its layout's shared rows, merged by row number (which must run 1, 2, …). */
  async function* render(k: number, rowXml: string): AsyncGenerator<Uint8Array[]> {
    const layout = layoutOf(k);
    const them = layout === null ? { at: [], xml: [] } : await sharedRows(layout, rowXml);
    let s = 0;
    let i = 1;
    const misfit = () => new Error(`xlsx: the rows of ${files[k]} do not fit their shared rows' row numbers (row ${i})`);
    for await (const c of own(k, rowXml)) {
      const batch: Uint8Array[] = [];
      for (let r = 0; r < c.at.length; r++) {
        for (; s < them.at.length && them.at[s] < c.at[r]; s++, i++) {
          if (them.at[s] !== i) throw misfit();
          batch.push(them.xml[s]);
        }
        if (c.at[r] !== i++) throw misfit();
        batch.push(c.xml[r]);
      }
      yield batch;
    }
    for (let r = s; r < them.at.length; r++, i++) if (them.at[r] !== i) throw misfit();
    if (s < them.at.length) yield them.xml.slice(s);
    if (layout !== null && lastOf.get(layout) === k) common.delete(layout);
  }
  return {
    rows: new Map(files.map((file, k) => [file, {
      lengths: lengths(k),
      decimals: decimals(k),
      render: (rowXml: string) => render(k, rowXml),
    }])),
    close: async () => {
      await all?.chunks.return?.();
      for (const c of connections) (await c).closeSync();
    },
  };
}

/** The row number in its sheet (from 2, under the header) of row `i` (from 1) of XlsxSqlRows: `xlsx_n`. */
export const xlsxSqlRowNumber = (i: string) => `CAST((${i} - 1) % ${MAX_ROWS} + 2 AS VARCHAR)`;

/** The aggregates of XlsxSqlRows.lengths over a sheet's rows where `head` (its first 1000): per column the largest display length (displayLength). */
export function xlsxSqlLengths(columns: XlsxColumn[], head: string): string {
  return columns.map((c) => {
    const q = sqlName(c.name);
    const len = c.type === 'date' ? '10'
      : c.type === 'decimal' || c.type === 'integer' ? `round(length(${numberTextSql(`trunc(CAST(${q} AS DOUBLE))`)}) * 1.35) + 4`
        : c.type === 'boolean' ? `CASE WHEN ${q} THEN 4 ELSE 5 END`
          // String length as JavaScript counts it: UTF-16 code units.
          : `CASE WHEN regexp_matches(${q}, '[\\x{10000}-\\x{10FFFF}]') THEN length(${q}) + length(regexp_replace(${q}, '[^\\x{10000}-\\x{10FFFF}]', '', 'g')) ELSE length(${q}) END`;
    return `max(CASE WHEN NOT (${head}) THEN NULL WHEN ${emptySql(c)} THEN 0 ELSE CAST(${len} AS INTEGER) END)`;
  }).join(', ');
}

/** The per-row decimals of a sheet's row (XlsxSqlRows.decimals: ordered by first use; NULL: a row without a value), or undefined without per-row formats. */
export function xlsxSqlDecimals(columns: XlsxColumn[]): string | undefined {
  const perRow = columns.filter(perRowDecimals);
  if (perRow.some((c) => !c.decimalsSql)) throw new Error('xlsx: a column with per-row decimals needs decimalsSql for rows from DuckDB');
  if (perRow.length > 1) throw new Error('xlsx: rows from DuckDB take one column with per-row decimals');
  // A row without a value adds no style (RowWriter.add).
  return perRow[0] && `CASE WHEN ${columns.map(emptySql).join(' AND ')} THEN NULL ELSE ${perRow[0].decimalsSql} END`;
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

/** exceljs, loaded on first use (~0.15 s) rather than when a command starts (in a build: in the workbook worker). */
function loadExcel(): Promise<void> {
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
    nativeCrc32();
  });
  return loading;
}

/**
 * The zip entries' CRC-32 (over every byte of the sheets' XML, ~2.3 GB nationally) computed by zlib instead
 * of the JavaScript of the `crc-32` package that exceljs's zip writer (archiver → zip-stream →
 * compress-commons → crc32-stream) uses: the same checksums, ~1 CPU-second less per GB.
 */
function nativeCrc32(): void {
  if (typeof zlib.crc32 !== 'function') return; // Node before 20.15
  try {
    let require = createRequire(import.meta.url);
    for (const m of ['exceljs', 'archiver', 'zip-stream', 'compress-commons', 'crc32-stream']) require = createRequire(require.resolve(m));
    const crc = require('crc-32') as { buf: (data: Uint8Array, seed?: unknown) => number };
    // crc32-stream passes the previous checksum as the seed (first a 4-byte buffer of zeros, which crc-32 reads as 0).
    crc.buf = (data, seed) => zlib.crc32(data, typeof seed === 'number' ? seed >>> 0 : 0) | 0;
  } catch {
    // Another layout of exceljs's dependencies: its own JavaScript CRC-32 (the same checksums, a little
    // slower). A speed-up must never stop a workbook from being written.
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
  stream: { write: (s: string | Buffer) => unknown };
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
  #bytes: Uint8Array[] = [];
  #byteLength = 0;
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

  /** exceljs asks for the row's own (empty) style first; it is the default style, id 0. */
  #rowStyle(): void {
    if (this.#rowStyled) return;
    const styles = (this.wb as unknown as { styles: { addStyleModel: (m: object, t?: number) => number } }).styles;
    if (styles.addStyleModel({})) throw new Error('xlsx: unexpected row style');
    this.#rowStyled = true;
  }

  /** One row: its cell values (cellValue) and the number formats of the per-row columns. */
  add(values: ExcelJS.CellValue[], formats: string[]): void {
    const n = this.#number++;
    this.#ws._rowZero = this.#number;
    this.#rowStyle();
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
    if (this.#bytes.length) this.#ws.stream.write(Buffer.concat(this.#bytes, this.#byteLength));
    this.#bytes = [];
    this.#byteLength = 0;
  }

  /**
   * XlsxSqlRows: the SQL expression of a row's XML as add() writes it, with this workbook's style ids; the
   * per-row formats' styles are added first, in the order of `decimals` (their first use).
   */
  rowXmlSql(columns: XlsxColumn[], decimals: number[]): string {
    this.#rowStyle();
    const perRow = new Map(decimals.map((d) => [d, this.#styleId({ numFmt: numFmt(d) }, ValueType.Number)]));
    const type = (c: XlsxColumn) => (c.type === 'text' ? ValueType.String : c.type === 'date' ? ValueType.Date : c.type === 'boolean' ? ValueType.Boolean : ValueType.Number);
    const attr = (id: number) => (id ? ` s="${id}"` : '');
    const cells = columns.map((c, i) => {
      const q = sqlName(c.name);
      const ref = `'<c r="${this.#letters[i]}', xlsx_n, '"'`;
      // The style attribute of a filled and of an empty cell (per-row: a CASE over the row's decimals).
      const [full, empty] = perRowDecimals(c)
        ? [ValueType.Number, ValueType.Null].map((t) => `CASE ${c.decimalsSql} ${decimals.map((d) => `WHEN ${d} THEN ${sqlText(attr(this.#styleId({ numFmt: numFmt(d) }, t)))}`).join(' ')} END`)
        : [type(c), ValueType.Null].map((t) => sqlText(attr(this.#styleId(this.#styles[i], t))));
      const emptyCell = empty === "''" ? "''" : `CASE WHEN ${empty} = '' THEN '' ELSE concat(${ref}, ${empty}, '/>') END`;
      const value = c.type === 'text' ? `${full}, ' t="str"><v>', ${xmlEncodeSql(`CAST(${q} AS VARCHAR)`)}`
        : c.type === 'date' ? `${full}, '><v>', CAST(date_diff('day', DATE '1899-12-30', CAST(${q} AS DATE)) AS VARCHAR)`
          : c.type === 'boolean' ? `${full}, ' t="b"><v>', CASE WHEN ${q} THEN '1' ELSE '0' END`
            : `${full}, '><v>', ${numberTextSql(`CAST(${q} AS DOUBLE)`)}`;
      return `CASE WHEN ${emptySql(c)} THEN ${emptyCell} ELSE concat(${ref}, ${value}, '</v></c>') END`;
    });
    if (perRow.size !== decimals.length) throw new Error('xlsx: per-row decimals listed twice');
    // exceljs writes no row without a value (add()).
    return `CASE WHEN ${columns.map(emptySql).join(' AND ')} THEN '' ELSE concat('<row r="', xlsx_n, '" spans="1:${columns.length}" x14ac:dyDescent="0.25">', ${cells.join(', ')}, '</row>') END`;
  }

  /** XlsxSqlRows: one rendered row (possibly empty: a row without a value). */
  addXml(xml: Uint8Array): void {
    this.#ws._rowZero = ++this.#number;
    if (!xml.length) return;
    this.#bytes.push(xml);
    this.#byteLength += xml.length;
    if (this.#byteLength > 1 << 16) this.flush();
  }
}

async function write(stream: Writable, sheets: XlsxSheet[], o: XlsxOptions): Promise<void> {
  await loadExcel();
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
    const sql = isSqlRows(sheet.rows) ? sheet.rows : undefined;
    const it = sql ? undefined : iterate(sheet.rows as Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>)[Symbol.asyncIterator]();
    // Widths come from the header and the first rows; they must be known before the first row is committed.
    const head: Record<string, unknown>[] = [];
    let more = !!it;
    while (it && more && head.length < 1000) {
      const r = await it.next();
      if (r.done) more = false;
      else head.push(r.value);
    }
    const widths = sheet.columns.map((c, i) => c.width ?? Math.min(60, Math.max(8, c.name.length + 3,
      ...(sql ? (sql.lengths[i] === null ? [] : [sql.lengths[i]! + 1]) : head.map((row) => displayLength(c, cellValue(c, row[c.name])) + 1)))));
    const perRow = sheet.columns.map((c, i) => (perRowDecimals(c) ? i : -1)).filter((i) => i >= 0);
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
    const next = () => {
      if (inSheet === MAX_ROWS) {
        close();
        open();
      }
      inSheet++;
      return rows!;
    };
    if (sql) {
      for await (const batch of sql.render(rows!.rowXmlSql(sheet.columns, sql.decimals))) for (const xml of batch) next().addXml(xml);
    } else {
      const add = (row: Record<string, unknown>) => next().add(sheet.columns.map((c) => cellValue(c, row[c.name])), perRow.map((i) => numFmt(decimalsOf(sheet.columns[i], row))));
      for (const row of head) add(row);
      if (more) for (let r = await it!.next(); !r.done; r = await it!.next()) add(r.value);
    }
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
