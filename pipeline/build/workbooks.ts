/**
 * The build's writer of the dataset's workbooks (a worker thread: export/workbooks.ts), started by the first
 * stage that writes one, ended by the build (closeWorkbooks) or when another branch of the build fails.
 */
import path from 'node:path';
import { WorkbookWriter, type WorkbookJob } from '../export/workbooks.ts';
import { abortSignal, type BuildContext } from './context.ts';

/**
 * Starts the worker (without its dataset, which disclosure control makes), when the build will write
 * workbooks: its modules load and its DuckDB opens while disclosure control runs (on one core for a region).
 */
export function startWorkbooksEarly(ctx: BuildContext): void {
  const { o, reports } = ctx;
  if (o.plan || !ctx.selection.gemeenten.length || !(['data', 'jaarverslag', 'rmc', 'telling'] as const).some((r) => reports.has(r))) return;
  workbooks(ctx).catch(() => undefined); // a worker that does not start is reported by the stage that needs it
}

function workbooks(ctx: BuildContext): Promise<WorkbookWriter> {
  // The copy of the dataset beside the outputs being written (not in TMPDIR, which holds DuckDB's spill and
  // Chromium's files), removed when the worker is closed: after the data files, before the manifest. Its
  // DuckDB has the build's threads (at each job: see writeWorkbooks), and spills to a folder of its own (in the
  // build's DuckDB's folder the two used the same file names and corrupted each other's spill).
  ctx.workbooks ??= ctx.db.one<{ d: string; threads: number }>("SELECT current_setting('temp_directory') AS d, CAST(current_setting('threads') AS INTEGER) AS threads")
    .then(({ d, threads }) => WorkbookWriter.launch(ctx.fx.outputPath('.dataset-copy.parquet'), path.join(d, 'workbooks'), threads));
  return ctx.workbooks;
}

/** The worker's copy of the dataset written (once; writeWorkbooks does it too), for a stage that queries on meanwhile. */
export async function copyDatasetForWorkbooks(ctx: BuildContext): Promise<void> {
  await (await workbooks(ctx)).copyDataset(ctx.db);
}

/**
 * Writes `job`'s workbooks in the worker, its DuckDB on as many threads as the build's has now (fewer while the
 * documents print: duckdbThreadsWhilePrinting); running alongside the PDFs, it ends when they fail.
 */
export async function writeWorkbooks(ctx: BuildContext, job: WorkbookJob): Promise<void> {
  const writer = await workbooks(ctx);
  const threads = await ctx.db.threads();
  await writer.copyDataset(ctx.db);
  const signal = abortSignal();
  signal?.throwIfAborted();
  const stop = () => void writer.close();
  signal?.addEventListener('abort', stop);
  try {
    await writer.run(job, threads);
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  signal?.throwIfAborted();
}

/** Ends the worker, if one was started, and removes its copy of the dataset. */
export async function closeWorkbooks(ctx: BuildContext): Promise<void> {
  const w = ctx.workbooks;
  ctx.workbooks = undefined;
  await w?.then((x) => x.close(), () => undefined);
}
