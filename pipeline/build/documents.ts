/**
 * The documents (PDFs) a build makes: each report stage adds its documents here; the print stage prints
 * them. A document whose inputs did not change since the previous build into the same folder (its key in
 * the manifest, output/cache.ts) is taken over instead of printed again. Every decision is kept in `plan`
 * (`leerplicht plan` shows it; a plan neither prints nor takes over anything).
 */
import path from 'node:path';
import type { PrintJob, PrintResult } from '../render/pdf.ts';
import { webPage, webPath } from '../render/web.ts';
import { emit } from '../log.ts';
import { documentKey, type PreviousOutput, reuseDecision } from '../output/cache.ts';
import type { PdfMetadata } from '../render/pdf-metadata.ts';
import type { BuildEffects } from './effects.ts';
import { paths } from './paths.ts';

export interface PlannedDocument {
  id: string;
  /** Relative to the output folder. */
  file: string;
  action: 'print' | 'reuse';
  reason: string;
}

export class Documents {
  readonly jobs: PrintJob[] = [];
  /** The key of every document, by output path, for the manifest. */
  readonly keys = new Map<string, string>();
  /** What happens to each document, and why, in the order added. */
  readonly plan: PlannedDocument[] = [];
  reused = 0;
  readonly #files = new Map<string, string>();
  readonly #quick = new Set<string>();

  constructor(
    private readonly fx: BuildEffects,
    private readonly root: string,
    private readonly previous: Map<string, PreviousOutput>,
    private readonly force: boolean,
    /** What every document depends on besides its own parts (the colofon without the build id). */
    private readonly common: () => unknown,
    private readonly opts: {
      /** Only decide (leerplicht plan): no job, nothing taken over. */
      dryRun?: boolean;
      /** Write the web edition of every document that has one (--html): `x.html` beside `x.pdf`. */
      html?: boolean;
    } = {},
  ) {}

  /** The documents with a web edition (--html), for the index page. */
  readonly webPages: { id: string; title: string; pdf: string; html: string }[] = [];

  /**
   * Adds a document at output path `rel`: `render` makes its HTML when a page of the printer is free (so
   * rendering in Node overlaps with printing, and only a pool's worth of documents is in memory); `keyParts`
   * is what else it depends on (its figures, narrative, gemeente …). `quick`: its HTML is made in a moment
   * (no charts), see printOrder.
   */
  add(doc: { id: string; title: string; rel: string; metadata?: PdfMetadata; web?: boolean; quick?: boolean; render: () => Promise<string> }, keyParts: object): void {
    const key = documentKey({ rel: doc.rel, colofon: this.common(), ...keyParts });
    this.keys.set(doc.rel, key);
    this.#files.set(doc.id, doc.rel);
    const web = this.opts.html && doc.web ? webPath(doc.rel) : undefined;
    let d = this.force ? { reason: '--force' } : reuseDecision(this.root, this.previous, doc.rel, key);
    if (web) {
      // The page is made from the same HTML as the PDF, with the same key: both are taken over, or both made.
      this.keys.set(web, key);
      this.webPages.push({ id: doc.id, title: doc.title, pdf: doc.rel, html: web });
      const w = 'reuse' in d ? reuseDecision(this.root, this.previous, web, key) : d;
      if (!('reuse' in w)) d = { reason: 'reuse' in d ? `its web page: ${w.reason}` : d.reason };
    }
    if ('reuse' in d) {
      this.plan.push({ id: doc.id, file: doc.rel, action: 'reuse', reason: 'its inputs did not change since the previous build' });
      if (this.opts.dryRun) return;
      this.fx.copyFile(d.reuse, doc.rel);
      if (web) this.fx.copyFile(path.join(this.root, web), web);
      this.reused++;
      emit('document', { status: 'reused', id: doc.id, file: doc.rel });
      return;
    }
    this.plan.push({ id: doc.id, file: doc.rel, action: 'print', reason: d.reason });
    if (this.opts.dryRun) return;
    if (doc.quick) this.#quick.add(doc.id);
    this.jobs.push({
      id: doc.id,
      title: doc.title,
      metadata: doc.metadata,
      outFile: this.fx.outputPath(doc.rel),
      html: async () => {
        const html = await doc.render();
        this.fx.keepHtml(doc.id, html);
        if (web) {
          const dir = path.posix.dirname(web);
          await this.fx.writeFile(web, webPage(html, { title: doc.title, pdf: path.posix.basename(doc.rel), index: path.posix.relative(dir, paths.webIndex) }));
        }
        return html;
      },
    });
  }

  /**
   * The jobs in the order to print: the first, then the quick ones (the Leerplichttelling's sign-off pages),
   * then the rest. Node makes the first document's HTML slowest (a jaarverslag compiles every chart shape
   * then: ~0.5-1 s); meanwhile the other tab prints quick documents instead of waiting. West Kennemerland
   * (2 tabs): the first PDF 0.8-1.5 s after the print stage began instead of 3.2-3.6 s (load average 5-7).
   */
  printOrder(): PrintJob[] {
    const [first, ...rest] = this.jobs;
    const quick = (j: PrintJob) => this.#quick.has(j.id);
    return first ? [first, ...rest.filter(quick), ...rest.filter((j) => !quick(j))] : [];
  }

  /** A document printed (or failed to): a `document` event for --log-format json. */
  printed(r: PrintResult): void {
    emit('document', { status: r.ok ? 'printed' : 'failed', id: r.id, file: this.#files.get(r.id), ...(r.ok ? {} : { error: r.error }) });
  }
}
