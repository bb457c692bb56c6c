/**
 * Read access to the published (disclosure-controlled) figures for report templates.
 * Reports only look figures up here; they never compute them.
 */
import type { Db } from '../db.ts';
import type { PublicRow } from '../disclosure.ts';
import { CELL_KEY_SQL, cellKey, COUNT_UNITS, DIMENSIONS, type DimFilter, type Dimension } from '../store.ts';

/** One published cell as a template shows it. */
export interface Cell {
  value: number | null;
  suppressed: boolean;
  /** What a suppressed cell shows, e.g. "<5". */
  label: string;
  teller: number | null;
  noemer: number | null;
  eenheid: string;
}

/**
 * What a hidden cell shows: "<5" only where the count really is 1–4; "x" where a larger count is hidden to
 * protect another cell (secondary), or a rate or median rests on too few cases.
 */
export const HIDDEN_MARK = 'x';

export function suppressionMark(r: Pick<PublicRow, 'eenheid' | 'reden_onderdrukking'>, smallCountLabel: string): string {
  return r.reden_onderdrukking === 'klein_aantal' && COUNT_UNITS.has(r.eenheid) ? smallCountLabel : HIDDEN_MARK;
}

export const MISSING: Cell = { value: null, suppressed: false, label: '', teller: null, noemer: null, eenheid: '' };

/** A published cell as held in memory: its value and how it is shown. */
interface Stored {
  waarde: number | null;
  teller: number | null;
  noemer: number | null;
  eenheid: string;
  onderdrukt: boolean;
  reden_onderdrukking: PublicRow['reden_onderdrukking'];
}

/** One breakdown cell an indicator has (over all areas and years), for categories(). */
type Combination = { indicator: string } & Record<Dimension, string | number | null>;

export class Figures {
  readonly schooljaren: string[];

  private constructor(
    private readonly index: Map<string, Stored>,
    private readonly combinations: Combination[],
    schooljaren: string[],
    private readonly suppressedLabel: string,
  ) {
    this.schooljaren = schooljaren;
  }

  /** `suppressedLabel`: the text of a suppressed cell, `<min_cel>`. */
  static async load(db: Db, suppressedLabel: string): Promise<Figures> {
    // A national store has ~700k cells: DuckDB builds each cell's lookup key, and only what a cell shows is
    // read (numbers as DOUBLE, so the rows need no conversion). Reading every column as objects took ~4x longer.
    const reader = await db.conn.runAndReadAll(`SELECT ${CELL_KEY_SQL} AS k,
      CAST(waarde AS DOUBLE) AS waarde, CAST(teller AS DOUBLE) AS teller, CAST(noemer AS DOUBLE) AS noemer,
      eenheid, onderdrukt, reden_onderdrukking
      FROM public_indicators`);
    const index = new Map<string, Stored>();
    for (const r of reader.getRowObjectsJS() as unknown as (Stored & { k: string })[]) index.set(r.k, r);
    const combinations = await db.all<Combination>(`SELECT DISTINCT indicator, ${DIMENSIONS.join(', ')} FROM public_indicators`);
    const years = await db.all<{ schooljaar: string }>('SELECT schooljaar FROM int_schooljaren ORDER BY jaar');
    return new Figures(index, combinations, years.map((y) => y.schooljaar), suppressedLabel);
  }

  /** The cell, or MISSING when the store has no such figure (e.g. no history that year). */
  get(indicator: string, gebied: string, schooljaar: string, dims: DimFilter = {}): Cell {
    const r = this.index.get(cellKey(indicator, schooljaar, gebied, dims));
    if (!r) return MISSING;
    return { value: r.waarde, suppressed: r.onderdrukt, label: suppressionMark(r, this.suppressedLabel), teller: r.teller, noemer: r.noemer, eenheid: r.eenheid };
  }

  has(indicator: string, gebied: string, schooljaar: string, dims: DimFilter = {}): boolean {
    return this.index.has(cellKey(indicator, schooljaar, gebied, dims));
  }

  /**
   * The values of one dimension present for an indicator (e.g. every soort of JV-RV-MELDINGEN), over all
   * areas and years, so every document lists the same categories. Memoised.
   */
  categories(indicator: string, dim: Dimension, fixed: DimFilter = {}): string[] {
    const key = `${indicator}|${dim}|${JSON.stringify(fixed)}`;
    let cached = this.categoryCache.get(key);
    if (!cached) this.categoryCache.set(key, (cached = this.findCategories(indicator, dim, fixed)));
    return cached;
  }

  private readonly categoryCache = new Map<string, string[]>();

  private findCategories(indicator: string, dim: Dimension, fixed: DimFilter): string[] {
    const out = new Set<string>();
    for (const r of this.combinations) {
      if (r.indicator !== indicator || r[dim] === null) continue;
      if (DIMENSIONS.some((d) => d !== dim && (fixed[d] ?? null) !== (r[d] ?? null))) continue;
      out.add(String(r[dim]));
    }
    return [...out].sort();
  }
}
