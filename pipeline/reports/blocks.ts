/**
 * Report building blocks: turn published figures into what a template lays out (charts with their
 * data tables, tables of cells, key figures). Blocks look figures up; they never compute them.
 * Every report (jaarverslag, telling, RMC) is a list of chapters made of these blocks.
 */
import { barChart, type Chart, trendChart } from '../render/charts.ts';
import { decimalen } from '../format/index.ts';
import type { Dimension, DimFilter } from '../store.ts';
import { indicatorDef } from '../catalog.ts';
import { type Cell, type Completeness, Figures, HIDDEN_MARK, MISSING } from './figures.ts';
import { label, orderCodes, shortLabel } from '../codes.ts';

/** The area a report is about and the area it is compared with. */
export interface Scope {
  gebied: { code: string; naam: string };
  vergelijk?: { code: string; naam: string };
  schooljaar: string;
}

export interface ChartBlock {
  kind: 'chart';
  /** Figure number within the document (see numberFigures). */
  nummer?: number;
  title: string;
  note?: string;
  chart: Chart;
  /** Indicator codes shown (for the definitions appendix). */
  codes: string[];
}

export interface TableBlock {
  kind: 'table';
  title: string;
  note?: string;
  head: string[];
  rows: { label: string; cells: Cell[]; total?: boolean }[];
  /** Many columns: printed smaller. */
  wide?: boolean;
  /** Indicator codes shown (for the definitions appendix). */
  codes: string[];
}

export type Block = ChartBlock | TableBlock;

export interface Chapter {
  id: string;
  title: string;
  intro: string;
  blocks: Block[];
  /** Narrative Markdown (inhoudelijk variant), or a placeholder notice. */
  narrative?: { markdown?: string; missing?: string };
}

const UNIT_TEXT: Record<string, string> = {
  personen: 'aantal personen',
  meldingen: 'aantal meldingen',
  acties: 'aantal acties',
  zaken: 'aantal zaken',
  aanvragen: 'aantal aanvragen',
  trajecten: 'aantal trajecten',
  per_1000: 'per 1.000',
  procent: 'procent',
  dagen: 'dagen (mediaan)',
};

export function unitText(eenheid: string): string {
  return UNIT_TEXT[eenheid] ?? eenheid;
}

/** Trend over the build's schooljaren: the area beside its comparison area. */
export async function trend(F: Figures, s: Scope, o: { code: string; title: string; dims?: DimFilter; unit?: string; note?: string; volledig?: Completeness }): Promise<Block> {
  const areas = [s.gebied, ...(s.vergelijk ? [s.vergelijk] : [])];
  const eenheid = firstUnit(F, o.code, areas.map((a) => a.code), o.dims);
  const rate = eenheid === 'per_1000' || eenheid === 'procent' || eenheid === 'dagen';
  // Years the extract cannot hold completely are left out, with a footnote (never a misleading rise).
  const first = o.volledig ? F.firstCompleteYear(o.volledig) : undefined;
  const jaren = first ? F.schooljaren.slice(F.schooljaren.indexOf(first)) : F.schooljaren;
  const note = first ? [o.note, onvolledigNote(first, o.volledig!)].filter(Boolean).join(' ') : o.note;
  if (jaren.length < 2) {
    // One complete year is no trend: its figure as a table, with the footnote.
    return { kind: 'table', title: `${o.title}, ${s.schooljaar}`, note, head: ['', s.schooljaar], rows: areas.map((a) => ({ label: a.naam, cells: [F.get(o.code, a.code, s.schooljaar, o.dims)] })), codes: [o.code] };
  }
  const cells = areas.map((a) => jaren.map((sj) => F.get(o.code, a.code, sj, o.dims)));
  // No line without two points: when no area shows two years (the rest hidden), the years as a table.
  const shown = (c: Cell) => !c.suppressed && c.value !== null;
  if (cells.every((row) => row.filter(shown).length < 2)) {
    return { kind: 'table', title: o.title, note, head: ['', ...jaren], rows: areas.map((a, i) => ({ label: a.naam, cells: cells[i] })), wide: jaren.length > 4, codes: [o.code] };
  }
  const series = areas.map((a, i) => ({
    label: a.naam,
    points: jaren.map((sj, j) => {
      const c = cells[i][j];
      return { schooljaar: sj, value: c.suppressed ? null : c.value, suppressed: c.suppressed };
    }),
  }));
  const chart = await trendChart({
    title: o.title,
    unit: o.unit ?? unitText(eenheid),
    series,
    mode: rate ? 'line' : 'small-multiples',
    decimals: decimalen(eenheid),
    suppressedLabel: HIDDEN_MARK,
  });
  return { kind: 'chart', title: o.title, note, chart, codes: [o.code] };
}

