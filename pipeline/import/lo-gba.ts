/**
 * Reads an LO GBA element-numbered CSV (the layout of RvIG's GBA-V test set): a header row with one
 * column per element `CC.GG.EE` (category, group, element), the first column the persoonslijst key.
 * A row with an empty key continues the persoonslijst above it; a continuation row's category 08
 * values are a history occurrence (category 58), newest first. Category 01, 06 and 07 are read from
 * the persoonslijst's first (current) row only.
 *
 * Which column holds which element is configurable (`--elementen FILE`, YAML), since municipal
 * selection exports name and order their columns differently.
 */
import { existsSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import YAML from 'yaml';
import { InputError } from '../errors.ts';
import { type BrpEvent, type BrpPerson, parseGbaDate } from './brp.ts';
import { csvRecords } from './csv-records.ts';

/** Element numbers of the values the conversion uses; override any of them in an --elementen file. */
export const DEFAULT_ELEMENTS = {
  bsn: '01.01.20',
  geboortedatum: '01.03.10',
  geslacht: '01.04.10',
  overlijdensdatum: '06.08.10',
  datum_opschorting: '07.67.10',
  reden_opschorting: '07.67.20',
  gemeente_inschrijving: '08.09.10',
  datum_inschrijving: '08.09.20',
  datum_aanvang_adres: '08.10.30',
  datum_vertrek_buitenland: '08.13.20',
  onjuist: '08.84.10',
} as const;
export type ElementRole = keyof typeof DEFAULT_ELEMENTS;
/** Roles without which nothing useful can be read; the others may be absent from an export. */
const REQUIRED_ROLES: ElementRole[] = ['bsn', 'geboortedatum', 'geslacht', 'gemeente_inschrijving', 'datum_inschrijving'];

export interface ElementMapping {
  /** The column with the persoonslijst key: a 1-based position or a header name. */
  sleutel: number | string;
  elementen: Record<ElementRole, string>;
  /** Field delimiter; detected from the header when absent. */
  scheidingsteken?: string;
  /** Encoding (iconv-lite name, e.g. windows-1252); default UTF-8, or UTF-16 when the file has its BOM. */
  codering?: string;
}

export const DEFAULT_MAPPING: ElementMapping = { sleutel: 1, elementen: { ...DEFAULT_ELEMENTS } };

/** Reads an --elementen YAML file: `sleutel`, `scheidingsteken` and any of the `elementen` roles. */
export function readElementMapping(file: string): ElementMapping {
  if (!existsSync(file)) throw new InputError(`${file}: element mapping not found (check --elementen)`);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  const o = (raw ?? {}) as Record<string, unknown>;
  const unknownKeys = Object.keys(o).filter((k) => !['sleutel', 'elementen', 'scheidingsteken', 'codering'].includes(k));
  const el = (o.elementen ?? {}) as Record<string, unknown>;
  const unknownRoles = Object.keys(el).filter((k) => !(k in DEFAULT_ELEMENTS));
  if (unknownKeys.length || unknownRoles.length || typeof el !== 'object') {
    throw new InputError(`${file}: unknown key(s) ${[...unknownKeys, ...unknownRoles.map((r) => `elementen.${r}`)].join(', ')}. `
      + `Allowed: sleutel, scheidingsteken, codering, elementen.{${Object.keys(DEFAULT_ELEMENTS).join(', ')}}`);
  }
  for (const [k, v] of Object.entries(el)) {
    if (typeof v !== 'string' || !v.trim()) throw new InputError(`${file}: elementen.${k} must be a column name such as "${DEFAULT_ELEMENTS[k as ElementRole]}"`);
  }
  const sleutel = o.sleutel ?? 1;
  if (!(typeof sleutel === 'string' || (typeof sleutel === 'number' && Number.isInteger(sleutel) && sleutel >= 1))) {
    throw new InputError(`${file}: sleutel must be a column position (1 = first) or a column name`);
  }
  const sep = o.scheidingsteken;
  if (sep !== undefined && (typeof sep !== 'string' || sep.length !== 1)) throw new InputError(`${file}: scheidingsteken must be one character, e.g. ";"`);
  const codering = o.codering === undefined ? undefined : String(o.codering).toLowerCase();
  if (codering !== undefined && !iconv.encodingExists(codering)) throw new InputError(`${file}: codering ${codering}: unknown encoding (e.g. utf-8, windows-1252, utf-16le)`);
  return { sleutel, elementen: { ...DEFAULT_ELEMENTS, ...(el as Record<ElementRole, string>) }, scheidingsteken: sep as string | undefined, codering };
}

/** Reads the persoonslijsten of an LO GBA CSV. Throws InputError naming the file for a wrong layout. */
export async function readLoGba(file: string, mapping: ElementMapping = DEFAULT_MAPPING): Promise<BrpPerson[]> {
  const persons: BrpPerson[] = [];
  let idx: Record<ElementRole, number> | undefined;
  let keyIdx = 0;
  let current: { person: BrpPerson; rows08: BrpEvent[] } | undefined;
  const flush = () => {
    if (!current) return;
    // rows are newest first in the file; events oldest first
    current.person.events = current.rows08.reverse();
    persons.push(current.person);
  };
  for await (const { fields, line } of csvRecords(file, { delimiter: mapping.scheidingsteken, encoding: mapping.codering })) {
    if (!idx) {
      const header = fields.map((h) => h.trim());
      keyIdx = typeof mapping.sleutel === 'number' ? mapping.sleutel - 1 : header.indexOf(mapping.sleutel);
      if (keyIdx < 0 || keyIdx >= header.length) throw new InputError(`${file}: the key column "${mapping.sleutel}" is not in the header (set "sleutel" in the --elementen file)`);
      const missing: string[] = [];
      idx = {} as Record<ElementRole, number>;
      for (const [role, col] of Object.entries(mapping.elementen) as [ElementRole, string][]) {
        const i = header.indexOf(col);
        if (i < 0 && REQUIRED_ROLES.includes(role)) missing.push(`${col} (${role})`);
        idx[role] = i;
      }
      if (missing.length) {
        throw new InputError(`${file}: not an LO GBA element-numbered CSV as expected: column(s) ${missing.join(', ')} missing from the header. `
          + 'Map the columns of your export with --elementen FILE (see pipeline/import/README.md).');
      }
      continue;
    }
    if (fields.length === 1 && fields[0] === '') continue; // blank line
    const get = (role: ElementRole) => (idx![role] >= 0 ? (fields[idx![role]] ?? '').trim() : '');
    const key = (fields[keyIdx] ?? '').trim();
    if (key) {
      flush();
      current = {
        person: {
          bsn: get('bsn') || undefined,
          geboortedatum: parseGbaDate(get('geboortedatum')),
          geslacht: get('geslacht') || undefined,
          overlijdensdatum: parseGbaDate(get('overlijdensdatum')),
          opschorting: get('reden_opschorting') ? { reden: get('reden_opschorting'), datum: parseGbaDate(get('datum_opschorting')) } : undefined,
          events: [],
        },
        rows08: [],
      };
    } else if (!current) {
      throw new InputError(`${file}: line ${line}: a continuation row (empty key) before the first persoonslijst`);
    }
    const gemeente = get('gemeente_inschrijving');
    const inschrijving = get('datum_inschrijving');
    const vertrek = get('datum_vertrek_buitenland');
    if (!gemeente && !inschrijving && !vertrek) continue; // no category 08/58 occurrence on this row
    if (get('onjuist')) {
      current!.rows08.push({ kind: 'onjuist' });
      continue;
    }
    current!.rows08.push(vertrek
      ? { kind: 'vertrek', datum: parseGbaDate(vertrek) }
      : { kind: 'inschrijving', gemeente, datum: parseGbaDate(inschrijving), adresdatum: parseGbaDate(get('datum_aanvang_adres')) });
  }
  if (!idx) throw new InputError(`${file}: empty file`);
  flush();
  return persons;
}
