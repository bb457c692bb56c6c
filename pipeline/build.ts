/**
 * `leerplicht build`: extract → validated DuckDB → SQL model → indicator store → disclosure control →
 * reports (charts, HTML, PDF) and datasets, written to a temporary folder and moved into
 * `<out>/<regio>/<schooljaar>/` only when everything is complete.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RegionConfig } from './config/load.ts';
import { Db, sqlString } from './db.ts';
import { publishIndicators } from './disclosure.ts';
import { InputError } from './errors.ts';
import { DATASET_ORDER, datasetSql, dictionaryRows, loadCatalogTable, toCsv, writeCsv, writeCsvPartitioned, writeExcelCsv, writeParquet } from './export/dataset.ts';
import { allRowErrors, loadExtract, type LoadResult } from './load/index.ts';
import { formatProblems, rejectionCsv } from './load/report.ts';
import { parseSchooljaar, runModel } from './model.ts';
import { indelingsdatum } from './herindelingen.ts';
import { acquireLock, installInterruptHandlers, onCleanup, OutputTransaction, outputProblem } from './output/atomic.ts';
import { documentKey, previousOutputs, reusable } from './output/cache.ts';
import type { Progress } from './progress.ts';
import { rmcRegios } from './reference.ts';
import { renderTemplate } from './render/html.ts';
import { PdfPrinter, type PdfPrinterOptions, type PrintJob } from './render/pdf.ts';
import { measure, type StageMetrics } from './metrics.ts';
import { Figures } from './reports/figures.ts';
import { jaarverslagChapters, regionScope } from './reports/jaarverslag.ts';
import { narrativeTexts, openNarratives, requireNarratives } from './reports/narrative.ts';
import { rmcChapters, rmcRegions, rmcTitle } from './reports/rmc.ts';
import { buildTellingForm, formRows, formTable, runTellingChecks, submissionSql, TELLING_BUCKETS, workbookSql } from './reports/telling.ts';
import { requireConsistency } from './reports/consistency.ts';
import { definitions } from './reports/definitions.ts';
import { variant } from './config/load.ts';

export const REPORTS = ['jaarverslag', 'telling', 'rmc', 'data'] as const;
export type ReportName = (typeof REPORTS)[number];

/**
 * DuckDB's memory limit unless --memory-limit says otherwise: DuckDB spills to the scratch folder to stay
 * under it; Node (figures, HTML) needs about 1 GB next to it. Measured with `npm run bench` to keep a
 * national build under 4 GB.
 */
export const DEFAULT_MEMORY_LIMIT = '2.5GB';
/** DuckDB's memory limit after the SQL model (disclosure, datasets, reports), when none was chosen. */
const REPORT_MEMORY_LIMIT = '1GB';

export interface BuildOptions {
  extract: string;
  config: RegionConfig;
  schooljaar: string;
  out: string;
  gemeenten?: string[];
  reports?: ReportName[];
  dropInvalid?: boolean;
  /** The extract date when the extract folder has no extract.json (--extractdatum, project file). */
  extractdatum?: string;
  threads?: number;
  memoryLimit?: string;
  /** Print PDFs (default true); false writes only the datasets and HTML-free outputs. */
  pdf?: boolean;
  /** Pages printing at once (default: cores). */
  concurrency?: number;
  /** Date printed on the cover (default: today), YYYY-MM-DD. */
  datum?: string;
  progress: Progress;
  /** Also keep every document's HTML here (bench: to print the same HTML in a floor loop). */
  htmlDir?: string;
  /** Folder of the narrative Markdown (default data/narratief). */
  narrativeRoot?: string;
  /** Print inhoudelijk jaarverslagen with missing or unfinished narrative, marked CONCEPT (default: refuse). */
  concept?: boolean;
  /** Build only shard K of N: every N-th gemeente (sorted by code), for spreading a run over machines. */
  shard?: { k: number; n: number };
  /** Print every document even when the previous build's is still valid (default: reuse). */
  force?: boolean;
  /** Printer overrides (bench: the naive baseline restarts the browser for every document). */
  printer?: PdfPrinterOptions;
  /** The command line, for the manifest. */
  argv?: string[];
}

