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
 * The same rule as a DuckDB macro, so the loader checks millions of rows in SQL. Integer arithmetic on the
 * number (digit i = n // 10^(9-i) % 10) is much faster than nine substring casts.
 * `elfproef(s)` expects an already padded string; anything else (`736.845.793`, `04548779X`) is false, never an
 * error (DuckDB may evaluate the cast before the pattern test).
 */
export const ELFPROEF_MACRO = `
CREATE OR REPLACE MACRO elfproef_n(n) AS (
  n > 0 AND (
    9 * (n // 100000000 % 10) + 8 * (n // 10000000 % 10) + 7 * (n // 1000000 % 10) + 6 * (n // 100000 % 10)
    + 5 * (n // 10000 % 10) + 4 * (n // 1000 % 10) + 3 * (n // 100 % 10) + 2 * (n // 10 % 10) - (n % 10)
  ) % 11 = 0
);
CREATE OR REPLACE MACRO elfproef(s) AS (
  length(s) = 9 AND regexp_full_match(s, '[0-9]+') AND coalesce(elfproef_n(TRY_CAST(s AS BIGINT)), false)
);`;
