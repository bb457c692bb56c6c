/** Writes a hand-built extract folder (CSV or Parquet per table, plus extract.json) for loader tests. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TABLES } from '../../pipeline/contract.ts';
import { Db, sqlString } from '../../pipeline/db.ts';
import type { FixtureRows } from './fixture.ts';

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",;\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function tempDir(prefix = 'lp-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every table gets a file (header only when no rows are given). */
export function writeCsvExtract(dir: string, rows: FixtureRows, extractdatum = '2025-10-15', delimiter = ','): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'extract.json'), JSON.stringify({ extractdatum, bron: 'test' }));
  for (const t of TABLES) {
    const cols = t.columns.map((c) => c.name);
    const lines = [cols.join(delimiter), ...(rows[t.name] ?? []).map((r) => cols.map((c) => csvCell(r[c])).join(delimiter))];
    writeFileSync(path.join(dir, `${t.name}.csv`), `${lines.join('\n')}\n`);
  }
  return dir;
}

/** Converts a CSV extract folder into a Parquet one (typed columns) with DuckDB. */
export async function csvToParquet(csvDir: string, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'extract.json'), JSON.stringify({ extractdatum: '2025-10-15', bron: 'test' }));
  const db = await Db.open({ threads: 1 });
  try {
    for (const t of TABLES) {
      const types = `{${t.columns.map((c) => `${sqlString(c.name)}: '${c.type === 'date' ? 'DATE' : c.type === 'integer' ? 'INTEGER' : c.type === 'boolean' ? 'BOOLEAN' : 'VARCHAR'}'`).join(', ')}}`;
      await db.run(`COPY (SELECT * FROM read_csv(${sqlString(path.join(csvDir, `${t.name}.csv`))}, header = true, columns = ${types}))
        TO ${sqlString(path.join(outDir, `${t.name}.parquet`))} (FORMAT parquet)`);
    }
  } finally {
    db.close();
  }
  return outDir;
}
