/**
 * The indicator catalog: every indicator code with its Dutch label, unit, reports, parameters, breakdown
 * dimensions and definition, read from the YAML header of the SQL file that computes it
 * (queries/indicators/**). The data dictionary, the definitions appendix of every report and the CSV
 * labels all come from here, so a definition lives next to its query and nowhere else.
 */
import path from 'node:path';
import YAML from 'yaml';
import { readQuery, sqlFiles } from './db.ts';

export interface IndicatorDef {
  code: string;
  label: string;
  eenheid: string;
  rapporten: string[];
  parameters: string[];
  dimensies: string[];
  /**
   * Breakdown dimensions whose categories overlap (one person can be in several): their cells do not add up
   * to the total. Every other breakdown of a count adds up (queries/checks/store/optellen.sql).
   */
  overlappend: string[];
  tijdvak?: string;
  /** For a rate: the count indicator that is its numerator (same area, year and breakdown), if there is one. */
  teller?: string;
  /** For a rate: the count indicator that is its denominator, if there is one. */
  noemer?: string;
  definitie: string;
  /** queries/… file that computes it. */
  bestand: string;
}

/** The leading `-- ` comment block of an SQL file, as YAML. */
export function headerYaml(sql: string): unknown {
  const lines: string[] = [];
  for (const line of sql.split('\n')) {
    if (!line.startsWith('--')) break;
    lines.push(line.replace(/^-- ?/, ''));
  }
  return YAML.parse(lines.join('\n'));
}

let cached: IndicatorDef[] | undefined;

export function loadCatalog(): IndicatorDef[] {
  if (cached) return cached;
  const defs: IndicatorDef[] = [];
  for (const file of sqlFiles('indicators')) {
    let header: unknown;
    try {
      header = headerYaml(readQuery(file));
    } catch (e) {
      throw new Error(`queries/${file}: the header comment is not valid YAML: ${(e as Error).message}`);
    }
    const list = (header as { indicators?: unknown[] } | null)?.indicators;
    if (!Array.isArray(list)) throw new Error(`queries/${file}: header has no "indicators:" list`);
    for (const raw of list as Record<string, unknown>[]) {
      for (const key of ['code', 'label', 'eenheid', 'definitie']) {
        if (typeof raw[key] !== 'string') throw new Error(`queries/${file}: indicator ${String(raw.code)} has no ${key}`);
      }
      defs.push({
        code: raw.code as string,
        label: raw.label as string,
        eenheid: raw.eenheid as string,
        rapporten: (raw.rapporten as string[]) ?? [],
        parameters: (raw.parameters as string[]) ?? [],
        dimensies: (raw.dimensies as string[]) ?? [],
        overlappend: (raw.overlappend as string[]) ?? [],
        tijdvak: raw.tijdvak as string | undefined,
        teller: raw.teller as string | undefined,
        noemer: raw.noemer as string | undefined,
        definitie: String(raw.definitie).trim(),
        bestand: path.join('queries', file),
      });
    }
  }
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.code)) throw new Error(`indicator ${d.code} is defined twice (second in ${d.bestand})`);
    seen.add(d.code);
  }
  for (const d of defs) {
    for (const dim of d.overlappend) {
      if (!d.dimensies.includes(dim)) throw new Error(`${d.bestand}: ${d.code} has overlappend ${dim}, which is not one of its dimensies`);
    }
    for (const link of [d.teller, d.noemer]) {
      if (link !== undefined && !seen.has(link)) throw new Error(`${d.bestand}: ${d.code} refers to unknown indicator ${link}`);
    }
  }
  cached = defs.sort((a, b) => a.code.localeCompare(b.code));
  return cached;
}

export function indicatorDef(code: string): IndicatorDef {
  const d = loadCatalog().find((x) => x.code === code);
  if (!d) throw new Error(`unknown indicator ${code}`);
  return d;
}
