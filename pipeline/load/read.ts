/**
 * Reads the extract folder's files into raw all-VARCHAR tables (raw_<table>) with a `_row` column
 * (the line number in a CSV file, header = line 1; the 1-based row number in a Parquet file).
 * File-level problems (missing, empty, wrong header, wrong encoding, malformed CSV) are collected,
 * one clear message per file, so the user sees every problem of a run at once.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Column, type Table, TABLES } from '../contract.ts';
import { environmentError } from '../errors.ts';
import { type Db, sqlString } from '../db.ts';
import { todayIso } from '../extractdatum.ts';
import { normBsn } from './rules.ts';
import { isCalendarDate, looksLikeColumnName, visible } from './values.ts';

export interface ExtractMeta {
  extractdatum: string;
  bron?: string;
}

export interface SourceFile {
  table: Table;
  file: string;
  format: 'csv' | 'parquet';
  delimiter?: ',' | ';';
  /** CSV header as found by inspectCsv. */
  header?: string[];
  bytes: number;
}

export interface FileProblem {
  file: string;
  reason: string;
}

/**
 * The extract's date: from extract.json, or `given` (--extractdatum or the project file), which makes
 * extract.json optional. Both present and different is a problem, as is a date after today.
 */
export function readExtractMeta(dir: string, given?: string): { meta?: ExtractMeta; problem?: FileProblem } {
  const file = path.join(dir, 'extract.json');
  if (!existsSync(file)) {
    if (given) return { meta: { extractdatum: given } };
    return { problem: { file: 'extract.json', reason: 'missing: the extract folder must hold extract.json with {"extractdatum": "YYYY-MM-DD"}, or give --extractdatum' } };
  }
  let json: unknown;
  try {
    // A byte order mark (as Windows editors write it) is accepted, as it is in the CSV files.
    json = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return { problem: { file: 'extract.json', reason: `not valid JSON: ${(e as Error).message}` } };
  }
  const d = (json as Record<string, unknown>)?.extractdatum;
  if (typeof d !== 'string' || !isCalendarDate(d)) {
    return { problem: { file: 'extract.json', reason: `"extractdatum" is missing or not a real date YYYY-MM-DD${typeof d === 'string' ? ` (${visible(d)})` : ''}` } };
  }
  if (given && given !== d) {
    return { problem: { file: 'extract.json', reason: `says extractdatum ${d}, but ${given} was given (--extractdatum or the project file): remove one of them` } };
  }
  if (d > todayIso()) return { problem: { file: 'extract.json', reason: `extractdatum ${d} lies after today (${todayIso()}): an extract cannot be taken in the future` } };
  const bron = (json as Record<string, unknown>).bron;
  return { meta: { extractdatum: d, bron: typeof bron === 'string' ? bron : undefined } };
}

/** Finds `<table>.csv` or `<table>.parquet` for every table of the contract. */
export function findSourceFiles(dir: string): { files: SourceFile[]; problems: FileProblem[] } {
  const files: SourceFile[] = [];
  const problems: FileProblem[] = [];
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { files, problems: [{ file: dir, reason: 'the extract folder does not exist (or is not a folder): check --extract' }] };
  }
  for (const table of TABLES) {
    const candidates = (['csv', 'parquet'] as const)
      .map((format) => ({ format, file: path.join(dir, `${table.name}.${format}`) }))
      .filter((c) => existsSync(c.file));
    if (candidates.length === 0) {
      problems.push({ file: `${table.name}.csv`, reason: `missing: expected ${table.name}.csv or ${table.name}.parquet in ${dir}` });
      continue;
    }
    if (candidates.length > 1) {
      problems.push({ file: `${table.name}.*`, reason: `both ${table.name}.csv and ${table.name}.parquet exist; keep one` });
      continue;
    }
    const { format, file } = candidates[0];
    const bytes = statSync(file).size;
    if (bytes === 0) {
      problems.push({ file: path.basename(file), reason: 'empty file: it needs at least the header row' });
      continue;
    }
    files.push({ table, file, format, bytes });
  }
  return { files, problems };
}

