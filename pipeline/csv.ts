/**
 * CSV, one way for every file the tool writes: RFC 4180 quoting (a field is quoted only when it holds the
 * separator, a quote or a line break), UTF-8, a header row, empty field = no value, and lines ending in LF
 * (`\n`) — as DuckDB's COPY writes them, so a file made in Node and one made by DuckDB look alike.
 * The Excel option: `;` separator, decimal comma in the decimal columns, UTF-8 byte order mark (so Excel
 * with Dutch settings opens it right); same columns and rows.
 */
import { excelTextSql } from './export/excel-safe.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Db, type Params, sqlString } from './db.ts';

export const CSV_EOL = '\n';
const BOM = '\uFEFF';

export interface CsvOptions {
  /** Excel-friendly copy (see above). */
  excel?: boolean;
  /** Columns whose values are decimals (written with a comma in the Excel copy). */
  decimalColumns?: Iterable<string>;
}

/** One field: quoted only when it holds the separator, a quote or a line break. */
export function csvField(value: unknown, sep = ','): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /["\r\n]/.test(s) || s.includes(sep) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One line of fields, with its line ending. */
export function csvLine(fields: unknown[], sep = ','): string {
  return `${fields.map((f) => csvField(f, sep)).join(sep)}${CSV_EOL}`;
}

/** A whole file: `columns` in order (default: the keys of the first row), one line per row. */
export function toCsv(rows: readonly object[], opts: CsvOptions & { columns?: string[] } = {}): string {
  const cols = opts.columns ?? Object.keys(rows[0] ?? {});
  if (!cols.length) return '';
  const sep = opts.excel ? ';' : ',';
  const decimals = new Set(opts.excel ? opts.decimalColumns ?? [] : []);
  const cell = (c: string, v: unknown) => (decimals.has(c) && v !== null && v !== undefined ? String(v).replace('.', ',') : v);
  const lines = [csvLine(cols, sep), ...rows.map((r) => csvLine(cols.map((c) => cell(c, (r as Record<string, unknown>)[c])), sep))];
  return `${opts.excel ? BOM : ''}${lines.join('')}`;
}

// ---------------------------------------------------------------------------------------------
// The same format written by DuckDB (for tables too large to hold in Node).

const CSV_OPTIONS = `FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', DATEFORMAT '%Y-%m-%d'`;

/**
 * Free-text columns are always quoted in the files DuckDB writes: DuckDB's own CSV sniffer recognises quoting
 * only when it meets a quoted field in its sample (the first 20,480 rows), so a large dataset whose first
 * label with a comma came later would not read back with a plain `read_csv`.
 */
const ALWAYS_QUOTED = ['label', 'omschrijving'];

async function csvOptions(db: Db, select: string, params?: Params): Promise<string> {
  const cols = (await db.all<{ column_name: string }>(`SELECT column_name FROM (DESCRIBE ${select})`, params)).map((c) => c.column_name);
  const quoted = ALWAYS_QUOTED.filter((c) => cols.includes(c));
  return quoted.length ? `${CSV_OPTIONS}, FORCE_QUOTE (${quoted.join(', ')})` : CSV_OPTIONS;
}

/**
 * Writes a SELECT as CSV; with `sortKey`, rows are written in that column's order and it is left out.
 * `params` are bound to the SELECT's `$name` parameters.
 */
export async function writeCsv(db: Db, select: string, file: string, sortKey?: string, params?: Params): Promise<void> {
  const body = sortKey ? `SELECT * EXCLUDE (${sortKey}) FROM (${select}) ORDER BY ${sortKey}` : select;
  await db.run(`COPY (${body}) TO ${sqlString(file)} (${await csvOptions(db, body, params)})`, params);
}

/**
 * Many CSV files in one pass: one per value of `partitionBy`, as `<dir>/<partitionBy>=<value>/data_0.csv`
 * (DuckDB's partitioned COPY; the partition column is not written). Rows keep the order of `sortKeys`
 * (also left out of the files): the write runs on one thread, since a parallel partitioned write does not
 * keep the order within a file (duckdb/duckdb#14349). Same format as writeCsv.
 */
export async function writeCsvPartitioned(db: Db, select: string, dir: string, partitionBy: string, sortKeys: string[]): Promise<void> {
  const body = `SELECT * EXCLUDE (${sortKeys.filter((k) => k !== partitionBy).join(', ')}) FROM (${select}) ORDER BY ${partitionBy}, ${sortKeys.join(', ')}`;
  const { threads } = await db.one<{ threads: number }>("SELECT CAST(current_setting('threads') AS INTEGER) AS threads");
  await db.run('SET threads = 1');
  try {
    await db.run(`COPY (${body}) TO ${sqlString(dir)} (${await csvOptions(db, body)}, PARTITION_BY (${partitionBy}))`);
  } finally {
    await db.run(`SET threads = ${Number(threads)}`);
  }
}

/** The Excel copy of a SELECT, written by DuckDB: `decimalColumns` get a decimal comma. */
export async function writeExcelCsv(db: Db, select: string, file: string, columns: { name: string; decimal: boolean; text?: boolean }[]): Promise<void> {
  // DuckDB's CSV writer has no decimal separator option: decimals become text with a comma. Text that Excel
  // would take for a formula (=, +, -, @) is neutralised (export/excel-safe.ts).
  // The byte order mark is written by DuckDB as the start of the first column's name (a plain name, which
  // DuckDB does not quote), rather than by reading the file back and writing it again (~200 MB nationally).
  const bomInName = /^[A-Za-z_][A-Za-z0-9_]*$/.test(columns[0]?.name ?? '');
  const cols = columns.map((c, i) => {
    const expr = c.decimal ? `replace(CAST(${c.name} AS VARCHAR), '.', ',')` : c.text ? excelTextSql(c.name) : c.name;
    return `${expr} AS ${i === 0 && bomInName ? `"${BOM}${c.name}"` : c.name}`;
  });
  await db.run(`COPY (SELECT ${cols.join(', ')} FROM (${select})) TO ${sqlString(file)} (FORMAT csv, HEADER true, DELIMITER ';', QUOTE '"', DATEFORMAT '%Y-%m-%d')`);
  if (!bomInName) writeFileSync(file, Buffer.concat([Buffer.from(BOM, 'utf8'), readFileSync(file)]));
}
