/**
 * Stages that run at the same time (build/context.ts alongside): the PDFs print while the data files are
 * written. Both branches really overlap; a failure in one stops the other and the block fails only once
 * both have stopped (nothing still writes when the build's output folder is dropped); the stage table shows
 * the block as one row with its stages as parts, or the stages as usual when nothing overlapped.
 */
import { describe, expect, test } from 'vitest';
import { alongside, type BuildContext, stopIfAborted, timed } from '../pipeline/build/context.ts';
import { Documents } from '../pipeline/build/documents.ts';
import type { BuildEffects, Printer } from '../pipeline/build/effects.ts';
import { duckdbThreadsWhilePrinting, print } from '../pipeline/build/stages/print.ts';
import type { StageMetrics } from '../pipeline/metrics.ts';
import { Progress } from '../pipeline/progress.ts';
import type { PrintJob, PrintResult } from '../pipeline/render/pdf.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A context with what alongside, timed and print use; `printer` prints each job in `ms`. */
function context(printer?: { ms: number; printed: string[]; onPrinted?: () => void }): BuildContext {
  const lines: string[] = [];
  const progress = new Progress({ stream: { write: (s: string) => lines.push(s) } as unknown as NodeJS.WritableStream, tty: false });
  const fx = {
    progress,
    outputPath: (rel: string) => `/nowhere/${rel}`,
    startPrinter: async (): Promise<Printer> => ({
      printAll: async (jobs: Iterable<PrintJob>, onDone?: (r: PrintResult) => void) => {
        const out: PrintResult[] = [];
        for (const job of jobs) {
          await sleep(printer!.ms);
          printer!.printed.push(job.id);
          printer!.onPrinted?.();
          const r = { id: job.id, ok: true, outFile: job.outFile } as PrintResult;
          out.push(r);
          onDone?.(r);
        }
        return out;
      },
      close: async () => undefined,
    }),
  } as unknown as BuildEffects;
  const documents = new Documents(fx, '/nowhere', new Map(), true, () => ({}));
  const ctx = { o: {}, fx, stages: [] as StageMetrics[], warnings: [], failed: [], documents } as unknown as BuildContext;
  for (let i = 1; i <= 10; i++) documents.add({ id: `doc ${i}`, title: `doc ${i}`, rel: `doc-${i}.pdf`, render: async () => '<p></p>' }, {});
  return ctx;
}

/** A stage `name` that takes `ms` (in steps of 10 ms, checking whether it must stop), noting when it ran. */
const stage = (name: string, ms: number, log: string[], fail = false) => async (ctx: BuildContext) => {
  await timed(ctx, name, async () => {
    log.push(`${name} start`);
    for (let t = 0; t < ms; t += 10) {
      stopIfAborted();
      await sleep(10);
    }
    if (fail) throw new Error(`${name} failed`);
    log.push(`${name} end`);
  });
};