export interface BuildResult {
  root: string;
  outputs: string[];
  warnings: string[];
  failed: { id: string; error: string }[];
  /** Hard consistency checks of the Leerplichttelling that failed ("<gemeente> <item>: …"). */
  failedChecks: string[];
  /** Documents taken over unchanged from the previous build in the same folder. */
  reused: number;
  stages: StageMetrics[];
  load: LoadResult;
}

export function schooljaarDir(schooljaar: string): string {
  return schooljaar.replace('/', '-');
}

export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Shard K of N: the gemeenten at positions K-1, K-1+N, … in gemeentecode order (deterministic). */
export function shardOf<T extends { code: string }>(gemeenten: T[], shard: { k: number; n: number }): T[] {
  return [...gemeenten].sort((a, b) => a.code.localeCompare(b.code)).filter((_, i) => i % shard.n === shard.k - 1);
}

export function gemeenteDir(code: string, naam: string): string {
  return `${code}-${slug(naam)}`;
}

export async function build(o: BuildOptions): Promise<BuildResult> {
  parseSchooljaar(o.schooljaar);
  const reports = new Set(o.reports ?? REPORTS);
  const config = o.config;
  const chosen = o.gemeenten?.length ? config.gemeenten.filter((g) => o.gemeenten!.includes(g.code)) : config.gemeenten;
  const selected = o.shard ? shardOf(chosen, o.shard) : chosen;
  // Region-level outputs (datasets, region workbook, RMC reports) are written by an unsharded run or shard 1.
  const regionLevel = !o.shard || o.shard.k === 1;
  const manifestName = o.shard ? `manifest-shard-${o.shard.k}-of-${o.shard.n}.json` : 'manifest.json';
  const unknown = (o.gemeenten ?? []).filter((c) => !config.gemeenten.some((g) => g.code === c));
  if (unknown.length) throw new InputError(`--gemeente ${unknown.join(', ')}: not in ${config.file} (has ${config.gemeenten.map((g) => g.code).join(', ')})`);

  if (reports.has('jaarverslag') && !o.concept) {
    requireNarratives(openNarratives(config.regio.code, o.schooljaar, o.narrativeRoot), selected.filter((g) => variant(g) === 'inhoudelijk').map((g) => g.code));
  }
  const root = path.resolve(o.out, config.regio.code, schooljaarDir(o.schooljaar));
  installInterruptHandlers();
  const lock = await acquireLock(root, { warn: (m) => o.progress.warn(m), name: o.shard ? `.leerplicht-shard-${o.shard.k}-of-${o.shard.n}.lock` : undefined });
  const prev = previousOutputs(root, manifestName);
  const keys = new Map<string, string>();
  let reused = 0;
  let tx: OutputTransaction;
  try {
    tx = await OutputTransaction.begin(root);
  } catch (e) {
    lock.release();
    throw e;
  }
  const stages: StageMetrics[] = [];
  const warnings: string[] = [];
  const failed: BuildResult['failed'] = [];
  const failedChecks: string[] = [];
  const started = new Date();
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const stage = o.progress.stage(name);
    try {
      return await measure(name, fn, stages);
    } finally {
      stage.done();
    }
  };
  // DuckDB spills to a scratch folder (not the output folder, which may be small) to stay within its memory
  // limit on a national extract.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'leerplicht-db-'));
  const dropScratch = onCleanup(() => rmSync(scratch, { recursive: true, force: true }));
  let db: Db;
  try {
    db = await Db.open({ threads: o.threads, memoryLimit: o.memoryLimit ?? DEFAULT_MEMORY_LIMIT, tempDirectory: scratch });
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    dropScratch();
    await tx.abort();
    lock.release();
    throw e;
  }
  try {
    const load = await timed('load + validate', () => loadExtract(db, o.extract, { dropInvalid: o.dropInvalid, extractdatum: o.extractdatum }));
    if (!load.ok) {
      throw new InputError(`${formatProblems(load)}\n\nThe extract in ${o.extract} was rejected and nothing was built: fix the problems above, or pass --drop-invalid to build from the valid rows only.`);
    }
    if (Object.keys(load.errorCounts).length) {
      await tx.writeFile('rejected-rows.csv', rejectionCsv(await allRowErrors(db)));
      const dropped = Object.entries(load.dropped).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`).join(', ');
      warnings.push(`--drop-invalid: rows not loaded: ${dropped}; see rejected-rows.csv`);
    }
    const extractdatum = load.meta!.extractdatum;
    const start = parseSchooljaar(o.schooljaar);
    if (`${start + 1}-08-01` > extractdatum) {
      throw new InputError(`schooljaar ${o.schooljaar} ends on 31 July ${start + 1}, after the extract date ${extractdatum}: its figures are not yet available. Use an earlier --schooljaar or a newer extract.`);
    }

    await timed('SQL model', async () => {
      await runModel(db, { config, schooljaar: o.schooljaar, rmcRegio: rmcRegios() });
      await loadCatalogTable(db);
      await requireConsistency(db);
    });
    // What follows (disclosure, datasets, CSVs) needs little of DuckDB's memory and much of Node's (the
    // published figures, the documents): DuckDB evicts down to a smaller limit, unless one was chosen.
    if (!o.memoryLimit) await db.run(`SET memory_limit = '${REPORT_MEMORY_LIMIT}'`);
    const disclosure = await timed('disclosure control', async () => {
      const r = await publishIndicators(db, config.parameters);
      // The public dataset once, in its published order; every CSV of the build is a slice of it.
      await db.run(`CREATE OR REPLACE TABLE dataset AS SELECT *, row_number() OVER (ORDER BY ${DATASET_ORDER}) AS volgorde FROM (${datasetSql()})`);
      return r;
    });

    const datum = o.datum ?? new Date().toISOString().slice(0, 10);
    const buildId = createHash('sha256').update(`${started.toISOString()}|${process.pid}|${o.extract}`).digest('hex').slice(0, 12);
    const colofon = {
      extractdatum,
      bron: load.meta!.bron ?? '',
      parameters: config.parameters,
      config: path.relative(process.cwd(), config.file),
      buildId,
      datum,
      suppressed: disclosure.suppressed,
      indeling: indelingsdatum(o.schooljaar),
    };

    // What each document depends on, for the incremental cache (output/cache.ts): a digest of the
    // published figures per area, and everything in the colofon except the build id.
    const digests = new Map((await db.all<{ gebied: string; d: string }>(`SELECT gebied, sha256(string_agg(CAST(to_json(p) AS VARCHAR), chr(10) ORDER BY CAST(to_json(p) AS VARCHAR))) AS d
      FROM public_indicators p GROUP BY gebied`)).map((r) => [r.gebied, r.d]));
    const stableColofon = { ...colofon, buildId: undefined };
    const jobs: PrintJob[] = [];
    /** Adds a print job, unless the previous build's document is still valid: then it is taken over. */
    const addJob = async (job: PrintJob, rel: string, keyParts: unknown) => {
      const key = documentKey({ rel, colofon: stableColofon, ...(keyParts as object) });
      keys.set(rel, key);
      const old = o.force ? undefined : reusable(root, prev, rel, key);
      if (old) {
        mkdirSync(path.dirname(tx.path(rel)), { recursive: true });
        copyFileSync(old, tx.path(rel));
        reused++;
      } else {
        jobs.push(job);
      }
    };
    let htmlMs = 0;
    if (o.htmlDir) mkdirSync(o.htmlDir, { recursive: true });
    const lazy = (id: string, render: () => Promise<string>) => async () => {
      const t0 = performance.now();
      const html = await render();
      htmlMs += performance.now() - t0;
      if (o.htmlDir) writeFileSync(path.join(o.htmlDir, `${slug(id)}.html`), html);
      return html;
    };
    const narratives = openNarratives(config.regio.code, o.schooljaar, o.narrativeRoot);

    // The published figures, read once for every report that shows them (a national store is large).
    let figures: Figures | undefined;
    const loadFigures = async () => (figures ??= await timed('figures for the reports', () => Figures.load(db, `<${config.parameters.min_cel}`)));

    if (reports.has('jaarverslag')) {
      const F = await loadFigures();
      await timed('jaarverslag CSV', async () => {
        // Every gemeente's CSV (its rows and the region's, in the published order) in one partitioned pass.
        const parts = tx.path('.jaarverslag-csv');
        const codes = selected.map((g) => sqlString(g.code)).join(', ');
        const regio = sqlString(config.regio.code);
        await writeCsvPartitioned(db, `
          SELECT d.*, d.gebiedscode AS bestand FROM dataset d WHERE d.gebiedscode IN (${codes}) AND d.rapport LIKE '%jaarverslag%'
          UNION ALL
          SELECT d.*, g.code AS bestand FROM dataset d, (SELECT unnest([${codes}]) AS code) g
          WHERE d.gebiedscode = ${regio} AND d.rapport LIKE '%jaarverslag%'`, parts, 'bestand', ['volgorde']);
        try {
          for (const g of selected) {
            const to = tx.path(`${gemeenteDir(g.code, g.naam)}/jaarverslag-leerplicht.csv`);
            mkdirSync(path.dirname(to), { recursive: true });
            const part = path.join(parts, `bestand=${g.code}`, 'data_0.csv');
            // (no rows at all: no partition; the file then has only its header)
            if (existsSync(part)) renameSync(part, to);
            else await writeCsv(db, `SELECT * EXCLUDE (volgorde) FROM dataset WHERE false`, to);
          }
        } finally {
          rmSync(parts, { recursive: true, force: true });
        }
      });
      for (const g of selected) {
        const title = `Jaarverslag leerplicht ${o.schooljaar} – ${g.naam}`;
        const rel = `${gemeenteDir(g.code, g.naam)}/jaarverslag-leerplicht.pdf`;
        const v = variant(g);
        await addJob({
          id: `jaarverslag ${g.code}`,
          title,
          outFile: tx.path(rel),
          // Charts and HTML are made when a page of the printer's pool is free: rendering in Node overlaps
          // with Chromium printing, and only a pool's worth of documents is in memory at once.
          html: lazy(`jaarverslag ${g.code}`, async () => {
            const { kerncijfers, chapters, voorwoord, samenvatting } = await jaarverslagChapters(F, regionScope(config, g, o.schooljaar), v === 'inhoudelijk' ? narratives : undefined);
            return renderTemplate('jaarverslag.njk', {
              title, gemeente: g, regio: config.regio, schooljaar: o.schooljaar, variant: v, kerncijfers, chapters, voorwoord, samenvatting, concept: o.concept,
              definities: definitions([...chapters, kerncijfers]), colofon,
            });
          }),
        }, rel, { g, v, figures: [digests.get(g.code), digests.get(config.regio.code)], narrative: v === 'inhoudelijk' ? narrativeTexts(narratives, g.code) : null, concept: o.concept ?? false });
      }
    }

    if (reports.has('telling')) {
      const checks = await timed('telling: form + checks + CSV', async () => {
        await buildTellingForm(db);
        const checks = await runTellingChecks(db);
        for (const g of selected) {
          await writeCsv(db, submissionSql(g.code), tx.path(`${gemeenteDir(g.code, g.naam)}/leerplichttelling-${schooljaarDir(o.schooljaar)}-vertrouwelijk.csv`));
        }
        if (regionLevel) await writeCsv(db, await workbookSql(db), tx.path(`leerplichttelling-${schooljaarDir(o.schooljaar)}-regio-vertrouwelijk.csv`));
        return checks;
      });
      for (const c of checks.filter((x) => selected.some((g) => g.code === x.gemeentecode))) {
        const where = `${c.gemeentecode} ${c.item}${c.onderwijssoort ? ` (${c.onderwijssoort})` : ''}`;
        if (c.ernst === 'fout') failedChecks.push(`${where}: ${c.toelichting}`);
        else warnings.push(`telling ${where}: ${c.toelichting}`);
      }
      for (const g of selected) {
        const title = `Leerplichttelling ${o.schooljaar} – ${g.naam} (vertrouwelijk)`;
        const rel = `${gemeenteDir(g.code, g.naam)}/leerplichttelling-${schooljaarDir(o.schooljaar)}-ondertekening-vertrouwelijk.pdf`;
        const rows = formTable(await formRows(db, g.code));
        const own = checks.filter((c) => c.gemeentecode === g.code);
        await addJob({
          id: `telling ${g.code}`,
          title,
          outFile: tx.path(rel),
          html: lazy(`telling ${g.code}`, async () => renderTemplate('telling.njk', {
            title, gemeente: { code: g.code, naam: g.naam }, regio: config.regio, schooljaar: o.schooljaar,
            buckets: TELLING_BUCKETS, rows, checks: own, colofon,
          })),
        }, rel, { g, rows, own });
      }
    }

    if (reports.has('rmc') && regionLevel) {
      const F = await loadFigures();
      const regions = rmcRegions(config, rmcRegios()).filter((r) => r.gemeenten.some((g) => selected.some((x) => x.code === g.code)));
      const rmcCsv: StageMetrics[] = [];
      for (const r of regions) {
        const dir = regions.length === 1 ? '' : `rmc/${r.code}-${slug(r.naam)}/`;
        const codes = [r.code, ...r.gemeenten.map((g) => g.code)].map((c) => `'${c}'`).join(', ');
        await measure('rmc CSV', () => writeCsv(db, `SELECT * FROM dataset WHERE gebiedscode IN (${codes}) AND rapport LIKE '%rmc%'`, tx.path(`${dir}rmc-effectrapportage.csv`), 'volgorde'), rmcCsv);
        const title = rmcTitle(r, o.schooljaar);
        const rel = `${dir}rmc-effectrapportage.pdf`;
        await addJob({
          id: `rmc ${r.code}`,
          title,
          outFile: tx.path(rel),
          html: lazy(`rmc ${r.code}`, async () => {
            const { samenvatting, chapters } = await rmcChapters(F, r, o.schooljaar, `<${config.parameters.min_cel}`, config.regio.naam);
            return renderTemplate('rmc.njk', { title, rmc: r, regio: config.regio, schooljaar: o.schooljaar, samenvatting, chapters, definities: definitions([...chapters, samenvatting]), colofon });
          }),
        }, rel, { r, figures: [r.code, ...r.gemeenten.map((g) => g.code)].map((c) => digests.get(c)) });
      }
      stages.push({
        name: 'rmc CSV', ms: rmcCsv.reduce((a, x) => a + x.ms, 0), cpuMs: rmcCsv.reduce((a, x) => a + x.cpuMs, 0),
        peakRssMb: Math.max(0, ...rmcCsv.map((x) => x.peakRssMb)),
      });
    }

    if (jobs.length && o.pdf !== false) {
      await timed('charts + HTML + PDF', async () => {
        const bar = o.progress.bar('PDF', jobs.length);
        const printer = await PdfPrinter.start({ poolSize: o.concurrency ?? os.availableParallelism(), log: (m) => o.progress.log(m), ...o.printer });
        try {
          const results = await printer.printAll(jobs, () => bar.tick());
          for (const r of results) if (!r.ok) failed.push({ id: r.id, error: r.error ?? 'unknown error' });
        } finally {
          await printer.close();
          bar.done();
        }
      });
      stages.push({ name: '  of which charts + HTML (in Node)', ms: Math.round(htmlMs), cpuMs: Math.round(htmlMs), peakRssMb: 0 });
    }
    warnings.push(...narratives.warnings);

    if (reports.has('data') && regionLevel) {
      await timed('export', async () => {
        const select = 'SELECT * EXCLUDE (volgorde) FROM dataset ORDER BY volgorde';
        await writeCsv(db, 'SELECT * FROM dataset', tx.path('data/indicatoren.csv'), 'volgorde');
        await writeParquet(db, select, tx.path('data/indicatoren.parquet'));
        await writeExcelCsv(db, select, tx.path('data/indicatoren-excel.csv'));
        await tx.writeFile('data/indicatoren-woordenboek.csv', toCsv(dictionaryRows()));
      });
    }

    if (failed.length) {
      warnings.push(...failed.map((f) => `document ${f.id} failed: ${f.error}`));
    }
    const outputs = await tx.files();
    const manifest = await manifestFor(o, load, outputs.map((rel) => ({ rel, abs: tx.path(rel), key: keys.get(rel) })), stages, warnings, started, colofon);
    // Outputs of earlier builds that this one did not touch (other gemeenten, other reports) stay listed.
    const kept = [...prev.values()].filter((p) => !outputs.includes(p.file) && existsSync(path.join(root, p.file)));
    manifest.outputs = [...manifest.outputs, ...kept.map((p) => ({ ...p, from_earlier_build: true }))].sort((a, b) => a.file.localeCompare(b.file));
    manifest.documents_reused = reused;
    await tx.writeFile(manifestName, `${JSON.stringify(manifest, null, 2)}\n`);
    const committed = await tx.commit();
    return { root, outputs: committed.map((f) => path.join(root, f)), warnings, failed, failedChecks, reused, stages, load };
  } catch (e) {
    await tx.abort();
    throw outputError(e, root) ?? e;
  } finally {
    db.close();
    rmSync(scratch, { recursive: true, force: true });
    dropScratch();
    lock.release();
  }
}

/** A full, read-only or forbidden output folder, whether Node or DuckDB hit it, as one clear InputError. */
function outputError(e: unknown, root: string): InputError | undefined {
  const fromNode = outputProblem(e, root);
  if (fromNode) return fromNode;
  const msg = (e as Error)?.message ?? '';
  const kind = /No space left|ENOSPC|Disk quota/i.test(msg) ? 'the disk is full'
    : /Read-only file system|EROFS/i.test(msg) ? 'the file system is read-only'
      : /Permission denied|EACCES/i.test(msg) ? 'permission denied' : undefined;
  if (!kind || e instanceof InputError) return undefined;
  return new InputError(`cannot write output: ${kind} while writing to ${root}. Nothing was published. Free some space or choose another output folder (--out), and run again.`);
}

async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function gitCommit(): string | null {
  try {
    const head = readFileSync(path.resolve(import.meta.dirname, '../.git/HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    return readFileSync(path.resolve(import.meta.dirname, '../.git', head.slice(5)), 'utf8').trim();
  } catch {
    return null;
  }
}

async function manifestFor(
  o: BuildOptions, load: LoadResult, outputs: { rel: string; abs: string; key?: string }[], stages: BuildResult['stages'],
  warnings: string[], started: Date, colofon: Record<string, unknown>,
) {
  const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8'));
  return {
    tool: { name: pkg.name, version: pkg.version, git_commit: gitCommit(), node: process.version },
    command: o.argv ?? [],
    config: { file: path.relative(process.cwd(), o.config.file), regio: o.config.regio, parameters: o.config.parameters },
    schooljaar: o.schooljaar,
    build_id: colofon.buildId,
    extract: {
      folder: o.extract,
      extractdatum: load.meta?.extractdatum,
      files: await Promise.all(load.files.map(async (f) => ({ table: f.table, file: path.basename(f.file), bytes: f.bytes, rows: f.rows, sha256: await fileSha256(f.file) }))),
      rows_dropped_invalid: load.dropped,
      persons_removed_over_23: load.over23,
    },
    outputs: (await Promise.all(outputs.map(async (f) => ({ file: f.rel, bytes: statSync(f.abs).size, sha256: await fileSha256(f.abs), key: f.key })))) as { file: string; bytes: number; sha256: string; key?: string; from_earlier_build?: boolean }[],
    documents_reused: 0,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    stages: stages.map((s) => ({ name: s.name, ms: s.ms, cpu_ms: s.cpuMs, peak_rss_mb: s.peakRssMb })),
    warnings,
  };
}
