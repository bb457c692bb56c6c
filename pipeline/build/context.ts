/** What a build is asked to do (BuildOptions), what it returns (BuildResult), and what its stages share (BuildContext). */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RegionConfig } from '../config/load.ts';
import type { BuildDatum } from '../datum.ts';
import type { Db } from '../db.ts';
import type { LoadResult } from '../load/index.ts';
import { measure, type StageMetrics } from '../metrics.ts';
import type { Progress } from '../progress.ts';
import type { PdfScanAhead } from '../output/bsn-scan.ts';
import type { PdfPrinterOptions } from '../render/pdf.ts';
import type { Figures } from '../reports/figures.ts';
import type { Narratives } from '../reports/narrative.ts';
import type { FormRow } from '../reports/telling.ts';
import type { Schooljaar } from '../schooljaar.ts';
import type { WorkbookWriter } from '../export/workbooks.ts';
import type { Documents, PlannedDocument } from './documents.ts';
import type { BuildEffects, Printer } from './effects.ts';
import type { Selection, Shard } from './shard.ts';

export const REPORTS = ['jaarverslag', 'telling', 'rmc', 'kwartaal', 'data'] as const;
export type ReportName = (typeof REPORTS)[number];

/**
 * DuckDB's memory limit for load and SQL model unless --memory-limit says otherwise (after the model it drops
 * to 1 GB: stages/model.ts). Measured on the national extract (4.2 million persons): at 2.5 GB the model
 * spilled ~0.4-0.8 GB to the scratch folder; at 3.2 GB the process's peak in the model reached 3,600-3,998 MB
 * in the benches of 2 December 2026 (DuckDB's own allocations beyond its limit, and Node's), too close to 4 GB.
 */
export const DEFAULT_MEMORY_LIMIT = '3GB';

export interface BuildOptions {
  extract: string;
  config: RegionConfig;
  /** `2024/2025` (or `2024-2025`). */
  schooljaar: string;
  out: string;
  gemeenten?: string[];
  reports?: ReportName[];
  /** Quarters of the kwartaalrapportage (`2025-K1`); default: every quarter of the schooljaar that has ended by the extract date. */
  kwartalen?: string[];
  dropInvalid?: boolean;
  /** The extract date when the extract folder has no extract.json (--extractdatum, project file). */
  extractdatum?: string;
  threads?: number;
  memoryLimit?: string;
  /** Print PDFs (default true); false writes only the datasets and HTML-free outputs. */
  pdf?: boolean;
  /**
   * Also write the web edition: each jaarverslag and RMC report as a standalone page beside its PDF
   * (`x.html`), and `index.html` linking every gemeente's report, PDF and data files (render/web.ts).
   */
  html?: boolean;
  /** Pages printing at once (default: cores). */
  concurrency?: number;
  /** Date printed on the cover and recorded in the PDFs, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today; Dutch date). */
  datum?: string;
  progress: Progress;
  /** Also keep every document's HTML here (bench: to print the same HTML in a floor loop). */
  htmlDir?: string;
  /** Folder of the narrative Markdown (default data/narratief). */
  narrativeRoot?: string;
  /** Print inhoudelijk jaarverslagen with missing or unfinished narrative, marked CONCEPT (default: refuse). */
  concept?: boolean;
  /** Build only shard K of N: every N-th gemeente (sorted by code), for spreading a run over machines. */
  shard?: Shard;
  /** Print every document even when the previous build's is still valid (default: reuse). */
  force?: boolean;
  /** Printer overrides (bench: the naive baseline restarts the browser for every document). */
  printer?: PdfPrinterOptions;
  /** The command line, for the manifest. */
  argv?: string[];
  /**
   * Only plan (`leerplicht plan`): load, model and publish run, each document's print-or-reuse decision is
   * returned in `plan`; nothing is printed, nothing is written to the output folder, no lock is taken.
   */
  plan?: boolean;
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
  /** The browser that printed the PDFs (describeBrowser), when any were printed. */
  browser?: string;
  /** Per document: printed or taken over, and why (every build; the whole result of a plan). */
  plan: PlannedDocument[];
}

/** What every document shows in its colofon. */
export interface Colofon {
  extractdatum: string;
  bron: string;
  parameters: RegionConfig['parameters'];
  config: string;
  buildId: string;
  datum: string;
  suppressed: number;
  /** The date of the gemeentelijke indeling the figures are on (herindelingen.ts). */
  indeling: string;
}

