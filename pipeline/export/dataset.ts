/**
 * The public dataset for monitors: the whole disclosure-controlled indicator store of a build in tidy
 * long form (one row per figure), as CSV (RFC 4180, UTF-8, dot decimal, ISO dates), Parquet, and an
 * Excel-friendly copy (semicolon, decimal comma, UTF-8 BOM); plus the data dictionary.
 * The columns below are a published interface: change them only deliberately, with a CHANGELOG entry
 * in the README (test/export-schema.test.ts pins them).
 */
import { loadCatalog } from '../catalog.ts';
import { type Db, sqlString } from '../db.ts';
import { writeExcelCsv } from '../csv.ts';
import { decimalen } from '../format/index.ts';
import { CODES, label, orderCodes } from '../codes.ts';
import { DIMENSIONS } from '../store.ts';
import { writeXlsx, type XlsxColumn, type XlsxOptions, type XlsxSheet, xlsxSqlRows } from '../format/xlsx.ts';

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

/** The decimals the reports show for the unit in `eenheidCol` (format/ `decimalen`), in SQL. */
function decimalsSql(eenheidCol: string): string {
  const units = [...new Set(loadCatalog().map((d) => d.eenheid))].sort();
  return `CASE ${eenheidCol} ${units.map((u) => `WHEN ${sqlString(u)} THEN ${decimalen(u)}`).join(' ')} ELSE ${decimalen(null)} END`;
}

/** `round(waarde, decimals)` with the decimals the reports show for each unit. */
const roundedWaarde = (col: string, eenheidCol: string) => `round(${col}, ${decimalsSql(eenheidCol)})`;

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

/** The whole dataset up to this many rows is put in a table first by datasetSheet, as a slice is. */
const SMALL_SHEET = 200_000;

/** Own rows of the gemeenten that datasetSheetsPerGemeente puts in one table (~180 gemeenten nationally). */
const ROWS_PER_QUERY = 300_000;

/**
 * For each gemeente of `codes`, in code order, its sheet `data`: its rows of `dataset` matching `where` and
 * those of area `shared` (the region), in the published order. First the row number of every row in its
 * workbook (xlsx_pos); gemeenten whose region rows have the same row numbers share a layout, whose rows
 * DuckDB renders once for all of them (xlsxSqlRows; nationally every gemeente has as many rows, so the
 * ~1,660 rows of Nederland are rendered once instead of 342 times). The own rows of many gemeenten at a
 * time are put in a table in the order they are written, rather than a scan of the whole dataset per
 * gemeente. A gemeente without rows of its own gets the shared ones.
 */
export async function* datasetSheetsPerGemeente(db: Db, codes: string[], shared: string, where: string, o: { rowsPerQuery?: number; sliceRows?: number } = {}): AsyncGenerator<[string, XlsxSheet]> {
  const rowsPerQuery = o.rowsPerQuery ?? ROWS_PER_QUERY;
  const sorted = codes.slice().sort();
  const files = `(VALUES ${sorted.map((c, k) => `(${sqlString(c)}, ${k})`).join(', ')}) f(file, k)`;
  try {
    // Per row its number in its workbook (place) and, of a gemeente's own rows, their number among them (i).
    await db.run(`CREATE OR REPLACE TABLE xlsx_pos AS SELECT k, volgorde, own, row_number() OVER (PARTITION BY k ORDER BY volgorde) AS place,
        row_number() OVER (PARTITION BY k, own ORDER BY volgorde) AS i FROM (
        SELECT f.k, d.volgorde, true AS own FROM dataset d JOIN ${files} ON d.gebiedscode = f.file WHERE d.gebiedscode <> ${sqlString(shared)} AND (${where})
        UNION ALL
        SELECT f.k, d.volgorde, false FROM dataset d, ${files} WHERE d.gebiedscode = ${sqlString(shared)} AND (${where}))`);
    // A layout: the row numbers of the shared rows (the same rows, in the same order, in every workbook).
    await db.run(`CREATE OR REPLACE TABLE xlsx_layouts AS SELECT k, dense_rank() OVER (ORDER BY positions) AS layout
      FROM (SELECT k, list(place ORDER BY volgorde) AS positions FROM xlsx_pos WHERE NOT own GROUP BY k)`);
    await db.run(`CREATE OR REPLACE TABLE xlsx_shared AS SELECT l.layout, p.place, d.* FROM (SELECT layout, min(k) AS k FROM xlsx_layouts GROUP BY layout) l
      JOIN xlsx_pos p ON p.k = l.k AND NOT p.own JOIN dataset d ON d.volgorde = p.volgorde ORDER BY l.layout, p.place`);
    const layouts = new Map((await db.all<{ k: number; layout: number }>('SELECT k, layout FROM xlsx_layouts')).map((r) => [Number(r.k), Number(r.layout)]));
    const counts = new Map((await db.all<{ k: number; n: number }>('SELECT k, count(*) AS n FROM xlsx_pos WHERE own GROUP BY k')).map((r) => [Number(r.k), Number(r.n)]));
    for (let b = 0; b < sorted.length;) {
      const first = b;
      for (let rows = 0; b < sorted.length && (b === first || rows + (counts.get(b) ?? 0) <= rowsPerQuery); b++) rows += counts.get(b) ?? 0;
      const batch = sorted.slice(first, b);
      await db.run(`CREATE OR REPLACE TABLE xlsx_rows AS SELECT p.k - ${first} AS k, p.i, p.place, d.* FROM xlsx_pos p JOIN dataset d ON d.volgorde = p.volgorde
        WHERE p.own AND p.k BETWEEN ${first} AND ${b - 1} ORDER BY k, i`);
      const { rows, close } = await xlsxSqlRows(db, 'xlsx_rows', batch, datasetXlsxColumns(), o.sliceRows, { from: 'xlsx_shared', layouts: batch.map((_, k) => layouts.get(first + k) ?? null) });
      try {
        for (const code of batch) yield [code, { name: 'data', columns: datasetXlsxColumns(), rows: rows.get(code)! }];
      } finally {
        await close();
      }
    }
  } finally {
    for (const t of ['xlsx_rows', 'xlsx_shared', 'xlsx_layouts', 'xlsx_pos']) await db.run(`DROP TABLE IF EXISTS ${t}`);
  }
}

