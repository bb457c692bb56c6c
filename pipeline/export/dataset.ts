/**
 * The public dataset for monitors: the whole disclosure-controlled indicator store of a build in tidy
 * long form (one row per figure), as CSV (RFC 4180, UTF-8, dot decimal, ISO dates), Parquet, and an
 * Excel-friendly copy (semicolon, decimal comma, UTF-8 BOM); plus the data dictionary.
 * The columns below are a published interface: change them only deliberately, with a CHANGELOG entry
 * in the README (test/export-schema.test.ts pins them).
 */
import { loadCatalog } from '../catalog.ts';
import { type Db, sqlString, textAsEnums } from '../db.ts';
import { writeExcelCsv } from '../csv.ts';
import { decimalen } from '../format/index.ts';
import { CODES, label, orderCodes } from '../codes.ts';
import { DIMENSIONS } from '../store.ts';
import { writeXlsx, type XlsxColumn, type XlsxOptions, type XlsxSheet } from '../format/xlsx.ts';

export interface ExportColumn {
  name: string;
  type: 'VARCHAR' | 'DATE' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN';
  /** Dutch description (data dictionary, datapackage.json). */
  description: string;
}

/** Version of the published layout below (README CHANGELOG, Parquet metadata, datapackage.json). */
export const SCHEMA_VERSION = 3;

/** The breakdown columns: a code, `totaal` (the total over that breakdown) or empty (does not apply). */
export const BREAKDOWNS = DIMENSIONS;
/** The marker of a total in a breakdown column. */
export const TOTAAL = 'totaal';

const uitsplitsing = (wat: string) => `Uitsplitsing naar ${wat}. "${TOTAAL}" = alle samen; leeg = deze indicator kent deze uitsplitsing niet (of zij geldt niet voor deze rij). Codes en hun betekenis: indicatoren-codelijst.csv.`;

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'indicator', type: 'VARCHAR', description: 'Vaste code van de indicator, bijvoorbeeld LT-AV-TOT (zie het woordenboek).' },
  { name: 'label', type: 'VARCHAR', description: 'Nederlandse naam van de indicator.' },
  { name: 'rapport', type: 'VARCHAR', description: 'Rapporten waarin de indicator staat, gescheiden door "|": jaarverslag, telling, rmc.' },
  { name: 'schooljaar', type: 'VARCHAR', description: 'Schooljaar (of vsv-teljaar of verslagperiode), bijvoorbeeld 2024/2025.' },
  { name: 'periode_van', type: 'DATE', description: 'Eerste dag van de periode waarover het cijfer gaat (ISO-datum).' },
  { name: 'periode_tot', type: 'DATE', description: 'Eerste dag na de periode (de periode loopt tot, niet tot en met, deze dag; ISO-datum).' },
  { name: 'gebiedsniveau', type: 'VARCHAR', description: 'gemeente, regio (de regio van het bureau) of rmc_regio.' },
  { name: 'gebiedscode', type: 'VARCHAR', description: 'CBS-gemeentecode (4 cijfers), code van de regio, of RMC-regiocode (2 cijfers). Tekst: behoud de voorloopnul.' },
  { name: 'gebiedsnaam', type: 'VARCHAR', description: 'Naam van de gemeente of regio.' },
  { name: 'gemeentecode', type: 'VARCHAR', description: 'CBS-gemeentecode bij rijen van een gemeente (tekst, met voorloopnul, bijvoorbeeld 0392); leeg bij regio\'s.' },
  { name: 'gemeentenaam', type: 'VARCHAR', description: 'Naam van de gemeente bij rijen van een gemeente; leeg bij regio\'s.' },
  { name: 'regio', type: 'VARCHAR', description: 'Code van de regio van het bureau waarvoor deze aanmaak is gemaakt.' },
  { name: 'onderwijssoort', type: 'VARCHAR', description: uitsplitsing('onderwijssoort (PO, SO/VSO, VO, MBO, overig, geen onderwijs)') },
  { name: 'leeftijd', type: 'VARCHAR', description: uitsplitsing('leeftijd in jaren (een getal als tekst)') },
  { name: 'soort', type: 'VARCHAR', description: uitsplitsing('soort melding, actie of zaak, of RMC-doelgroep') },
  { name: 'artikel', type: 'VARCHAR', description: uitsplitsing('artikel van de Leerplichtwet 1969 (vrijstelling of verlof)') },
  { name: 'beslisser', type: 'VARCHAR', description: uitsplitsing('wie besliste (school of leerplichtambtenaar)') },
  { name: 'besluit', type: 'VARCHAR', description: uitsplitsing('besluit (toegekend, afgewezen, ingetrokken)') },
  { name: 'reden', type: 'VARCHAR', description: uitsplitsing('reden van afsluiting of RMC-resultaat') },
  { name: 'duur', type: 'VARCHAR', description: uitsplitsing('duurklasse (<=3m: tot en met 3 maanden, >3m: langer)') },
  { name: 'status', type: 'VARCHAR', description: uitsplitsing('status (afgesloten of open, vervolg van jongeren in een kwetsbare positie)') },
  { name: 'waarde', type: 'DOUBLE', description: 'Het cijfer, afgerond op het aantal decimalen dat de rapporten tonen: 1 bij per_1000, procent en per_fte, 0 bij aantallen en dagen (mediaan). Leeg als het cijfer is onderdrukt (nooit een tekst als "<5"). Een onafgerond percentage of cijfer per 1.000 volgt uit teller en noemer.' },
  { name: 'teller', type: 'BIGINT', description: 'Teller van een percentage of cijfer per 1.000, of het aantal gevallen achter een mediaan; leeg als onderdrukt of niet van toepassing.' },
  { name: 'noemer', type: 'BIGINT', description: 'Noemer van een percentage of cijfer per 1.000; leeg als onderdrukt of niet van toepassing.' },
  { name: 'eenheid', type: 'VARCHAR', description: 'Eenheid: personen, meldingen, acties, zaken, aanvragen, trajecten, vrijstellingen, per_1000, procent, dagen, per_fte.' },
  { name: 'onderdrukt', type: 'BOOLEAN', description: 'true als het cijfer is onderdrukt om herleidbaarheid te voorkomen (in rapporten "<5" of "x").' },
  { name: 'extractdatum', type: 'DATE', description: 'Datum van het gegevensbestand (de registers) waaruit de cijfers zijn berekend (ISO-datum).' },
  { name: 'build_id', type: 'VARCHAR', description: 'Kenmerk van de aanmaak (12 tekens), ook in het colofon van de rapporten en in manifest.json: gelijke invoer geeft een gelijk kenmerk, andere invoer een ander.' },
];

