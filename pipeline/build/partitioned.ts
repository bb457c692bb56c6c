/**
 * Many CSV files from one query in one pass (DuckDB's partitioned COPY): the query's `bestand` column names
 * the file each row goes to; a file whose query has no rows gets only its header.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db.ts';
import { readQuery } from '../db.ts';
import { writeCsv, writeCsvPartitioned } from '../csv.ts';
import type { BuildEffects } from './effects.ts';

/**
 * Runs `queries/<file>` and writes the rows of each `bestand` value to `files.get(value)`, in the order of
 * `sortKeys` (which, with `bestand`, are left out of the files).
 */
export async function writeCsvPerFile(db: Db, fx: BuildEffects, file: string, sortKeys: string[], files: Map<string, string>): Promise<void> {
  const select = readQuery(file);
  const parts = fx.outputPath(`.${path.basename(file, '.sql')}`);
  await writeCsvPartitioned(db, select, parts, 'bestand', sortKeys);
  try {
    for (const [bestand, rel] of files) {
      const part = path.join(parts, `bestand=${bestand}`, 'data_0.csv');
      if (existsSync(part)) renameSync(part, fx.outputPath(rel));
      else await writeCsv(db, `SELECT * EXCLUDE (bestand, ${sortKeys.join(', ')}) FROM (${select}) WHERE false`, fx.outputPath(rel));
    }
  } finally {
    rmSync(parts, { recursive: true, force: true });
  }
}
