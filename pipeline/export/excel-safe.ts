/**
 * Formula injection: Excel (and LibreOffice) treat a CSV cell that begins with `=`, `+`, `-` or `@` (or a
 * tab or carriage return before one) as a formula. A gemeente name or a code from a configuration file
 * could start that way. In everything meant for Excel, such a text cell gets a leading apostrophe, which
 * Excel shows as plain text (OWASP's "CSV injection" advice). Numbers are never touched: -1 stays -1.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text value safe to open in Excel. */
export function excelText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The same as an SQL expression over a VARCHAR column. */
export function excelTextSql(col: string): string {
  return `CASE WHEN regexp_matches(${col}, '^[=+\\-@\\t\\r]') THEN '''' || ${col} ELSE ${col} END`;
}