export type { Completeness };

/** The footnote of a trend or table that leaves incomplete years out. */
export function onvolledigNote(first: string, v: Completeness): string {
  const reden = v.maxLeeftijd !== undefined
    ? 'het gegevensbestand bevat geen jongeren die nu ouder zijn dan 23 jaar, zodat die jaren onvolledig zijn'
    : 'het gegevensbestand bevat de meldingen en acties van die jaren niet volledig';
  return `Jaren vóór ${first} zijn weggelaten: ${reden}.`;
}


function firstUnit(F: Figures, code: string, gebieden: string[], dims?: DimFilter): string {
  for (const g of gebieden) {
    for (const sj of F.schooljaren) {
      const c = F.get(code, g, sj, dims);
      if (c.eenheid) return c.eenheid;
    }
  }
  return '';
}

function orderCategories(dim: Dimension, cats: string[]): string[] {
  return orderCodes(dim, cats);
}

/** One indicator broken down by one dimension: area and comparison area side by side, with the total. */
export function breakdown(F: Figures, s: Scope, o: { code: string; dim: Dimension; title: string; fixed?: DimFilter; note?: string; categories?: string[]; total?: boolean }): TableBlock {
  const cats = o.categories ?? orderCategories(o.dim, F.categories(o.code, o.dim, o.fixed));
  const areas = [s.gebied, ...(s.vergelijk ? [s.vergelijk] : [])];
  const rows: TableBlock['rows'] = cats.map((c) => ({
    label: label(o.dim, c),
    cells: areas.map((a) => F.get(o.code, a.code, s.schooljaar, { ...o.fixed, [o.dim]: c })),
  }));
  if (o.total !== false) {
    rows.push({ label: 'Totaal', cells: areas.map((a) => F.get(o.code, a.code, s.schooljaar, { ...o.fixed })), total: true });
  }
  return { kind: 'table', title: o.title, note: o.note, head: ['', ...areas.map((a) => a.naam)], rows, codes: [o.code] };
}

/** A bar chart of one indicator by one dimension for the area. */
export async function bars(F: Figures, s: Scope, o: { code: string; dim: Dimension; title: string; fixed?: DimFilter; note?: string }): Promise<ChartBlock> {
  const cats = orderCategories(o.dim, F.categories(o.code, o.dim, o.fixed));
  const cells = cats.map((c) => ({ c, cell: F.get(o.code, s.gebied.code, s.schooljaar, { ...o.fixed, [o.dim]: c }) }));
  const eenheid = cells.find((x) => x.cell.eenheid)?.cell.eenheid ?? '';
  const chart = await barChart({
    title: o.title,
    unit: unitText(eenheid),
    decimals: decimalen(eenheid),
    categories: cells.map(({ c, cell }) => ({ label: label(o.dim, c), value: cell.suppressed ? null : cell.value, suppressed: cell.suppressed })),
    suppressedLabel: HIDDEN_MARK,
  });
  return { kind: 'chart', title: o.title, note: o.note, chart, codes: [o.code] };
}

/** One indicator by two dimensions for the area (rows × columns, with totals where the store has them). */
export function crosstab(F: Figures, s: Scope, o: { code: string; rowDim: Dimension; colDim: Dimension; title: string; fixed?: DimFilter; note?: string }): TableBlock {
  const rowsC = orderCategories(o.rowDim, F.categories(o.code, o.rowDim, o.fixed));
  const colsC = orderCategories(o.colDim, uniq(rowsC.flatMap((r) => F.categories(o.code, o.colDim, { ...o.fixed, [o.rowDim]: r }))));
  const g = s.gebied.code;
  const rows: TableBlock['rows'] = rowsC.map((r) => ({
    label: label(o.rowDim, r),
    cells: [...colsC.map((c) => F.get(o.code, g, s.schooljaar, { ...o.fixed, [o.rowDim]: r, [o.colDim]: c })), F.get(o.code, g, s.schooljaar, { ...o.fixed, [o.rowDim]: r })],
  }));
  rows.push({
    label: 'Totaal',
    cells: [...colsC.map((c) => F.get(o.code, g, s.schooljaar, { ...o.fixed, [o.colDim]: c })), F.get(o.code, g, s.schooljaar, { ...o.fixed })],
    total: true,
  });
  return { kind: 'table', title: o.title, note: o.note, head: ['', ...colsC.map((c) => shortLabel(o.colDim, c)), 'Totaal'], rows, wide: colsC.length > 4, codes: [o.code] };
}

