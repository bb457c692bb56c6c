/**
 * The contract's "Validation" section as SQL, generated from pipeline/contract.ts.
 * Every rule appends rows to `load_errors(tabel, rij, kolom, waarde, reden)`; `waarde` is NULL where the
 * value is personal data (shown as "invalid"). Row-local rules run in one pass per table; rules that
 * compare rows (unique ids, references, overlapping residence) run as their own set-based queries.
 */
import { BOOLEAN_FALSE, BOOLEAN_TRUE, type Column, type Table, TABLES, table } from '../contract.ts';
import { sqlString } from '../db.ts';

export const LOAD_ERRORS_DDL = `CREATE OR REPLACE TABLE load_errors (
  tabel VARCHAR NOT NULL, rij BIGINT, kolom VARCHAR, waarde VARCHAR, reden VARCHAR NOT NULL)`;

const list = (xs: readonly string[]) => xs.map(sqlString).join(', ');

/** 9 digits (8 get a leading 0) that pass the 11-proef; the README says so. */
const ELFPROEF_REASON = 'not a valid BSN';

/** SQL expression: the bsn column padded from 8 to 9 digits. */
export function normBsn(col: string): string {
  return `CASE WHEN regexp_full_match(${col}, '[0-9]{8}') THEN '0' || ${col} ELSE ${col} END`;
}

// Strictly YYYY-MM-DD, digits only, nothing around it: DuckDB's cast alone would also accept other
// separators and shapes, and trims spaces.
const dateShape = (c: string) => `regexp_full_match(${c}, '[0-9]{4}-[0-9]{2}-[0-9]{2}')`;
const isDate = (c: string) => `(${dateShape(c)} AND try_cast(${c} AS DATE) IS NOT NULL)`;
/**
 * A present date that is malformed or outside [1900-01-01, extract date]: for the fast pre-filter. A text that
 * is its own date written back (DuckDB writes YYYY-MM-DD) has the shape; between those dates, comparing the
 * texts compares the dates. National inschrijvingen.van (8 million rows), three rounds: 0.45-0.47 s with the
 * shape's regular expression and the dates compared, 0.24-0.26 s so.
 */
const badDate = (c: string) => `(${c} IS NOT NULL AND NOT coalesce(CAST(try_cast(${c} AS DATE) AS VARCHAR) = ${c} AND ${c} BETWEEN '1900-01-01' AND CAST(getvariable('extractdatum') AS VARCHAR), false))`;
/** Spaces, tabs, no-break or zero-width spaces at either end (DuckDB's trim takes only spaces). */
const padded = (c: string) => `regexp_matches(${c}, '^[\\s\u00a0\u200b\ufeff]|[\\s\u00a0\u200b\ufeff]$')`;
/** Whole numbers: digits only (no 10.4, 1e1, 0x0A, 1_0 or " 12 ", which DuckDB's cast would round or trim). */
const wholeNumber = (c: string) => `(regexp_full_match(${c}, '[0-9]{1,9}'))`;

interface Check {
  column: string;
  condition: string;
  reason: string;
  /** Show the value in the report (false for personal data). */
  show: boolean;
  /** A cheaper condition that is true whenever `condition` (or a sibling check of the column) is: used to pre-filter. */
  filter?: string;
}

