/** Loads and validates a region configuration. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import YAML from 'yaml';
import { InputError } from '../errors.ts';
import { isMonthDay } from '../load/values.ts';
import { REGION_CONFIG_SCHEMA } from './schema.ts';
import { toolPath } from '../paths.ts';
import { isSchooljaarLabel } from '../schooljaar.ts';

export interface Gemeente {
  code: string;
  naam: string;
  percelen: number[];
}

export interface Parameters {
  peildatum: string;
  av_min_dagen: number;
  zomervakantie_van: string;
  zomervakantie_tot_en_met: string;
  thuiszitter_definitie: 'LRV' | 'LRV_AV';
  min_cel: number;
  min_noemer: number;
}

/** One target of the jaarplan: a kwartaal indicator at most or at least a value. */
export interface Doel {
  indicator: string;
  hoogstens?: number;
  minstens?: number;
  periode: 'kwartaal' | 'schooljaar';
  gemeente?: string;
}

export interface Jaarplan {
  schooljaar: string;
  doelen: Doel[];
}

export interface RegionConfig {
  schema_version: 1;
  regio: { code: string; naam: string; jaar: number; rmc_regio?: { code: string; naam: string }; bron?: string };
  contactgemeente?: string;
  gemeenten: Gemeente[];
  formatie?: { rol: string; perceel: 1 | 2 | 3; fte: number; schaal?: number; contactgemeente?: boolean }[];
  parameters: Parameters;
  begroting?: Record<string, unknown>;
  jaarplan?: Jaarplan[];
  /** Absolute path of the file it was read from. */
  file: string;
}

export const CONFIG_ROOT = toolPath('data/config');

const ajv = new Ajv({ allErrors: true, useDefaults: true });
const validate = ajv.compile(REGION_CONFIG_SCHEMA);

/**
 * Resolves `--config`: a path to a YAML/JSON file, a region code (`twente`: its newest year), or
 * `code/jaar` (`west-kennemerland/2014`).
 */
export function resolveConfigPath(ref: string, roots: string[] = [CONFIG_ROOT]): string {
  if (existsSync(ref) && !ref.endsWith('/')) return path.resolve(ref);
  const [code, jaar] = ref.split('/');
  // The project's own config/ first, then the examples shipped with the tool.
  const dir = roots.map((r) => path.join(r, code)).find((d) => existsSync(d));
  if (!dir) {
    const known = [...new Set(roots.filter((r) => existsSync(r)).flatMap((r) => readdirSync(r)))].sort().join(', ') || '(none)';
    throw new InputError(`config "${ref}" is neither a file nor a known region. Known regions: ${known}.`);
  }
  const years = readdirSync(dir).filter((f) => /^\d{4}\.ya?ml$/.test(f)).sort();
  const file = jaar ? years.find((f) => f.startsWith(`${jaar}.`)) : years.at(-1);
  if (!file) throw new InputError(`region "${code}" has no configuration for ${jaar ?? 'any year'} in ${dir} (has: ${years.join(', ')}).`);
  return path.join(dir, file);
}

export function loadConfig(ref: string, roots?: string[]): RegionConfig {
  const file = resolveConfigPath(ref, roots);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not valid YAML/JSON: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object') throw new InputError(`${file}: empty configuration`);
  (raw as Record<string, unknown>).parameters ??= {};
  if (!validate(raw)) {
    const lines = (validate.errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message}${e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}`);
    throw new InputError(`${file}: configuration does not match its schema:\n${lines.join('\n')}\nSee "Region configuration" in the README.`);
  }
  const config = { ...(raw as Omit<RegionConfig, 'file'>), file };
  checkSemantics(config);
  return config;
}

function checkSemantics(c: RegionConfig): void {
  const problems: string[] = [];
  const codes = c.gemeenten.map((g) => g.code);
  const dup = codes.filter((x, i) => codes.indexOf(x) !== i);
  if (dup.length) problems.push(`gemeente listed twice: ${[...new Set(dup)].join(', ')}`);
  if (c.contactgemeente && !codes.includes(c.contactgemeente)) {
    problems.push(`contactgemeente ${c.contactgemeente} is not one of the gemeenten`);
  }
  const p = c.parameters;
  for (const key of ['peildatum', 'zomervakantie_van', 'zomervakantie_tot_en_met'] as const) {
    if (!isMonthDay(p[key])) problems.push(`parameters.${key} "${p[key]}" is not a day of every year (MM-DD, e.g. 10-01)`);
  }
  // MM-DD compares as text; a holiday across new year does not exist in the Netherlands.
  if (isMonthDay(p.zomervakantie_van) && isMonthDay(p.zomervakantie_tot_en_met) && p.zomervakantie_tot_en_met < p.zomervakantie_van) {
    problems.push(`the summer holiday ends (parameters.zomervakantie_tot_en_met ${p.zomervakantie_tot_en_met}) before it starts (parameters.zomervakantie_van ${p.zomervakantie_van}): swap them`);
  }
  for (const j of c.jaarplan ?? []) {
    if (!isSchooljaarLabel(j.schooljaar)) problems.push(`jaarplan: not a schooljaar: ${j.schooljaar}`);
    for (const d of j.doelen) {
      if (d.gemeente && !codes.includes(d.gemeente)) problems.push(`jaarplan ${j.schooljaar}: target ${d.indicator} for gemeente ${d.gemeente}, which is not one of the gemeenten`);
    }
  }
  if (problems.length) throw new InputError(`${c.file}: ${problems.join('; ')}`);
}

/** Gemeenten that take part in perceel 2 get the inhoudelijk jaarverslag. */
export function variant(g: Gemeente): 'inhoudelijk' | 'statistisch' {
  return g.percelen.includes(2) ? 'inhoudelijk' : 'statistisch';
}
