/**
 * HTML for the printed reports: a nunjucks Environment over templates/ (autoescape on, undefined
 * variables throw) with Dutch formatting filters and a few globals.
 *
 * Filters
 *   getal(x, maxDecimals = 0, minDecimals = 0)   1234.5 → "1.234,5"  (null → "–")
 *   procent(x, decimals = 1)                     12.34 → "12,3%"  (x in percentage points)
 *   aandeel(x, decimals = 1)                     0.1234 → "12,3%" (x a fraction)
 *   bedrag(x, decimals = 2)                      1234.5 → "€ 1.234,50"
 *   datum(d, stijl = 'lang')                     '2025-10-15' → "15 oktober 2025"; 'kort' → "15-10-2025"
 *   cel(cell, decimals = 0)                      {value, suppressed, label?} → "<5" / "–" / "1.234"
 *   markdown(text, kopNiveau = 3)                Markdown → safe HTML (raw HTML escaped, no images)
 *   markdownInline(text)                         idem, without the surrounding <p>
 * Globals
 *   cel(cell, decimals)                          as the filter
 *   figuur({ chart, titel, nummer?, bron?, toelichting?, tabel? })   a chart figure (see below)
 *   placeholder(text)                            visible marker for narrative text still missing
 *   fontFaceCss, printCss                        CSS used by base.njk
 * Functions
 *   renderTemplate(name, context), renderString(source, context), getEnvironment(),
 *   createEnvironment(opts), configureEnvironment(opts)   (opts.fonts: 'inline' | 'local')
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import nunjucks from 'nunjucks';
import type { Chart, ChartTable } from './charts.ts';
import { aandeel, bedrag, cel, datum, decimalen, getal, maanddag, procent } from '../format/index.ts';
import { escapeHtml } from '../format/html.ts';
import { fontFaceCss, type FontEmbed } from './fonts.ts';
import { toolPath } from '../paths.ts';

export const TEMPLATES_DIR = toolPath('templates');

const { SafeString } = nunjucks.runtime;
type Safe = InstanceType<typeof SafeString>;

// ---------------------------------------------------------------------------------------------
// Markdown: markdown-it escapes everything (html: false), so its output may be marked safe.

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Images would make Chromium fetch URLs while printing; narrative text has no business with them.
md.disable('image');

let headingShift = 0;
md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const t = tokens[idx];
  const level = Math.min(6, Number(t.tag.slice(1)) + headingShift);
  t.tag = `h${level}`;
  const close = tokens.slice(idx).find((x) => x.type === 'heading_close');
  if (close) close.tag = t.tag;
  return self.renderToken(tokens, idx, options);
};

/** Markdown → HTML. `kopNiveau`: the HTML level of a Markdown `#` heading (default h3). */
export function markdown(text: unknown, kopNiveau = 3): Safe {
  if (text == null || text === '') return new SafeString('');
  headingShift = Math.max(0, Math.min(5, kopNiveau - 1));
  try {
    return new SafeString(md.render(String(text)));
  } finally {
    headingShift = 0;
  }
}

export function markdownInline(text: unknown): Safe {
  if (text == null || text === '') return new SafeString('');
  return new SafeString(md.renderInline(String(text)));
}

// ---------------------------------------------------------------------------------------------
// Components.

export interface FiguurOptions {
  chart: Pick<Chart, 'svg' | 'alt'> & { table?: ChartTable };
  /** Caption. */
  titel: string;
  /** "Figuur 3" prefix when given. */
  nummer?: number | string;
  /** Source line, e.g. "Leerlingenadministratie, peildatum 1 oktober 2024". */
  bron?: string;
  /** Short note under the figure (Markdown, inline). */
  toelichting?: string;
  /** Data table under the chart: default `chart.table`; `false` leaves it out. */
  tabel?: ChartTable | false;
  id?: string;
}

/**
 * A chart figure: caption, the SVG in a role="img" wrapper labelled with the Dutch alt text (so
 * tagged PDF and screen readers get one Figure with Alt text), then the numbers as a small table.
 */
