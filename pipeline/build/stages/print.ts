/** Stage print: charts, HTML and PDF of every document the report stages added (none taken over). */
import os from 'node:os';
import { describeBrowser } from '../../render/browser.ts';
import { environmentError } from '../../errors.ts';
import { type BuildContext, timed } from '../context.ts';

export async function print(ctx: BuildContext): Promise<void> {
  const { o, fx, documents } = ctx;
  if (documents.jobs.length && o.pdf !== false) {
    await timed(ctx, 'charts + HTML + PDF', async () => {
      const bar = fx.progress.bar('PDF', documents.jobs.length);
      const printer = await fx.startPrinter({ poolSize: o.concurrency ?? os.availableParallelism(), log: (m) => fx.progress.log(m), ...o.printer });
      if (printer.browser) ctx.browser = describeBrowser(printer.browser);
      try {
        const results = await printer.printAll(documents.jobs, (r) => {
          bar.tick();
          documents.printed(r);
        });
        for (const r of results) if (!r.ok) ctx.failed.push({ id: r.id, error: r.error ?? 'unknown error' });
        // A full temp folder fails every document the same way: the machine's problem, nothing published.
        const env = ctx.failed.map((f) => environmentError(new Error(f.error))).find(Boolean);
        if (env) throw env;
      } finally {
        await printer.close();
        bar.done();
      }
    });
  }
  ctx.warnings.push(...(ctx.narratives?.warnings ?? []));
  ctx.warnings.push(...ctx.failed.map((f) => `document ${f.id} failed: ${f.error}`));
}
