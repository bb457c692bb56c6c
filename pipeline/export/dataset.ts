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
    eenheid VARCHAR, parameters VARCHAR, dimensies VARCHAR, overlappend VARCHAR[], tijdvak VARCHAR, definitie VARCHAR, bestand VARCHAR)`);
  for (const d of loadCatalog()) {
    await db.run('INSERT INTO indicator_catalog VALUES ($c, $l, $r, $e, $p, $d, string_split(nullif($o, \'\'), \'|\'), $t, $def, $b)', {
      c: d.code, l: d.label, r: d.rapporten.join('|'), e: d.eenheid, p: d.parameters.join('|'),
      d: d.dimensies.join('|'), o: d.overlappend.join('|'), t: d.tijdvak ?? null, def: d.definitie, b: d.bestand,
    });
  }
}

/** The Excel-friendly copy of the dataset (export/csv.ts): semicolon, decimal comma, UTF-8 BOM, same columns. */
export async function writeDatasetExcelCsv(db: Db, select: string, file: string): Promise<void> {
  await writeExcelCsv(db, select, file, EXPORT_COLUMNS.map((c) => ({ name: c.name, decimal: c.type === 'DOUBLE', text: c.type === 'VARCHAR' })));
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