/** The xlsx columns of the dataset: codes as text, numbers as numbers (waarde with its unit's decimals). */
export function datasetXlsxColumns(): XlsxColumn[] {
  return EXPORT_COLUMNS.map((c): XlsxColumn => {
    if (c.name === 'waarde') return { name: c.name, type: 'decimal', decimals: (r) => decimalen(r.eenheid as string), decimalsSql: decimalsSql('eenheid') };
    if (c.type === 'DATE') return { name: c.name, type: 'date' };
    if (c.type === 'BOOLEAN') return { name: c.name, type: 'boolean' };
    if (c.type === 'BIGINT' || c.type === 'INTEGER') return { name: c.name, type: 'integer' };
    return { name: c.name, type: 'text', width: c.name === 'label' ? 50 : undefined };
  });
}

/** The dataset slice `where` as a workbook sheet `data` (the RMC figures; indicatoren.xlsx). */
export async function datasetSheet(db: Db, where = 'TRUE', name = 'data'): Promise<XlsxSheet> {
  // A row's number is its place in volgorde: for the whole dataset volgorde itself where it has no gaps (read
  // a range at a time from the workbooks' copy, which is in volgorde order); a slice (an RMC region's, ~2,000
  // rows nationally) is put in a table first (the Parquet copy read once, not by each query of its rows).
  let from = 'xlsx_sheet';
  const whole = where === 'TRUE' && await db.one<{ dense: boolean; lowest: number }>(`SELECT count(*) > ${SMALL_SHEET}
    AND count(*) = max(volgorde) - min(volgorde) + 1 AS dense, min(volgorde) AS lowest FROM dataset`);
  if (whole && whole.dense) from = `(SELECT 0 AS k, *, volgorde - ${Number(whole.lowest)} + 1 AS i FROM dataset)`;
  else await db.run(`CREATE OR REPLACE TABLE xlsx_sheet AS SELECT 0 AS k, *, row_number() OVER (ORDER BY volgorde) AS i FROM dataset WHERE ${where} ORDER BY i`);
  const { rows, close } = await xlsxSqlRows(db, from, [''], datasetXlsxColumns());
  const only = rows.get('')!;
  return {
    name, columns: datasetXlsxColumns(), rows: {
      ...only,
      render: async function* (rowXml) {
        try {
          yield* only.render(rowXml);
        } finally {
          await close();
          await db.run('DROP TABLE IF EXISTS xlsx_sheet');
        }
      },
    },
  };
}

const textSheet = (name: string, rows: Record<string, unknown>[], wide: string[] = []): XlsxSheet => ({
  name,
  columns: Object.keys(rows[0] ?? {}).map((name) => ({ name, type: 'text', width: wide.includes(name) ? 80 : undefined })),
  rows,
});

/** `indicatoren.xlsx`: sheets data (every row, its sheet passed through `wrap`), woordenboek (the dictionary) and codelijst. */
export async function writeDatasetXlsx(db: Db, file: string, o: XlsxOptions, wrap = (s: XlsxSheet) => s): Promise<void> {
  await writeXlsx(file, [
    wrap(await datasetSheet(db)),
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