function columnChecks(c: Column): Check[] {
  const v = c.name;
  // Dates are never shown: in a person's row a date may be a birth date (a residence starting at birth).
  const show = !c.personal && c.type !== 'date';
  const checks: Check[] = [];
  if (c.required === true) {
    checks.push({ column: v, condition: `${v} IS NULL`, reason: 'required value missing', show: false });
  } else if (c.required) {
    checks.push({ column: v, condition: `(${c.required.when}) AND ${v} IS NULL`, reason: c.required.description, show: false });
  }
  const present = `${v} IS NOT NULL`;
  switch (c.type) {
    case 'date':
      checks.push({ column: v, condition: `${present} AND NOT ${isDate(v)} AND ${padded(v)}`, reason: 'not a date (expected YYYY-MM-DD): it has spaces or invisible characters around it', show, filter: badDate(v) });
      checks.push({ column: v, condition: `${present} AND NOT ${isDate(v)} AND NOT ${padded(v)}`, reason: 'not a date (expected YYYY-MM-DD)', show, filter: 'false' });
      checks.push({ column: v, condition: `${present} AND ${isDate(v)} AND try_cast(${v} AS DATE) > getvariable('extractdatum')`, reason: 'date after the extract date', show, filter: 'false' });
      checks.push({ column: v, condition: `${present} AND ${isDate(v)} AND try_cast(${v} AS DATE) < DATE '1900-01-01'`, reason: 'date before 1900', show, filter: 'false' });
      break;
    case 'integer':
      checks.push({ column: v, condition: `${present} AND NOT ${wholeNumber(v)} AND NOT regexp_full_match(${v}, '-[0-9]+')`, reason: 'not a whole number (digits only, e.g. 12: no decimals, exponent, hex, separators or spaces)', show });
      checks.push({ column: v, condition: `${present} AND regexp_full_match(${v}, '-[0-9]+')`, reason: 'negative number', show });
      break;
    case 'boolean':
      checks.push({ column: v, condition: `${present} AND lower(${v}) NOT IN (${list([...BOOLEAN_TRUE, ...BOOLEAN_FALSE])})`, reason: 'not a boolean (expected true or false)', show });
      break;
    case 'text':
      break;
  }
  if (c.codes) {
    checks.push({ column: v, condition: `${present} AND ${v} NOT IN (${list(c.codes)}) AND NOT ${padded(v)}`, reason: `unknown code (allowed: ${c.codes.join(' ')})`, show });
    checks.push({ column: v, condition: `${present} AND ${v} NOT IN (${list(c.codes)}) AND ${padded(v)}`, reason: `unknown code (allowed: ${c.codes.join(' ')}): it has spaces or invisible characters around it`, show });
  }
  if (c.bsn && !c.references) {
    // personen.bsn. Every other bsn must exist in personen, so it is checked there once; a dependent row
    // whose bsn is not in personen is told whether it also fails the 11-proef (referenceRulesSql).
    // (raw bsn columns are already padded from 8 to 9 digits by the reader)
    checks.push({ column: v, condition: `${present} AND NOT elfproef(${v})`, reason: ELFPROEF_REASON, show: false });
  }
  if (v === 'gemeentecode') {
    checks.push({ column: v, condition: `${present} AND NOT regexp_full_match(${v}, '[0-9]{4}')`, reason: 'gemeentecode is not a 4-digit CBS code', show });
  }
  if (v === 'brin') {
    checks.push({ column: v, condition: `${present} AND length(${v}) <> 4`, reason: 'brin is not 4 characters', show });
  }
  return checks;
}

function periodCheck(t: Table): Check[] {
  if (!t.period) return [];
  const { van, tot } = t.period;
  return [{
    column: tot,
    condition: `try_cast(${tot} AS DATE) < try_cast(${van} AS DATE)`,
    reason: `${tot} before ${van}`,
    show: false,
  }];
}

/**
 * One INSERT per table: every row-local rule in a single scan. The cheap OR of all conditions filters
 * first; only the (few) failing rows get their list of reasons built.
 */
export function rowRulesSql(t: Table): string {
  const checks = [...t.columns.flatMap(columnChecks), ...periodCheck(t)];
  const structs = checks.map((ch) => `CASE WHEN ${ch.condition} THEN {'kolom': ${sqlString(ch.column)}, 'waarde': ${ch.show ? `CAST(${ch.column} AS VARCHAR)` : 'NULL::VARCHAR'}, 'reden': ${sqlString(ch.reason)}} END`);
  return `INSERT INTO load_errors
SELECT ${sqlString(t.name)}, _row, e.kolom, e.waarde, e.reden
FROM (
  SELECT _row, unnest(list_filter([${structs.join(',\n    ')}], x -> x IS NOT NULL)) AS e
  FROM raw_${t.name}
  WHERE ${checks.map((ch) => `coalesce(${ch.filter ?? ch.condition}, false)`).filter((c) => c !== 'coalesce(false, false)').join('\n     OR ')}
)`;
}

