/**
 * runModel on DuckDB with one thread runs the model's files on two connections side by side (a file when the
 * int_* models it mentions are done; the indicators appended in file order); with more threads one file at a
 * time. Both must give the same store, its rows file by file in the order of the indicator files.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadCatalog } from '../pipeline/catalog.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { Db, sqlFiles } from '../pipeline/db.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { loadExtract } from '../pipeline/load/index.ts';
import { runModel } from '../pipeline/model.ts';
import { rmcRegios } from '../pipeline/reference.ts';
import { tempDir } from './helpers/extract-dir.ts';

const config = loadConfig('west-kennemerland');
const work = tempDir('lp-model-');
const extract = path.join(work, 'extract');

beforeAll(async () => {
  await generateExtract({ config, seed: 20261202, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 60 });
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The store's rows as text in rowid order, and each row's indicator file. */
async function store(threads: number): Promise<{ rows: string[]; files: string[] }> {
  const db = await Db.open({ threads });
  try {
    await loadExtract(db, extract);
    await runModel(db, { config, schooljaar: '2024/2025', rmcRegio: rmcRegios(), kwartalen: ['2024-K4', '2025-K1'] });
    const { second } = await db.one<{ second: number }>("SELECT count(*) AS second FROM duckdb_tables() WHERE table_name LIKE 'model_indicator_%'");
    expect(second).toBe(0); // the indicators' own tables are dropped once appended
    const rows = await db.all<{ r: string; indicator: string }>('SELECT CAST(s AS VARCHAR) AS r, indicator FROM indicator_store s ORDER BY rowid');
    const fileOf = new Map(loadCatalog().map((d) => [d.code, d.bestand]));
    return { rows: rows.map((x) => x.r), files: rows.map((x) => fileOf.get(x.indicator)!) };
  } finally {
    db.close();
  }
}

test('one thread (two connections) and two threads (one file at a time) give the same store, file by file in file order', async () => {
  const [one, two] = [await store(1), await store(2)];
  expect(one.rows.length).toBeGreaterThan(1000);
  expect([...one.rows].sort()).toEqual([...two.rows].sort());
  const order = sqlFiles('indicators');
  const rank = (bestand: string) => order.indexOf(path.relative('queries', bestand));
  for (const { files } of [one, two]) {
    const ranks = files.map(rank);
    expect(ranks.every((r) => r >= 0)).toBe(true);
    // Non-decreasing: every file's rows come after the previous file's.
    expect(ranks.every((r, i) => i === 0 || r >= ranks[i - 1])).toBe(true);
  }
}, 300_000);