/** The state of a build that its stages read and extend, in stage order. */
export interface BuildContext {
  readonly o: BuildOptions;
  readonly config: RegionConfig;
  readonly schooljaar: Schooljaar;
  readonly selection: Selection;
  readonly reports: ReadonlySet<ReportName>;
  /** The output folder the build publishes into. */
  readonly root: string;
  readonly started: Date;
  readonly db: Db;
  readonly fx: BuildEffects;
  readonly stages: StageMetrics[];
  readonly warnings: string[];
  readonly failed: BuildResult['failed'];
  readonly failedChecks: string[];
  /** The documents to print (or take over from the previous build). */
  readonly documents: Documents;
  /** Set by the load stage. */
  load?: LoadResult;
  /** The build's date (--datum, SOURCE_DATE_EPOCH or today, in Europe/Amsterdam) and its instant (PDF metadata). */
  readonly datum: BuildDatum;
  /** Set by the publish stage: the extract's files with their hashes (manifest, build id). */
  extractFiles?: ExtractFile[];
  /** Set by the publish stage. */
  colofon?: Colofon;
  /** Set by the publish stage: a digest of the published figures per area (gebied). */
  digests?: Map<string, string>;
  narratives?: Narratives;
  /** Set by the model stage: the quarters whose kwartaalrapportage this build makes. */
  kwartalen?: string[];
  /** The worker thread writing the dataset's workbooks (build/workbooks.ts), once a stage asked for it. */
  workbooks?: Promise<WorkbookWriter>;
  /** Set by the telling stage: each gemeente's Leerplichttelling form, for its workbook. */
  tellingForms?: Map<string, FormRow[]>;
  /** The published figures, read once for every report that shows them (set on first use). */
  figures?: Figures;
  /** Chromium started at the beginning of the build (stages/print.ts startPrinterEarly), until the print stage takes it. */
  printer?: Promise<Printer>;
  /** Set by the print stage: its Chromium closing, awaited at the build's end (stages/print.ts closeEarlyPrinter). */
  printerClosing?: Promise<void>;
  /** Set by the print stage: the BSN scan of its PDFs, read as they are written. */
  pdfScan?: PdfScanAhead;
  /** Set by the print stage: the browser it printed with. */
  browser?: string;
}

export type Stage = (ctx: BuildContext) => Promise<void>;

export interface ExtractFile { table: string; file: string; bytes: number; rows: number; sha256: string }

/**
 * A build that makes everything of its region and schooljaar: every gemeente, report and quarter, with PDFs.
 * Only such a build removes what earlier builds made that it does not (removeStaleOutputs); a partial build
 * leaves the other gemeenten' and reports' files as they are.
 */
export function isComplete(o: BuildOptions): boolean {
  return !o.gemeenten?.length && !o.shard && !o.kwartalen?.length && o.pdf !== false && (!o.reports || REPORTS.every((r) => o.reports!.includes(r)));
}

/** Runs `fn` as a named stage: shown in the progress display and measured for the summary. */
export async function timed<T>(ctx: BuildContext, name: string, fn: () => Promise<T>): Promise<T> {
  const inBlock = blocks.getStore();
  if (inBlock) return part(ctx, inBlock, name, fn);
  const stage = ctx.fx.progress.stage(name);
  try {
    return await measure(name, fn, ctx.stages);
  } finally {
    stage.done();
  }
}

/** The stages running at the same time (alongside): their measurements, and the signal that stops them. */
interface Block {
  name: string;
  parts: { branch: number; m: StageMetrics }[];
  signal: AbortSignal;
}
const blocks = new AsyncLocalStorage<{ block: Block; branch: number }>();

/** A stage inside a block: measured on its own (kept only if no other branch ran), shown as a part of the block. */
async function part<T>(ctx: BuildContext, { block, branch }: { block: Block; branch: number }, name: string, fn: () => Promise<T>): Promise<T> {
  block.signal.throwIfAborted();
  const stage = ctx.fx.progress.part(name, block.name);
  const into: StageMetrics[] = [];
  try {
    return await measure(name, fn, into);
  } finally {
    block.parts.push({ branch, m: into[0] });
    stage.done();
  }
}

/**
 * Runs the branches at the same time, each a list of stages run in order (the PDFs print while the CSV and
 * xlsx files are written: Chromium and the file writers each keep about one core busy). Shown as one stage
 * `name` in the progress display. In the stage table the block is one row (wall, CPU and memory of all
 * of it, since CPU cannot be told apart between branches of one process) followed by its stages as parts
 * (`part`: their own wall time only); when only one branch had a stage to run, nothing overlapped and its
 * stages are rows of their own as usual.
 *
 * A failure in one branch stops the other (stopIfAborted: printing stops taking new documents, the files
 * stop before their next file) and the block rejects with that failure once both have stopped, so that
 * the build's abort finds nothing still writing into its output folder.
 */
export async function alongside(ctx: BuildContext, name: string, branches: Stage[][]): Promise<void> {
  const stop = new AbortController();
  const block: Block = { name, parts: [], signal: stop.signal };
  const whole: StageMetrics[] = [];
  const stage = ctx.fx.progress.stage(name);
  try {
    await measure(name, async () => {
      await Promise.allSettled(branches.map((stages, branch) => blocks.run({ block, branch }, async () => {
        try {
          for (const s of stages) {
            stop.signal.throwIfAborted();
            await s(ctx);
          }
        } catch (e) {
          if (!stop.signal.aborted) stop.abort(e);
        }
      })));
      if (stop.signal.aborted) throw stop.signal.reason;
    }, whole);
  } finally {
    stage.done();
  }
  if (new Set(block.parts.map((p) => p.branch)).size > 1) {
    ctx.stages.push(whole[0], ...block.parts.map(({ m }) => ({ name: m.name, ms: m.ms, cpuMs: 0, peakRssMb: 0, part: true })));
  } else {
    ctx.stages.push(...block.parts.map((p) => p.m));
  }
}

/** Inside alongside: throws when another branch failed (a long stage calls it between its files). */
export function stopIfAborted(): void {
  blocks.getStore()?.block.signal.throwIfAborted();
}

/** Inside alongside: the signal that another branch failed (undefined outside a block). */
export function abortSignal(): AbortSignal | undefined {
  return blocks.getStore()?.block.signal;
}

/** A value an earlier stage sets; a stage run out of order is a bug. */
export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`build: ${what} is not available yet (stage order)`);
  return value;
}