function readHead(file: string, n = 65536): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Checks encoding and header of a CSV file and detects its delimiter. */
export function inspectCsv(src: SourceFile): FileProblem | undefined {
  const name = path.basename(src.file);
  let head = readHead(src.file);
  if (head[0] === 0xff || head[0] === 0xfe) {
    return { file: name, reason: 'encoded as UTF-16: save it as UTF-8' };
  }
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) head = head.subarray(3);
  // Cut a possibly split multi-byte character at the end of the sample before decoding strictly.
  const text = (() => {
    for (let cut = 0; cut < 4; cut++) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      } catch {
        /* try a shorter sample */
      }
    }
    return undefined;
  })();
  if (text === undefined) {
    return { file: name, reason: 'not UTF-8 (probably Windows-1252/Latin-1): save it as UTF-8' };
  }
  const firstLine = text.split(/\r?\n/, 1)[0];
  const delimiter = (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',') as ',' | ';';
  src.delimiter = delimiter;
  const header = firstLine.split(delimiter).map((h) => h.trim().replace(/^"(.*)"$/, '$1'));
  src.header = header;
  return headerProblem(src, header);
}

export function headerProblem(src: SourceFile, header: string[]): FileProblem | undefined {
  const name = path.basename(src.file);
  const expected = src.table.columns.map((c) => c.name);
  const missing = expected.filter((c) => !header.includes(c));
  const unexpected = header.filter((c) => !expected.includes(c));
  const dup = header.filter((c, i) => header.indexOf(c) !== i);
  if (!missing.length && !unexpected.length && !dup.length) return undefined;
  const parts = [];
  if (missing.length) parts.push(`missing column(s) ${missing.join(', ')}`);
  // A header cell is shown only when it looks like a column name: a file without its header row has data
  // (a BSN, a birth date) in its first line, which must never be printed.
  const named = unexpected.filter(looksLikeColumnName);
  const unnamed = unexpected.length - named.length;
  if (unnamed === header.length || missing.length === expected.length) {
    return { file: name, reason: `no header row: the first line holds none of the column names (its values are not shown). Add the header row as the first line: ${expected.join(src.delimiter ?? ',')}` };
  }
  if (unexpected.length) {
    const shown = [...named.map(quoted), ...(unnamed ? [`${unnamed} that do not look like column names (not shown)`] : [])];
    parts.push(`unexpected column(s) ${shown.join(', ')}`);
  }
  if (dup.length) parts.push(`duplicate column(s) ${[...new Set(dup)].filter(looksLikeColumnName).join(', ') || '(not shown)'}`);
  return { file: name, reason: `wrong header: ${parts.join('; ')}. Expected: ${expected.join(src.delimiter ?? ',')}` };
}

const quoted = (s: string) => (visible(s).startsWith('"') ? visible(s) : `"${s}"`);

