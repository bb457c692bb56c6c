/**
 * Output: one buffered CSV stream per table (header from the contract, lines built by the generator),
 * and conversion of the CSV files to Parquet through DuckDB with explicit column types.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { TABLE_NAMES, TABLES, sqlType, type TableName } from '../contract.ts';
import { Db, sqlString } from '../db.ts';

const FLUSH_AT = 1 << 15; // characters buffered per table before a write


export class CsvTable {
  /** Lines waiting to be written, joined into one string per write (faster than Buffer.write per line). */
  private lines: string[] = [];
  private chars = 0;
  rows = 0;
  /** Set when the stream's buffer is full: resolves on its next 'drain'. */
  private pending: Promise<unknown> | undefined;

  constructor(
    readonly name: TableName,
    readonly file: string,
    private readonly stream: WriteStream,
    header: boolean,
  ) {
    const t = TABLES.find((x) => x.name === name)!;
    if (header) this.lines.push(`${t.columns.map((c) => c.name).join(',')}\n`);
  }

  /** Appends one complete line (ending in "\n"). */
  add(line: string): void {
    this.lines.push(line);
    this.rows++;
    if ((this.chars += line.length) >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (!this.lines.length) return;
    // Only scholen holds free text; every other table is plain ASCII, which latin1 encodes fastest (same bytes).
    const encoding = this.name === 'scholen' ? 'utf8' : 'latin1';
    if (!this.stream.write(this.lines.join(''), encoding) && !this.pending) this.pending = once(this.stream, 'drain');
    this.lines = [];
    this.chars = 0;
  }

  /** Resolves once the stream has room again (backpressure). */
  async drain(): Promise<void> {
    if (this.pending) {
      await this.pending;
      this.pending = undefined;
    }
  }

  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(() => resolve());
    });
  }
}

export type Tables = Record<TableName, CsvTable>;

/** One CSV stream per table: `<dir>/<table>.csv<suffix>`, with the header row when `header`. */
export function openTables(dir: string, suffix = '', header = true): Tables {
  const out = {} as Tables;
  for (const name of TABLE_NAMES) {
    const file = path.join(dir, `${name}.csv${suffix}`);
    out[name] = new CsvTable(name, file, createWriteStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), header);
  }
  return out;
}

/** Appends `parts` to `target` in order and removes them. */
export async function appendParts(target: string, parts: readonly string[]): Promise<void> {
  const out = createWriteStream(target, { flags: 'a', highWaterMark: 1 << 22 });
  for (const part of parts) {
    await pipeline(createReadStream(part, { highWaterMark: 1 << 22 }), out, { end: false });
    rmSync(part, { force: true });
  }
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

export async function drainAll(t: Tables): Promise<void> {
  for (const name of TABLE_NAMES) await t[name].drain();
}

export async function closeAll(t: Tables): Promise<void> {
  await Promise.all(TABLE_NAMES.map((n) => t[n].close()));
}

/** Converts `<csvDir>/<table>.csv` to `<outDir>/<table>.parquet` for every table, keeping row order. */
export async function convertToParquet(csvDir: string, outDir: string, onTable?: (name: TableName) => void): Promise<string[]> {
  const db = await Db.open();
  const files: string[] = [];
  try {
    await db.run('SET preserve_insertion_order = true');
    for (const t of TABLES) {
      onTable?.(t.name);
      const columns = `{${t.columns.map((c) => `${sqlString(c.name)}: ${sqlString(sqlType(c.type))}`).join(', ')}}`;
      const src = path.join(csvDir, `${t.name}.csv`);
      const dst = path.join(outDir, `${t.name}.parquet`);
      await db.run(`COPY (SELECT * FROM read_csv(${sqlString(src)}, header = true, delim = ',', quote = '"', escape = '"',
        columns = ${columns}, dateformat = '%Y-%m-%d', nullstr = '', auto_detect = false, strict_mode = true))
        TO ${sqlString(dst)} (FORMAT parquet, COMPRESSION zstd)`);
      files.push(dst);
    }
  } finally {
    db.close();
  }
  return files;
}