/**
 * Duplicate ids (and duplicate personen.bsn): every row sharing the value is reported. The values are
 * grouped by their 64-bit hash first and only the rows of a repeated hash are compared as text. National
 * extract, three interleaved loads: inschrijving_id 5.0-6.9 → 3.9-4.3 CPU-s, personen.bsn 2.5-2.8 →
 * 1.7-2.0. A hash collision only adds a candidate; the text comparison decides.
 */
export function uniqueRulesSql(t: Table): string[] {
  return t.columns.filter((c) => c.unique).map((c) => `INSERT INTO load_errors
WITH candidate AS MATERIALIZED (
  SELECT hash(${c.name}) AS h FROM raw_${t.name} WHERE ${c.name} IS NOT NULL GROUP BY ALL HAVING count(*) > 1
), r AS MATERIALIZED (
  SELECT _row, ${c.name} FROM raw_${t.name} SEMI JOIN candidate ON candidate.h = hash(${c.name}) WHERE ${c.name} IS NOT NULL
), d AS (
  SELECT ${c.name} AS k, min(_row) AS first_row, max(_row) AS last_row FROM r GROUP BY ${c.name} HAVING count(*) > 1
)
SELECT ${sqlString(t.name)}, r._row, ${sqlString(c.name)}, ${c.personal ? 'NULL' : `r.${c.name}`},
  'duplicate ' || ${sqlString(c.name)} || ' (also on row ' || CASE WHEN r._row = d.first_row THEN d.last_row ELSE d.first_row END || ')'
FROM r JOIN d ON d.k = r.${c.name}`);
}

/**
 * References (bsn → personen, brin → scholen, zaak_id → zaken, melding_id → verzuimmeldingen).
 * `existence`: the referenced value must exist in the file (reported to the user).
 * `cascade` (only with --drop-invalid): a row whose referenced row is itself rejected is dropped too, so
 * dropping invalid rows never leaves a dangling reference behind.
 */
export function referenceRulesSql(t: Table, mode: 'existence' | 'cascade'): string[] {
  return t.columns.filter((c) => c.references).map((c) => {
    const ref = table(c.references!.table);
    const refCol = ref.columns.find((x) => x.name === c.references!.column)!;
    const here = `r.${c.name}`;
    const there = `p.${refCol.name}`;
    const plain = sqlString(mode === 'existence' ? `${c.name} not in ${ref.name}` : `refers to a rejected ${ref.name} row`);
    const reason = mode === 'existence' && c.bsn ? `CASE WHEN elfproef(r.${c.name}) THEN ${plain} ELSE ${sqlString(ELFPROEF_REASON)} END` : plain;
    const referenced = mode === 'cascade'
      ? `(SELECT ${refCol.name} FROM raw_${ref.name} WHERE _row NOT IN (SELECT rij FROM load_errors WHERE tabel = ${sqlString(ref.name)}))`
      : `raw_${ref.name}`;
    const skipReported = mode === 'cascade' ? `AND r._row NOT IN (SELECT rij FROM load_errors WHERE tabel = ${sqlString(t.name)})` : '';
    // An ANTI JOIN, not NOT EXISTS: DuckDB decorrelates NOT EXISTS into a delim join that materialises the
    // referring rows; the anti join streams them past a hash table of the referenced values (bsnReferencesSql).
    return `INSERT INTO load_errors
SELECT ${sqlString(t.name)}, r._row, ${sqlString(c.name)}, ${c.personal ? 'NULL' : `r.${c.name}`}, ${reason}
FROM raw_${t.name} r ANTI JOIN ${referenced} p ON ${there} = ${here}
WHERE r.${c.name} IS NOT NULL ${skipReported}`;
  });
}

/**
 * The bsn → personen references of every table in one query (existence): the persons' numbers are hashed
 * once, not once per table. Measured on the national extract (17 million referring rows, 2 threads, two
 * interleaved rounds, a loaded machine): one query per table with NOT EXISTS 5.4 CPU-s and ~680 MB; one per
 * table with ANTI JOIN 2.7-3.2 CPU-s, ~560 MB; all in one NOT EXISTS 3.4-4.2 CPU-s but ~1.1 GB (the
 * decorrelation materialises the referring rows); all in one ANTI JOIN 1.3 CPU-s, ~160 MB. Integer keys did
 * not pay here: a key exact enough to join on alone (digits only) costs about what it saves, and a cheap key
 * joined together with the text was no faster than the text.
 */