/** Creates raw_<table> (every contract column as VARCHAR, plus _row). Returns a problem instead of throwing. */
export async function readRaw(db: Db, src: SourceFile): Promise<FileProblem | undefined> {
  const name = path.basename(src.file);
  const t = src.table;
  try {
    if (src.format === 'csv') {
      // The header was checked by inspectCsv; columns are read as VARCHAR in the file's own order.
      const ordered = `{${src.header!.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
      // No sniffing: the dialect is known. Malformed records (field count, encoding) are collected in a
      // rejects table so the user gets their record numbers instead of a reader crash.
      await db.run(`CREATE OR REPLACE TEMP TABLE raw_${t.name}_read AS
        SELECT * FROM read_csv(${sqlString(src.file)}, auto_detect = false, header = true, delim = ${sqlString(src.delimiter ?? ',')},
          quote = '"', escape = '"', columns = ${ordered}, encoding = 'utf-8',
          store_rejects = true, rejects_table = 'rej_${t.name}', rejects_scan = 'rejscan_${t.name}')`);
      // csv_line holds the record itself: it is only looked at (is it blank?), never shown.
      const rejects = await db.all<{ line: number; error_type: string; error_message: string; blank: boolean }>(
        `SELECT line, any_value(error_type) AS error_type, any_value(error_message) AS error_message,
           bool_and(trim(coalesce(csv_line, ''), ' \t\r\n') = '') AS blank
         FROM rej_${t.name} GROUP BY line ORDER BY line`);
      await db.run(`DROP TABLE rej_${t.name}; DROP TABLE rejscan_${t.name}`);
      if (rejects.length) {
        await db.run(`DROP TABLE raw_${t.name}_read`);
        return { file: name, reason: explainRejects(rejects) };
      }
      // No copy: empty fields are already NULL; the record number is the table's rowid (header = 1).
      await padBsns(db, t);
      // A header row repeated inside the file (files concatenated) is one problem of its line, not a wrong
      // value in every column: it is reported as such and kept out of every other rule.
      // Every rule scans the view raw_<table>: it tests rows for a repeated header only when the file has one.
      // Testing each row in every scan cost ~0.3 s per scan of the national inschrijvingen (8 million rows),
      // ten times the scan itself; the search below is a filter, which DuckDB answers from the columns'
      // statistics when no value can match.
      const isHeader = src.header!.map((c) => `${c} = ${sqlString(c)}`).join(' AND ');
      const line = await csvLineNumber(db, src);
      await db.run(`INSERT INTO load_errors SELECT ${sqlString(t.name)}, ${line}, ${sqlString(WHOLE_ROW)}, NULL, 'the header row is repeated on this line: remove it' FROM raw_${t.name}_read WHERE ${isHeader}`);
      const repeated = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM load_errors WHERE tabel = ${sqlString(t.name)} AND kolom = ${sqlString(WHOLE_ROW)}`)).n > 0;
      await db.run(`CREATE OR REPLACE TEMP VIEW raw_${t.name} AS SELECT *, ${line} AS _row FROM raw_${t.name}_read${repeated ? ` WHERE NOT coalesce(${isHeader}, false)` : ''}`);
    } else {
      const described = await db.all<{ column_name: string; column_type: string }>(
        `DESCRIBE SELECT * FROM read_parquet(${sqlString(src.file)})`,
      );
      const header = described.map((r) => r.column_name);
      const p = headerProblem(src, header);
      if (p) return p;
      const typeOf = new Map(described.map((r) => [r.column_name, r.column_type]));
      // Every column as text, so Parquet goes through exactly the same rules as CSV.
      await db.run(`CREATE OR REPLACE TEMP TABLE raw_${t.name}_read AS
        SELECT ${t.columns.map((c) => `NULLIF(${parquetAsText(c.name, c.type, typeOf.get(c.name)!)}, '') AS ${c.name}`).join(', ')} FROM read_parquet(${sqlString(src.file)})`);
      await padBsns(db, t);
      await db.run(`CREATE OR REPLACE TEMP VIEW raw_${t.name} AS SELECT *, CAST(rowid + 1 AS BIGINT) AS _row FROM raw_${t.name}_read`);
    }
    return undefined;
  } catch (e) {
    // A full disk or too little memory is the machine's problem, not the file's: not blamed on the extract.
    const env = environmentError(e);
    if (env) throw env;
    return { file: name, reason: explainReadError((e as Error).message, src.format) };
  }
}

/**
 * A Parquet column as the text a CSV would hold: a DATE or TIMESTAMP as its date (YYYY-MM-DD; a timestamp's
 * time of day is dropped), a floating-point whole number without its ".0" (35.5 stays 35.5 and is refused).
 */
function parquetAsText(col: string, want: Column['type'], type: string): string {
  if (want === 'date' && /^(DATE|TIMESTAMP)/.test(type)) return `CAST(CAST(${col} AS DATE) AS VARCHAR)`;
  if (want === 'integer' && /^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(type)) {
    return `CASE WHEN ${col} = trunc(${col}) AND abs(${col}) < 1e15 THEN CAST(CAST(${col} AS BIGINT) AS VARCHAR) ELSE CAST(${col} AS VARCHAR) END`;
  }
  return `CAST(${col} AS VARCHAR)`;
}

function explainRejects(rejects: { line: number; error_type: string; error_message: string; blank: boolean }[]): string {
  if (rejects.some((r) => r.error_type === 'INVALID ENCODING')) {
    return `not UTF-8 (first at record ${rejects.find((r) => r.error_type === 'INVALID ENCODING')!.line}; probably Windows-1252/Latin-1): save it as UTF-8`;
  }
  const blank = rejects.filter((r) => r.blank);
  if (blank.length === rejects.length) {
    return `line${blank.length > 1 ? 's' : ''} ${blank.slice(0, 10).map((r) => r.line).join(', ')}${blank.length > 10 ? ` (and ${blank.length - 10} more)` : ''} hold${blank.length > 1 ? '' : 's'} only spaces or tabs: remove ${blank.length > 1 ? 'them' : 'it'}.`;
  }
  // The reader's messages name counts and types, never the record's values.
  const shown = rejects.slice(0, 5).map((r) => `record ${r.line}: ${r.blank ? 'only spaces or tabs' : r.error_message}`).join('; ');
  const more = rejects.length > 5 ? ` (and ${rejects.length - 5} more)` : '';
  return `malformed CSV: ${shown}${more}. Check delimiters and quotes.`;
}

