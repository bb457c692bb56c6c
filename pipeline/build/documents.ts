/**
 * The documents (PDFs) a build makes: each report stage adds its documents here; the print stage prints
 * them. A document whose inputs did not change since the previous build into the same folder (its key in
 * the manifest, output/cache.ts) is taken over instead of printed again.
 */
import type { PrintJob } from '../render/pdf.ts';
import { documentKey, type PreviousOutput, reusable } from '../output/cache.ts';
import type { BuildEffects } from './effects.ts';

export class Documents {
  readonly jobs: PrintJob[] = [];
  /** The key of every document, by output path, for the manifest. */
  readonly keys = new Map<string, string>();
  reused = 0;
  /** Time spent making charts and HTML (in Node, while Chromium prints). */

  constructor(
    private readonly fx: BuildEffects,
    private readonly root: string,
    private readonly previous: Map<string, PreviousOutput>,
    private readonly force: boolean,
    /** What every document depends on besides its own parts (the colofon without the build id). */
    private readonly common: () => unknown,
  ) {}

  /**
   * Adds a document at output path `rel`: `render` makes its HTML when a page of the printer is free (so
   * rendering in Node overlaps with printing, and only a pool's worth of documents is in memory); `keyParts`
   * is what else it depends on (its figures, narrative, gemeente …).
   */
  add(doc: { id: string; title: string; rel: string; render: () => Promise<string> }, keyParts: object): void {
    const key = documentKey({ rel: doc.rel, colofon: this.common(), ...keyParts });
    this.keys.set(doc.rel, key);
    const old = this.force ? undefined : reusable(this.root, this.previous, doc.rel, key);
    if (old) {
      this.fx.copyFile(old, doc.rel);
      this.reused++;
      return;
    }
    this.jobs.push({
      id: doc.id,
      title: doc.title,
      outFile: this.fx.outputPath(doc.rel),
      html: async () => {
        const html = await doc.render();
        this.fx.keepHtml(doc.id, html);
        return html;
      },
    });
  }
}
