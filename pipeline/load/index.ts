/**
 * The loader every build uses: reads an extract folder (CSV or Parquet per table) into DuckDB,
 * enforces the contract's validation rules, and leaves typed src_<table> tables behind for the
 * staging views. Nothing is built from an extract with errors unless `dropInvalid` is set.
 * Persons older than 23 on the extract date are removed at load (processing agreement), with
 * everything that refers to them.
 */
import { existsSync } from 'node:fs';
import { ELFPROEF_MACRO } from '../bsn.ts';
import { BOOLEAN_TRUE, type Column, TABLES } from '../contract.ts';
import type { Db } from '../db.ts';
import { sqlString } from '../db.ts';
import { dropRaw, findSourceFiles, type FileProblem, inspectCsv, rawRowCount, readExtractMeta, readRaw, type ExtractMeta, type SourceFile } from './read.ts';
import { allRules, LOAD_ERRORS_DDL } from './rules.ts';
import { visible } from './values.ts';
import { allSourceDDL } from './schema.ts';

export interface LoadOptions {
  /** Load the valid rows and report the rest, instead of refusing the extract. */
  dropInvalid?: boolean;
  /** The extract date when the folder has no extract.json (already checked: not after today). */
  extractdatum?: string;
  onStage?: (stage: string) => void;
}

export interface RowError {
  file: string;
  tabel: string;
  rij: number;
  kolom: string;
  /** The offending value, or "invalid" where it is personal data. */
  waarde: string;
  reden: string;
}

export interface LoadResult {
  ok: boolean;
  meta?: ExtractMeta;
  files: { table: string; file: string; format: string; bytes: number; rows: number }[];
  fileProblems: FileProblem[];
  /** Row errors per table (all of them counted, a capped sample in `rowErrors`). */
  errorCounts: Record<string, number>;
  rowErrors: RowError[];
  /** Rows not loaded per table because they were invalid (only with dropInvalid). */
  dropped: Record<string, number>;
  /** Persons removed because they were older than 23 on the extract date. */
  over23: number;
  loaded: Record<string, number>;
}

/** Most row errors shown per file. */
export const ERRORS_SHOWN_PER_FILE = 20;

