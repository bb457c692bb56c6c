/** Reference data shipped in data/reference/: all gemeenten (CBS 2024) and their DUO RMC regions. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toolPath } from './paths.ts';

export const REFERENCE_ROOT = toolPath('data/reference');

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(REFERENCE_ROOT, file), 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i]]));
  });
}

/** gemeentecode → its RMC region (and the region's contactgemeente where the reference data names it). */
export function rmcRegios(): Record<string, { code: string; naam: string; contactgemeente?: { code: string; naam: string } }> {
  const namen = new Map(readCsv('gemeenten.csv').map((g) => [g.gemeentecode, g.naam]));
  const out: Record<string, { code: string; naam: string; contactgemeente?: { code: string; naam: string } }> = {};
  for (const r of readCsv('rmc_regios.csv')) {
    const c = r.contactgemeente;
    out[r.gemeentecode] = { code: r.rmc_regio_code, naam: r.rmc_regio_naam, ...(c ? { contactgemeente: { code: c, naam: namen.get(c) ?? c } } : {}) };
  }
  return out;
}

/** A published national figure (data/reference/landelijk.csv) with the text of its source. */
export interface Landelijk {
  indicator: string;
  schooljaar: string;
  waarde: number;
  eenheid: string;
  bron: string;
}

/** The national yardstick: every published figure, with its source spelled out. */
export function landelijk(): Landelijk[] {
  const bronnen = new Map(Object.entries(JSON.parse(readFileSync(path.join(REFERENCE_ROOT, 'bronnen-landelijk.json'), 'utf8')) as Record<string, string>));
  return readCsv('landelijk.csv').map((r) => {
    const bron = bronnen.get(r.bron);
    if (!bron) throw new Error(`data/reference/landelijk.csv: source ${r.bron} is not in bronnen-landelijk.json`);
    return { indicator: r.indicator, schooljaar: r.schooljaar, waarde: Number(r.waarde), eenheid: r.eenheid, bron };
  });
}

/** The CBS codes of the current gemeenten (data/reference/gemeenten.csv). */
export function gemeentecodes(): Set<string> {
  return new Set(readCsv('gemeenten.csv').map((r) => r.gemeentecode));
}
