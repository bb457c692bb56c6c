/** Reads the reference list of gemeenten (data/reference/gemeenten.csv, rmc_regios.csv). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { toolPath } from '../paths.ts';

export const GENERATOR_REFERENCE_ROOT = toolPath('data/reference');

export interface RefGemeente {
  code: string;
  naam: string;
  provincie: string;
  rmcRegio: string;
}

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

function readTable(file: string): Record<string, string>[] {
  if (!existsSync(file)) throw new InputError(`reference data missing: ${file}`);
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** All gemeenten of the reference list (342 in 2024), sorted by code. */
export function readGemeenten(dir: string = process.env.LEERPLICHT_REFERENCE_DATA ?? GENERATOR_REFERENCE_ROOT): RefGemeente[] {
  const rmc = new Map(readTable(path.join(dir, 'rmc_regios.csv')).map((r) => [r.gemeentecode, r.rmc_regio_code]));
  return readTable(path.join(dir, 'gemeenten.csv'))
    .map((r) => ({ code: r.gemeentecode, naam: r.naam, provincie: r.provincie, rmcRegio: rmc.get(r.gemeentecode) ?? '' }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
