/**
 * `leerplicht build`: extract → validated DuckDB → SQL model → indicator store → disclosure control →
 * reports (charts, HTML, PDF) and datasets, written to a temporary folder and moved into
 * `<out>/<regio>/<schooljaar>/` only when everything is complete.
 *
 * The build is this list of stages, each `(ctx) => Promise<void>` in ./stages/. A stage reads what earlier
 * stages put into the context and reaches files, progress and the printer only through `ctx.fx` (effects.ts).
 * A new report is one more stage module and one more line in OUTPUTS (its documents) and FILES (its
 * data files).
 */
import path from 'node:path';
import { alongside, type BuildContext, type BuildOptions, type BuildResult, isComplete, type ReportName, type Stage, timed } from './context.ts';
import { manifestFor } from './manifest.ts';
import { openSession } from './session.ts';
import { assertNoBsn } from '../output/bsn-scan.ts';
import { type PreviousOutput, removeStaleOutputs } from '../output/cache.ts';
import { datasets } from './stages/datasets.ts';
import { jaarverslag, jaarverslagFiles } from './stages/jaarverslag.ts';
import { kwartaal } from './stages/kwartaal.ts';
import { load } from './stages/load.ts';
import { model } from './stages/model.ts';
import { closeEarlyPrinter, duckdbThreadsWhilePrinting, print, startPrinterEarly } from './stages/print.ts';
import { publish } from './stages/publish.ts';
import { rmc, rmcFiles } from './stages/rmc.ts';
import { telling, tellingFiles } from './stages/telling.ts';
import { webIndex } from './stages/web.ts';
import { closeWorkbooks, startWorkbooksEarly } from './workbooks.ts';
import { preloadChartLibraries } from '../render/charts.ts';

export { DEFAULT_MEMORY_LIMIT, REPORTS, type BuildOptions, type BuildResult, type ReportName } from './context.ts';

/** The outputs' documents (PDFs to print), in the order they are made; each runs when its report is asked for. */
const OUTPUTS: [ReportName, Stage][] = [
  ['jaarverslag', jaarverslag],
  ['telling', telling],
  ['rmc', rmc],
  ['kwartaal', kwartaal],
];

/** The outputs' data files (CSV, xlsx, Parquet), written while the documents print. */
const FILES: [ReportName, Stage][] = [
  ['data', datasets],
  ['jaarverslag', jaarverslagFiles],
  ['rmc', rmcFiles],
  ['telling', tellingFiles],
];

export async function build(o: BuildOptions): Promise<BuildResult> {
  const session = await openSession(o);
  const { ctx } = session;
  try {
    startPrinterEarly(ctx);
    // Vega and Vega-Lite load while DuckDB reads the extract (a failure surfaces where they are used); exceljs
    // only in the workbook worker, which writes every workbook of a build.
    preloadChartLibraries().catch(() => undefined);
    await load(ctx);
    await model(ctx);
    startWorkbooksEarly(ctx);
    await publish(ctx);
    for (const [report, stage] of OUTPUTS) if (ctx.reports.has(report)) await stage(ctx);
    // A plan ends here, before anything is printed or written (its stages only decided).
    if (o.plan) return { ...result(ctx), outputs: [] };
    // Chromium prints (~1.7 cores) while Node writes the workbooks (~1.2): one block in the stage table, DuckDB
    // on the cores the printing leaves.
    await ctx.db.withThreads((now) => duckdbThreadsWhilePrinting(ctx, now), () =>
      alongside(ctx, 'PDF ∥ CSV + xlsx', [[print], FILES.filter(([r]) => ctx.reports.has(r)).map(([, stage]) => stage)]));
    await closeWorkbooks(ctx);
    await webIndex(ctx);
    // A complete build lists only what it made: what earlier builds made besides is removed after the commit.
    const complete = isComplete(o);
    const manifest = await manifestFor(ctx, await ctx.fx.outputs(), complete ? new Map() : session.previous);
    await ctx.fx.writeFile(ctx.selection.manifestName, `${JSON.stringify(manifest, null, 2)}\n`);
    // Nothing is published that holds a BSN (PDF text, CSV, manifest): the last check before the commit.
    await timed(ctx, 'BSN scan of the outputs', async () => assertNoBsn(ctx.db, (rel) => ctx.fx.outputPath(rel), await ctx.fx.outputs(), ctx.pdfScan));
    const published = await session.commit();
    if (complete) staleOutputs(ctx, session.previous, published);
    return { ...result(ctx), outputs: published.map((f) => path.join(ctx.root, f)) };
  } catch (e) {
    throw await session.abort(e);
  } finally {
    await closeEarlyPrinter(ctx);
    await closeWorkbooks(ctx);
    await session.close();
  }
}

/** Removes what earlier builds made that this complete build did not (removeStaleOutputs), and says so. */
function staleOutputs(ctx: BuildContext, previous: Map<string, PreviousOutput>, made: string[]): void {
  const { removed, changed } = removeStaleOutputs(ctx.root, previous, made);
  const some = (l: string[]) => `${l.slice(0, 3).join(', ')}${l.length > 3 ? `, … (${l.length - 3} more)` : ''}`;
  if (removed.length) ctx.o.progress.log(`removed ${removed.length} file(s) an earlier build made that this build no longer makes: ${some(removed)}`);
  if (changed.length) {
    const w = `kept ${changed.length} file(s) an earlier build made that this build no longer makes, because they were changed since: ${some(changed)}; remove them if they are not needed`;
    ctx.warnings.push(w);
    ctx.o.progress.warn(w);
  }
}

function result(ctx: BuildContext): Omit<BuildResult, 'outputs'> {
  return {
    root: ctx.root, warnings: ctx.warnings, failed: ctx.failed, failedChecks: ctx.failedChecks, reused: ctx.documents.reused,
    stages: ctx.stages, load: ctx.load!, browser: ctx.browser, plan: ctx.documents.plan,
  };
}
