/**
 * Charts for the printed reports: Vega-Lite specs rendered to SVG strings in Node (no canvas, no
 * browser): vega-lite compile → vega.parse → View(renderer 'none') → toSVG().
 *
 * - Numbers and dates use a Dutch locale (1.234 / 3,4 / januari), registered once per process.
 * - Text is set in the same font as the HTML pages (fonts.ts) and measured with that font's real
 *   advance widths, so label layout matches what Chromium finally draws.
 * - Suppressed cells (small numbers) are never plotted as a number: they are dropped from the
 *   marks and the category is marked with the given label ("<5").
 * - Every helper returns { svg, alt, table, width, height }: `alt` is a Dutch text alternative for
 *   the figure, `table` the same numbers as formatted strings for the data table under the chart.
 * - Speed: labels, years and domains come from the data, never from the spec, so one compiled
 *   View per chart shape is reused for every gemeente (renderVegaLite; the output is identical to
 *   a freshly compiled View, see test/render.test.ts).
 */
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { getal } from '../format/index.ts';
import { FONT_STACK, installVegaTextMetrics } from './fonts.ts';

/** Width of the A4 content box (210 mm − 2 × 20 mm margins at 96 px/in ≈ 642 px). */
export const CONTENT_WIDTH = 640;

export const COLORS = ['#1f5fa8', '#d9730d', '#4f8a3c', '#7b4f9d', '#8c8c8c', '#b8336a'];
const DASHES: number[][] = [[1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [1, 0], [4, 4]];
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'];

export interface ChartPoint {
  schooljaar: string;
  value: number | null;
  suppressed: boolean;
}

export interface ChartSeries {
  /** E.g. 'Haarlem' or 'Regio Zuid-Kennemerland'. */
  label: string;
  points: ChartPoint[];
}

export type TrendMode = 'auto' | 'line' | 'bar' | 'small-multiples';

export interface TrendChartInput {
  title: string;
  /** Unit of the values, shown as the y-axis title, e.g. 'per 1.000 leerplichtigen' or 'aantal'. */
  unit: string;
  series: ChartSeries[];
  /**
   * 'line': one panel, shared scale (use for rates); 'bar': grouped bars, shared scale;
   * 'small-multiples': one panel per series with its own y scale (use for absolute numbers of a
   * gemeente beside its region); 'auto' (default): 'line' unless the series' largest values
   * differ more than 4×, then 'small-multiples'.
   */
  mode?: TrendMode;
  /** Text shown instead of a suppressed value (default '<5'). */
  suppressedLabel?: string;
  /** Fraction digits for value labels, table and alt text (default: 0 when all values are whole, else 1). */
  decimals?: number;
  /** Print the title inside the SVG too (default false: the HTML figure caption carries it). */
  showTitle?: boolean;
  width?: number;
  height?: number;
}

export interface BarCategory {
  label: string;
  value: number | null;
  suppressed: boolean;
}

export interface BarChartInput {
  title: string;
  categories: BarCategory[];
  /** Unit for the x-axis title and the table header (default none / 'Aantal'). */
  unit?: string;
  suppressedLabel?: string;
  decimals?: number;
  showTitle?: boolean;
  width?: number;
  /** Height of one bar row in px (default 22). */
  rowHeight?: number;
}

export interface ChartTable {
  head: string[];
  rows: string[][];
}

export interface Chart {
  svg: string;
  /** Dutch text alternative summarising the chart. */
  alt: string;
  /** The plotted numbers, formatted, for the data table shown with the chart. */
  table: ChartTable;
  width: number;
  height: number;
}

// ---------------------------------------------------------------------------------------------
// Locale and text measurement: once per process.

export const NL_NUMBER_LOCALE = {
  decimal: ',',
  thousands: '.',
  grouping: [3],
  currency: ['€ ', ''],
};

export const NL_TIME_LOCALE = {
  dateTime: '%A %e %B %Y %X',
  date: '%d-%m-%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'],
  days: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
  shortDays: ['zo', 'ma', 'di', 'wo', 'do', 'vr', 'za'],
  months: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  shortMonths: ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'],
};

let vega: typeof Vega;
let vl: typeof VegaLite;
let loading: Promise<void> | undefined;
/**
 * Vega and Vega-Lite, loaded on first use (~0.15 s) rather than when a command starts; a build asks for
 * them early (preloadChartLibraries) so that they load while DuckDB reads the extract.
 */
