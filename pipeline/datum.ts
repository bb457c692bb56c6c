/**
 * The date of a build, in the time zone of the office (Europe/Amsterdam), never UTC: between midnight
 * and 01:00/02:00 Dutch time the UTC date is still yesterday's.
 *
 *   resolveDatum({ datum: '2025-10-20' })   → { datum: '2025-10-20', moment: 2025-10-19T22:00:00Z }
 *   resolveDatum({ env: { SOURCE_DATE_EPOCH: '1760911200' } })  → the Dutch date of that instant
 *   resolveDatum({})                        → today in the Netherlands, now
 *
 * `datum` is printed on covers and colofons; `moment` is the creation date written into documents (PDF
 * metadata). SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) is honoured when
 * no explicit date is given, so a rebuild with the same inputs gives the same files.
 */
import { UsageError } from './errors.ts';

export const TIJDZONE = 'Europe/Amsterdam';

const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: TIJDZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const hm = new Intl.DateTimeFormat('en-GB', { timeZone: TIJDZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The calendar date (YYYY-MM-DD) of an instant in the Netherlands. */
export function dutchDate(d: Date): string {
  return ymd.format(d);
}

/** The instant a Dutch calendar day (YYYY-MM-DD) begins: 00:00 in Europe/Amsterdam (CET or CEST). */
export function dutchMidnight(date: string): Date {
  for (const offsetHours of [1, 2, 0]) {
    const t = new Date(Date.parse(`${date}T00:00:00Z`) - offsetHours * 3_600_000);
    if (dutchDate(t) === date && hm.format(t) === '00:00') return t;
  }
  throw new Error(`no Dutch midnight for ${date}`);
}

export interface BuildDatum {
  /** YYYY-MM-DD, as printed. */
  datum: string;
  /** The instant recorded as the documents' creation date. */
  moment: Date;
}

/** `--datum` when given (checked), else SOURCE_DATE_EPOCH, else the clock; always the Dutch calendar date. */
export function resolveDatum(o: { datum?: string; env?: NodeJS.ProcessEnv; now?: Date } = {}): BuildDatum {
  if (o.datum !== undefined) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(o.datum);
    const valid = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).toISOString().slice(0, 10) === o.datum;
    if (!valid) throw new UsageError(`--datum ${o.datum}: expected a date as YYYY-MM-DD, e.g. 2025-10-20`);
    return { datum: o.datum, moment: dutchMidnight(o.datum) };
  }
  const epoch = (o.env ?? process.env).SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d{1,12}$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH=${epoch}: expected whole seconds since 1970-01-01 UTC, e.g. 1760911200`);
    const moment = new Date(Number(epoch) * 1000);
    return { datum: dutchDate(moment), moment };
  }
  const now = o.now ?? new Date();
  return { datum: dutchDate(now), moment: now };
}
