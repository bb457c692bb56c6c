/**
 * The web edition of a report (`build --html`): the same HTML the PDF is printed from (same charts as
 * inline SVG, same tables and text, only published figures), made into a standalone page for a screen:
 * the screen stylesheet (templates/screen.css) after the print one, a skip link to the content, a link
 * to the PDF, and one h1 (the title on the cover; every heading of the printed document one level down,
 * since in print each chapter's h1 is a PDF bookmark). Works without JavaScript: the documents have none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeHtml } from '../format/html.ts';
import { TEMPLATES_DIR } from './html.ts';

let screenCss: string | undefined;
export function screenStylesheet(): string {
  return (screenCss ??= readFileSync(path.join(TEMPLATES_DIR, 'screen.css'), 'utf8'));
}

/** `<h1>` → `<h2>` … `<h5>` → `<h6>` (h6 stays). */
function headingsDown(html: string): string {
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/gi, (_, slash: string, n: string) => `<${slash}h${Math.min(6, Number(n) + 1)}`);
}

export interface WebPageOptions {
  title: string;
  /** The PDF of the same report, relative to the page. */
  pdf?: string;
  /** The index page of the region, relative to the page. */
  index?: string;
}

export function webPage(printHtml: string, o: WebPageOptions): string {
  let html = headingsDown(printHtml);
  const cover = /<section class="cover"[^>]*>[\s\S]*?<h2>/.exec(html);
  if (cover) {
    // The cover's title is the page's one h1.
    const at = cover.index + cover[0].length - '<h2>'.length;
    const end = html.indexOf('</h2>', at);
    html = `${html.slice(0, at)}<h1>${html.slice(at + 4, end)}</h1>${html.slice(end + 5)}`;
  }
  const links = [
    o.pdf ? `<a href="${escapeHtml(o.pdf)}">Download dit verslag als PDF</a>` : '',
    o.index ? `<a href="${escapeHtml(o.index)}">Alle verslagen van de regio</a>` : '',
  ].filter(Boolean).join(' · ');
  const nav = links ? `<nav class="downloads" aria-label="Downloads">${links}</nav>\n` : '';
  html = html.replace('</head>', `<style>\n${screenStylesheet()}\n</style>\n</head>`);
  html = html.replace(/<body([^>]*)>/, '<body$1>\n<a class="skip-link" href="#inhoud">Naar de inhoud</a>\n');
  // After the cover (a PDF's first page), or under the title of a report without one.
  html = html.replace(/<main([^>]*)>/, cover ? `${nav}<main id="inhoud"$1>` : `<main id="inhoud"$1>\n<h1>${escapeHtml(o.title)}</h1>\n${nav}`);
  return html;
}

/** The web page beside a PDF: `x.pdf` → `x.html`. */
export function webPath(pdfRel: string): string {
  return pdfRel.replace(/\.pdf$/, '.html');
}
