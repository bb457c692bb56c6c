/** `leerplicht import brp`: BRP source file → personen.csv + verblijfplaatsen.csv in an extract folder. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { OutputTransaction } from '../output/atomic.ts';
import { convertPersons, type ImportReport, personenCsv, RULE, SKIP, verblijfplaatsenCsv } from './brp.ts';
import { readHaalCentraal } from './haal-centraal.ts';
import { DEFAULT_MAPPING, type ElementMapping, readLoGba } from './lo-gba.ts';

export type BrpFormat = 'lo-gba' | 'haal-centraal';

export interface ImportBrpOptions {
  file: string;
  out: string;
  extractdatum: string;
  /** Write extract.json with this date (when --extractdatum was given explicitly). */
  writeMeta: boolean;
  format?: BrpFormat;
  mapping?: ElementMapping;
}

/** `.json` → Haal Centraal, anything else → LO GBA CSV. */
export function detectFormat(file: string): BrpFormat {
  return file.toLowerCase().endsWith('.json') ? 'haal-centraal' : 'lo-gba';
}

export async function importBrp(o: ImportBrpOptions): Promise<{ report: ImportReport; files: string[] }> {
  if (!existsSync(o.file)) throw new InputError(`${o.file}: file not found`);
  const format = o.format ?? detectFormat(o.file);
  const persons = format === 'haal-centraal' ? readHaalCentraal(o.file) : await readLoGba(o.file, o.mapping ?? DEFAULT_MAPPING);
  const { personen, verblijfplaatsen, report } = convertPersons(persons, o.extractdatum);
  const metaFile = path.join(o.out, 'extract.json');
  let meta: string | undefined;
  if (o.writeMeta) {
    if (existsSync(metaFile)) {
      let existing: unknown;
      try {
        existing = JSON.parse(readFileSync(metaFile, 'utf8'))?.extractdatum;
      } catch {
        existing = undefined;
      }
      if (existing !== o.extractdatum) {
        throw new InputError(`${metaFile} says extractdatum ${String(existing)}, but --extractdatum is ${o.extractdatum}: remove one of them`);
      }
    } else {
      meta = `${JSON.stringify({ extractdatum: o.extractdatum, bron: format === 'haal-centraal' ? 'BRP (Haal Centraal BRP Personen)' : 'BRP (LO GBA)' }, null, 2)}\n`;
    }
  }
  const tx = await OutputTransaction.begin(o.out);
  try {
    await tx.writeFile('personen.csv', personenCsv(personen));
    await tx.writeFile('verblijfplaatsen.csv', verblijfplaatsenCsv(verblijfplaatsen));
    if (meta) await tx.writeFile('extract.json', meta);
    return { report, files: await tx.commit() };
  } catch (e) {
    await tx.abort();
    throw e;
  }
}

/** The report for the terminal: counts per reason, never a personal value. */
export function formatImportReport(r: ImportReport): string {
  const lines = [`${r.persoonslijsten} persoonslijst(en) read; ${r.personen} person(s) and ${r.verblijfplaatsen} residence period(s) written.`];
  const skipped = Object.values(SKIP).filter((k) => r.skipped[k]).map((k) => [k, r.skipped[k]] as const);
  if (skipped.length) {
    lines.push(`Skipped ${skipped.reduce((s, [, n]) => s + n, 0)} persoonslijst(en):`);
    for (const [reason, n] of skipped) lines.push(`  ${String(n).padStart(6)}  ${reason}`);
  }
  const rules = Object.values(RULE).filter((k) => r.rules[k]).map((k) => [k, r.rules[k]] as const);
  if (rules.length) {
    lines.push('Rules applied:');
    for (const [rule, n] of rules) lines.push(`  ${String(n).padStart(6)}  ${rule}`);
  }
  return lines.join('\n');
}
