/**
 * `generateExtract`: a deterministic synthetic register extract (every table of the input contract) for
 * a region or the whole country. Same seed and arguments → byte-identical files, whatever the number of
 * worker threads. See README.md here for every rate and assumption.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RegionConfig } from '../config/load.ts';
import { TABLE_NAMES } from '../contract.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_EXTRACTDATUM, parseIso, YEAR } from './dates.ts';
import { planRun, type PlanInput } from './plan.ts';
import { runPart, type PartJob, type PartRows } from './run.ts';
import { appendParts, convertToParquet } from './writer.ts';
import { workerEntry } from '../paths.ts';

export interface GenerateOptions {
  /** Region configuration (its gemeenten); required for scale 'region'. */
  config?: RegionConfig;
  /** Default: 'region' when a config is given, else 'national'. */
  scale?: 'region' | 'national';
  seed: number;
  out: string;
  format: 'csv' | 'parquet' | 'both';
  /** YYYY-MM-DD, default 2025-10-15. */
  extractdatum?: string;
  /** Persons per birth cohort in the generated area (default: the area's share of 160,000 nationally). */
  personsPerCohort?: number;
  /** Worker threads (default: one per core for runs above 200,000 persons, else none). */
  workers?: number;
  onProgress?: (msg: string, fraction: number) => void;
}

export interface GenerateResult {
  files: string[];
  rows: Record<string, number>;
}

export { DEFAULT_EXTRACTDATUM };
const PARALLEL_FROM = 200_000;

export { planRun };

export async function generateExtract(opts: GenerateOptions): Promise<GenerateResult> {
  const extractdatum = opts.extractdatum ?? DEFAULT_EXTRACTDATUM;
  let E: number;
  try {
    E = parseIso(extractdatum);
  } catch {
    throw new UsageError(`--extractdatum must be a date YYYY-MM-DD, got "${extractdatum}"`);
  }
  if (YEAR[E] < 1990 || YEAR[E] > 2099) throw new UsageError(`--extractdatum ${extractdatum} is out of range (1990–2099)`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new UsageError(`--seed must be a whole number 0..4294967295, got ${opts.seed}`);
  if (!['csv', 'parquet', 'both'].includes(opts.format)) throw new UsageError(`--format must be csv, parquet or both, got ${opts.format}`);
  const progress = opts.onProgress ?? (() => {});
  const plan: PlanInput = {
    scale: opts.scale ?? (opts.config ? 'region' : 'national'),
    gemeenten: opts.config?.gemeenten.map((g) => ({ code: g.code, naam: g.naam })),
    personsPerCohort: opts.personsPerCohort,
  };
  const { total, area } = planRun(plan);

  const out = path.resolve(opts.out);
  mkdirSync(out, { recursive: true });
  // remove tables of the other format from an earlier run (the loader refuses both)
  for (const t of TABLE_NAMES) {
    if (opts.format === 'parquet') rmSync(path.join(out, `${t}.csv`), { force: true });
    if (opts.format === 'csv') rmSync(path.join(out, `${t}.parquet`), { force: true });
  }
  const csvDir = opts.format === 'parquet' ? path.join(out, '.csv-tmp') : out;
  mkdirSync(csvDir, { recursive: true });

  const nWorkers = Math.max(1, opts.workers ?? (total >= PARALLEL_FROM ? Math.min(4, os.availableParallelism()) : 1));
  progress(`generating ${total.toLocaleString('en')} persons in ${area.length} gemeenten${nWorkers > 1 ? ` (${nWorkers} threads)` : ''}`, 0);
  let done = 0;
  const onDone = (n: number) => {
    done += n;
    progress(`persons ${done.toLocaleString('en')}/${total.toLocaleString('en')}`, (0.9 * done) / total);
  };
  const jobs: PartJob[] = Array.from({ length: nWorkers }, (_, k) => ({
    plan,
    seed: opts.seed >>> 0,
    E,
    dir: csvDir,
    suffix: k === 0 ? '' : `.part${k}`,
    from: Math.floor((total * k) / nWorkers),
    to: Math.floor((total * (k + 1)) / nWorkers),
  }));
  const parts = nWorkers === 1 ? [await runPart(jobs[0], onDone)] : await Promise.all(jobs.map((j) => inWorker(j, onDone)));
  if (nWorkers > 1) {
    progress('joining parts', 0.9);
    for (const t of TABLE_NAMES) {
      await appendParts(path.join(csvDir, `${t}.csv`), jobs.slice(1).map((j) => path.join(csvDir, `${t}.csv${j.suffix}`)));
    }
  }
  const rows: Record<string, number> = {};
  for (const t of TABLE_NAMES) rows[t] = parts.reduce((s, r) => s + r[t], 0);
  progress('csv written', 0.9);

  const files: string[] = [];
  const meta = path.join(out, 'extract.json');
  writeFileSync(meta, `${JSON.stringify({ extractdatum, bron: 'synthetisch demonstratiebestand van leerplicht-rapportage', seed: opts.seed >>> 0 }, null, 2)}\n`);
  files.push(meta);
  if (opts.format !== 'csv') {
    files.push(...(await convertToParquet(csvDir, out, (t) => progress(`parquet ${t}`, 0.9 + (0.1 * TABLE_NAMES.indexOf(t)) / TABLE_NAMES.length))));
  }
  if (opts.format === 'parquet') rmSync(csvDir, { recursive: true, force: true });
  else files.push(...TABLE_NAMES.map((t) => path.join(out, `${t}.csv`)));
  progress('done', 1);
  return { files, rows };
}

/** Runs one part in a worker thread (the compiled worker: see workerEntry). */
async function inWorker(job: PartJob, onDone: (n: number) => void): Promise<PartRows> {
  const entry = await workerEntry('pipeline/generate/worker.js');
  return new Promise((resolve, reject) => {
    const w = new Worker(entry, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    let result: PartRows | undefined;
    w.on('message', (m: { type: string; done?: number; rows?: PartRows }) => {
      if (m.type === 'progress') onDone(m.done!);
      else if (m.type === 'done') result = m.rows;
    });
    w.once('error', reject);
    w.once('exit', (code) => (result ? resolve(result) : reject(new Error(`generator worker stopped (exit code ${code}) without a result`))));
  });
}