export function preloadChartLibraries(): Promise<void> {
  loading ??= Promise.all([import('vega'), import('vega-lite')]).then(([v, l]) => {
    vega = v;
    vl = l;
    vega.formatLocale(NL_NUMBER_LOCALE);
    vega.timeFormatLocale(NL_TIME_LOCALE);
    installVegaTextMetrics((vega as unknown as { textMetrics: { width: (i: unknown, t: unknown) => number } }).textMetrics);
  });
  return loading;
}

// ---------------------------------------------------------------------------------------------
// Rendering.

const BASE_CONFIG = {
  font: FONT_STACK,
  aria: false,
  background: null,
  padding: 2,
  view: { stroke: null },
  axis: {
    labelFontSize: 10,
    titleFontSize: 10,
    titleFontWeight: 'normal',
    titleColor: '#333333',
    labelColor: '#333333',
    domainColor: '#888888',
    tickColor: '#888888',
    gridColor: '#e4e4e4',
    labelFlush: false,
  },
  legend: { labelFontSize: 10, symbolStrokeWidth: 2, orient: 'top', title: null, labelLimit: 260 },
  header: { labelFontSize: 11, labelFontWeight: 'bold', labelColor: '#222222', title: null },
  title: { fontSize: 12, fontWeight: 'bold', anchor: 'start', color: '#222222', offset: 8 },
  text: { fontSize: 9.5, color: '#222222' },
};

let svgCounter = 0;

/** Dataset name under which helpers pass their rows (`data: { name: DATA }`). */
export const DATA = 'table';

interface CachedView {
  view: Vega.View;
  queue: Promise<unknown>;
}
/**
 * Compiling a spec and building its dataflow costs 4–5× more than re-running an existing View on
 * new data. The helpers keep every label, domain and year out of the spec (they come from the
 * data), so one View serves every gemeente's chart of the same shape.
 */
const viewCache = new Map<string, CachedView>();
const VIEW_CACHE_SIZE = 32;

function compile(spec: Record<string, unknown>): Vega.View {
  const full = { ...spec, config: { ...BASE_CONFIG, ...((spec.config as object) ?? {}) } };
  const compiled = vl.compile(full as unknown as VegaLite.TopLevelSpec).spec;
  return new vega.View(vega.parse(compiled), { renderer: 'none' });
}

function finishSvg(svg: string): { svg: string; width: number; height: number } {
  // Vega numbers clip paths/gradients per process; make ids unique per chart so that several
  // inline SVGs (possibly rendered in different processes) can share one HTML document.
  const prefix = `c${process.pid.toString(36)}${(++svgCounter).toString(36)}-`;
  // Only inside tags (text content has no '<'), so labels are never touched.
  svg = svg.replace(/<[^>]+>/g, (tag) =>
    tag
      .replace(/ id="([^"]+)"/g, ` id="${prefix}$1"`)
      .replace(/="url\(#([^)]+)\)"/g, `="url(#${prefix}$1)"`)
      // The figure wrapper carries role="img" + aria-label; Vega's per-group ARIA roles are noise.
      .replace(/ (?:role="graphics-[a-z-]+"|aria-roledescription="[^"]*")/g, ''),
  );
  const m = /<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
  return { svg, width: m ? Number(m[1]) : 0, height: m ? Number(m[2]) : 0 };
}

let cachingEnabled = true;
/** Turns the View cache off (every chart compiled afresh) or on again; for tests and debugging. */
export function setChartCaching(on: boolean): void {
  cachingEnabled = on;
  if (!on) clearChartCache();
}

