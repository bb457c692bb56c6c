/**
 * The build's writer of the dataset's workbooks (a worker thread: export/workbooks.ts), started by the first
 * stage that writes one, ended by the build (closeWorkbooks) or when another branch of the build fails.
 */
import { WorkbookWriter, type WorkbookJob } from '../export/workbooks.ts';
import { abortSignal, type BuildContext } from './context.ts';

/** Writes `job`'s workbooks in the worker; running alongside the PDFs, it ends when they fail. */
export async function writeWorkbooks(ctx: BuildContext, job: WorkbookJob): Promise<void> {
  // The copy of the dataset beside the outputs being written (not in TMPDIR, which holds DuckDB's spill and
  // Chromium's files), removed when the worker is closed: after the data files, before the manifest.
  ctx.workbooks ??= ctx.db.one<{ d: string }>("SELECT current_setting('temp_directory') AS d")
    .then(({ d }) => WorkbookWriter.start(ctx.db, ctx.fx.outputPath('.dataset-copy.parquet'), d));
  const writer = await ctx.workbooks;
  const signal = abortSignal();
  signal?.throwIfAborted();
  const stop = () => void writer.close();
  signal?.addEventListener('abort', stop);
  try {
    await writer.run(job);
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