describe('alongside', () => {
  test('both branches run at the same time; the table has the block and its stages as parts', async () => {
    const ctx = context();
    const log: string[] = [];
    let cStarted!: () => void;
    const c = new Promise<void>((r) => (cStarted = r));
    const never = (what: string) => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(what)), 20_000));
    // a ends only once c, the second stage of the other branch, has started: run one after the other, it never would.
    const a = async (x: BuildContext) => timed(x, 'a', async () => {
      log.push('a start');
      await Promise.race([c, never('the branches did not run at the same time')]);
      log.push('a end');
    });
    const quick = (name: string, started?: () => void) => async (x: BuildContext) => timed(x, name, async () => {
      log.push(`${name} start`);
      started?.();
      await sleep(5);
      log.push(`${name} end`);
    });
    await alongside(ctx, 'block', [[a], [quick('b'), quick('c', cStarted)]]);
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
    expect(ctx.stages[0].name).toBe('block');
    expect(ctx.stages[0].part).toBeFalsy();
    expect(ctx.stages.slice(1).map((x) => x.name).sort()).toEqual(['a', 'b', 'c']);
    expect(ctx.stages.slice(1).every((x) => x.part)).toBe(true);
    // A part has its own wall time, within the block's, and no CPU or memory of its own (they are the block's).
    for (const x of ctx.stages.slice(1)) expect(x.ms).toBeLessThanOrEqual(ctx.stages[0].ms + 1);
    expect(ctx.stages.slice(1).map((x) => x.cpuMs + x.peakRssMb)).toEqual([0, 0, 0]);
  });

  test('when only one branch has stages nothing overlapped: they are rows of their own, CPU included', async () => {
    const ctx = context();
    await alongside(ctx, 'block', [[], [stage('b', 50, []), stage('c', 50, [])]]);
    expect(ctx.stages.map((s) => [s.name, !!s.part])).toEqual([['b', false], ['c', false]]);
    expect(ctx.stages.every((s) => s.peakRssMb > 0)).toBe(true);
  });

  test('a failure in one branch stops the other at its next check; the block fails after both stopped', async () => {
    const ctx = context();
    const log: string[] = [];
    await expect(alongside(ctx, 'block', [[stage('long', 20_000, log), stage('after', 10, log)], [stage('bad', 50, log, true)]])).rejects.toThrow('bad failed');
    // long stopped at its next check (it would have logged its end), and the stage after it never started.
    expect(log).toEqual(['long start', 'bad start']);
  });

  test('printing stops taking documents when the files fail, and the block fails with their error', async () => {
    const printed: string[] = [];
    let two!: () => void;
    const twoPrinted = new Promise<void>((r) => (two = r));
    const ctx = context({ ms: 10, printed, onPrinted: () => printed.length === 2 && two() });
    // The files fail once two documents are printed.
    const files = async (x: BuildContext) => timed(x, 'files', async () => {
      await twoPrinted;
      throw new Error('files failed');
    });
    await expect(alongside(ctx, 'block', [[print], [files]])).rejects.toThrow('files failed');
    // The document being printed when the files failed is finished; no other of the 10 is started.
    expect(printed.length).toBeGreaterThanOrEqual(2);
    expect(printed.length).toBeLessThanOrEqual(3);
  });

  test('a failing print stops the files', async () => {
    const ctx = context({ ms: 20, printed: [] });
    const log: string[] = [];
    ctx.fx.startPrinter = async () => {
      throw new Error('no browser');
    };
    await expect(alongside(ctx, 'block', [[print], [stage('files', 5000, log)]])).rejects.toThrow('no browser');
    expect(log).toEqual(['files start']);
  });

  test('the print stage prints the first document, then the quick ones (sign-off pages), then the rest, each once', async () => {
    const printed: string[] = [];
    const ctx = context({ ms: 1, printed });
    ctx.documents.add({ id: 'quick 1', title: 'q1', rel: 'q-1.pdf', quick: true, render: async () => '<p></p>' }, {});
    ctx.documents.add({ id: 'doc 11', title: 'doc 11', rel: 'doc-11.pdf', render: async () => '<p></p>' }, {});
    ctx.documents.add({ id: 'quick 2', title: 'q2', rel: 'q-2.pdf', quick: true, render: async () => '<p></p>' }, {});
    await print(ctx);
    expect(printed).toEqual(['doc 1', 'quick 1', 'quick 2', ...Array.from({ length: 10 }, (_, i) => `doc ${i + 2}`)]);
  });
});

describe('DuckDB threads while the documents print', () => {
  /** A context with `o` and `printing` documents to print (the others taken over from the previous build). */
  const ctx = (o: Partial<BuildContext['o']>, printing = 3) => ({ o, documents: { jobs: Array.from({ length: printing }, (_, i) => ({ id: `doc ${i}` })) } }) as unknown as BuildContext;

  test('the cores the print pool leaves, at least one, at most the build\'s', () => {
    // 2 cores, a pool of 2 (the default: one per core): one thread, whatever the build had.
    expect(duckdbThreadsWhilePrinting(ctx({}), 2, 2)).toBe(1);
    expect(duckdbThreadsWhilePrinting(ctx({ concurrency: 2 }), 8, 2)).toBe(1);
    // 8 cores, 4 print: 4 left, but never more than the build's own (--threads 2).
    expect(duckdbThreadsWhilePrinting(ctx({ concurrency: 4 }), 8, 8)).toBe(4);
    expect(duckdbThreadsWhilePrinting(ctx({ concurrency: 4 }), 2, 8)).toBe(2);
  });

  test('the build\'s threads when nothing prints: --no-pdf, or every document taken over from the previous build', () => {
    expect(duckdbThreadsWhilePrinting(ctx({ pdf: false }), 2, 2)).toBe(2);
    expect(duckdbThreadsWhilePrinting(ctx({}, 0), 2, 2)).toBe(2);
  });
});
