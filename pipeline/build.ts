/**
 * `leerplicht build`: extract → validated DuckDB → SQL model → indicator store → disclosure control →
 * reports (charts, HTML, PDF) and datasets, written to a temporary folder and moved into
 * `<out>/<regio>/<schooljaar>/` only when everything is complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RegionConfig } from './config/load.ts';
import { Db } from './db.ts';
import { publishIndicators } from './disclosure.ts';
import { InputError } from './errors.ts';
import { datasetSql, dictionaryRows, loadCatalogTable, toCsv, writeCsv, writeExcelCsv, writeParquet } from './export/dataset.ts';
import { allRowErrors, loadExtract, type LoadResult } from './load/index.ts';
import { formatProblems, rejectionCsv } from './load/report.ts';
import { parseSchooljaar, runModel } from './model.ts';
import { acquireLock, installInterruptHandlers, OutputTransaction } from './output/atomic.ts';
import type { Progress } from './progress.ts';
import { rmcRegios } from './reference.ts';
import { renderTemplate } from './render/html.ts';
import { PdfPrinter, type PdfPrinterOptions, type PrintJob } from './render/pdf.ts';
import { measure, type StageMetrics } from './metrics.ts';
import { Figures } from './reports/figures.ts';
import { jaarverslagChapters, regionScope } from './reports/jaarverslag.ts';
import { openNarratives } from './reports/narrative.ts';
import { rmcChapters, rmcRegions } from './reports/rmc.ts';
import { buildTellingForm, formRows, formTable, runTellingChecks, submissionSql, TELLING_BUCKETS, workbookSql } from './reports/telling.ts';
import { definitions } from './reports/definitions.ts';
import { variant } from './config/load.ts';

export const REPORTS = ['jaarverslag', 'telling', 'rmc', 'data'] as const;
export type ReportName = (typeof REPORTS)[number];

export interface BuildOptions {
  extract: string;
  config: RegionConfig;
  schooljaar: string;
  out: string;
  gemeenten?: string[];
  reports?: ReportName[];
  dropInvalid?: boolean;
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
  stages: StageMetrics[];
  load: LoadResult;
}

export function schooljaarDir(schooljaar: string): string {
  return schooljaar.replace('/', '-');
}

export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function gemeenteDir(code: string, naam: string): string {
  return `${code}-${slug(naam)}`;
}

export async function build(o: BuildOptions): Promise<BuildResult> {
  parseSchooljaar(o.schooljaar);
  const reports = new Set(o.reports ?? REPORTS);
  const config = o.config;
  const selected = o.gemeenten?.length ? config.gemeenten.filter((g) => o.gemeenten!.includes(g.code)) : config.gemeenten;
  const unknown = (o.gemeenten ?? []).filter((c) => !config.gemeenten.some((g) => g.code === c));
  if (unknown.length) throw new InputError(`--gemeente ${unknown.join(', ')}: not in ${config.file} (has ${config.gemeenten.map((g) => g.code).join(', ')})`);

  const root = path.resolve(o.out, config.regio.code, schooljaarDir(o.schooljaar));
  installInterruptHandlers();
  const lock = await acquireLock(root, { warn: (m) => o.progress.warn(m) });
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
  const db = await Db.open({ threads: o.threads, memoryLimit: o.memoryLimit });
  try {
    const load = await timed('load + validate', () => loadExtract(db, o.extract, { dropInvalid: o.dropInvalid }));
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
    });
    const disclosure = await timed('disclosure control', () => publishIndicators(db, config.parameters));

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
    };

    // Every report adds its CSVs now and its PDFs as print jobs; one Chromium prints them all at the end.
    const jobs: PrintJob[] = [];
    let htmlMs = 0;
    if (o.htmlDir) mkdirSync(o.htmlDir, { recursive: true });
    const lazy = (id: string, render: () => Promise<string>) => async () => {
      const t0 = performance.now();
      const html = await render();
      htmlMs += performance.now() - t0;
      if (o.htmlDir) writeFileSync(path.join(o.htmlDir, `${slug(id)}.html`), html);
      return html;
    };
    const narratives = openNarratives(config.regio.code, o.schooljaar);

    if (reports.has('jaarverslag')) {
      const F = await Figures.load(db, `<${config.parameters.min_cel}`);
      await timed('jaarverslag CSV', async () => {
        for (const g of selected) {
          await writeCsv(db, datasetSql(`p.gebied IN ('${g.code}', (SELECT code FROM report_regio)) AND c.rapport LIKE '%jaarverslag%'`), tx.path(`${gemeenteDir(g.code, g.naam)}/jaarverslag-leerplicht.csv`));
        }
      });
      for (const g of selected) {
        const title = `Jaarverslag leerplicht ${o.schooljaar} – ${g.naam}`;
        jobs.push({
          id: `jaarverslag ${g.code}`,
          title,
          outFile: tx.path(`${gemeenteDir(g.code, g.naam)}/jaarverslag-leerplicht.pdf`),
          // Charts and HTML are made when a page of the printer's pool is free: rendering in Node overlaps
          // with Chromium printing, and only a pool's worth of documents is in memory at once.
          html: lazy(`jaarverslag ${g.code}`, async () => {
            const v = variant(g);
            const { kerncijfers, chapters } = await jaarverslagChapters(F, regionScope(config, g, o.schooljaar), v === 'inhoudelijk' ? narratives : undefined);
            return renderTemplate('jaarverslag.njk', {
              title, gemeente: g, regio: config.regio, schooljaar: o.schooljaar, variant: v, kerncijfers, chapters,
              definities: definitions('jaarverslag'), colofon,
            });
          }),
        });
      }
    }

    if (reports.has('telling')) {
      const checks = await timed('telling: form + checks + CSV', async () => {
        await buildTellingForm(db);
        const checks = await runTellingChecks(db);
        for (const g of selected) {
          await writeCsv(db, submissionSql(g.code), tx.path(`${gemeenteDir(g.code, g.naam)}/leerplichttelling-${schooljaarDir(o.schooljaar)}-vertrouwelijk.csv`));
        }
        await writeCsv(db, await workbookSql(db), tx.path(`leerplichttelling-${schooljaarDir(o.schooljaar)}-regio-vertrouwelijk.csv`));
        return checks;
      });
      for (const c of checks.filter((x) => selected.some((g) => g.code === x.gemeentecode))) {
        const where = `${c.gemeentecode} ${c.item}${c.onderwijssoort ? ` (${c.onderwijssoort})` : ''}`;
        if (c.ernst === 'fout') failedChecks.push(`${where}: ${c.toelichting}`);
        else warnings.push(`telling ${where}: ${c.toelichting}`);
      }
      for (const g of selected) {
        const title = `Leerplichttelling ${o.schooljaar} – ${g.naam} (vertrouwelijk)`;
        jobs.push({
          id: `telling ${g.code}`,
          title,
          outFile: tx.path(`${gemeenteDir(g.code, g.naam)}/leerplichttelling-${schooljaarDir(o.schooljaar)}-ondertekening-vertrouwelijk.pdf`),
          html: lazy(`telling ${g.code}`, async () => renderTemplate('telling.njk', {
            title, gemeente: { code: g.code, naam: g.naam }, regio: config.regio, schooljaar: o.schooljaar,
            buckets: TELLING_BUCKETS, rows: formTable(await formRows(db, g.code)),
            checks: checks.filter((c) => c.gemeentecode === g.code), colofon,
          })),
        });
      }
    }

    if (reports.has('rmc')) {
      const F = await Figures.load(db, `<${config.parameters.min_cel}`);
      const regions = rmcRegions(config, rmcRegios()).filter((r) => r.gemeenten.some((g) => selected.some((x) => x.code === g.code)));
      for (const r of regions) {
        const dir = regions.length === 1 ? '' : `rmc/${r.code}-${slug(r.naam)}/`;
        const codes = [r.code, ...r.gemeenten.map((g) => g.code)].map((c) => `'${c}'`).join(', ');
        await timed(`rmc ${r.code} CSV`, () => writeCsv(db, datasetSql(`p.gebied IN (${codes}) AND c.rapport LIKE '%rmc%'`), tx.path(`${dir}rmc-effectrapportage.csv`)));
        const title = `RMC effectrapportage ${o.schooljaar} – ${r.naam}`;
        jobs.push({
          id: `rmc ${r.code}`,
          title,
          outFile: tx.path(`${dir}rmc-effectrapportage.pdf`),
          html: lazy(`rmc ${r.code}`, async () => {
            const { samenvatting, chapters } = await rmcChapters(F, r, o.schooljaar, `<${config.parameters.min_cel}`);
            return renderTemplate('rmc.njk', { title, rmc: r, regio: config.regio, schooljaar: o.schooljaar, samenvatting, chapters, definities: definitions('rmc'), colofon });
          }),
        });
      }
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

    if (reports.has('data')) {
      await timed('export', async () => {
        const select = datasetSql();
        await writeCsv(db, select, tx.path('data/indicatoren.csv'));
        await writeParquet(db, select, tx.path('data/indicatoren.parquet'));
        await writeExcelCsv(db, select, tx.path('data/indicatoren-excel.csv'));
        await tx.writeFile('data/indicatoren-woordenboek.csv', toCsv(dictionaryRows()));
      });
    }

    if (failed.length) {
      warnings.push(...failed.map((f) => `document ${f.id} failed: ${f.error}`));
    }
    const outputs = await tx.files();
    const manifest = await manifestFor(o, load, outputs.map((rel) => ({ rel, abs: tx.path(rel) })), stages, warnings, started, colofon);
    await tx.writeFile('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
    const committed = await tx.commit();
    return { root, outputs: committed.map((f) => path.join(root, f)), warnings, failed, failedChecks, stages, load };
  } catch (e) {
    await tx.abort();
    throw e;
  } finally {
    db.close();
    lock.release();
  }
}

async function sha256(file: string): Promise<string> {
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
  o: BuildOptions, load: LoadResult, outputs: { rel: string; abs: string }[], stages: BuildResult['stages'],
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
      files: await Promise.all(load.files.map(async (f) => ({ table: f.table, file: path.basename(f.file), bytes: f.bytes, rows: f.rows, sha256: await sha256(f.file) }))),
      rows_dropped_invalid: load.dropped,
      persons_removed_over_23: load.over23,
    },
    outputs: await Promise.all(outputs.sort((a, b) => a.rel.localeCompare(b.rel)).map(async (f) => ({ file: f.rel, bytes: statSync(f.abs).size, sha256: await sha256(f.abs) }))),
    started: started.toISOString(),
    finished: new Date().toISOString(),
    stages: stages.map((s) => ({ name: s.name, ms: s.ms, cpu_ms: s.cpuMs, peak_rss_mb: s.peakRssMb })),
    warnings,
  };
}
