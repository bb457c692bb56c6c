/**
 * `datapackage.json`, a Frictionless Data Package (https://specs.frictionlessdata.io/data-package/) that
 * describes each file of the dataset for monitors in `data/`: format, dialect, encoding, size, sha256, and
 * for the tables every column with its type and Dutch description. Tools such as
 * `frictionless validate data/datapackage.json` check the files against it. The files
 * (build/stages/datasets.ts):
 *
 *   data/indicatoren.csv              RFC 4180, UTF-8, `,`, dot decimal (for tools)
 *   data/indicatoren.parquet          the same rows and types; key-value metadata schema_version, build_id, …
 *   data/indicatoren-excel.csv        for Dutch Excel: `;`, decimal comma, BOM, formulas neutralised
 *   data/indicatoren.xlsx             sheets data, woordenboek, codelijst (codes as text, numbers as numbers)
 *   data/indicatoren-woordenboek.csv  every column and indicator, in Dutch
 *   data/indicatoren-codelijst.csv    dimensie, code, label of every code in the breakdown columns
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { EXPORT_COLUMNS, type ExportColumn, SCHEMA_VERSION } from './dataset.ts';
import type { XlsxOptions } from '../format/xlsx.ts';
import { fileSha256 } from '../output/cache.ts';

export interface DatasetInfo {
  buildId: string;
  extractdatum: string;
  regio: string;
  schooljaar: string;
  xlsx: XlsxOptions;
}

const FRICTIONLESS_TYPE: Record<ExportColumn['type'], string> = {
  VARCHAR: 'string', DATE: 'date', INTEGER: 'integer', BIGINT: 'integer', DOUBLE: 'number', BOOLEAN: 'boolean',
};

const fields = (cols: readonly ExportColumn[], decimalChar?: string) => cols.map((c) => ({
  name: c.name,
  type: FRICTIONLESS_TYPE[c.type],
  ...(c.type === 'DATE' ? { format: '%Y-%m-%d' } : {}),
  ...(c.type === 'BOOLEAN' ? { trueValues: ['true'], falseValues: ['false'] } : {}),
  ...(c.type === 'DOUBLE' && decimalChar ? { decimalChar } : {}),
  description: c.description,
}));

const textFields = (names: [string, string][]) => names.map(([name, description]) => ({ name, type: 'string', description }));

/** The descriptor; `dir` is the data folder (for sizes and hashes of the files already written). */
export async function dataPackage(dir: string, info: DatasetInfo) {
  const files = ['indicatoren.csv', 'indicatoren.parquet', 'indicatoren-excel.csv', 'indicatoren.xlsx', 'indicatoren-woordenboek.csv', 'indicatoren-codelijst.csv'];
  const stats = new Map(await Promise.all(files.map(async (name) => [name, {
    bytes: statSync(path.join(dir, name)).size,
    hash: `sha256:${await fileSha256(path.join(dir, name))}`,
  }] as const)));
  const stat = (name: string) => stats.get(name)!;
  const csvDialect = { delimiter: ',', quoteChar: '"', doubleQuote: true, header: true, lineTerminator: '\n' };
  const schema = (decimalChar?: string) => ({
    fields: fields(EXPORT_COLUMNS, decimalChar),
    missingValues: [''],
    foreignKeys: [{ fields: ['indicator'], reference: { resource: 'indicatoren-woordenboek', fields: ['naam'] } }],
  });
  return {
    profile: 'tabular-data-package',
    name: `leerplicht-indicatoren-${info.regio}-${info.schooljaar.replace('/', '-')}`,
    title: `Indicatoren leerplicht en RMC, ${info.regio}, ${info.schooljaar}`,
    description: 'Alle gepubliceerde cijfers van één aanmaak van de leerplicht-rapportage, in lange vorm (één rij per cijfer), beveiligd tegen herleidbaarheid. Een leeg cijfer met onderdrukt = true is onderdrukt; "totaal" in een uitsplitsingskolom is het totaal over die uitsplitsing, leeg betekent: niet van toepassing.',
    version: `${SCHEMA_VERSION}.0.0`,
    schema_version: SCHEMA_VERSION,
    build_id: info.buildId,
    extractdatum: info.extractdatum,
    created: info.xlsx.created?.toISOString(),
    contributors: info.xlsx.creator ? [{ title: info.xlsx.creator, role: 'publisher' }] : undefined,
    resources: [
      {
        name: 'indicatoren', path: 'indicatoren.csv', profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv',
        encoding: 'utf-8', dialect: csvDialect, ...stat('indicatoren.csv'), schema: schema(),
      },
      {
        name: 'indicatoren-parquet', path: 'indicatoren.parquet', format: 'parquet', mediatype: 'application/vnd.apache.parquet',
        description: 'Dezelfde rijen en kolommen als indicatoren.csv, met dezelfde typen.', ...stat('indicatoren.parquet'), schema: schema(),
      },
      {
        name: 'indicatoren-excel', path: 'indicatoren-excel.csv', profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv',
        description: 'Dezelfde rijen voor Nederlandse Excel: puntkomma, decimale komma, UTF-8 met BOM; tekst die Excel als formule zou lezen begint met \'.',
        encoding: 'utf-8-sig', dialect: { ...csvDialect, delimiter: ';' }, ...stat('indicatoren-excel.csv'), schema: schema(','),
      },
      {
        name: 'indicatoren-xlsx', path: 'indicatoren.xlsx', format: 'xlsx',
        mediatype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        description: 'Werkboek met de bladen data (indicatoren.csv), woordenboek en codelijst; codes als tekst, getallen als getal.',
        ...stat('indicatoren.xlsx'),
      },
      {
        name: 'indicatoren-woordenboek', path: 'indicatoren-woordenboek.csv', profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv',
        encoding: 'utf-8', dialect: csvDialect, ...stat('indicatoren-woordenboek.csv'),
        schema: {
          fields: textFields([['soort', 'kolom of indicator'], ['naam', 'naam van de kolom of code van de indicator'], ['label', 'Nederlandse naam van de indicator'],
            ['eenheid', 'eenheid van de indicator'], ['type', 'type van de kolom'], ['rapport', 'rapporten, gescheiden door "|"'],
            ['parameters', 'parameters van de berekening, gescheiden door "|"'], ['dimensies', 'uitsplitsingen, gescheiden door "|"'], ['definitie', 'omschrijving of definitie']]),
          missingValues: [''],
        },
      },
      {
        name: 'indicatoren-codelijst', path: 'indicatoren-codelijst.csv', profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv',
        encoding: 'utf-8', dialect: csvDialect, ...stat('indicatoren-codelijst.csv'),
        schema: {
          fields: textFields([['dimensie', 'kolom van indicatoren.csv waarin de code staat'], ['code', 'de code zoals in die kolom'], ['label', 'Nederlandse omschrijving']]),
          primaryKey: ['dimensie', 'code'],
        },
      },
    ],
  };
}
