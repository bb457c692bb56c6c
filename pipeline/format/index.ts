/**
 * Dutch text for numbers, money and dates, in one place: the report templates (as nunjucks filters, see
 * render/html.ts), the charts, the kosten tables and the CLI all format through here.
 *
 *   getal(x, maxDecimals = 0, minDecimals = 0)   1234.5 → "1.234,5"  (null → "–")
 *   procent(x, decimals = 1)                     12.34 → "12,3%"  (x in percentage points)
 *   aandeel(x, decimals = 1)                     0.1234 → "12,3%" (x a fraction)
 *   bedrag(x, decimals = 2)                      1234.5 → "€ 1.234,50"
 *   datum(d, stijl = 'lang')                     '2025-10-15' → "15 oktober 2025"; 'kort' → "15-10-2025"
 *   maanddag('10-01')                            "1 oktober"
 *   cel(cell, decimals = 0)                      {value, suppressed, label?} → "<5" / "–" / "1.234"
 *   formatNl(23866370n, 2)                       exact amount in units of 10^-2 → "238.663,70" (kosten)
 */
import { PER_FTE_UNIT, RATE_UNITS } from '../store.ts';

export const DASH = '–';
export const DEFAULT_SUPPRESSED_LABEL = '<5';

// ---------------------------------------------------------------------------------------------
// Formatting (also usable from TypeScript).

const nfCache = new Map<string, Intl.NumberFormat>();
function nf(key: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = nfCache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('nl-NL', opts);
    nfCache.set(key, f);
  }
  return f;
}

function toNumber(value: unknown): number | bigint | null {
  if (value == null || value === '') return null;
  if (typeof value === 'bigint') return value;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`not a number: ${JSON.stringify(String(value))}`);
  return n;
}

function isCell(v: unknown): v is PublishedCell {
  return typeof v === 'object' && v !== null && 'suppressed' in v && 'value' in v;
}

/** Dutch number: getal(1234.5, 1) → "1.234,5"; null → "–". */
export function getal(value: unknown, maxDecimals = 0, minDecimals = 0): string {
  if (isCell(value)) return cel(value, maxDecimals);
  const n = toNumber(value);
  if (n === null) return DASH;
  const min = Math.min(minDecimals, maxDecimals);
  return nf(`n${min}-${maxDecimals}`, { minimumFractionDigits: min, maximumFractionDigits: maxDecimals }).format(n);
}

/** Percentage from percentage points: procent(12.34) → "12,3%". */
export function procent(value: unknown, decimals = 1): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  return `${getal(n, decimals, decimals)}%`;
}

/** Percentage from a fraction: aandeel(0.1234) → "12,3%". */
export function aandeel(value: unknown, decimals = 1): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  return procent(Number(n) * 100, decimals);
}

/** Euro amount: bedrag(1234.5) → "€ 1.234,50" (with a no-break space). */
export function bedrag(value: unknown, decimals = 2): string {
  const n = toNumber(value);
  if (n === null) return DASH;
  return nf(`eur${decimals}`, {
    style: 'currency',
    currency: 'EUR',
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
}

export const MAANDEN = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/**
 * Dutch date without time-zone surprises: 'YYYY-MM-DD' (or anything starting with it, such as an
 * ISO timestamp or a DuckDB DATE value) is read as a calendar date, never through `new Date()`.
 * A JS Date at UTC midnight (how date columns usually arrive) is read in UTC, other Dates in local time.
 */
export function datum(value: unknown, stijl: 'lang' | 'kort' = 'lang'): string {
  if (value == null || value === '') return DASH;
  let y: number;
  let m: number;
  let d: number;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new Error('datum: invalid Date');
    const utcMidnight = value.getUTCHours() === 0 && value.getUTCMinutes() === 0 && value.getUTCSeconds() === 0 && value.getUTCMilliseconds() === 0;
    y = utcMidnight ? value.getUTCFullYear() : value.getFullYear();
    m = (utcMidnight ? value.getUTCMonth() : value.getMonth()) + 1;
    d = utcMidnight ? value.getUTCDate() : value.getDate();
  } else {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(String(value));
    if (!match) throw new Error(`datum: expected YYYY-MM-DD, got ${JSON.stringify(String(value))}`);
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (m < 1 || m > 12 || d < 1 || d > 31) throw new Error(`datum: not a date: ${String(value)}`);
  }
  if (stijl === 'kort') return `${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}-${y}`;
  return `${d} ${MAANDEN[m - 1]} ${y}`;
}

/** A month-day parameter ("10-01") in words: "1 oktober". */
export function maanddag(value: unknown): string {
  const m = /^(\d{2})-(\d{2})$/.exec(String(value));
  if (!m) return String(value);
  return `${Number(m[2])} ${MAANDEN[Number(m[1]) - 1]}`;
}

/** A published (possibly suppressed) number, as produced by the disclosure control. */
export interface PublishedCell {
  value: number | null;
  suppressed: boolean;
  /** Text to show when suppressed (default "<5"). */
  label?: string;
}

/**
 * Decimals a published figure of this unit is shown with, in tables and charts alike: one for rates
 * (per 1.000, procent) and for a count per fte, none for counts and for median days (a median of an even
 * number of cases may end in ,5; whole days are what a reader needs).
 */
export function decimalen(eenheid: string | null | undefined): number {
  return RATE_UNITS.has(eenheid ?? '') || eenheid === PER_FTE_UNIT ? 1 : 0;
}

/** "<5" (the cell's label) when suppressed, "–" when empty, else the Dutch number. */
export function cel(cell: PublishedCell | number | null | undefined, decimals = 0): string {
  if (cell == null) return DASH;
  if (typeof cell !== 'object') return getal(cell, decimals, decimals);
  if (cell.suppressed) return cell.label ?? DEFAULT_SUPPRESSED_LABEL;
  return getal(cell.value, decimals, decimals);
}

export interface FormatOptions {
  /** Decimal separator (default `.`). */
  decimal?: string;
  /** Thousands separator (default none). */
  group?: string;
}

/** An integer number of units of 10^-places written as a decimal: (23866370n, 2) → `238663.70`. */
export function formatUnits(units: bigint, places: number, opts: FormatOptions = {}): string {
  const neg = units < 0n;
  const abs = (neg ? -units : units).toString().padStart(places + 1, '0');
  let int = places ? abs.slice(0, -places) : abs;
  const frac = places ? abs.slice(-places) : '';
  if (opts.group) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, opts.group);
  return `${neg ? '-' : ''}${int}${frac ? (opts.decimal ?? '.') + frac : ''}`;
}

/**
 * An exact amount in Dutch, without float, for reading (PDF, HTML): formatNl(23866370n, 2) → `238.663,70`,
 * a negative one with a minus sign (U+2212, as the reports' "(−)" legends): `−96,24`. (Files for machines
 * take formatUnits.)
 */
export function formatNl(n: bigint, places: number): string {
  return formatUnits(n, places, { decimal: ',', group: '.' }).replace(/^-/, '\u2212');
}
