/**
 * The public dataset for monitors: the whole disclosure-controlled indicator store of a build in tidy
 * long form (one row per figure), as CSV (RFC 4180, UTF-8, dot decimal, ISO dates), Parquet, and an
 * Excel-friendly copy (semicolon, decimal comma, UTF-8 BOM); plus the data dictionary.
 * The columns below are a published interface: change them only deliberately, with a CHANGELOG entry
 * in the README (test/export-schema.test.ts pins them).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCatalog } from '../catalog.ts';
import { type Db, type Params, sqlString } from '../db.ts';

export interface ExportColumn {
  name: string;
  type: 'VARCHAR' | 'DATE' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN';
  description: string;
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { name: 'indicator', type: 'VARCHAR', description: 'Stable indicator code, e.g. LT-AV-TOT (see the dictionary).' },
  { name: 'label', type: 'VARCHAR', description: 'Dutch label of the indicator.' },
  { name: 'rapport', type: 'VARCHAR', description: 'Reports the indicator appears in, separated by "|": jaarverslag, telling, rmc.' },
  { name: 'schooljaar', type: 'VARCHAR', description: 'Schooljaar (or VSV-teljaar / verslagperiode) label, e.g. 2024/2025.' },
  { name: 'periode_van', type: 'DATE', description: 'First day of the period the figure covers (ISO date).' },
  { name: 'periode_tot', type: 'DATE', description: 'First day after the period (half-open; ISO date).' },
  { name: 'gebiedsniveau', type: 'VARCHAR', description: 'gemeente, regio (the office\'s region) or rmc_regio.' },
  { name: 'gebiedscode', type: 'VARCHAR', description: 'CBS gemeentecode (4 digits), region code, or two-digit RMC region code.' },
  { name: 'gebiedsnaam', type: 'VARCHAR', description: 'Name of the gemeente or region.' },
  { name: 'gemeentecode', type: 'VARCHAR', description: 'CBS gemeentecode for gemeente rows; empty otherwise.' },
  { name: 'gemeentenaam', type: 'VARCHAR', description: 'Gemeente name for gemeente rows; empty otherwise.' },
  { name: 'regio', type: 'VARCHAR', description: 'Code of the office\'s region the build was made for.' },
  { name: 'onderwijssoort', type: 'VARCHAR', description: 'Breakdown: onderwijssoort bucket (PO, SO/VSO, VO, MBO, overig, geen onderwijs); empty = all.' },
  { name: 'leeftijd', type: 'INTEGER', description: 'Breakdown: age in years; empty = all ages.' },
  { name: 'soort', type: 'VARCHAR', description: 'Breakdown: melding, actie or zaak soort, or RMC doelgroep; empty = all.' },
  { name: 'artikel', type: 'VARCHAR', description: 'Breakdown: vrijstelling or verlof artikel; empty = all.' },
  { name: 'beslisser', type: 'VARCHAR', description: 'Breakdown: who decided (SCHOOL, LEERPLICHTAMBTENAAR); empty = all.' },
  { name: 'besluit', type: 'VARCHAR', description: 'Breakdown: decision (TOEGEKEND, AFGEWEZEN, …); empty = all.' },
  { name: 'reden', type: 'VARCHAR', description: 'Breakdown: reden_afsluiting or RMC resultaat; empty = all.' },
  { name: 'duur', type: 'VARCHAR', description: 'Breakdown: duration class (<=3m, >3m); empty = all.' },
  { name: 'status', type: 'VARCHAR', description: 'Breakdown: status (JIKP follow-up status, OPEN meldingen); empty = all.' },
  { name: 'waarde', type: 'DOUBLE', description: 'The figure; empty when suppressed (never a text such as "<5").' },
  { name: 'teller', type: 'BIGINT', description: 'Numerator of a rate or the number of cases behind a median; empty when suppressed or not applicable.' },
  { name: 'noemer', type: 'BIGINT', description: 'Denominator of a rate; empty when suppressed or not applicable.' },
  { name: 'eenheid', type: 'VARCHAR', description: 'Unit: personen, meldingen, acties, zaken, aanvragen, trajecten, per_1000, procent, dagen.' },
  { name: 'onderdrukt', type: 'BOOLEAN', description: 'true when the value is suppressed by disclosure control (shown as "<5" in reports).' },
  { name: 'reden_onderdrukking', type: 'VARCHAR', description: 'klein_aantal, kleine_noemer or secundair; empty when published.' },
];

/** Loads the catalog into DuckDB so exports can join labels in SQL. */
export async function loadCatalogTable(db: Db): Promise<void> {
  await db.run(`CREATE OR REPLACE TABLE indicator_catalog (code VARCHAR PRIMARY KEY, label VARCHAR, rapport VARCHAR,
    eenheid VARCHAR, parameters VARCHAR, dimensies VARCHAR, tijdvak VARCHAR, definitie VARCHAR, bestand VARCHAR)`);
  for (const d of loadCatalog()) {
    await db.run('INSERT INTO indicator_catalog VALUES ($c, $l, $r, $e, $p, $d, $t, $def, $b)', {
      c: d.code, l: d.label, r: d.rapporten.join('|'), e: d.eenheid, p: d.parameters.join('|'),
      d: d.dimensies.join('|'), t: d.tijdvak ?? null, def: d.definitie, b: d.bestand,
    });
  }
}