/** Loads the catalog into DuckDB so exports can join labels in SQL. */
export async function loadCatalogTable(db: Db): Promise<void> {
  await db.run(`CREATE OR REPLACE TABLE indicator_catalog (code VARCHAR PRIMARY KEY, label VARCHAR, rapport VARCHAR,
    eenheid VARCHAR, parameters VARCHAR, dimensies VARCHAR, overlappend VARCHAR[], tijdvak VARCHAR, definitie VARCHAR, bestand VARCHAR)`);
  for (const d of loadCatalog()) {
    await db.run('INSERT INTO indicator_catalog VALUES ($c, $l, $r, $e, $p, $d, string_split(nullif($o, \'\'), \'|\'), $t, $def, $b)', {
      c: d.code, l: d.label, r: d.rapporten.join('|'), e: d.eenheid, p: d.parameters.join('|'),
      d: d.dimensies.join('|'), o: d.overlappend.join('|'), t: d.tijdvak ?? null, def: d.definitie, b: d.bestand,
    });
  }
}

/**
 * Breakdown cells that do not apply although the indicator has that breakdown: a value of one breakdown
 * that never combines with another one the indicator crosses it with (JV-AFHANDELING: `reden` exists for
 * status AFGESLOTEN only, so an OPEN row's empty reden is "not applicable", not "total"). Read from the
 * published rows; the result is small.
 */
async function notApplicable(db: Db): Promise<{ indicator: string; d: string; e: string; v: string }[]> {
  const pairs = BREAKDOWNS.flatMap((d) => BREAKDOWNS.filter((e) => e !== d).map((e) => `SELECT DISTINCT indicator, '${d}' AS d, '${e}' AS e, CAST(${e} AS VARCHAR) AS v, ${d} IS NOT NULL AS met
    FROM public_indicators WHERE ${e} IS NOT NULL`));
  return db.all(`WITH combos AS (${pairs.join('\n UNION ALL ')}),
    per_value AS (SELECT indicator, d, e, v, bool_or(met) AS met FROM combos GROUP BY ALL),
    crossed AS (SELECT indicator, d, e FROM per_value GROUP BY ALL HAVING bool_or(met))
    SELECT p.indicator, p.d, p.e, p.v FROM per_value p JOIN crossed USING (indicator, d, e) WHERE NOT p.met ORDER BY ALL`);
}