export function bsnReferencesSql(tables: Table[]): string[] {
  const referring = tables.flatMap((t) => t.columns.filter((c) => c.bsn && c.references?.table === 'personen').map((c) => ({ t, c })));
  if (!referring.length) return [];
  const rows = referring.map(({ t, c }) => `SELECT ${sqlString(t.name)} AS tabel, _row, ${sqlString(c.name)} AS kolom, ${c.name} AS bsn FROM raw_${t.name} WHERE ${c.name} IS NOT NULL`);
  return [`INSERT INTO load_errors
SELECT r.tabel, r._row, r.kolom, NULL,
  CASE WHEN elfproef(r.bsn) THEN r.kolom || ' not in personen' ELSE ${sqlString(ELFPROEF_REASON)} END
FROM (${rows.join('\n  UNION ALL ')}) r
ANTI JOIN raw_personen p ON p.bsn = r.bsn`];
}

/**
 * Residence periods of one person must not overlap. Only the persons with more than one residence are
 * sorted (found by the hash of their number: a collision only adds a person to sort): national extract
 * (4.95 million residences, 0.63 million persons with more than one), three rounds, 1.62-1.90 s / 3.0-3.5
 * CPU-s sorting every residence, 1.06-1.09 s / 2.1 CPU-s sorting those.
 */
export function overlapRuleSql(): string {
  return `INSERT INTO load_errors
WITH moved AS MATERIALIZED (
  SELECT hash(bsn) AS h FROM raw_verblijfplaatsen WHERE bsn IS NOT NULL GROUP BY ALL HAVING count(*) > 1
)
SELECT 'verblijfplaatsen', _row, 'van', NULL, 'residence period overlaps the previous one of this person (row ' || prev_row || ')'
FROM (
  SELECT _row, van,
    lag(_row) OVER w AS prev_row,
    lag(coalesce(try_cast(tot AS DATE), DATE '9999-12-31')) OVER w AS prev_tot,
    try_cast(van AS DATE) AS van_d
  FROM raw_verblijfplaatsen SEMI JOIN moved ON moved.h = hash(bsn)
  WHERE try_cast(van AS DATE) IS NOT NULL AND bsn IS NOT NULL
  WINDOW w AS (PARTITION BY bsn ORDER BY try_cast(van AS DATE), _row)
) WHERE prev_row IS NOT NULL AND van_d < prev_tot`;
}

/**
 * All rules in dependency order. With `cascade` (--drop-invalid) a final pass rejects rows that refer to
 * rejected rows, following references in order (personen → …, verzuimmeldingen → zaken → zaakacties).
 */
export function allRules(present: Set<string>, cascade: boolean): string[] {
  const order = ['personen', 'scholen', 'verzuimmeldingen', 'zaken'];
  const rank = (n: string) => (order.includes(n) ? order.indexOf(n) : order.length);
  const sorted = TABLES.filter((t) => present.has(t.name)).sort((a, b) => rank(a.name) - rank(b.name));
  // With personen present, its bsn references are checked together (bsnReferencesSql).
  const fused = (mode: 'existence' | 'cascade', c: Column) => mode === 'existence' && !!c.bsn && c.references!.table === 'personen';
  const refs = (t: Table, mode: 'existence' | 'cascade') => {
    const cols = t.columns.filter((x) => x.references);
    return referenceRulesSql(t, mode).filter((_, i) => present.has(cols[i].references!.table) && !fused(mode, cols[i]));
  };
  const sql: string[] = [];
  for (const t of sorted) {
    sql.push(rowRulesSql(t), ...uniqueRulesSql(t));
    if (t.name === 'verblijfplaatsen') sql.push(overlapRuleSql());
  }
  if (present.has('personen')) sql.push(...bsnReferencesSql(sorted));
  for (const t of sorted) sql.push(...refs(t, 'existence'));
  if (cascade) for (const t of sorted) sql.push(...refs(t, 'cascade'));
  return sql;
}
