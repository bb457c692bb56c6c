/**
 * Applies a mapping: reads the export (CSV in any encoding, or an .xlsx sheet), renames columns, maps
 * codes, converts dates and numbers, fills constants, and writes the contract table as UTF-8 CSV for the
 * ordinary loader and validator. What could not be mapped is counted for `leerplicht map --check`:
 * column names and code values (of code columns only) with counts, never other row values.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BOOLEAN_FALSE, BOOLEAN_TRUE, type Column } from '../contract.ts';
import { InputError } from '../errors.ts';
import { csvRecords } from '../import/csv-records.ts';
import { type Mapping, parseDate, parseNumber } from './mapping.ts';
import { csvField } from '../csv.ts';

export interface MapCheck {
  tabel: string;
  bron: string;
  rows: number;
  /** Source columns no contract column takes. */
  unusedColumns: string[];
  /** Optional contract columns without a source (left empty). */
  emptyColumns: string[];
  /** column → value → count, for values outside the column's code list after mapping. */
  unmappedCodes: Record<string, Record<string, number>>;
  /** column → number of values that are not a date in the mapping's format. */
  badDates: Record<string, number>;
  /** column → number of values that are not a number. */
  badNumbers: Record<string, number>;
}

async function* sourceRows(m: Mapping, file: string): AsyncGenerator<string[]> {
  if (file.toLowerCase().endsWith('.xlsx')) {
    const { xlsxRows } = await import('./xlsx.ts');
    yield* xlsxRows(file, m.blad);
    return;
  }
  for await (const r of csvRecords(file, { encoding: m.codering, delimiter: m.scheidingsteken })) yield r.fields;
}

const allowedCodes = (c: Column): readonly string[] | undefined => c.codes ?? (c.type === 'boolean' ? [...BOOLEAN_TRUE, ...BOOLEAN_FALSE] : undefined);


/** A code value is shown in --check unless it could be personal data (long digit strings, dates, long text). */
export function showableCode(v: string): string {
  return v.length > 40 || /\d{6,}/.test(v) || /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(v) ? '(value withheld: looks like personal data)' : v;
}

export async function convertExport(m: Mapping, file = m.bestand): Promise<{ csv: string; check: MapCheck }> {
  if (!file) throw new InputError(`${m.file}: no source file: set "bestand" in the mapping or give --in`);
  const name = path.basename(file);
  const t = m.table;
  const check: MapCheck = { tabel: t.name, bron: name, rows: 0, unusedColumns: [], emptyColumns: [], unmappedCodes: {}, badDates: {}, badNumbers: {} };
  let plan: ((row: string[]) => string)[] | undefined;
  const lines: string[] = [t.columns.map((c) => c.name).join(',')];
  if (!existsSync(file)) throw new InputError(`${file}: source file not found (mapping ${path.basename(m.file)})`);
  for await (const fields of sourceRows(m, file)) {
    if (!plan) {
      const header = fields.map((h) => h.trim());
      const used = new Set<string>();
      const missing: string[] = [];
      plan = t.columns.map((c) => {
        if (c.name in m.constanten) {
          const v = m.constanten[c.name];
          return () => v;
        }
        const src = m.kolommen[c.name] ?? (header.includes(c.name) ? c.name : undefined);
        const i = src === undefined ? -1 : header.indexOf(src);
        if (i < 0) {
          if (c.required === true || src !== undefined) missing.push(src === undefined ? `${c.name} (no source column; add it under kolommen or constanten)` : `${src} (for ${c.name})`);
          else check.emptyColumns.push(c.name);
          return () => '';
        }
        used.add(src!);
        return valueFn(c, i, m, check);
      });
      if (missing.length) throw new InputError(`${name} (mapping ${path.basename(m.file)}): column(s) not found: ${missing.join('; ')}. The file has: ${header.join(', ')}`);
      check.unusedColumns = header.filter((h) => h && !used.has(h));
      continue;
    }
    if (fields.length === 1 && fields[0].trim() === '') continue;
    check.rows++;
    lines.push(plan.map((f) => csvField(f(fields))).join(','));
  }
  if (!plan) throw new InputError(`${name}: empty file: it needs at least the header row`);
  return { csv: `${lines.join('\n')}\n`, check };
}

function valueFn(c: Column, i: number, m: Mapping, check: MapCheck): (row: string[]) => string {
  const codeMap = m.codes[c.name] ?? {};
  const codeMapCi = new Map(Object.entries(codeMap).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const allowed = allowedCodes(c);
  return (row) => {
    const raw = (row[i] ?? '').trim();
    if (raw === '') return '';
    if (allowed || c.name in m.codes) {
      const v = codeMap[raw] ?? codeMapCi.get(raw.toLowerCase()) ?? raw;
      if (allowed && !allowed.includes(c.type === 'boolean' ? v.toLowerCase() : v)) {
        const counts = (check.unmappedCodes[c.name] ??= {});
        const shown = showableCode(raw);
        counts[shown] = (counts[shown] ?? 0) + 1;
      }
      return v;
    }
    if (c.type === 'date') {
      const iso = parseDate(raw, m.datumformaat);
      if (iso) return iso;
      check.badDates[c.name] = (check.badDates[c.name] ?? 0) + 1;
      return raw; // the loader rejects it with file, row and column
    }
    if (c.type === 'integer') {
      const n = parseNumber(raw, m.decimaalteken);
      if (n !== undefined) return n;
      check.badNumbers[c.name] = (check.badNumbers[c.name] ?? 0) + 1;
      return raw;
    }
    return raw;
  };
}

/** The --check report as text. */
export function formatCheck(c: MapCheck): string {
  const out = [`${c.bron} → ${c.tabel}: ${c.rows} row(s)`];
  if (c.unusedColumns.length) out.push(`  source column(s) not mapped: ${c.unusedColumns.join(', ')}`);
  if (c.emptyColumns.length) out.push(`  contract column(s) without a source (left empty): ${c.emptyColumns.join(', ')}`);
  for (const [col, values] of Object.entries(c.unmappedCodes)) {
    const list = Object.entries(values).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    out.push(`  ${col}: ${list.length} value(s) without a code mapping (add them under codes.${col}):`);
    for (const [v, n] of list.slice(0, 30)) out.push(`    ${JSON.stringify(v)}  ${n}×`);
    if (list.length > 30) out.push(`    … and ${list.length - 30} more`);
  }
  for (const [col, n] of Object.entries(c.badDates)) out.push(`  ${col}: ${n} value(s) not a date in the mapping's datumformaat`);
  for (const [col, n] of Object.entries(c.badNumbers)) out.push(`  ${col}: ${n} value(s) not a number`);
  if (out.length === 1) out.push('  everything mapped');
  return out.join('\n');
}

export const checkHasProblems = (c: MapCheck) =>
  Object.keys(c.unmappedCodes).length > 0 || Object.keys(c.badDates).length > 0 || Object.keys(c.badNumbers).length > 0;
