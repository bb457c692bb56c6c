/**
 * What a build holds while it runs, opened in order and released in reverse whatever happens: the lock on
 * the output folder, the output transaction (a temporary folder moved into place only when complete), the
 * scratch folder DuckDB spills to, and the database.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { Db } from '../db.ts';
import { environmentError, InputError } from '../errors.ts';
import { acquireLock, installInterruptHandlers, onCleanup, OutputTransaction, outputProblem } from '../output/atomic.ts';
import { type PreviousOutput, previousOutputs } from '../output/cache.ts';
import { ownedPrefix, removeLeftovers, SPILL_PREFIX, watchOwner } from '../output/leftovers.ts';
import { resolveDatum } from '../datum.ts';
import { Schooljaar } from '../schooljaar.ts';
import { type BuildContext, type BuildOptions, DEFAULT_MEMORY_LIMIT, REPORTS } from './context.ts';
import { Documents } from './documents.ts';
import { transactionEffects } from './effects.ts';
import { outputRoot } from './paths.ts';
import { selectGemeenten } from './shard.ts';
import { checkNarratives } from './stages/jaarverslag.ts';

export interface Session {
  ctx: BuildContext;
  /** The outputs of the previous build in the same folder (its manifest), for the cache and the manifest. */
  previous: Map<string, PreviousOutput>;
  /** Publishes the outputs; returns their relative paths. */
  commit(): Promise<string[]>;
  /** Drops the outputs (the output folder stays as it was); returns the error to throw for `e`. */
  abort(e: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function openSession(o: BuildOptions): Promise<Session> {
  const schooljaar = Schooljaar.parse(o.schooljaar);
  const datum = resolveDatum({ datum: o.datum });
  const selection = selectGemeenten(o.config, o.gemeenten, o.shard);
  checkNarratives(o, selection);
  const root = outputRoot(o.out, o.config, schooljaar);
  installInterruptHandlers();
  const undo: (() => unknown)[] = [];
  // One lock per output folder for every build, sharded or not: two builds never write data/ or a
  // manifest at the same time. A plan only reads the folder (its manifest and files).
  if (!o.plan) {
    const lock = await acquireLock(root, { warn: (m) => o.progress.warn(m) });
    undo.push(() => lock.release());
    for (const r of removeLeftovers(root)) o.progress.log(`removed what an earlier build that is no longer running left behind: ${r}`);
  }
  const release = async () => {
    for (const f of undo.splice(0).reverse()) await f();
  };
  try {
    const previous = previousOutputs(root, selection.manifestName);
    // DuckDB spills to a scratch folder (not the output folder, which may be small) to stay within its memory
    // limit on a national extract.
    // (0700, named with the build's pid: removed by the watchdog or the next build start if this one is killed)
    const scratch = mkdtempSync(path.join(os.tmpdir(), ownedPrefix(SPILL_PREFIX)));
    const dropScratch = onCleanup(() => rmSync(scratch, { recursive: true, force: true }));
    undo.push(() => {
      rmSync(scratch, { recursive: true, force: true });
      dropScratch();
    });
    // A plan writes nothing (build/index.ts ends it before the data files); its folder is in the scratch folder all the same.
    const tx = await OutputTransaction.begin(o.plan ? path.join(scratch, 'plan') : root);
    undo.push(() => tx.abort());
    watchOwner(0, [scratch, tx.tempRoot]);
    const small = isSmallExtract(o.extract);
    if (small) optimiseLess();
    const db = await Db.open({ threads: o.threads ?? (small ? 1 : undefined), memoryLimit: o.memoryLimit ?? DEFAULT_MEMORY_LIMIT, tempDirectory: scratch });
    undo.push(() => db.close());
    const fx = transactionEffects(tx, o.progress, o.htmlDir);
    const ctx: BuildContext = {
      o, config: o.config, schooljaar, datum, selection, reports: new Set(o.reports ?? REPORTS), root, started: new Date(), db, fx,
      stages: [], warnings: [], failed: [], failedChecks: [],
      documents: new Documents(fx, root, previous, !!o.force, () => ({ ...ctx.colofon, buildId: undefined }), { dryRun: !!o.plan, html: !!o.html }),
    };
    return {
      ctx,
      previous,
      commit: () => tx.commit(),
      abort: async (e) => {
        await tx.abort();
        return outputError(e, root) ?? e;
      },
      close: release,
    };
  } catch (e) {
    await release();
    throw e;
  }
}

/** Below this size (the extract folder's files) DuckDB runs on one thread unless --threads says otherwise. */
export const SMALL_EXTRACT_BYTES = 100 * 1024 * 1024;

/**
 * Whether the extract folder's files are under SMALL_EXTRACT_BYTES (a region's). Then DuckDB runs on one
 * thread unless --threads says otherwise: its queries are too small to gain from a second thread, which only
 * costs CPU that the build's other work (Node, Chromium) needs on a machine with few cores: West Kennemerland
 * (19 MB), three interleaved pairs on the 2-core machine, load + validate 1.6-2.4 s / 1.7-1.8 CPU-s on one
 * thread against 1.8-2.1 s / 1.9-2.2 on two, the SQL model 1.4-2.1 / 1.4-1.6 against 1.9-2.3 / 1.8-2.3, the
 * whole build 13.4-13.7 CPU-s against 14.0-15.9. A larger extract (the national one, ~840 MB): DuckDB's
 * default, all cores.
 */
export function isSmallExtract(extract: string): boolean {
  let bytes = 0;
  try {
    for (const e of readdirSync(extract, { withFileTypes: true })) if (e.isFile()) bytes += statSync(path.join(extract, e.name)).size;
  } catch {
    return false; // the load stage says what is wrong with the folder
  }
  return bytes < SMALL_EXTRACT_BYTES;
}

/**
 * V8 optimises (TurboFan, on background threads) every function that has run for a while: made for pages
 * that live for hours, in a build of a region it compiled ~3 CPU-s of functions that ran a few more times
 * (15% of the process's CPU in `perf`, ~20% with HiGHS's WebAssembly). Eight times V8's interrupt budget
 * (the bytecode a function runs before it is considered) leaves the lukewarm ones in the interpreter and
 * baseline code; hot loops are optimised all the same. Process-wide (worker threads too). Only for a small
 * extract: a national build runs its hot code long enough for V8's defaults.
 */
function optimiseLess(): void {
  v8.setFlagsFromString('--interrupt-budget=540672');
}

/** A full, read-only or forbidden output folder, whether Node or DuckDB hit it, as one clear InputError. */
function outputError(e: unknown, root: string): InputError | undefined {
  // The spill folder, Chromium's temp files or memory: the machine's problem, named as such.
  if (/leerplicht-db-|IO\.read|Out of Memory|could not allocate/i.test((e as Error)?.message ?? '')) return environmentError(e, root);
  const fromNode = outputProblem(e, root);
  if (fromNode) return fromNode;
  const msg = (e as Error)?.message ?? '';
  const kind = /No space left|ENOSPC|Disk quota/i.test(msg) ? 'the disk is full'
    : /Read-only file system|EROFS/i.test(msg) ? 'the file system is read-only'
      : /Permission denied|EACCES/i.test(msg) ? 'permission denied' : undefined;
  if (!kind || e instanceof InputError) return undefined;
  return new InputError(`cannot write output: ${kind} while writing to ${root}. Nothing was published. Free some space or choose another output folder (--out), and run again.`);
}
