/**
 * HTML → PDF with one Chromium for the whole run.
 *
 *   const printer = await PdfPrinter.start({ poolSize: 2 });
 *   const results = await printer.printAll(jobs, (r) => progress.tick());
 *   await printer.close();
 *
 * - A bounded pool of tabs (`poolSize`, default os.availableParallelism()), opened by start(); a tab is
 *   reused for the next document (setContent replaces the previous one; no reset to about:blank in between, which
 *   cost ~50 ms a document), and replaced after any error.
 * - Each tab is a pipeline: while it prints a document, Node makes the next document's HTML (job.html())
 *   and sets the metadata of, and writes, the one printed before; the tab does not wait for Node's part.
 *   (A timeout covers the tab's part: loading the HTML and printing.)
 * - The browser is replaced every `restartEvery` documents (memory), and whenever it crashed or
 *   disconnected. Documents still printing on a retired browser finish there first.
 * - Every attempt runs under `timeoutMs`: on timeout the browser's whole process group is killed
 *   and a new one launched. A failed document is retried (`retries`, default 1) and is then
 *   reported with ok=false while the other documents continue. Attempts that failed only because
 *   the browser died under them (a crash, or another document's timeout) do not use up the
 *   retries (bounded: at most retries + 3 attempts).
 * - Output goes through writeFileAtomic (temp name + rename): a PDF is complete or absent. A full
 *   disk or unwritable folder stops the run: printAll rejects with that InputError.
 * - Tabs are offline: documents must be self-contained (SVG inline; fonts installed or inline).
 * - The PDF Title is job.title (put into <title>), tagged PDF with an outline (bookmarks) from
 *   the h1–h6 headings, footer with the title and "pagina X van Y" (footerCss; none on the cover).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, PDFOptions } from 'puppeteer';
import { escapeHtml } from '../format/html.ts';
import { installInterruptHandlers, onCleanup, outputProblem, writeFileAtomic } from '../output/atomic.ts';
import { browserAt, findBrowser, type BrowserChoice } from './browser.ts';
import { CHROMIUM_PREFIX, killGroup, ownedPrefix, watchOwner } from '../output/leftovers.ts';
import { FONT_STACK } from './fonts.ts';
import { type PdfMetadata, setPdfMetadata } from './pdf-metadata.ts';

export interface PrintJob {
  id: string;
  /** The document, or a function producing it when its turn comes (keeps memory flat). */
  html: string | (() => string | Promise<string>);
  /** Where the PDF goes (typically `transaction.path('…/x.pdf')`). */
  outFile: string;
  /** PDF Title metadata and footer text. */
  title: string;
  /** Per-attempt timeout for this document (default: the printer's timeoutMs). */
  timeoutMs?: number;
  /** Document metadata set after printing (pdf-metadata.ts): Author, Subject, dates, XMP; reproducible bytes. */
  metadata?: PdfMetadata;
}

export interface PrintResult {
  id: string;
  outFile: string;
  ok: boolean;
  error?: string;
  attempts: number;
  /** Wall time for this document, all attempts included. */
  ms: number;
  bytes?: number;
  /**
   * Every text of the printed document a reader or a PDF tool can get at (printText), for the build's BSN
   * scan. Only in the result handed to printAll's onDone (the results it resolves with leave it out).
   */
  text?: string;
}

export interface PdfPrinterOptions {
  /** Concurrent tabs (default os.availableParallelism()). */
  poolSize?: number;
  /** Alias of poolSize. */
  pageCount?: number;
  /** Replace the browser after this many documents (default 200). */
  restartEvery?: number;
  /** Per-attempt timeout in ms (default 60 000). */
  timeoutMs?: number;
  /** Retries of a failed document (default 1). */
  retries?: number;
  /** The browser (default: findBrowser(): $PUPPETEER_EXECUTABLE_PATH, chromium-headless-shell, chromium, …). */
  browser?: BrowserChoice;
  /** A browser executable instead (its headless mode follows from its name). */
  executablePath?: string;
  /** Extra Chromium flags. */
  args?: string[];
  /** Overrides of the page.pdf options (margins, footer, …). */
  pdf?: Partial<PDFOptions>;
  /** How a finished PDF is stored (default writeFileAtomic). */
  write?: (file: string, data: Uint8Array) => Promise<void>;
  /** Diagnostics (browser restarts, retries); default: nothing. */
  log?: (msg: string) => void;
  /** Install SIGINT/SIGTERM cleanup (atomic.ts) so an interrupt kills Chromium (default true). */
  handleSignals?: boolean;
}

