/**
 * Small value checks shared by the loader's messages: what a real date is, whether a header cell looks like
 * a column name (so it may be printed), and how to show a value with invisible characters.
 */

/** True for a YYYY-MM-DD string that names a day of the calendar (2025-02-30 is not one). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** True for MM-DD that is a day in every year (02-29 is not: the build would fail in three years of four). */
export function isMonthDay(s: string): boolean {
  return /^\d{2}-\d{2}$/.test(s) && s !== '02-29' && isCalendarDate(`2001-${s}`);
}

/**
 * A header cell that may be printed: a short identifier-like word with a letter in it (`gemeente`,
 * `Geboorte datum`). A BSN, a date or any other value from a data row never matches.
 */
export function looksLikeColumnName(s: string): boolean {
  return s.length <= 40 && /^[\p{L}_][\p{L}\p{N}_ .-]*$/u.test(s.trim()) && !/\d{4,}/.test(s);
}

// Tabs, line breaks, no-break and zero-width spaces, byte order marks, other control characters.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00a0\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/;
const SHOWN: Record<string, string> = { ' ': '␠', '\t': '␉', '\r': '␍', '\n': '␊', '\u00a0': '⍽' };

/**
 * A value as a message shows it. Plain words stay as they are; a value with spaces around it, double
 * spaces or an invisible character is quoted with those made visible: `"M␠␠"`, `"⟨U+200B⟩12"`.
 */
export function visible(s: string): string {
  if (!INVISIBLE.test(s) && s === s.trim() && !s.includes('  ')) return s.includes(' ') ? `"${s}"` : s;
  let out = '';
  for (const ch of s) {
    if (SHOWN[ch]) out += SHOWN[ch];
    else if (INVISIBLE.test(ch)) out += `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
    else out += ch;
  }
  return `"${out}"`;
}
