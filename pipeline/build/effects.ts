/**
 * What a build stage may do to the world, in one object (after Observable Framework's BuildEffects): write
 * output files into the build's folder, report progress, and print PDFs. The build passes effects over an
 * OutputTransaction (files appear in the output folder only when the whole build succeeded), the real
 * progress display and Chromium; a test passes its own, to run a stage without a browser or a real folder.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { OutputTransaction } from '../output/atomic.ts';
import type { Progress } from '../progress.ts';
import type { BrowserChoice } from '../render/browser.ts';
import { PdfPrinter, type PdfPrinterOptions, type PrintJob, type PrintResult } from '../render/pdf.ts';
import { slug } from './paths.ts';

export interface Printer {
  /** The browser it prints with, for the build summary. */
  readonly browser?: BrowserChoice;
  printAll(jobs: Iterable<PrintJob>, onDone?: (r: PrintResult) => void): Promise<PrintResult[]>;
  close(): Promise<void>;
}

export interface BuildEffects {
  /** The path to write output `rel` to (relative to the output folder); its folder exists. */
  outputPath(rel: string): string;
  writeFile(rel: string, data: string | Uint8Array): Promise<void>;
  /** Takes a file over into the outputs (a document of an earlier build that is still valid). */
  copyFile(from: string, rel: string): void;
  /** The outputs written so far, relative paths, sorted. */
  outputs(): Promise<string[]>;
  progress: Pick<Progress, 'stage' | 'part' | 'bar' | 'log' | 'warn'>;
  startPrinter(opts: PdfPrinterOptions): Promise<Printer>;
  /** Keeps a document's HTML beside the outputs (bench); a no-op unless asked for. */
  keepHtml(id: string, html: string): void;
}

export function transactionEffects(tx: OutputTransaction, progress: Progress, htmlDir?: string): BuildEffects {
  if (htmlDir) mkdirSync(htmlDir, { recursive: true });
  return {
    outputPath: (rel) => tx.path(rel),
    writeFile: async (rel, data) => {
      await tx.writeFile(rel, data);
    },
    copyFile: (from, rel) => copyFileSync(from, tx.path(rel)),
    outputs: () => tx.files(),
    progress,
    startPrinter: (opts) => PdfPrinter.start(opts),
    keepHtml: (id, html) => {
      if (htmlDir) writeFileSync(path.join(htmlDir, `${slug(id)}.html`), html);
    },
  };
}