const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
];

/** A string as a CSS string literal that is also safe inside a <style> element. */
function cssString(s: string): string {
  return `"${s.replace(/[\\"<>\n\r]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

const FOOTER_BOX = `font-family: ${FONT_STACK}; font-size: 7.5pt; color: #555;`;

/**
 * The footer as CSS page-margin boxes: the title at the left, "pagina X van Y" at the right. A page
 * named `voorblad` (the cover, styles.css) has none. Unlike Chromium's footerTemplate this lets the
 * cover go without a page number, and it costs no separate header/footer rendering pass.
 */
export function footerCss(title: string): string {
  return (
    `<style>@page { @bottom-left { content: ${cssString(title)}; ${FOOTER_BOX} } ` +
    `@bottom-right { content: "pagina " counter(page) " van " counter(pages); ${FOOTER_BOX} } }</style>`
  );
}

export const DEFAULT_PDF_OPTIONS: PDFOptions = {
  format: 'A4',
  printBackground: true,
  tagged: true,
  outline: true,
  displayHeaderFooter: false, // the footer is CSS (footerCss)
  margin: { top: '18mm', bottom: '20mm', left: '20mm', right: '20mm' },
  preferCSSPageSize: false,
  waitForFonts: true,
};

class TimeoutError extends Error {}
class FatalError extends Error {
  constructor(readonly cause: Error) {
    super(cause.message);
  }
}

interface Generation {
  id: number;
  browser: Browser;
  pid?: number;
  userDataDir: string;
  /** Documents started on it. */
  docs: number;
  inFlight: number;
  dead: boolean;
  retired: boolean;
  /** Id of the job whose timeout had it killed. */
  killedFor?: string;
  disposed?: Promise<void>;
}

/** A job taken from the list, its HTML being made. */
interface Taken {
  job: PrintJob;
  index: number;
  html: Promise<string>;
}

interface Slot {
  page: Page | null;
  gen: Generation | null;
  onCrash?: (err: Error) => void;
}


/**
 * Makes the document's <title> equal to `title` (Chromium takes the PDF Title from it) and adds the
 * page footer (footerCss) with that title.
 */
export function withTitle(html: string, title: string): string {
  const t = `<title>${escapeHtml(title)}</title>${footerCss(title)}`;
  if (/<title[\s>][\s\S]*?<\/title>/i.test(html)) return html.replace(/<title[\s>][\s\S]*?<\/title>/i, () => t);
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head[^>]*>/i, (m) => `${m}${t}`);
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">${t}</head><body>${html}</body></html>`;
}

/**
 * In the tab: the page's text as laid out (innerText: what is shown, hidden elements left out, SVG text
 * included; table cells apart by a space, as pdftotext has them) and the alt texts and titles a tagged PDF
 * carries (alt, aria-label, title). With the job's title and metadata (printText) this is every text of the
 * PDF apart from the footer's page numbers (CSS counters): the BSN scan reads it instead of the PDF.
 */
const PAGE_TEXT = () => {
  const parts = [document.title, document.body.innerText.replaceAll('\t', ' ')];
  for (const el of document.querySelectorAll('[alt], [aria-label], [title]')) {
    for (const a of ['alt', 'aria-label', 'title']) {
      const v = el.getAttribute(a);
      if (v) parts.push(v);
    }
  }
  return parts.join('\n');
};

