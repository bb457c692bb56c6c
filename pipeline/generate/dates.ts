/**
 * Dates as integer day numbers (days since 1900-01-01, UTC) with precomputed ISO strings and
 * year/month/day tables, so formatting a date is an array lookup.
 */

/** Extract date of a generated extract unless one is given (`generate --extractdatum`). */
export const DEFAULT_EXTRACTDATUM = '2025-10-15';

const EPOCH_OFFSET = 25567; // days from 1900-01-01 to 1970-01-01
/** "No end": an open period. Larger than any real day number. */
export const OPEN = 0x3fffffff;

function slowDay(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / 86_400_000 + EPOCH_OFFSET;
}

const FIRST_YEAR = 1900, LAST_YEAR = 2100;
/** Day number of 1 January of each year, and of the 1st of each month (index (y-1900)*12 + m-1). */
const MONTH_START = new Int32Array((LAST_YEAR - FIRST_YEAR + 1) * 12 + 1);
for (let i = 0; i < MONTH_START.length; i++) MONTH_START[i] = slowDay(FIRST_YEAR + Math.floor(i / 12), (i % 12) + 1, 1);

/** Day number of a calendar date; month and day may overflow (month 13 = January next year). */
export function day(y: number, m: number, d: number): number {
  const i = (y - FIRST_YEAR) * 12 + m - 1;
  if (i >= 0 && i < MONTH_START.length) return MONTH_START[i] + d - 1;
  return slowDay(y, m, d);
}

const LAST = day(2101, 1, 1);
export const ISO: string[] = new Array(LAST);
export const YEAR = new Int16Array(LAST);
export const MONTH = new Uint8Array(LAST);
export const DOM = new Uint8Array(LAST);
{
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  let y = 1900, m = 1, d = 1;
  for (let i = 0; i < LAST; i++) {
    ISO[i] = `${y}-${pad(m)}-${pad(d)}`;
    YEAR[i] = y;
    MONTH[i] = m;
    DOM[i] = d;
    const dim = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
    if (++d > dim) {
      d = 1;
      if (++m > 12) { m = 1; y++; }
    }
  }
}

export function iso(d: number): string {
  return ISO[d];
}

/** ISO string or empty for an open end. */
export function isoOrEmpty(d: number): string {
  return d >= OPEN ? '' : ISO[d];
}

export function parseIso(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a date: ${s}`);
  const d = day(Number(m[1]), Number(m[2]), Number(m[3]));
  if (ISO[d] !== s) throw new Error(`not a date: ${s}`);
  return d;
}

/** The same calendar day n years later (29 February → 1 March in a non-leap year). */
export function addYears(d: number, n: number): number {
  return day(YEAR[d] + n, MONTH[d], DOM[d]);
}

/** 1st of the month after d. */
export function firstOfNextMonth(d: number): number {
  return day(YEAR[d], MONTH[d] + 1, 1);
}

export function aug1(y: number): number {
  return day(y, 8, 1);
}

/** First day of the schooljaar (1 August) containing d. */
export function schooljaarStart(d: number): number {
  return MONTH[d] >= 8 ? aug1(YEAR[d]) : aug1(YEAR[d] - 1);
}

/** The first 1 August strictly after d. */
export function firstAug1After(d: number): number {
  const a = aug1(YEAR[d]);
  return a > d ? a : aug1(YEAR[d] + 1);
}

/** Age in whole years on day d. */
export function ageAt(birth: number, d: number): number {
  let a = YEAR[d] - YEAR[birth];
  if (MONTH[d] < MONTH[birth] || (MONTH[d] === MONTH[birth] && DOM[d] < DOM[birth])) a--;
  return a;
}
