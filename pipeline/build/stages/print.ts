/** Stage print: charts, HTML and PDF of every document the report stages added (none taken over). */
import os from 'node:os';
import { describeBrowser } from '../../render/browser.ts';
import { environmentError } from '../../errors.ts';
import { abortSignal, type BuildContext, type BuildOptions, timed } from '../context.ts';
import type { Printer } from '../effects.ts';
import { PdfScanAhead } from '../../output/bsn-scan.ts';

/** Documents printed at once: --concurrency, else one per core. */
export function printPool(o: Pick<BuildOptions, 'concurrency'>): number {
  return o.concurrency ?? os.availableParallelism();
}

/** Whether the build may print documents (a report other than the datasets, PDFs not switched off, not a plan). */
function printsDocuments(ctx: Pick<BuildContext, 'o' | 'reports'>): boolean {
  const { o, reports } = ctx;
  return !o.plan && o.pdf !== false && [...reports].some((r) => r !== 'data');
}

/**
 * DuckDB's threads (the build's database, and so the workbook worker's: build/workbooks.ts) while the documents
 * print beside the data files: the cores Chromium's pool leaves free, at least one, at most `threads`; `threads`
 * when nothing prints (--no-pdf, or every document taken over from the previous build: then the files have the
 * cores to themselves).
 * With a second thread each on a machine whose cores all print, DuckDB's threads only compete with Chromium and
 * with each other: national build, 2 cores, two interleaved pairs, the block of PDFs and files 202.5 and 194.4 s
 * (387 and 373 CPU-s) with DuckDB's 2 threads against 173.9 and 170.8 s (334 and 327 CPU-s) with one, Chromium's
 * share unchanged (178-183 CPU-s); the files still end long before the PDFs.
 */
export function duckdbThreadsWhilePrinting(ctx: Pick<BuildContext, 'o' | 'documents'>, threads: number, cores = os.availableParallelism()): number {
  if (!printsNow(ctx)) return threads;
  return Math.max(1, Math.min(threads, cores - printPool(ctx.o)));
}

/**
 * Starts Chromium at the beginning of a build that may print, so that it starts while the extract loads
 * (~0.2-0.5 s of a region build); the print stage takes it over, closeEarlyPrinter closes it otherwise.
 */
export function startPrinterEarly(ctx: BuildContext): void {
  const { o, fx } = ctx;
  if (!printsDocuments(ctx)) return;
  ctx.printer = fx.startPrinter({ poolSize: printPool(o), log: (m) => fx.progress.log(m), ...o.printer });
  ctx.printer.catch(() => undefined); // a browser that does not start is reported by the print stage
}

/**
 * Closes the early Chromium if the print stage did not take it over (nothing to print, or the build failed),
 * and waits until the print stage's Chromium has closed.
 */
export async function closeEarlyPrinter(ctx: BuildContext): Promise<void> {
  const p = ctx.printer;
  ctx.printer = undefined;
  await p?.then((printer) => printer.close(), () => undefined);
  await ctx.printerClosing;
}

/** Whether the print stage prints: documents to print (not taken over) and PDFs not switched off. */
function printsNow(ctx: Pick<BuildContext, 'o' | 'documents'>): boolean {
  return ctx.documents.jobs.length > 0 && ctx.o.pdf !== false;
}

export async function print(ctx: BuildContext): Promise<void> {
  const { o, fx, documents } = ctx;
  if (printsNow(ctx)) {
    await timed(ctx, 'charts + HTML + PDF', async () => {
      const bar = fx.progress.bar('PDF', documents.jobs.length);
      const early = ctx.printer;
      ctx.printer = undefined;
      const printer: Printer = await (early ?? fx.startPrinter({ poolSize: printPool(o), log: (m) => fx.progress.log(m), ...o.printer }));
      if (printer.browser) ctx.browser = describeBrowser(printer.browser);
      try {
        // Each PDF's text (as Chromium laid it out) goes to the BSN scan as soon as the PDF is written (output/bsn-scan.ts).
        const scan = (ctx.pdfScan = new PdfScanAhead());
        // Printing alongside the files (index.ts): when they fail, no new document is started.
        const signal = abortSignal();
        const jobs = function* () {
          for (const job of documents.printOrder()) {
            if (signal?.aborted) return;
            yield job;
          }
        };
        const results = await printer.printAll(jobs(), (r) => {
          bar.tick();
          documents.printed(r);
          if (r.ok && r.text !== undefined) scan.add(r.outFile, r.text);
        });
        signal?.throwIfAborted();
        for (const r of results) if (!r.ok) ctx.failed.push({ id: r.id, error: r.error ?? 'unknown error' });
        // A full temp folder fails every document the same way: the machine's problem, nothing published.
        const env = ctx.failed.map((f) => environmentError(new Error(f.error))).find(Boolean);
        if (env) throw env;
      } finally {
        // Chromium shuts down (0.2-0.3 s) while the build ends its files, manifest and BSN scan: the build
        // awaits it at its end (closeEarlyPrinter).
        ctx.printerClosing = printer.close();
        bar.done();
      }
    });
  }
  if (!ctx.printerClosing) await closeEarlyPrinter(ctx); // nothing printed: the early Chromium is not needed
  ctx.warnings.push(...(ctx.narratives?.warnings ?? []));
  ctx.warnings.push(...ctx.failed.map((f) => `document ${f.id} failed: ${f.error}`));
}