/** `round(waarde, decimals)` with the decimals the reports show for each unit (format/ `decimalen`). */
function roundedWaarde(col: string, eenheidCol: string): string {
  const units = [...new Set(loadCatalog().map((d) => d.eenheid))].sort();
  return `round(${col}, CASE ${eenheidCol} ${units.map((u) => `WHEN ${sqlString(u)} THEN ${decimalen(u)}`).join(' ')} ELSE 0 END)`;
}

/**
 * Creates the table `dataset`: the public dataset once, in its published order (`volgorde`); every CSV,
 * Parquet and xlsx file of the build is a slice of it. A breakdown column holds the code, `totaal`, or NULL
 * where the breakdown does not apply; `waarde` is rounded as the reports show it.
 */
export async function createDatasetTable(db: Db, o: { extractdatum: string; buildId: string }): Promise<void> {
  const na = await notApplicable(db);
  const breakdown = (d: string) => {
    const skip = na.filter((x) => x.d === d).map((x) => `(p.indicator = ${sqlString(x.indicator)} AND CAST(p.${x.e} AS VARCHAR) = ${sqlString(x.v)})`);
    return `CASE WHEN p.${d} IS NOT NULL THEN CAST(p.${d} AS VARCHAR)
      ${skip.length ? `WHEN ${skip.join(' OR ')} THEN NULL` : ''}
      WHEN list_contains(string_split(c.dimensies, '|'), '${d}') THEN '${TOTAAL}' END AS ${d}`;
  };
  readableColumnsReset(db);
  await db.run(`CREATE OR REPLACE TABLE dataset AS SELECT
    p.indicator, c.label, c.rapport, p.schooljaar, p.periode_van, p.periode_tot,
    p.gebiedsniveau, p.gebied AS gebiedscode,
    coalesce(g.naam, CASE WHEN p.gebiedsniveau = 'regio' THEN (SELECT naam FROM report_regio) ELSE r.rmc_regio_naam END) AS gebiedsnaam,
    CASE WHEN p.gebiedsniveau = 'gemeente' THEN p.gebied END AS gemeentecode,
    CASE WHEN p.gebiedsniveau = 'gemeente' THEN g.naam END AS gemeentenaam,
    (SELECT code FROM report_regio) AS regio,
    ${BREAKDOWNS.map(breakdown).join(',\n    ')},
    ${roundedWaarde('p.waarde', 'p.eenheid')} AS waarde, p.teller, p.noemer, p.eenheid, p.onderdrukt,
    CAST(${sqlString(o.extractdatum)} AS DATE) AS extractdatum, ${sqlString(o.buildId)} AS build_id,
    row_number() OVER (ORDER BY p.indicator, p.schooljaar, p.gebiedsniveau, p.gebied, ${BREAKDOWNS.map((d) => `p.${d} NULLS FIRST`).join(', ')}) AS volgorde
  FROM public_indicators p
  JOIN indicator_catalog c ON c.code = p.indicator
  LEFT JOIN report_gemeenten g ON p.gebiedsniveau = 'gemeente' AND g.gemeentecode = p.gebied
  LEFT JOIN (SELECT DISTINCT rmc_regio, rmc_regio_naam FROM report_gemeenten) r ON p.gebiedsniveau = 'rmc_regio' AND r.rmc_regio = p.gebied`);
  // CSV text of waarde: "236", not DuckDB's "236.0" (which Power BI in nl-NL misreads), and "12.3".
  await db.run(`CREATE OR REPLACE VIEW dataset_csv AS SELECT * REPLACE (
    CASE WHEN waarde = round(waarde) THEN CAST(CAST(waarde AS BIGINT) AS VARCHAR) ELSE CAST(waarde AS VARCHAR) END AS waarde) FROM dataset`);
}

/**
 * The Excel-friendly copy of a `dataset_csv` slice (csv.ts): semicolon, decimal comma, UTF-8 BOM, same
 * columns; text that Excel would run as a formula is neutralised.
 */
export async function writeDatasetExcelCsv(db: Db, select: string, file: string): Promise<void> {
  await writeExcelCsv(db, select, file, EXPORT_COLUMNS.map((c) => ({ name: c.name, decimal: c.type === 'DOUBLE', text: c.type === 'VARCHAR' })));
}

/** Parquet, with the schema version and build in its key-value metadata (`parquet_kv_metadata()`). */
export async function writeParquet(db: Db, select: string, file: string, meta: Record<string, string> = {}): Promise<void> {
  const kv = Object.entries({ schema_version: String(SCHEMA_VERSION), ...meta }).map(([k, v]) => `${k}: ${sqlString(v)}`).join(', ');
  await db.run(`COPY (${select}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${kv}})`);
}

