/** DuckDB access: one in-memory database per build, SQL files from `queries/`, bound parameters. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBPreparedStatement, DuckDBTypeId, type DuckDBValue, type DuckDBVector } from '@duckdb/node-api';
import { toolPath } from './paths.ts';

export const QUERIES_ROOT = toolPath('queries');

export interface DbOptions {
  /** DuckDB worker threads (default: all cores). */
  threads?: number;
  /** DuckDB memory limit, e.g. `3GB`. */
  memoryLimit?: string;
  /** Where DuckDB spills what does not fit under `memoryLimit` (the caller creates and removes it). */
  tempDirectory?: string;
}

export type Params = Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

/** The column types `plainRows` reads as they are (see there). */
const PLAIN = new Set([DuckDBTypeId.VARCHAR, DuckDBTypeId.ENUM, DuckDBTypeId.DOUBLE, DuckDBTypeId.FLOAT, DuckDBTypeId.INTEGER, DuckDBTypeId.SMALLINT,
  DuckDBTypeId.TINYINT, DuckDBTypeId.UTINYINT, DuckDBTypeId.USMALLINT, DuckDBTypeId.UINTEGER, DuckDBTypeId.BOOLEAN, DuckDBTypeId.BIGINT]);

export class Db {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    /** Whether `close` closes the database too (not for a second connection: `connect`). */
    private readonly owner = true,
  ) {}

  static async open(options: DbOptions = {}): Promise<Db> {
    const config: Record<string, string> = {
      // No extension may be downloaded on these machines; parquet/json/icu are built in.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
    };
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    if (options.tempDirectory) config.temp_directory = options.tempDirectory;
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    return new Db(instance, conn);
  }

  /** Runs one or more statements; parameters are bound, never spliced. */
  async run(sql: string, params?: Params): Promise<void> {
    if (params && Object.keys(params).length) {
      await this.conn.run(sql, params);
    } else {
      await this.conn.run(sql);
    }
  }

  /** Runs a query and returns its rows as plain JS objects (dates as `YYYY-MM-DD` strings, integers as numbers). */
  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    const reader = params && Object.keys(params).length
      ? await this.conn.runAndReadAll(sql, params)
      : await this.conn.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((r) => normaliseRow(r)) as T[];
  }

  /**
   * The rows of a large result as plain objects, read straight from DuckDB's vectors: no value converter per
   * cell, so ~30% less CPU than `all` on the national store's million rows. Only for columns whose values
   * need no conversion: text (VARCHAR, ENUM: a string), DOUBLE, INTEGER and smaller (a number), BOOLEAN,
   * BIGINT (a bigint); any other type is refused (cast it in the SQL). `more`: properties every row gets after
   * the columns, with these first values (for a caller that sets them later: the rows keep one shape).
   */
  async plainRows<T = Row>(sql: string, more: Row = {}): Promise<T[]> {
    const result = await this.conn.run(sql);
    const names = result.columnNames();
    result.columnTypes().forEach((t, k) => {
      if (!PLAIN.has(t.typeId)) throw new Error(`plainRows: column ${names[k]} is ${t}; cast it to a plain type in the SQL`);
    });
    // Each row made by one object literal compiled for these columns: its properties in the object itself, one
    // allocation (added one by one to `{}`, they go to a second store that grows). National store: ~0.8 s less.
    const keys = [...names, ...Object.keys(more)];
    if (keys.includes('__proto__')) throw new Error('plainRows: a column named __proto__');
    const make = new Function('v', 'i', 'more', `return { ${keys.map((name, k) => `${JSON.stringify(name)}: ${k < names.length ? `v[${k}].getItem(i)` : `more[${JSON.stringify(name)}]`}`).join(', ')} };`) as
      (vectors: DuckDBVector[], i: number, more: Row) => Row;
    const rows: Row[] = [];
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const vectors = names.map((_, k) => chunk!.getColumnVector(k));
      for (let i = 0; i < chunk.rowCount; i++) rows.push(make(vectors, i, more));
    }
    return rows as T[];
  }

  async one<T = Row>(sql: string, params?: Params): Promise<T> {
    const rows = await this.all<T>(sql, params);
    if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}: ${sql.slice(0, 80)}`);
    return rows[0];
  }

  /**
   * Runs an SQL file from `queries/`. A file may hold several statements; `$name` parameters are bound
   * from `params` (only those the file uses are passed, so one params object can serve every file).
   * Errors start with the file's name.
   */
  async runFile(relPath: string, params: Params = {}): Promise<void> {
    const sql = readQuery(relPath);
    const statements = await this.conn.extractStatements(sql);
    for (let i = 0; i < statements.count; i++) await this.execute(await statements.prepare(i), params, relPath);
  }

  /** Runs one statement with the `$name` parameters it uses taken from `params`; errors start with `source`. */
  async runStatement(sql: string, params: Params, source: string): Promise<void> {
    await this.execute(await this.conn.prepare(sql), params, source);
  }

  private async execute(prepared: DuckDBPreparedStatement, params: Params, source: string): Promise<void> {
    try {
      const wanted: Params = {};
      for (let p = 1; p <= prepared.parameterCount; p++) {
        const name = prepared.parameterName(p);
        if (!(name in params)) throw new Error(`${source}: parameter $${name} is not bound`);
        wanted[name] = params[name];
      }
      if (prepared.parameterCount) prepared.bind(wanted);
      await prepared.run().catch((e: Error) => {
        throw new Error(`${source}: ${e.message}`);
      });
    } finally {
      // Freed now, not when the GC gets to it: a prepared statement keeps its query's memory.
      prepared.destroySync();
    }
  }


  /** DuckDB's threads now (a setting of the whole database). */
  async threads(): Promise<number> {
    return Number((await this.one<{ n: number }>("SELECT CAST(current_setting('threads') AS INTEGER) AS n")).n);
  }

  /** Runs `fn` with DuckDB on `threads(now)` threads, `now` being its threads before, then sets them back. */
  async withThreads<T>(threads: (now: number) => number, fn: () => Promise<T>): Promise<T> {
    const before = await this.threads();
    const during = Math.trunc(threads(before));
    if (during === before) return fn();
    await this.run(`SET threads = ${during}`);
    try {
      return await fn();
    } finally {
      // A failure of fn is the one to report; a setting not set back only leaves the build on fewer threads.
      await this.run(`SET threads = ${before}`).catch(() => undefined);
    }
  }

  /** Another connection to the same database, to run a query while this one runs another; `close` closes only it. */
  async connect(): Promise<Db> {
    return new Db(this.instance, await this.instance.connect(), false);
  }

  close(): void {
    this.conn.closeSync();
    if (this.owner) this.instance.closeSync();
  }
}

export function readQuery(relPath: string): string {
  return readFileSync(path.join(QUERIES_ROOT, relPath), 'utf8');
}

/** The `.sql` files under `queries/<dir>`, relative to `queries/`, in name order (folders' files in place). */
export function sqlFiles(dir: string): string[] {
  const abs = path.join(QUERIES_ROOT, dir);
  const out: string[] = [];
  for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory()) out.push(...sqlFiles(path.join(dir, e.name)));
    else if (e.name.endsWith('.sql')) out.push(path.join(dir, e.name));
  }
  return out;
}

/** BIGINT → number (counts fit easily), DATE → `YYYY-MM-DD`; everything else as DuckDB's JS conversion gives it. */
function normaliseRow(r: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(r)) {
    out[k] = typeof v === 'bigint' ? Number(v) : v instanceof Date ? v.toISOString().slice(0, 10) : v;
  }
  return out;
}

/** SQL string literal (for identifiers and file paths we construct ourselves, never for data values). */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * A select list of `table`'s columns (`columns`, default all, qualified by `alias`) with every text column cast to
 * an ENUM of its own values, the types (`<prefix>_<column>`) made here. The rows are the same (an ENUM arrives as its
 * text), but Node gets each distinct text once per chunk instead of decoding every cell: reading a million rows
 * into JS takes about half the time. `types` lists the types made, for the caller to drop when done.
 */
export async function textAsEnums(db: Db, table: string, prefix: string, o: { columns?: string[]; alias?: string } = {}): Promise<{ select: string[]; types: string[] }> {
  const described = await db.all<{ name: string; type: string }>(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${table})`);
  const text = new Set(described.filter((c) => c.type === 'VARCHAR').map((c) => c.name));
  const select: string[] = [];
  const types: string[] = [];
  for (const name of o.columns ?? described.map((c) => c.name)) {
    const column = `${o.alias ?? ''}${name}`;
    if (!text.has(name)) {
      select.push(column);
      continue;
    }
    const type = `${prefix}_${name}`;
    await db.run(`DROP TYPE IF EXISTS ${type}; CREATE TYPE ${type} AS ENUM (SELECT DISTINCT ${name} FROM ${table} WHERE ${name} IS NOT NULL ORDER BY 1)`);
    select.push(`CAST(${column} AS ${type}) AS ${name}`);
    types.push(type);
  }
  return { select, types };
}
