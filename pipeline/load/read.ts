/**
 * Reads the extract folder's files into raw all-VARCHAR tables (raw_<table>) with a `_row` column
 * (the line number in a CSV file, header = line 1; the 1-based row number in a Parquet file).
 * File-level problems (missing, empty, wrong header, wrong encoding, malformed CSV) are collected,
 * one clear message per file, so the user sees every problem of a run at once.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Table, TABLES } from '../contract.ts';
import { type Db, sqlString } from '../db.ts';
import { todayIso } from '../extractdatum.ts';
import { normBsn } from './rules.ts';

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
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { problem: { file: 'extract.json', reason: `not valid JSON: ${(e as Error).message}` } };
  }
  const d = (json as Record<string, unknown>)?.extractdatum;
  if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) {
    return { problem: { file: 'extract.json', reason: '"extractdatum" is missing or not a date YYYY-MM-DD' } };
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
  if (unexpected.length) parts.push(`unexpected column(s) ${unexpected.map((c) => JSON.stringify(c)).join(', ')}`);
  if (dup.length) parts.push(`duplicate column(s) ${dup.join(', ')}`);
  return { file: name, reason: `wrong header: ${parts.join('; ')}. Expected: ${expected.join(src.delimiter ?? ',')}` };
}

/** Creates raw_<table> (every contract column as VARCHAR, plus _row). Returns a problem instead of throwing. */
export async function readRaw(db: Db, src: SourceFile): Promise<FileProblem | undefined> {
  const name = path.basename(src.file);
  const t = src.table;
  const cols = t.columns.map((c) => c.name);
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
      const rejects = await db.all<{ line: number; error_type: string; error_message: string }>(
        `SELECT line, error_type, error_message FROM rej_${t.name} ORDER BY line`);
      await db.run(`DROP TABLE rej_${t.name}; DROP TABLE rejscan_${t.name}`);
      if (rejects.length) {
        await db.run(`DROP TABLE raw_${t.name}_read`);
        return { file: name, reason: explainRejects(rejects) };
      }
      // No copy: empty fields are already NULL; the record number is the table's rowid (header = 1).
      await padBsns(db, t);
      await db.run(`CREATE OR REPLACE TEMP VIEW raw_${t.name} AS SELECT *, CAST(rowid + 2 AS BIGINT) AS _row FROM raw_${t.name}_read`);
    } else {
      const header = (await db.all<{ column_name: string }>(
        `DESCRIBE SELECT * FROM read_parquet(${sqlString(src.file)})`,
      )).map((r) => r.column_name);
      const p = headerProblem(src, header);
      if (p) return p;
      // Every column as text, so Parquet goes through exactly the same rules as CSV.
      await db.run(`CREATE OR REPLACE TEMP TABLE raw_${t.name}_read AS
        SELECT ${cols.map((c) => `NULLIF(CAST(${c} AS VARCHAR), '') AS ${c}`).join(', ')} FROM read_parquet(${sqlString(src.file)})`);
      await padBsns(db, t);
      await db.run(`CREATE OR REPLACE TEMP VIEW raw_${t.name} AS SELECT *, CAST(rowid + 1 AS BIGINT) AS _row FROM raw_${t.name}_read`);
    }
    return undefined;
  } catch (e) {
    return { file: name, reason: explainReadError((e as Error).message) };
  }
}

function explainRejects(rejects: { line: number; error_type: string; error_message: string }[]): string {
  if (rejects.some((r) => r.error_type === 'INVALID ENCODING')) {
    return `not UTF-8 (first at record ${rejects.find((r) => r.error_type === 'INVALID ENCODING')!.line}; probably Windows-1252/Latin-1): save it as UTF-8`;
  }
  const shown = rejects.slice(0, 5).map((r) => `record ${r.line}: ${r.error_message}`).join('; ');
  const more = rejects.length > 5 ? ` (and ${rejects.length - 5} more)` : '';
  return `malformed CSV: ${shown}${more}. Check delimiters and quotes.`;
}

/** Left-pads 8-digit BSNs to 9 digits, once, so every rule and join after this sees the normalised number. */
async function padBsns(db: Db, t: Table): Promise<void> {
  for (const c of t.columns.filter((x) => x.bsn)) {
    await db.run(`UPDATE raw_${t.name}_read SET ${c.name} = ${normBsn(c.name)} WHERE length(${c.name}) = 8`);
  }
}

/** Drops the raw table of a table and its view. */
export async function dropRaw(db: Db, t: Table): Promise<void> {
  await db.run(`DROP VIEW IF EXISTS raw_${t.name}; DROP TABLE IF EXISTS raw_${t.name}_read`);
}

/** Turns DuckDB's reader errors into one line a user can act on. */
function explainReadError(msg: string): string {
  if (/unicode|utf-?8/i.test(msg)) return 'not UTF-8 (probably Windows-1252/Latin-1): save it as UTF-8';
  const line = /line[: ]+(\d+)/i.exec(msg)?.[1];
  if (/Expected Number of Columns|too many columns|Too few columns|column count/i.test(msg)) {
    return `malformed CSV${line ? ` at line ${line}` : ''}: a row has a different number of fields than the header (check delimiters and quotes)`;
  }
  if (/parquet|magic bytes|Invalid Input/i.test(msg) && !line) return `cannot be read as Parquet: ${msg.split('\n')[0]}`;
  return `cannot be read${line ? ` (line ${line})` : ''}: ${msg.split('\n')[0]}`;
}