const CSV_OPTIONS = `FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', DATEFORMAT '%Y-%m-%d'`;

/**
 * Writes a SELECT as RFC 4180 CSV; with `sortKey`, rows are written in that column's order and it is left out.
 * `params` are bound to the SELECT's `$name` parameters.
 */
export async function writeCsv(db: Db, select: string, file: string, sortKey?: string, params?: Params): Promise<void> {
  const body = sortKey ? `SELECT * EXCLUDE (${sortKey}) FROM (${select}) ORDER BY ${sortKey}` : select;
  await db.run(`COPY (${body}) TO ${sqlString(file)} (${CSV_OPTIONS})`, params);
}

/**
 * Many CSV files in one pass: one per value of `partitionBy`, as `<dir>/<partitionBy>=<value>/data_0.csv`
 * (DuckDB's partitioned COPY; the partition column is not written). Rows keep the order of `sortKeys`
 * (also left out of the files): the write runs on one thread, since a parallel partitioned write does not
 * keep the order within a file (duckdb/duckdb#14349). Same format as writeCsv.
 */
export async function writeCsvPartitioned(db: Db, select: string, dir: string, partitionBy: string, sortKeys: string[]): Promise<void> {
  const body = `SELECT * EXCLUDE (${sortKeys.filter((k) => k !== partitionBy).join(', ')}) FROM (${select}) ORDER BY ${partitionBy}, ${sortKeys.join(', ')}`;
  const { threads } = await db.one<{ threads: number }>("SELECT CAST(current_setting('threads') AS INTEGER) AS threads");
  await db.run('SET threads = 1');
  try {
    await db.run(`COPY (${body}) TO ${sqlString(dir)} (${CSV_OPTIONS}, PARTITION_BY (${partitionBy}))`);
  } finally {
    await db.run(`SET threads = ${Number(threads)}`);
  }
}

/** Excel-friendly copy: semicolon, decimal comma, UTF-8 BOM, same columns. */
export async function writeExcelCsv(db: Db, select: string, file: string): Promise<void> {
  // DuckDB's CSV writer has no decimal separator option: decimals become text with a comma.
  const cols = EXPORT_COLUMNS.map((c) => (c.type === 'DOUBLE' ? `replace(CAST(${c.name} AS VARCHAR), '.', ',') AS ${c.name}` : c.name));
  await db.run(`COPY (SELECT ${cols.join(', ')} FROM (${select})) TO ${sqlString(file)} (FORMAT csv, HEADER true, DELIMITER ';', QUOTE '"', DATEFORMAT '%Y-%m-%d')`);
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(file)]));
}

export async function writeParquet(db: Db, select: string, file: string): Promise<void> {
  await db.run(`COPY (${select}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
}

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

export function toCsv(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '';
  const cols = Object.keys(rows[0]);
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${[cols.join(','), ...rows.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\r\n')}\r\n`;
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
