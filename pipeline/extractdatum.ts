/**
 * The extract date given on the command line (`--extractdatum`) or in the project file, instead of
 * the extract folder's extract.json. A date after today is an error: an extract cannot be taken in the
 * future, and every "date after the extract date" rule would silently let future rows through.
 */
import { InputError } from './errors.ts';

/** Today's date in Europe/Amsterdam as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Checks an extract date; `source` names where it came from (`--extractdatum`, a file) for the message. */
export function checkExtractdatum(d: string, source: string, now = new Date()): string {
  const iso = d.trim();
  const t = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso) {
    throw new InputError(`${source} ${d}: not a date; expected YYYY-MM-DD, e.g. 2025-10-15`);
  }
  const today = todayIso(now);
  if (iso > today) throw new InputError(`${source} ${iso} lies after today (${today}): an extract cannot be taken in the future; give the date it was taken`);
  return iso;
}