/**
 * The SQL expression for a CSV record's line number (header = 1). DuckDB skips empty lines, so its row
 * number alone would put every record after an empty line one line too early; the empty lines are found
 * here (a fast byte search, then a line count only when there is one) and added back.
 */
async function csvLineNumber(db: Db, src: SourceFile): Promise<string> {
  const blanks = emptyLines(src.file);
  if (!blanks.length) return 'CAST(rowid + 2 AS BIGINT)';
  // The j-th empty line (1-based) at line b comes after b - 1 - j data records: from that record on, add j.
  const values = blanks.map((b, i) => `(${b - 2 - i}, ${i + 1})`).join(', ');
  const t = `blanks_${src.table.name}`;
  await db.run(`CREATE OR REPLACE TEMP TABLE ${t} AS SELECT * FROM (VALUES ${values}) v(from_row, shift)`);
  return `CAST(rowid + 2 + coalesce((SELECT max(shift) FROM ${t} WHERE from_row <= rowid), 0) AS BIGINT)`;
}

/** Line numbers (1-based) of the empty lines of a file that are followed by more data. */
export function emptyLines(file: string): number[] {
  const chunk = 1 << 22;
  const buf = Buffer.alloc(chunk + 2);
  const fd = openSync(file, 'r');
  try {
    // Fast path: is there any "\n\n" or "\n\r\n" at all? (memchr-speed; most files have none)
    let found = false;
    let carry = 0;
    for (let pos = 0; !found; ) {
      const n = readSync(fd, buf, carry, chunk, pos);
      if (n === 0) break;
      const view = buf.subarray(0, carry + n);
      found = view.indexOf('\n\n') >= 0 || view.indexOf('\n\r\n') >= 0;
      pos += n;
      carry = Math.min(2, view.length);
      view.copy(buf, 0, view.length - carry);
    }
    if (!found) return [];
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const out: number[] = [];
    let last = lines.length;
    while (last > 0 && lines[last - 1].replace('\r', '') === '') last--;
    for (let i = 1; i < last; i++) if (lines[i] === '' || lines[i] === '\r') out.push(i + 1);
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Left-pads 8-digit BSNs to 9 digits, once, so every rule and join after this sees the normalised number. */
async function padBsns(db: Db, t: Table): Promise<void> {
  for (const c of t.columns.filter((x) => x.bsn)) {
    await db.run(`UPDATE raw_${t.name}_read SET ${c.name} = ${normBsn(c.name)} WHERE length(${c.name}) = 8`);
  }
}

/** The `kolom` of a load error about a whole line: a header row repeated inside a CSV file. */
const WHOLE_ROW = '(whole row)';

/**
 * The records of a table read by readRaw, repeated header rows not counted: the read table's count (free)
 * minus the header rows readRaw reported, instead of a scan of the view that tests every row for one.
 */
export async function rawRowCount(db: Db, t: Table): Promise<number> {
  const { n } = await db.one<{ n: number }>(`SELECT (SELECT count(*) FROM raw_${t.name}_read)
    - (SELECT count(*) FROM load_errors WHERE tabel = ${sqlString(t.name)} AND kolom = ${sqlString(WHOLE_ROW)}) AS n`);
  return n;
}

/** Drops the raw table of a table and its view. */
export async function dropRaw(db: Db, t: Table): Promise<void> {
  await db.run(`DROP VIEW IF EXISTS raw_${t.name}; DROP TABLE IF EXISTS raw_${t.name}_read`);
}

/** Turns DuckDB's reader errors into one line a user can act on. */
function explainReadError(msg: string, format: SourceFile['format']): string {
  if (format === 'parquet') return `cannot be read as Parquet: ${msg.split('\n')[0].replace(/\s*\(?line \d+\)?/gi, '')}`;
  if (/unicode|utf-?8/i.test(msg)) return 'not UTF-8 (probably Windows-1252/Latin-1): save it as UTF-8';
  const line = /line[: ]+(\d+)/i.exec(msg)?.[1];
  if (/Expected Number of Columns|too many columns|Too few columns|column count/i.test(msg)) {
    return `malformed CSV${line ? ` at line ${line}` : ''}: a row has a different number of fields than the header (check delimiters and quotes)`;
  }
  return `cannot be read${line ? ` (line ${line})` : ''}: ${msg.split('\n')[0]}`;
}