/**
 * Rows of `dataset` matching `where`, in the published order (or `orderBy`), streamed chunk by chunk from
 * one query on a connection of their own (a national dataset is large; the build's connection stays free).
 * Values as DuckDB's JS conversion gives them (BIGINT as bigint, DATE as a Date at midnight UTC): the xlsx
 * writer takes both.
 */
export async function* datasetRows(db: Db, where = 'TRUE', orderBy = 'volgorde'): AsyncGenerator<Record<string, unknown>> {
  const select = await readableColumns(db);
  const conn = await db.instance.connect();
  try {
    const order = orderBy.split(',').map((c) => `dataset.${c.trim()}`).join(', ');
    const result = await conn.stream(`SELECT ${select} FROM dataset WHERE ${where} ORDER BY ${order}`);
    for await (const rows of result.yieldRowObjectJs()) yield* rows;
  } finally {
    conn.closeSync();
  }
}

/**
 * The columns of `dataset` as datasetRows reads them: every text column as an ENUM of its own values (made
 * once per dataset table). The rows are the same (an ENUM arrives as its text), but Node gets each distinct
 * text once per chunk instead of decoding every cell: reading the national dataset took ~2x as long as text.
 */
async function readableColumns(db: Db): Promise<string> {
  let select = readable.get(db);
  if (!select) {
    select = textAsEnums(db, 'dataset', `dataset_${++enumTypes}`).then((r) => r.select.join(', '));
    readable.set(db, select);
  }
  return select;
}

/** readableColumns of each database, until createDatasetTable makes its dataset again. */
const readable = new WeakMap<Db, Promise<string>>();

/** Forgets readableColumns of `db`: its dataset table was made again (createDatasetTable does this itself). */
export function readableColumnsReset(db: Db): void {
  readable.delete(db);
}
let enumTypes = 0;

/**
 * For each gemeente of `codes`, its rows of `dataset` matching `where` together with the rows of area
 * `shared` (the region), in the published order: one query for the gemeenten' rows (grouped by gemeente)
 * and one for the shared rows, read once, instead of a scan of the whole dataset per gemeente.
 * Yields [gemeentecode, rows] in code order; a gemeente without rows of its own gets the shared ones.
 */
export async function* datasetRowsPerGemeente(db: Db, codes: string[], shared: string, where: string): AsyncGenerator<[string, Record<string, unknown>[]]> {
  const common: Record<string, unknown>[] = [];
  for await (const r of datasetRows(db, `gebiedscode = ${sqlString(shared)} AND (${where})`)) common.push(r);
  const own = codes.filter((c) => c !== shared).sort();
  const merged = (rows: Record<string, unknown>[]) => mergeByVolgorde(rows, common);
  const it = datasetRows(db, `gebiedscode IN (${own.map(sqlString).join(', ') || 'NULL'}) AND (${where})`, 'gebiedscode, volgorde');
  let next = await it.next();
  for (const code of codes.slice().sort()) {
    if (code === shared) {
      yield [code, common];
      continue;
    }
    const rows: Record<string, unknown>[] = [];
    for (; !next.done && next.value.gebiedscode === code; next = await it.next()) rows.push(next.value);
    yield [code, merged(rows)];
  }
}

/** Two lists in `volgorde` order merged into one. */
function mergeByVolgorde<T extends Record<string, unknown>>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j === b.length || (i < a.length && (a[i].volgorde as bigint) < (b[j].volgorde as bigint))) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/** The xlsx columns of the dataset: codes as text, numbers as numbers (waarde with its unit's decimals). */
export function datasetXlsxColumns(): XlsxColumn[] {
  return EXPORT_COLUMNS.map((c): XlsxColumn => {
    if (c.name === 'waarde') return { name: c.name, type: 'decimal', decimals: (r) => decimalen(r.eenheid as string) };
    if (c.type === 'DATE') return { name: c.name, type: 'date' };
    if (c.type === 'BOOLEAN') return { name: c.name, type: 'boolean' };
    if (c.type === 'BIGINT' || c.type === 'INTEGER') return { name: c.name, type: 'integer' };
    return { name: c.name, type: 'text', width: c.name === 'label' ? 50 : undefined };
  });
}

/** The dataset slice `where` as a workbook sheet `data` (per-gemeente jaarverslag, RMC). */
export function datasetSheet(db: Db, where = 'TRUE', name = 'data'): XlsxSheet {
  return { name, columns: datasetXlsxColumns(), rows: datasetRows(db, where) };
}