export function figuur(o: FiguurOptions): Safe {
  if (!o || !o.chart || typeof o.chart.svg !== 'string') throw new Error('figuur: chart { svg, alt } is required');
  const table = o.tabel === false ? undefined : (o.tabel ?? o.chart.table);
  const nummer = o.nummer != null && o.nummer !== '' ? `Figuur ${o.nummer}` : '';
  const parts: string[] = [];
  parts.push(`<figure class="figuur"${o.id ? ` id="${escapeHtml(o.id)}"` : ''}>`);
  parts.push(
    `<figcaption>${nummer ? `<span class="figuur-nummer">${escapeHtml(nummer)}</span> ` : ''}${escapeHtml(o.titel)}</figcaption>`,
  );
  parts.push(`<div class="grafiek" role="img" aria-label="${escapeHtml(o.chart.alt)}">${o.chart.svg}</div>`);
  if (table && table.rows.length) {
    const th = table.head.map((h, i) => `<th scope="col"${i === 0 ? ' class="label"' : ''}>${escapeHtml(h)}</th>`).join('');
    const rows = table.rows
      .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row" class="label">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`)
      .join('');
    parts.push(`<table class="grafiek-data"><thead><tr>${th}</tr></thead><tbody>${rows}</tbody></table>`);
  }
  if (o.toelichting) parts.push(`<p class="toelichting">${md.renderInline(String(o.toelichting))}</p>`);
  if (o.bron) parts.push(`<p class="bron">Bron: ${escapeHtml(o.bron)}</p>`);
  parts.push('</figure>');
  return new SafeString(parts.join(''));
}

/** Visible marker for narrative text that has not been delivered (yet). */
export function placeholder(text = 'Tekst volgt.'): Safe {
  return new SafeString(`<div class="placeholder" role="note">${escapeHtml(text)}</div>`);
}

// ---------------------------------------------------------------------------------------------
// Environment.

export interface EnvironmentOptions {
  /** Template directories, searched in order (default: templates/). */
  searchPaths?: string[];
  /** How base.njk refers to the fonts (default 'local': the installed fonts-liberation). */
  fonts?: FontEmbed;
  /** Re-read templates when they change (development). */
  watch?: boolean;
}

export function createEnvironment(opts: EnvironmentOptions = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(opts.searchPaths ?? [TEMPLATES_DIR], { noCache: !!opts.watch });
  const env = new nunjucks.Environment(loader, {
    autoescape: true,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('getal', getal);
  env.addFilter('procent', procent);
  env.addFilter('aandeel', aandeel);
  env.addFilter('bedrag', bedrag);
  env.addFilter('datum', datum);
  env.addFilter('maanddag', maanddag);
  env.addFilter('cel', cel);
  env.addFilter('markdown', markdown);
  env.addFilter('markdownInline', markdownInline);
  env.addGlobal('cel', cel);
  env.addGlobal('decimalen', decimalen);
  env.addGlobal('figuur', figuur);
  env.addGlobal('placeholder', placeholder);
  env.addGlobal('fontFaceCss', new SafeString(fontFaceCss(opts.fonts ?? 'local')));
  env.addGlobal('printCss', new SafeString(readFileSync(path.join(TEMPLATES_DIR, 'styles.css'), 'utf8')));
  return env;
}

let defaultEnv: nunjucks.Environment | undefined;
/** The Environment renderTemplate/renderString use (created on first use). */
export function getEnvironment(): nunjucks.Environment {
  return (defaultEnv ??= createEnvironment());
}

/**
 * Replaces the default Environment, e.g. `configureEnvironment({ fonts: 'inline' })` to carry the
 * fonts inside every HTML document (~750 kB each, slower to print) for a Chromium on a machine
 * without fonts-liberation.
 */
export function configureEnvironment(opts: EnvironmentOptions): nunjucks.Environment {
  defaultEnv = createEnvironment(opts);
  return defaultEnv;
}

/** Renders templates/<name> (e.g. 'jaarverslag.njk') with `context`. */
export function renderTemplate(name: string, context: object): string {
  return getEnvironment().render(name, context);
}

/** Renders a template source string in the same environment (tests, one-off snippets). */
export function renderString(source: string, context: object): string {
  return getEnvironment().renderString(source, context);
}
