/** BSN (burgerservicenummer) checks: the 11-proef. */

/** Left-pads a legacy 8-digit BSN to 9 digits; other input is returned unchanged. */
export function normaliseBsn(raw: string): string {
  const s = raw.trim();
  return /^\d{8}$/.test(s) ? `0${s}` : s;
}

/**
 * True when `raw` (after 8→9 padding) is 9 digits, not all zeros, and
 * 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11.
 */
export function isValidBsn(raw: string): boolean {
  const s = normaliseBsn(raw);
  if (!/^\d{9}$/.test(s) || s === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(s[i]);
  sum -= Number(s[8]);
  return sum % 11 === 0;
}

/**
 * The same rule as a DuckDB macro, so the loader checks millions of rows in SQL.
 * `elfproef(s)` expects an already padded string.
 */
export const ELFPROEF_MACRO = `
CREATE OR REPLACE MACRO elfproef(s) AS (
  regexp_full_match(s, '[0-9]{9}') AND s <> '000000000' AND (
    9 * CAST(s[1] AS INTEGER) + 8 * CAST(s[2] AS INTEGER) + 7 * CAST(s[3] AS INTEGER)
    + 6 * CAST(s[4] AS INTEGER) + 5 * CAST(s[5] AS INTEGER) + 4 * CAST(s[6] AS INTEGER)
    + 3 * CAST(s[7] AS INTEGER) + 2 * CAST(s[8] AS INTEGER) - CAST(s[9] AS INTEGER)
  ) % 11 = 0
);`;