export async function loadExtract(db: Db, dir: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const result: LoadResult = {
    ok: false, files: [], fileProblems: [], errorCounts: {}, rowErrors: [], dropped: {}, over23: 0, loaded: {},
  };
  opts.onStage?.('read');
  const { files, problems } = findSourceFiles(dir);
  if (!existsSync(dir)) {
    result.fileProblems.push(...problems);
    return result;
  }
  const { meta, problem } = readExtractMeta(dir, opts.extractdatum);
  if (problem) result.fileProblems.push(problem);
  result.meta = meta;
  result.fileProblems.push(...problems);

  await db.run(ELFPROEF_MACRO);
  await db.run(allSourceDDL());
  await db.run(LOAD_ERRORS_DDL);
  if (meta) {
    await db.run('INSERT INTO extract_meta VALUES (CAST($d AS DATE), $b)', { d: meta.extractdatum, b: meta.bron ?? null });
    // A constant for the validation rules (a scalar subquery per row would be re-evaluated).
    await db.run('SET VARIABLE extractdatum = (SELECT extractdatum FROM extract_meta)');
  }

  const readable: SourceFile[] = [];
  for (const src of files) {
    const p = (src.format === 'csv' ? inspectCsv(src) : undefined) ?? (await readRaw(db, src));
    if (p) result.fileProblems.push(p);
    else readable.push(src);
  }
  for (const src of readable) {
    result.files.push({ table: src.table.name, file: src.file, format: src.format, bytes: src.bytes, rows: await rawRowCount(db, src.table) });
  }
  // Without the extract date the date rules cannot run; without every file the references cannot.
  if (!meta) return result;

  opts.onStage?.('validate');
  const present = new Set(readable.map((s) => s.table.name));
  for (const sql of allRules(present, !!opts.dropInvalid)) await db.run(sql);
  await collectErrors(db, result, readable);

  const hasErrors = result.fileProblems.length > 0 || Object.keys(result.errorCounts).length > 0;
  if (result.fileProblems.length > 0 || (hasErrors && !opts.dropInvalid)) return result;

  opts.onStage?.('load');
  for (const src of readable) {
    const t = src.table;
    const cols = t.columns.map(typedColumn).join(', ');
    await db.run(`INSERT INTO src_${t.name} SELECT ${cols} FROM raw_${t.name}
      WHERE _row NOT IN (SELECT rij FROM load_errors WHERE tabel = ${sqlString(t.name)})`);
    result.dropped[t.name] = result.errorCounts[t.name] ? await countDistinctErrorRows(db, t.name) : 0;
    await dropRaw(db, t);
  }
  result.over23 = await dropOver23(db);
  for (const t of TABLES) {
    result.loaded[t.name] = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM src_${t.name}`)).n;
  }
  result.ok = true;
  return result;
}

function typedColumn(c: Column): string {
  const v = c.name;
  if (c.bsn) return `CAST(${v} AS INTEGER)`; // valid: 9 digits (see schema.ts)
  switch (c.type) {
    case 'date': return `CAST(${v} AS DATE)`;
    case 'integer': return `CAST(${v} AS INTEGER)`;
    case 'boolean': return `lower(${v}) IN (${BOOLEAN_TRUE.map(sqlString).join(', ')})`;
    default: return v;
  }
}

async function countDistinctErrorRows(db: Db, tabel: string): Promise<number> {
  return (await db.one<{ n: number }>('SELECT count(DISTINCT rij) AS n FROM load_errors WHERE tabel = $t', { t: tabel })).n;
}

async function collectErrors(db: Db, result: LoadResult, readable: SourceFile[]): Promise<void> {
  const counts = await db.all<{ tabel: string; n: number }>('SELECT tabel, count(*) AS n FROM load_errors GROUP BY tabel');
  for (const { tabel, n } of counts) result.errorCounts[tabel] = n;
  const sample = await db.all<{ tabel: string; rij: number; kolom: string; waarde: string | null; reden: string }>(`
    SELECT tabel, rij, kolom, waarde, reden FROM (
      SELECT *, row_number() OVER (PARTITION BY tabel ORDER BY rij, kolom, reden) AS k FROM load_errors
    ) WHERE k <= ${ERRORS_SHOWN_PER_FILE} ORDER BY tabel, rij, kolom, reden`);
  const fileOf = new Map<string, string>(readable.map((s) => [s.table.name, s.file.split('/').pop()!]));
  result.rowErrors = sample.map((e) => ({
    file: fileOf.get(e.tabel) ?? e.tabel,
    tabel: e.tabel,
    rij: e.rij,
    kolom: e.kolom,
    waarde: e.waarde === null ? 'invalid' : visible(e.waarde),
    reden: e.reden,
  }));
}

/** Removes persons older than 23 on the extract date (24th birthday on or before it) and all their rows. */
async function dropOver23(db: Db): Promise<number> {
  await db.run(`CREATE OR REPLACE TEMP TABLE over23 AS
    SELECT bsn FROM src_personen
    WHERE CAST(geboortedatum + INTERVAL 24 YEAR AS DATE) <= (SELECT extractdatum FROM extract_meta)`);
  const { n } = await db.one<{ n: number }>('SELECT count(*) AS n FROM over23');
  if (n > 0) {
    await db.run('DELETE FROM src_zaakacties WHERE zaak_id IN (SELECT zaak_id FROM src_zaken WHERE bsn IN (SELECT bsn FROM over23))');
    for (const t of TABLES) {
      if (t.columns.some((c) => c.name === 'bsn')) await db.run(`DELETE FROM src_${t.name} WHERE bsn IN (SELECT bsn FROM over23)`);
    }
  }
  await db.run('DROP TABLE over23');
  return n;
}

/** All row errors (for the rejection report written with --drop-invalid), personal values masked. */
export async function allRowErrors(db: Db): Promise<Omit<RowError, 'file'>[]> {
  const rows = await db.all<{ tabel: string; rij: number; kolom: string; waarde: string | null; reden: string }>(
    'SELECT tabel, rij, kolom, waarde, reden FROM load_errors ORDER BY tabel, rij, kolom, reden',
  );
  return rows.map((r) => ({ ...r, waarde: r.waarde ?? 'invalid' }));
}
