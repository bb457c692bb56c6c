/**
 * The indicator store's vocabulary, in one place: its columns, the breakdown dimensions, the units, the
 * row type and the lookup key of a cell. The DDL of `indicator_store` and the empty result row of the
 * `int_indicator_uitvoer` macro are generated from here (`storeDdl`, `storeMacrosSql`); disclosure control,
 * the report figures and the tests import these lists instead of writing them again.
 */

/** Breakdown dimensions: named columns of the store; NULL means "all" (the total over that dimension). */
export const DIMENSIONS = [
  'onderwijssoort', 'leeftijd', 'soort', 'artikel', 'beslisser', 'besluit', 'reden', 'duur', 'status',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type DimFilter = Partial<Record<Dimension, string | number | null>>;

/** Units of a count: a small value is suppressed, and breakdowns add up to their total. */
export const COUNT_UNITS = new Set(['personen', 'meldingen', 'acties', 'zaken', 'aanvragen', 'trajecten', 'vrijstellingen']);
/** Units of a rate, published with its numerator (teller) and denominator (noemer). */
export const RATE_UNITS = new Set(['per_1000', 'procent']);
/** The unit of a median duration; its teller is the number of cases behind it. */
export const MEDIAN_UNIT = 'dagen';
/** A count per fte of the formatie (the caseload); its teller is the count, the fte is no published figure. */
export const PER_FTE_UNIT = 'per_fte';
export const UNITS = [...COUNT_UNITS, ...RATE_UNITS, MEDIAN_UNIT, PER_FTE_UNIT] as const;

type SqlType = 'VARCHAR' | 'DATE' | 'INTEGER' | 'BIGINT' | 'DOUBLE';
interface StoreColumn { name: string; type: SqlType; notNull?: boolean; comment?: string }

const DIMENSION_TYPES: Record<Dimension, SqlType> = {
  onderwijssoort: 'VARCHAR', leeftijd: 'INTEGER', soort: 'VARCHAR', artikel: 'VARCHAR', beslisser: 'VARCHAR',
  besluit: 'VARCHAR', reden: 'VARCHAR', duur: 'VARCHAR', status: 'VARCHAR',
};
const DIMENSION_COMMENTS: Partial<Record<Dimension, string>> = {
  onderwijssoort: 'bucket: PO, SO/VSO, VO, MBO, overig, geen onderwijs',
  soort: 'melding/actie/zaak soort or doelgroep',
  artikel: 'vrijstelling or verlof artikel',
  reden: 'reden_afsluiting or traject resultaat',
  duur: "duration class, e.g. '<=3m', '>3m'",
  status: 'follow-up status (JIKP), melding status',
};

/** The columns of `indicator_store`, in order. */
export const STORE_COLUMNS: readonly StoreColumn[] = [
  { name: 'indicator', type: 'VARCHAR', notNull: true, comment: 'stable code, e.g. LT-AV-TOT' },
  { name: 'schooljaar', type: 'VARCHAR', notNull: true, comment: 'e.g. 2024/2025' },
  { name: 'periode_van', type: 'DATE', notNull: true, comment: 'first day of the period the figure covers' },
  { name: 'periode_tot', type: 'DATE', notNull: true, comment: 'first day after it (half-open)' },
  { name: 'gebiedsniveau', type: 'VARCHAR', notNull: true, comment: 'gemeente | regio | rmc_regio' },
  { name: 'gebied', type: 'VARCHAR', notNull: true, comment: 'gemeentecode, region code or RMC region code' },
  ...DIMENSIONS.map((d) => ({ name: d, type: DIMENSION_TYPES[d], comment: DIMENSION_COMMENTS[d] })),
  { name: 'waarde', type: 'DOUBLE', comment: 'the figure (count, rate, median ...)' },
  { name: 'teller', type: 'BIGINT', comment: 'numerator of a rate, or the cases behind a median' },
  { name: 'noemer', type: 'BIGINT', comment: 'denominator of a rate' },
  { name: 'eenheid', type: 'VARCHAR', notNull: true, comment: UNITS.join(' | ') },
];

/** One row of the indicator store. */
export interface StoreRow {
  indicator: string;
  schooljaar: string;
  gebiedsniveau: string;
  gebied: string;
  onderwijssoort: string | null;
  leeftijd: number | null;
  soort: string | null;
  artikel: string | null;
  beslisser: string | null;
  besluit: string | null;
  reden: string | null;
  duur: string | null;
  status: string | null;
  waarde: number | null;
  teller: number | null;
  noemer: number | null;
  eenheid: string;
  [k: string]: unknown;
}

/**
 * Scalar and table macros over the store's vocabulary, run before the SQL model (they need no table):
 * - `is_count(eenheid)`, `is_rate(eenheid)`, `is_ratio(eenheid)` (a rate or a median: an empty cell has no value);
 * - `store_dimensies()`: the breakdown dimensions in order, as a list;
 * - `indicator_uitvoer_leeg()`: the empty, typed result row of an indicator family (store columns, with `jaar`
 *   for schooljaar and period, plus `periode`), the base `int_indicator_uitvoer` unions results onto.
 */
export function storeMacrosSql(): string {
  const typed = (c: StoreColumn) => `NULL::${c.type} AS ${c.name}`;
  const pick = (names: string[]) => STORE_COLUMNS.filter((c) => names.includes(c.name)).map(typed);
  const leeg = [
    ...pick(['indicator']), 'NULL::INTEGER AS jaar', ...pick(['gebiedsniveau', 'gebied', ...DIMENSIONS, 'waarde', 'teller', 'noemer', 'eenheid']),
    'NULL::VARCHAR AS periode',
  ];
  const list = (s: Iterable<string>) => [...s].map((u) => `'${u}'`).join(', ');
  return [
    `CREATE OR REPLACE MACRO is_count(eenheid) AS eenheid IN (${list(COUNT_UNITS)})`,
    `CREATE OR REPLACE MACRO is_rate(eenheid) AS eenheid IN (${list(RATE_UNITS)})`,
    `CREATE OR REPLACE MACRO is_ratio(eenheid) AS eenheid IN (${list([MEDIAN_UNIT, PER_FTE_UNIT, ...RATE_UNITS])})`,
    `CREATE OR REPLACE MACRO store_dimensies() AS [${list(DIMENSIONS)}]`,
    `CREATE OR REPLACE MACRO indicator_uitvoer_leeg() AS TABLE SELECT ${leeg.join(', ')} WHERE false`,
  ].join(';\n');
}

/**
 * `CREATE TABLE indicator_store` (with the macros above): every computed figure of a build, in one long
 * table. Reports, CSVs and checks read only from here; values are unsuppressed (disclosure control applies
 * when figures leave it). gebiedsniveau/gebied: 'gemeente' + gemeentecode, 'regio' + the config's region
 * code, or 'rmc_regio' + the two-digit DUO RMC region code.
 * Then `store_cellen()`: the store with `cel`, each row's breakdown cell as a list in the order of
 * store_dimensies() ('∅' for "all"), so a check can treat every dimension alike; and `store_delen()`: every
 * count cell that is a part along one dimension (`dim`), with `totaal_cel`, the cell of its whole. (DuckDB
 * binds a table macro when it is created, so they come with the table.)
 */
export function storeDdl(): string {
  const cols = STORE_COLUMNS.map((c) => `  ${c.name} ${c.type}${c.notNull ? ' NOT NULL' : ''}`);
  return [
    storeMacrosSql(),
    `CREATE OR REPLACE TABLE indicator_store (\n${cols.join(',\n')}\n)`,
    `CREATE OR REPLACE MACRO store_cellen() AS TABLE SELECT *, ${CELL_DIMS_SQL} AS cel FROM indicator_store`,
    // Every count cell broken down along dimension i (1-based in store_dimensies()), with the cell of its total.
    `CREATE OR REPLACE MACRO store_delen() AS TABLE
      SELECT t.*, d.i, store_dimensies()[d.i] AS dim, list_concat(t.cel[:d.i - 1], ['∅'], t.cel[d.i + 1:]) AS totaal_cel
      FROM store_cellen() t, range(1, len(store_dimensies()) + 1) d(i)
      WHERE is_count(t.eenheid) AND t.cel[d.i] <> '∅'`,
  ].join(';\n');
}

const dimParts = new WeakMap<object, string[]>();
/**
 * The breakdown cell of a store row as text ("PO|∅|…"); with `skip`, that dimension is a wildcard (`*`).
 * Cached per row object (disclosure control asks for the same row's key many times; rows are not changed).
 */
export function dimKey(r: DimFilter, skip?: string): string {
  let parts = dimParts.get(r);
  if (!parts) dimParts.set(r, (parts = DIMENSIONS.map((d) => String(r[d] ?? '∅'))));
  if (!skip) return parts.join('|');
  const i = DIMENSIONS.indexOf(skip as Dimension);
  return [...parts.slice(0, i), '*', ...parts.slice(i + 1)].join('|');
}

/** The lookup key of a published cell: indicator, schooljaar, gebied and its breakdown cell (same as CELL_KEY_SQL). */
export function cellKey(indicator: string, schooljaar: string, gebied: string, dims: DimFilter): string {
  return [indicator, schooljaar, gebied, ...DIMENSIONS.map((d) => String(dims[d] ?? '∅'))].join('|');
}

/** A row's breakdown cell as a DuckDB list ('∅' for "all"), in the order of DIMENSIONS. */
const dimSql = DIMENSIONS.map((d) => `coalesce(CAST(${d} AS VARCHAR), '∅')`).join(', ');
const CELL_DIMS_SQL = `[${dimSql}]`;

/** `cellKey` as DuckDB computes it for each row of a store-shaped table. */
export const CELL_KEY_SQL = `concat_ws('|', indicator, schooljaar, gebied, ${dimSql})`;