async function renderFresh(spec: Record<string, unknown>, values?: object[]): Promise<string> {
  const view = compile(spec);
  try {
    if (values) view.data(DATA, values);
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec (its config is merged over the house style) to an SVG string.
 * With `values`, the spec must read `data: { name: DATA }`; its View is then cached by spec and
 * reused with the new values (calls on the same View are serialised). Specs with a `facet` are
 * never reused: Vega does not redo a facet's layout when its data changes.
 */
export async function renderVegaLite(
  spec: Record<string, unknown>,
  values?: object[],
): Promise<{ svg: string; width: number; height: number }> {
  await preloadChartLibraries();
  if (!values || !cachingEnabled || 'facet' in spec || 'repeat' in spec) return finishSvg(await renderFresh(spec, values));
  const key = JSON.stringify(spec);
  let entry = viewCache.get(key);
  const fresh = !entry;
  if (entry) {
    viewCache.delete(key); // re-insert: most recently used last
  } else {
    entry = { view: compile(spec), queue: Promise.resolve() };
    if (viewCache.size >= VIEW_CACHE_SIZE) {
      const [oldKey, old] = viewCache.entries().next().value as [string, CachedView];
      viewCache.delete(oldKey);
      void old.queue.finally(() => old.view.finalize());
    }
  }
  viewCache.set(key, entry);
  const { view } = entry;
  const run = entry.queue.then(async () => {
    if (!fresh) {
      // Empty the View first: every mark item (legend entries, line groups) is then created
      // anew in data order, so the SVG is the same as from a fresh View. (A fresh View must
      // not run empty first: that breaks some layouts.)
      view.data(DATA, []);
      await view.resize().runAsync();
    }
    view.data(DATA, values);
    // resize(): redo the autosize calculation, which otherwise keeps the previous chart's padding.
    await view.resize().runAsync();
    return view.toSVG();
  });
  const current = entry;
  entry.queue = run.catch(() => {
    // A View that failed half-way is not trusted with the next chart.
    if (viewCache.get(key) === current) viewCache.delete(key);
    current.view.finalize();
  });
  return finishSvg(await run);
}

/** Drops the cached Views (tests; long-running processes that want the memory back). */
export function clearChartCache(): void {
  for (const e of viewCache.values()) void e.queue.finally(() => e.view.finalize());
  viewCache.clear();
}

// ---------------------------------------------------------------------------------------------
// Number formatting shared by labels, tables and alt text.

function autoDecimals(values: (number | null)[]): number {
  return values.every((v) => v == null || Number.isInteger(v)) ? 0 : 1;
}

function cellText(p: { value: number | null; suppressed: boolean }, decimals: number, suppressedLabel: string): string {
  if (p.suppressed) return suppressedLabel;
  if (p.value == null || !Number.isFinite(p.value)) return '–';
  return getal(p.value, decimals, decimals);
}

function isPlotted(p: { value: number | null; suppressed: boolean }): boolean {
  return !p.suppressed && p.value != null && Number.isFinite(p.value);
}

/**
 * An invisible layer at 1.12 × each value, so the scale leaves room for the value labels beyond
 * the largest bar/point (the domain is data-driven, so the cached View stays reusable).
 */
function headroom(channel: 'x' | 'y'): object {
  return {
    transform: [{ filter: 'isValid(datum.value)' }, { calculate: 'datum.value * 1.12', as: 'headroom' }],
    mark: { type: 'point', opacity: 0, size: 1 },
    encoding: { [channel]: { field: 'headroom', type: 'quantitative' } },
  };
}

/**
 * Layers for a panel whose series has no value to plot (every year suppressed or missing): no y axis and a
 * fixed domain. With no data the axis had one tick, a "0" halfway up, on the line of the suppressed labels,
 * so that "<5" read as a value of 0.
 */
function withoutYAxis(layers: object[]): object[] {
  return layers.map((l: { encoding?: unknown }) => {
    const e = l.encoding as { y?: Record<string, unknown> } | undefined;
    if (!e?.y || !('field' in e.y)) return l;
    return { ...l, encoding: { ...e, y: { ...e.y, axis: null, scale: { domain: [0, 1] } } } };
  });
}

// ---------------------------------------------------------------------------------------------
// Trend chart: gemeente beside region over (usually) five schooljaren.

interface TrendRow {
  serie: string;
  si: number;
  schooljaar: string;
  value: number | null;
  suppressed: boolean;
  label: string;
  pos: 'above' | 'below';
}

export async function trendChart(input: TrendChartInput): Promise<Chart> {
  const suppressedLabel = input.suppressedLabel ?? '<5';
  const series = input.series;
  if (!series.length) throw new Error(`trendChart "${input.title}": no series`);
  const years: string[] = [];
  for (const s of series) for (const p of s.points) if (!years.includes(p.schooljaar)) years.push(p.schooljaar);
  years.sort();
  const allValues = series.flatMap((s) => s.points.filter(isPlotted).map((p) => p.value as number));
  const decimals = input.decimals ?? autoDecimals(allValues);
  const labels = series.map((s) => s.label);
  if (new Set(labels).size !== labels.length) throw new Error(`trendChart "${input.title}": duplicate series labels`);

  let mode = input.mode ?? 'auto';
  if (mode === 'auto') {
    const maxima = series.map((s) => Math.max(0, ...s.points.filter(isPlotted).map((p) => Math.abs(p.value as number))));
    const hi = Math.max(...maxima);
    const lo = Math.min(...maxima.filter((m) => m > 0));
    mode = series.length > 1 && hi > 0 && lo > 0 && hi / lo > 4 ? 'small-multiples' : 'line';
  }

  const rows: TrendRow[] = [];
  for (const [si, s] of series.entries()) {
    for (const y of years) {
      const p = s.points.find((q) => q.schooljaar === y) ?? { schooljaar: y, value: null, suppressed: false };
      rows.push({
        serie: s.label,
        si,
        schooljaar: y,
        value: isPlotted(p) ? (p.value as number) : null,
        suppressed: p.suppressed,
        label: cellText(p, decimals, suppressedLabel),
        pos: 'above',
      });
    }
  }
  // Value labels of the same year in one panel: highest above its point, the others below, except a value on
  // the baseline (0), whose label below would print over the year on the axis.
  if (mode === 'line') {
    for (const y of years) {
      const same = rows.filter((r) => r.schooljaar === y && r.value != null).sort((a, b) => (b.value as number) - (a.value as number));
      same.forEach((r, i) => (r.pos = i === 0 || (r.value as number) <= 0 ? 'above' : 'below'));
    }
  }

  const width = input.width ?? CONTENT_WIDTH;
  const height = input.height ?? 220;
  // Domains come from the data (ordered by series index / schooljaar), never from the spec, so
  // that the cached View of this shape can be reused for every gemeente.
  const bySerie = { field: 'si', op: 'min' };
  const colorScale = { range: COLORS };
  const xEnc = { field: 'schooljaar', type: 'ordinal', sort: 'ascending', axis: { title: null, labelAngle: 0, grid: false } };
  const yAxis = { title: input.unit, format: ',~f', tickCount: 5, grid: true };
  const plotted = { filter: 'isValid(datum.value)' };
  const suppressedOnly = { filter: 'datum.suppressed' };
  const legend = series.length > 1 && mode !== 'small-multiples' ? { orient: 'top', title: null, ...(mode === 'bar' ? { symbolType: 'square' } : {}) } : null;

  const lineLayers = (panelled: boolean) => [
    {
      mark: { type: 'line', strokeWidth: 2, invalid: 'break-paths-filter-domains' },
      encoding: {
        y: { field: 'value', type: 'quantitative', axis: yAxis, scale: { zero: true, nice: true } },
        strokeDash: { field: 'serie', type: 'nominal', sort: bySerie, scale: { range: DASHES }, legend: panelled ? null : legend },
      },
    },
    headroom('y'),
    {
      transform: [plotted],
      mark: { type: 'point', filled: true, size: 36, opacity: 1 },
      encoding: {
        y: { field: 'value', type: 'quantitative' },
        shape: { field: 'serie', type: 'nominal', sort: bySerie, scale: { range: SHAPES }, legend: panelled ? null : legend },
      },
    },
    {
      transform: [plotted, { filter: "datum.pos === 'above'" }],
      mark: { type: 'text', baseline: 'bottom', dy: -5 },
      encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
    },
    {
      transform: [plotted, { filter: "datum.pos === 'below'" }],
      mark: { type: 'text', baseline: 'top', dy: 6 },
      encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
    },
    // Suppressed values stand as text halfway up the plot, where no value is implied (on the baseline an "x"
    // read as a point at 0); one layer per series, stacked so that suppressed labels of the same year do not
    // overprint (Vega-Lite has no per-datum dy).
    ...(panelled ? [0] : labels.map((_, si) => si)).map((si) => ({
      transform: panelled ? [suppressedOnly] : [suppressedOnly, { filter: `datum.si === ${si}` }],
      mark: { type: 'text', baseline: 'middle', fontStyle: 'italic', dy: 12 * si },
      encoding: { y: { value: height / 2 }, text: { field: 'label' } },
    })),
  ];

  let spec: Record<string, unknown>;
  let kind: string;
  if (mode === 'bar') {
    kind = 'Staafdiagram';
    spec = {
      width,
      height,
      autosize: { type: 'fit', contains: 'padding' },
      data: { name: DATA },
      encoding: {
        x: xEnc,
        xOffset: { field: 'serie', type: 'nominal', sort: bySerie, scale: { paddingInner: 0.08 } },
        color: { field: 'serie', type: 'nominal', sort: bySerie, scale: colorScale, legend },
      },
      layer: [
        { mark: { type: 'bar', invalid: 'filter' }, encoding: { y: { field: 'value', type: 'quantitative', axis: yAxis, scale: { zero: true, nice: true } } } },
        headroom('y'),
        {
          transform: [plotted],
          mark: { type: 'text', baseline: 'bottom', dy: -3 },
          encoding: { y: { field: 'value', type: 'quantitative' }, text: { field: 'label' }, color: { value: '#222222' } },
        },
        {
          transform: [suppressedOnly],
          mark: { type: 'text', baseline: 'bottom', dy: -3, fontStyle: 'italic' },
          encoding: { y: { datum: 0, type: 'quantitative' }, text: { field: 'label' }, color: { value: '#222222' } },
        },
      ],
    };
  } else {
    const panelled = mode === 'small-multiples';
    kind = panelled ? `Lijngrafieken (elk met eigen schaal)` : 'Lijngrafiek';
    if (panelled) {
      const n = series.length;
      const gap = 24;
      const panelWidth = Math.max(120, Math.floor((width - gap * (n - 1)) / n) - 56);
      // Narrow panels: "2020/2021" → "20/21", so five schooljaren fit side by side.
      const perLabel = panelWidth / Math.max(1, years.length);
      const panelX = perLabel < 52 ? { ...xEnc, axis: { ...xEnc.axis, labelExpr: "replace(datum.label, /^\\d\\d(\\d\\d)\\/\\d\\d(\\d\\d)$/, '$1/$2')" } } : xEnc;
      // hconcat of one filtered panel per series rather than a facet: a facet's layout does not
      // follow data swaps, so it could not use the cached View (see renderVegaLite).
      spec = {
        data: { name: DATA },
        spacing: gap,
        resolve: { scale: { y: 'independent' } },
        hconcat: series.map((_, k) => ({
          width: panelWidth,
          height,
          transform: [{ filter: `datum.si === ${k}` }],
          encoding: { x: panelX, color: { field: 'serie', type: 'nominal', sort: bySerie, scale: colorScale, legend: null } },
          layer: [
            ...(series[k].points.some(isPlotted) ? lineLayers(true) : withoutYAxis(lineLayers(true))),
            {
              // Panel heading: the series label, once.
              transform: [{ window: [{ op: 'row_number', as: 'rn' }] }, { filter: 'datum.rn === 1' }],
              mark: { type: 'text', align: 'left', baseline: 'bottom', fontSize: 11, fontWeight: 'bold', color: '#222222', dy: -14 },
              encoding: { x: { value: 0 }, y: { value: 0 }, text: { field: 'serie' }, color: { value: '#222222' } },
            },
          ],
        })),
      };
    } else {
      spec = {
        width,
        height,
        autosize: { type: 'fit', contains: 'padding' },
        data: { name: DATA },
        encoding: { x: xEnc, color: { field: 'serie', type: 'nominal', sort: bySerie, scale: colorScale, legend } },
        layer: lineLayers(false),
      };
    }
  }
  if (input.showTitle) spec.title = input.title;
  spec.$schema = 'https://vega.github.io/schema/vega-lite/v6.json';

  const r = await renderVegaLite(spec, rows);
  return { svg: r.svg, width: r.width, height: r.height, alt: trendAlt(kind, input, years, decimals, suppressedLabel), table: trendTable(series, years, decimals, suppressedLabel) };
}

function trendTable(series: ChartSeries[], years: string[], decimals: number, suppressedLabel: string): ChartTable {
  // Series as rows, schooljaren as columns: compact, and it reads along the chart's x axis.
  return {
    head: ['', ...years],
    rows: series.map((s) => [
      s.label,
      ...years.map((y) => {
        const p = s.points.find((q) => q.schooljaar === y);
        return p ? cellText(p, decimals, suppressedLabel) : '–';
      }),
    ]),
  };
}

function trendAlt(kind: string, input: TrendChartInput, years: string[], decimals: number, suppressedLabel: string): string {
  const first = years[0];
  const last = years[years.length - 1];
  const parts: string[] = [];
  const head = `${kind}: ${lcFirst(input.title)}${input.unit ? ` (${input.unit})` : ''}${years.length > 1 ? `, ${first} tot ${last}` : first ? `, ${first}` : ''}`;
  const notShown: string[] = [];
  for (const s of input.series) {
    const pts = years.map((y) => s.points.find((p) => p.schooljaar === y)).filter((p): p is ChartPoint => !!p);
    const shown = pts.filter(isPlotted);
    const sup = pts.filter((p) => p.suppressed).map((p) => p.schooljaar);
    if (sup.length) notShown.push(`${s.label} ${sup.join(', ')}`);
    if (!shown.length) {
      parts.push(`${s.label}: ${sup.length ? `alle waarden ${suppressedLabel}` : 'geen gegevens'}`);
      continue;
    }
    const a = shown[0];
    const b = shown[shown.length - 1];
    const fa = getal(a.value, decimals, decimals) + (a.schooljaar !== first ? ` (${a.schooljaar})` : '');
    const fb = getal(b.value, decimals, decimals) + (b.schooljaar !== last ? ` (${b.schooljaar})` : '');
    if (shown.length === 1) parts.push(`${s.label} ${fa}`);
    else parts.push(`${s.label} van ${fa} naar ${fb}`);
  }
  let alt = `${head}; ${parts.join('; ')}.`;
  if (notShown.length) alt += ` Niet getoond wegens kleine aantallen (${suppressedLabel}): ${notShown.join('; ')}.`;
  return alt;
}

function lcFirst(s: string): string {
  // "Absoluut verzuim" → "absoluut verzuim", but keep acronyms/names ("RMC", "Haarlem") as they are.
  return /^[A-Z][a-z]/.test(s) && !/^[A-Z][a-z]+\s+[A-Z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

// ---------------------------------------------------------------------------------------------
// Horizontal bar chart for breakdowns.

export async function barChart(input: BarChartInput): Promise<Chart> {
  const suppressedLabel = input.suppressedLabel ?? '<5';
  const cats = input.categories;
  if (!cats.length) throw new Error(`barChart "${input.title}": no categories`);
  const decimals = input.decimals ?? autoDecimals(cats.filter(isPlotted).map((c) => c.value));
  // Category labels must be unique for the band scale; suffix duplicates invisibly.
  const seen = new Map<string, number>();
  const rows = cats.map((c, i) => {
    const n = seen.get(c.label) ?? 0;
    seen.set(c.label, n + 1);
    return {
      i,
      cat: n ? c.label + '\u200b'.repeat(n) : c.label,
      value: isPlotted(c) ? (c.value as number) : null,
      suppressed: c.suppressed,
      label: cellText(c, decimals, suppressedLabel),
    };
  });
  const width = input.width ?? CONTENT_WIDTH;
  const rowHeight = input.rowHeight ?? 22;
  const spec: Record<string, unknown> = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height: rowHeight * rows.length,
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { name: DATA },
    encoding: {
      y: { field: 'cat', type: 'nominal', sort: { field: 'i', op: 'min' }, scale: { paddingInner: 0.25 }, axis: { title: null, labelLimit: 240, ticks: false, domain: true, labelPadding: 6 } },
    },
    layer: [
      {
        mark: { type: 'bar', color: COLORS[0], invalid: 'filter' },
        encoding: { x: { field: 'value', type: 'quantitative', axis: { title: input.unit ?? null, format: ',~f', tickCount: 5, grid: true }, scale: { zero: true, nice: true } } },
      },
      headroom('x'),
      {
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4 },
        encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        transform: [{ filter: 'datum.suppressed' }],
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontStyle: 'italic' },
        encoding: { x: { datum: 0, type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  if (input.showTitle) spec.title = input.title;
  const r = await renderVegaLite(spec, rows);

  const items = cats.map((c) => `${c.label} ${cellText(c, decimals, suppressedLabel)}`);
  const listed = items.length > 12 ? [...items.slice(0, 10), `en ${items.length - 10} andere categorieën`] : items;
  const alt = `Staafdiagram: ${lcFirst(input.title)}${input.unit ? ` (${input.unit})` : ''}; ${listed.join('; ')}.`;
  const table: ChartTable = {
    head: ['', input.unit ? capitalise(input.unit) : 'Aantal'],
    rows: cats.map((c) => [c.label, cellText(c, decimals, suppressedLabel)]),
  };
  return { svg: r.svg, width: r.width, height: r.height, alt, table };
}

function capitalise(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}
