/**
 * Read access to the published (disclosure-controlled) figures for report templates.
 * Reports only look figures up here; they never compute them.
 */
import type { Db } from '../db.ts';
import type { PublicRow } from '../disclosure.ts';
import { CELL_KEY_SQL, cellKey, DIMENSIONS, type DimFilter, type Dimension } from '../store.ts';
import { Schooljaar } from '../schooljaar.ts';

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
 * What every hidden cell shows, whatever the reason it is hidden: telling a small count ("<5") from a cell
 * hidden to protect another would help an outsider work values back (see disclosure-audit.ts).
 */
export const HIDDEN_MARK = 'x';

export const MISSING: Cell = { value: null, suppressed: false, label: '', teller: null, noemer: null, eenheid: '' };

/** A published cell as held in memory: its value and how it is shown. */
interface Stored {
  waarde: number | null;
  teller: number | null;
  noemer: number | null;
  eenheid: string;
  onderdrukt: boolean;
}

/** One breakdown cell an indicator has (over all areas and years), for categories(). */
type Combination = { indicator: string } & Record<Dimension, string | number | null>;

/** How far back the extract's data reach: the extract date and the first dates of its event tables. */
export interface History {
  extractdatum: string;
  meldingenVanaf?: string;
  actiesVanaf?: string;
}

/**
 * What decides whether a year's figure is complete: the oldest age of its group at the end of the period
 * (`periodeEinde` MM-DD, default 08-01), and whether it rests on the extract's meldingen or zaakacties.
 */
export interface Completeness {
  maxLeeftijd?: number;
  bron?: 'meldingen' | 'acties';
  periodeEinde?: string;
}

/**
 * The first schooljaar whose figure is complete in the extract, or undefined when all are. A year is
 * incomplete (onvolledig) when its group is older than the extract keeps (persons above 23 on the extract
 * date are removed at load, so a group aged up to `maxLeeftijd` at the end of the period is complete only
 * while maxLeeftijd + 1 + the years since the period ended stays within 24), or when it starts before the
 * extract's history of meldingen or zaakacties (`bron`).
 */
export function firstCompleteYear(schooljaren: string[], history: History, o: Completeness): string | undefined {
  const extract = Date.parse(history.extractdatum);
  const vanaf = o.bron === 'meldingen' ? history.meldingenVanaf : o.bron === 'acties' ? history.actiesVanaf : undefined;
  const complete = (sj: string) => {
    const { start } = Schooljaar.parse(sj);
    const jaren = (extract - Date.parse(`${start + 1}-${o.periodeEinde ?? '08-01'}`)) / (365.25 * 86_400_000);
    if (o.maxLeeftijd !== undefined && o.maxLeeftijd + 1 + Math.max(0, jaren) > 24) return false;
    if (vanaf && `${start}-08-01` < vanaf) return false;
    return true;
  };
  const first = schooljaren.find(complete);
  return first === schooljaren[0] ? undefined : first;
}

export class Figures {
  readonly schooljaren: string[];

  private constructor(
    private readonly index: Map<string, Stored>,
    private readonly combinations: Combination[],
    schooljaren: string[],
    readonly history: History = { extractdatum: '9999-12-31' },
  ) {
    this.schooljaren = schooljaren;
  }

  /** The first schooljaar whose figure is complete in this extract (see firstCompleteYear). */
  firstCompleteYear(o: Completeness): string | undefined {
    return firstCompleteYear(this.schooljaren, this.history, o);
  }

  static async load(db: Db): Promise<Figures> {
    // A national store has ~700k cells: DuckDB builds each cell's lookup key, and only what a cell shows is
    // read (numbers as DOUBLE, so the rows need no conversion). Reading every column as objects took ~4x longer.
    const rows = await db.plainRows<Stored & { k: string }>(`SELECT ${CELL_KEY_SQL} AS k,
      CAST(waarde AS DOUBLE) AS waarde, CAST(teller AS DOUBLE) AS teller, CAST(noemer AS DOUBLE) AS noemer,
      eenheid, onderdrukt
      FROM public_indicators`);
    const index = new Map<string, Stored>();
    for (const r of rows) index.set(r.k, r);
    const combinations = await db.all<Combination>(`SELECT DISTINCT indicator, ${DIMENSIONS.join(', ')} FROM public_indicators`);
    const years = await db.all<{ schooljaar: string }>('SELECT schooljaar FROM int_schooljaren ORDER BY jaar');
    const [h] = await db.all<{ e: string; m: string | null; a: string | null }>(`SELECT CAST((SELECT extractdatum FROM extract_meta) AS VARCHAR) AS e,
      CAST((SELECT min(datum_melding) FROM stg_verzuimmeldingen) AS VARCHAR) AS m, CAST((SELECT min(datum) FROM stg_zaakacties) AS VARCHAR) AS a`);
    const history: History = { extractdatum: h.e, meldingenVanaf: h.m ?? undefined, actiesVanaf: h.a ?? undefined };
    return new Figures(index, combinations, years.map((y) => y.schooljaar), history);
  }

  /** The cell, or MISSING when the store has no such figure (e.g. no history that year). */
  get(indicator: string, gebied: string, schooljaar: string, dims: DimFilter = {}): Cell {
    const r = this.index.get(cellKey(indicator, schooljaar, gebied, dims));
    if (!r) return MISSING;
    return { value: r.waarde, suppressed: r.onderdrukt, label: HIDDEN_MARK, teller: r.teller, noemer: r.noemer, eenheid: r.eenheid };
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