/**
 * A figure a table shows: its indicator and breakdown cell. Its label is the catalog's (the header of the
 * indicator's query); `label` overrides it only where this table's wording must differ from it, such as an
 * "of which" row or a short column head under a table title that already says what is counted.
 */
export interface FigureRef {
  code: string;
  dims?: DimFilter;
  label?: string;
}

function labelOf(f: FigureRef): string {
  return f.label ?? indicatorDef(f.code).label;
}

/** Several indicators as rows: this year for the area, the previous year, and the comparison area. */
export function keyFigures(F: Figures, s: Scope, title: string, items: (FigureRef & { volledig?: Completeness })[]): TableBlock {
  const i = F.schooljaren.indexOf(s.schooljaar);
  const vorig = i > 0 ? F.schooljaren[i - 1] : undefined;
  const onvolledig = (it: (typeof items)[number]) => {
    const first = it.volledig && F.firstCompleteYear(it.volledig);
    return vorig !== undefined && first !== undefined && vorig < first;
  };
  const weg = items.filter(onvolledig);
  // The previous year is left out altogether when no item has it complete.
  const toonVorig = vorig !== undefined && weg.length < items.length;
  const head = ['', `${s.gebied.naam} ${s.schooljaar}`];
  if (toonVorig) head.push(`${s.gebied.naam} ${vorig}`);
  if (s.vergelijk) head.push(`${s.vergelijk.naam} ${s.schooljaar}`);
  const rows = items.map((it) => {
    const cells = [F.get(it.code, s.gebied.code, s.schooljaar, it.dims)];
    if (toonVorig) cells.push(onvolledig(it) ? { ...MISSING, suppressed: true, label: 'onvolledig' } : F.get(it.code, s.gebied.code, vorig, it.dims));
    if (s.vergelijk) cells.push(F.get(it.code, s.vergelijk.code, s.schooljaar, it.dims));
    return { label: labelOf(it), cells };
  });
  const reden = 'omdat het gegevensbestand geen jongeren bevat die nu ouder zijn dan 23 jaar';
  const note = !weg.length ? undefined : toonVorig ? `"Onvolledig": het cijfer van ${vorig} is niet getoond, ${reden}.` : `De cijfers van ${vorig} zijn niet getoond, ${reden}: ze zouden onvolledig zijn.`;
  return { kind: 'table', title, head, rows, note, codes: items.map((it) => it.code) };
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Rows: the categories of one dimension (in reading order, with the total); columns: figures of given areas. */
export function byCategory(
  F: Figures,
  s: Scope,
  o: { dim: Dimension; title: string; note?: string; columns: (FigureRef & { gebied: { code: string } })[] },
): TableBlock {
  const cats = orderCategories(o.dim, uniq(o.columns.flatMap((c) => F.categories(c.code, o.dim))));
  const rows: TableBlock['rows'] = cats.map((c) => ({
    label: label(o.dim, c),
    cells: o.columns.map((col) => F.get(col.code, col.gebied.code, s.schooljaar, { [o.dim]: c })),
  }));
  rows.push({ label: 'Totaal', total: true, cells: o.columns.map((col) => F.get(col.code, col.gebied.code, s.schooljaar)) });
  return { kind: 'table', title: o.title, note: o.note, head: ['', ...o.columns.map(labelOf)], rows, codes: uniq(o.columns.map((c) => c.code)) };
}

/** Numbers the charts of a document consecutively ("Figuur 1", "Figuur 2", …). */
export function numberFigures(chapters: Chapter[]): void {
  let n = 0;
  for (const ch of chapters) for (const b of ch.blocks) if (b.kind === 'chart') b.nummer = ++n;
}

/** Several figures (columns) for a list of areas (rows), e.g. every gemeente of a region and its total. */
export function byArea(
  F: Figures,
  schooljaar: string,
  o: { title: string; note?: string; areas: { code: string; naam: string; total?: boolean }[]; columns: FigureRef[] },
): TableBlock {
  return {
    kind: 'table',
    title: o.title,
    note: o.note,
    head: ['', ...o.columns.map(labelOf)],
    rows: o.areas.map((a) => ({ label: a.naam, total: a.total, cells: o.columns.map((c) => F.get(c.code, a.code, schooljaar, c.dims)) })),
    codes: o.columns.map((c) => c.code),
  };
}