/** The text of a printed document: the page's (PAGE_TEXT), its footer's title and its metadata. */
function printText(job: PrintJob, page: string): string {
  const m = job.metadata;
  return [job.title, ...(m ? [m.title, m.author, m.subject, ...m.keywords] : []), page].join('\n');
}

export class PdfPrinter {
  readonly poolSize: number;
  readonly restartEvery: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly browser: BrowserChoice;

  #opts: PdfPrinterOptions;
  #pdfOptions: PDFOptions;
  #gen: Generation | null = null;
  #gens = new Set<Generation>();
  /** Profile folders of browsers being launched (not yet in #gens). */
  #startingDirs = new Set<string>();
  #launching: Promise<Generation> | null = null;
  #genCounter = 0;
  #slots: Slot[] = [];
  #busy: Promise<unknown> = Promise.resolve();
  #closed = false;
  #unregisterCleanup: () => void;
  #log: (msg: string) => void;
  /** Browser launches (the first included). */
  launches = 0;

  private constructor(opts: PdfPrinterOptions) {
    this.#opts = opts;
    this.poolSize = Math.max(1, opts.poolSize ?? opts.pageCount ?? os.availableParallelism());
    this.restartEvery = Math.max(1, opts.restartEvery ?? 200);
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.retries = Math.max(0, opts.retries ?? 1);
    this.browser = opts.browser ?? (opts.executablePath ? browserAt(opts.executablePath) : findBrowser());
    this.#pdfOptions = { ...DEFAULT_PDF_OPTIONS, ...opts.pdf, timeout: 0 };
    this.#log = opts.log ?? (() => undefined);
    for (let i = 0; i < this.poolSize; i++) this.#slots.push({ page: null, gen: null });
    // On exit or interrupt: no Chromium left behind, no profile dirs in /tmp.
    this.#unregisterCleanup = onCleanup(() => {
      for (const g of this.#gens) killGroup(g.pid);
      // A browser still starting has no pid yet: find it by its profile, or it would recreate the folder.
      for (const dir of this.#startingDirs) killByProfile(dir);
      // Profiles of running browsers and of one still starting (interrupted during launch).
      for (const dir of [...[...this.#gens].map((g) => g.userDataDir), ...this.#startingDirs]) {
        rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      }
    });
    if (opts.handleSignals !== false) installInterruptHandlers();
  }

  static async start(opts: PdfPrinterOptions = {}): Promise<PdfPrinter> {
    const printer = new PdfPrinter(opts);
    try {
      const gen = await printer.#currentGen();
      // The tabs too (~0.2-0.4 s each on a busy machine): a build starts the printer while the extract loads.
      await Promise.all(printer.#slots.map((slot) => printer.#openPage(slot, gen)));
    } catch (e) {
      await printer.close();
      throw e instanceof FatalError ? e.cause : e;
    }
    return printer;
  }

  /** Pid of the current Chromium (tests, diagnostics). */
  browserPid(): number | undefined {
    return this.#gen?.pid;
  }

  /**
   * Prints every job; resolves with one result per job, in job order. Jobs are pulled lazily from
   * the iterable. Rejects only on problems that doom the whole run (full disk, unwritable output,
   * Chromium that will not start).
   */
  printAll(jobs: Iterable<PrintJob> | AsyncIterable<PrintJob>, onDone?: (r: PrintResult) => void): Promise<PrintResult[]> {
    const run = this.#busy.then(() => this.#printAll(jobs, onDone));
    this.#busy = run.catch(() => undefined);
    return run;
  }

  async #printAll(jobs: Iterable<PrintJob> | AsyncIterable<PrintJob>, onDone?: (r: PrintResult) => void): Promise<PrintResult[]> {
    if (this.#closed) throw new Error('PdfPrinter is closed');
    const it: Iterator<PrintJob> | AsyncIterator<PrintJob> =
      Symbol.asyncIterator in jobs ? (jobs as AsyncIterable<PrintJob>)[Symbol.asyncIterator]() : (jobs as Iterable<PrintJob>)[Symbol.iterator]();
    const results: PrintResult[] = [];
    const finishing: Promise<void>[] = [];
    let next = 0;
    let fatal: Error | undefined;
    const fail = (e: unknown) => {
      // A full disk, Chromium that will not start, a failing job iterator or onDone callback.
      fatal ??= e instanceof FatalError ? e.cause : (e as Error);
    };
    /** The next job, its HTML being made (an error there fails only that document). */
    const take = async (): Promise<Taken | undefined> => {
      const step = await it.next();
      if (step.done || fatal) return undefined;
      const job = step.value;
      const html = (async () => withTitle(typeof job.html === 'function' ? await job.html() : job.html, job.title))();
      html.catch(() => undefined); // handled by #printOne
      return { job, index: next++, html };
    };
    // A pipeline per tab: while the tab prints a document, Node makes the next one's HTML (after this turn of
    // the event loop, so the tab has its work first), and sets the metadata of and writes the one printed
    // before; the tab never waits for Node's part of a document.
    const worker = async (slot: Slot) => {
      try {
        let cur = await take();
        while (cur && !fatal) {
          const upcoming = new Promise<Taken | undefined>((resolve, reject) => setImmediate(() => take().then(resolve, reject)));
          upcoming.catch(() => undefined); // awaited below
          const { index } = cur;
          const { done } = await this.#printOne(cur.job, slot, cur.html);
          finishing.push(done.then((r) => {
            const { text: _, ...kept } = r;
            results[index] = kept;
            onDone?.(r);
          }).catch(fail));
          cur = await upcoming;
        }
      } catch (e) {
        fail(e);
      }
    };
    await Promise.all(this.#slots.map(worker));
    await Promise.all(finishing);
    if (fatal) throw fatal;
    return results;
  }

  /**
   * Prints one document on the slot's tab (retrying as described above); resolves when the tab is free
   * again, with the promise of its result: the metadata set and the file written.
   */
  async #printOne(job: PrintJob, slot: Slot, html: Promise<string>): Promise<{ done: Promise<PrintResult> }> {
    const t0 = performance.now();
    let attempts = 0;
    let counted = 0;
    let lastError = '';
    const failed = (error: string) => ({ done: Promise.resolve<PrintResult>({ id: job.id, outFile: job.outFile, ok: false, error, attempts, ms: performance.now() - t0 }) });
    let page: string;
    try {
      page = await html;
    } catch (e) {
      return failed(`HTML: ${(e as Error).message}`);
    }
    while (true) {
      attempts++;
      let gen: Generation | undefined;
      try {
        gen = await this.#currentGen();
        const { bytes, text } = await this.#attempt(job, page, slot, gen);
        return { done: this.#finish(job, bytes, text, t0, attempts) };
      } catch (e) {
        if (e instanceof FatalError) throw e;
        const err = e as Error;
        await this.#dropPage(slot);
        // Did the browser die under this document (crash, or another document's timeout)?
        if (gen && !gen.dead && /closed|disconnected|Target|Protocol error|crash/i.test(err.message)) await sleep(50);
        const browserGone = !!gen && (gen.dead || !gen.browser.connected);
        const collateral = browserGone && !(err instanceof TimeoutError) && gen!.killedFor !== job.id;
        if (!collateral) counted++;
        lastError = err.message.split('\n')[0];
        if (counted > this.retries || attempts >= this.retries + 3) {
          this.#log(`PDF ${job.id}: failed after ${attempts} attempt(s): ${lastError}`);
          return failed(lastError);
        }
        this.#log(`PDF ${job.id}: attempt ${attempts} failed (${lastError}), retrying`);
      }
    }
  }

  /** A printed document's metadata set and its file written (a full disk or unwritable folder: FatalError). */
  async #finish(job: PrintJob, printed: Uint8Array, text: string, t0: number, attempts: number): Promise<PrintResult> {
    const result = (r: Partial<PrintResult>): PrintResult => ({ id: job.id, outFile: job.outFile, ok: true, attempts, ms: performance.now() - t0, ...r });
    let pdf: Uint8Array;
    try {
      pdf = job.metadata ? await setPdfMetadata(printed, job.metadata) : printed;
    } catch (e) {
      return result({ ok: false, error: `metadata: ${(e as Error).message.split('\n')[0]}` });
    }
    try {
      await (this.#opts.write ?? writeFileAtomic)(job.outFile, pdf);
    } catch (e) {
      const problem = outputProblem(e, path.dirname(job.outFile), job.outFile);
      if (problem) throw new FatalError(problem);
      return result({ ok: false, error: (e as Error).message.split('\n')[0] });
    }
    return result({ bytes: pdf.byteLength, text: printText(job, text) });
  }

  /** The tab's part of a document: its HTML loaded and printed, under the timeout; the printed bytes and the page's text. */
  async #attempt(job: PrintJob, html: string, slot: Slot, gen: Generation): Promise<{ bytes: Uint8Array; text: string }> {
    if (slot.page && (slot.gen !== gen || slot.page.isClosed())) await this.#dropPage(slot);
    gen.docs++;
    gen.inFlight++;
    let timer: NodeJS.Timeout | undefined;
    let onDisconnect: (() => void) | undefined;
    const timeoutMs = job.timeoutMs ?? this.timeoutMs;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`timed out after ${+(timeoutMs / 1000).toFixed(1)} s`)), timeoutMs);
      onDisconnect = () => reject(new Error('browser disconnected'));
      gen.browser.on('disconnected', onDisconnect); // (not once(): off() could not remove its wrapper)
      slot.onCrash = (err) => reject(new Error(`page crashed: ${err.message}`));
    });
    const work = (async () => {
      const page = slot.page ?? (await this.#openPage(slot, gen));
      await page.setContent(html, { waitUntil: 'load', timeout: 0 });
      // The text before printing: the layout it needs is the one printing lays out next (~10 ms a
      // jaarverslag, and hardly any CPU: reading the PDF back with pdftotext cost ~35 CPU-ms).
      const text = await page.evaluate(PAGE_TEXT);
      return { bytes: await page.pdf(this.#pdfOptions), text };
    })();
    work.catch(() => undefined); // a lost race must not become an unhandled rejection
    try {
      return await Promise.race([work, guard]);
    } catch (e) {
      if (e instanceof TimeoutError && !gen.dead) {
        this.#log(`PDF ${job.id}: ${e.message}; killing Chromium (pid ${gen.pid}) and starting a new one`);
        gen.killedFor = job.id;
        this.#kill(gen);
      }
      throw e;
    } finally {
      clearTimeout(timer);
      if (onDisconnect) gen.browser.off('disconnected', onDisconnect);
      slot.onCrash = undefined;
      gen.inFlight--;
      if (gen.retired && gen.inFlight === 0) void this.#dispose(gen);
    }
  }

  /** A new tab for the slot on this browser (offline). */
  async #openPage(slot: Slot, gen: Generation): Promise<Page> {
    const page = await gen.browser.newPage();
    page.on('error', (err) => slot.onCrash?.(err));
    await page.setOfflineMode(true);
    // The page's text (PAGE_TEXT) as printed: print media CSS also on screen (page.pdf prints with it anyway).
    await page.emulateMediaType('print');
    slot.page = page;
    slot.gen = gen;
    return page;
  }

  async #dropPage(slot: Slot): Promise<void> {
    const page = slot.page;
    const gen = slot.gen;
    slot.page = null;
    slot.gen = null;
    if (!page || page.isClosed() || !gen || gen.dead) return;
    await withTimeout(page.close(), 5_000).catch(() => undefined);
  }

  /** The browser to print on: launches one when there is none, it died, or it is due for replacement. */
  async #currentGen(): Promise<Generation> {
    while (true) {
      if (this.#closed) throw new Error('PdfPrinter is closed');
      const g = this.#gen;
      if (g && !g.dead && g.browser.connected && g.docs < this.restartEvery) return g;
      if (this.#launching) {
        await this.#launching;
        continue;
      }
      this.#launching = (async () => {
        if (g && !g.dead) {
          g.retired = true;
          this.#log(`restarting Chromium after ${g.docs} documents`);
          if (g.inFlight === 0) void this.#dispose(g);
        }
        let gen: Generation;
        try {
          gen = await this.#launch();
        } catch (first) {
          this.#log(`Chromium did not start (${(first as Error).message}); trying once more`);
          try {
            gen = await this.#launch();
          } catch (e) {
            throw new FatalError(new Error(`cannot start Chromium (${this.browser.executablePath}): ${(e as Error).message}`));
          }
        }
        this.#gen = gen;
        return gen;
      })();
      try {
        return await this.#launching;
      } finally {
        this.#launching = null;
      }
    }
  }

  async #launch(): Promise<Generation> {
    // The build's pid in the name: a later build removes it, and stops its Chromium, if this one is killed.
    const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), ownedPrefix(CHROMIUM_PREFIX)));
    this.#startingDirs.add(userDataDir);
    let browser: Browser;
    try {
      // Puppeteer (~0.15 CPU-s to load) is imported here, not when a command starts: a build starts Chromium
      // while DuckDB reads the extract, so it loads then instead of before the first query.
      const { default: puppeteer } = await import('puppeteer');
      browser = await puppeteer.launch({
        executablePath: this.browser.executablePath,
        headless: this.browser.headless,
        userDataDir,
        args: [...BASE_ARGS, ...(this.#opts.args ?? [])],
        // Chromium's own temp files go into the profile folder, so they go when it is removed (also after a kill).
        env: { ...process.env, TMPDIR: userDataDir },
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: 30_000,
        protocolTimeout: this.timeoutMs + 30_000,
      });
    } catch (e) {
      await fs.rm(userDataDir, { recursive: true, force: true }).catch(() => undefined);
      throw e;
    } finally {
      this.#startingDirs.delete(userDataDir);
    }
    this.launches++;
    const gen: Generation = { id: ++this.#genCounter, browser, pid: browser.process()?.pid, userDataDir, docs: 0, inFlight: 0, dead: false, retired: false };
    watchOwner(gen.pid, [userDataDir]);
    this.#gens.add(gen);
    browser.once('disconnected', () => {
      if (!gen.dead && !gen.retired && !this.#closed) this.#log(`Chromium (pid ${gen.pid}) disconnected; a new one will be started`);
      gen.dead = true;
      void this.#dispose(gen);
    });
    return gen;
  }

  #kill(gen: Generation): void {
    gen.dead = true;
    killGroup(gen.pid);
    void this.#dispose(gen);
  }

  /** Closes (or kills) a browser and removes its profile; once per generation. */
  #dispose(gen: Generation): Promise<void> {
    gen.disposed ??= (async () => {
      if (!gen.dead) {
        gen.dead = true;
        try {
          await withTimeout(gen.browser.close(), 10_000);
        } catch {
          killGroup(gen.pid);
        }
      } else {
        killGroup(gen.pid); // make sure renderers and zygote are gone too
        const proc = gen.browser.process();
        if (proc && proc.exitCode === null && proc.signalCode === null) {
          await withTimeout(new Promise((r) => proc.once('exit', r)), 5_000).catch(() => undefined);
        }
      }
      await fs.rm(gen.userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      this.#gens.delete(gen);
    })();
    return gen.disposed;
  }

  /** Closes all browsers and removes their profiles. */
  async close(): Promise<void> {
    await this.#busy;
    this.#closed = true;
    await Promise.all([...this.#gens].map((g) => this.#dispose(g)));
    this.#gen = null;
    this.#unregisterCleanup();
  }
}

/** SIGKILL the processes started with `--user-data-dir=<dir>` (Linux /proc; elsewhere nothing). */
function killByProfile(dir: string): void {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${dir}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