const textSheet = (name: string, rows: Record<string, unknown>[], wide: string[] = []): XlsxSheet => ({
  name,
  columns: Object.keys(rows[0] ?? {}).map((name) => ({ name, type: 'text', width: wide.includes(name) ? 80 : undefined })),
  rows,
});

/** `indicatoren.xlsx`: sheets data (every row, its sheet passed through `wrap`), woordenboek (the dictionary) and codelijst. */
export async function writeDatasetXlsx(db: Db, file: string, o: XlsxOptions, wrap = (s: XlsxSheet) => s): Promise<void> {
  await writeXlsx(file, [
    wrap(datasetSheet(db)),
    textSheet('woordenboek', dictionaryRows(), ['definitie']),
    textSheet('codelijst', await codelistRows(db)),
  ], o);
}

/**
 * The code list of the breakdown columns (dimensie, code, label): every code of the one Dutch code list
 * (pipeline/codes.ts, labelled as the reports print them) and every code in the dataset, in reading order;
 * `totaal` for each breakdown; and the codes of gebiedsniveau and eenheid.
 */
export async function codelistRows(db: Db): Promise<{ dimensie: string; code: string; label: string }[]> {
  const out: { dimensie: string; code: string; label: string }[] = [];
  for (const d of BREAKDOWNS) {
    const inData = (await db.all<{ v: string }>(`SELECT DISTINCT ${d} AS v FROM dataset WHERE ${d} IS NOT NULL AND ${d} <> '${TOTAAL}'`)).map((r) => r.v);
    const all = orderCodes(d, [...new Set([...(CODES[d] ?? []).map((x) => x.code), ...inData])]);
    out.push({ dimensie: d, code: TOTAAL, label: 'Totaal' });
    for (const c of all) out.push({ dimensie: d, code: c, label: label(d, c) });
  }
  for (const [dimensie, list] of Object.entries(OTHER_CODES)) {
    for (const [code, l] of Object.entries(list)) out.push({ dimensie, code, label: l });
  }
  return out;
}

const OTHER_CODES: Record<string, Record<string, string>> = {
  gebiedsniveau: { gemeente: 'Gemeente', regio: 'Regio van het bureau', rmc_regio: 'RMC-regio' },
  eenheid: {
    personen: 'Aantal personen', meldingen: 'Aantal meldingen', acties: 'Aantal acties', zaken: 'Aantal zaken',
    aanvragen: 'Aantal aanvragen', trajecten: 'Aantal trajecten', vrijstellingen: 'Aantal vrijstellingen',
    per_1000: 'Per 1.000 leerplichtigen of jongeren', procent: 'Procent', dagen: 'Dagen (mediaan)', per_fte: 'Per fte van de formatie',
  },
};

/** The data dictionary: every column, then every indicator, in one long CSV. */
export function dictionaryRows(): { soort: string; naam: string; label: string; eenheid: string; type: string; rapport: string; parameters: string; dimensies: string; definitie: string }[] {
  return [
    ...EXPORT_COLUMNS.map((c) => ({ soort: 'kolom', naam: c.name, label: '', eenheid: '', type: c.type, rapport: '', parameters: '', dimensies: '', definitie: c.description })),
    ...loadCatalog().map((d) => ({
      soort: 'indicator', naam: d.code, label: d.label, eenheid: d.eenheid, type: '', rapport: d.rapporten.join('|'),
      parameters: d.parameters.join('|'), dimensies: d.dimensies.join('|'), definitie: d.definitie,
    })),
  ];
}

/** Markdown page of the dictionary (for the docs). */
export function dictionaryMarkdown(): string {
  const out = ['# Data dictionary: indicatoren.csv', '', 'Generated from `pipeline/export/dataset.ts` (columns) and the headers of `queries/indicators/**` (indicators) by `npx leerplicht dictionary --out data/indicatoren-woordenboek.md`. Do not edit by hand: `test/dictionary.test.ts` fails when it is out of date.', '', '## Columns', '', '| column | type | meaning |', '|---|---|---|'];
  for (const c of EXPORT_COLUMNS) out.push(`| \`${c.name}\` | ${c.type} | ${c.description.replaceAll('|', '\\|')} |`);
  out.push('', '## Indicators', '', '| code | label | unit | reports | breakdowns | parameters | definition |', '|---|---|---|---|---|---|---|');
  for (const d of loadCatalog()) {
    out.push(`| \`${d.code}\` | ${d.label} | ${d.eenheid} | ${d.rapporten.join(', ')} | ${d.dimensies.join(', ')} | ${d.parameters.join(', ')} | ${d.definitie.replaceAll('\n', ' ').replaceAll('|', '\\|')} |`);
  }
  return `${out.join('\n')}\n`;
}
