/**
 * A mapping file (YAML, one per source export) says how an export of a DUO or vendor system becomes a
 * table of the input contract: which file, its encoding, separator, date format and decimal sign, which
 * source column feeds which contract column, how its codes translate, and constant values. See
 * pipeline/mapping/README.md and data/examples/mappings/ for a documented example.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import YAML from 'yaml';
import { TABLES, type Table } from '../contract.ts';
import { InputError } from '../errors.ts';

export interface Mapping {
  /** The mapping file itself (absolute). */
  file: string;
  table: Table;
  /** Source file, absolute (relative paths in the YAML are relative to the mapping file). */
  bestand?: string;
  codering: string;
  scheidingsteken?: string;
  datumformaat: string;
  decimaalteken: '.' | ',';
  blad?: string;
  /** contract column → source column */
  kolommen: Record<string, string>;
  /** contract column → (source value → contract code) */
  codes: Record<string, Record<string, string>>;
  /** contract column → fixed value */
  constanten: Record<string, string>;
}

const KEYS = ['tabel', 'bestand', 'codering', 'scheidingsteken', 'datumformaat', 'decimaalteken', 'blad', 'kolommen', 'codes', 'constanten', 'toelichting'];
export const DATE_FORMATS = ['yyyy-mm-dd', 'dd-mm-yyyy', 'd-m-yyyy', 'dd/mm/yyyy', 'd/m/yyyy', 'dd.mm.yyyy', 'yyyymmdd', 'mm/dd/yyyy'] as const;

const asStringMap = (file: string, key: string, v: unknown): Record<string, string> => {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new InputError(`${file}: "${key}" must be a mapping of names to values`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null || typeof x === 'object') throw new InputError(`${file}: ${key}.${k} must be a single value`);
    out[k] = String(x);
  }
  return out;
};

export function readMapping(file: string): Mapping {
  const abs = path.resolve(file);
  if (!existsSync(abs)) throw new InputError(`${file}: mapping file not found`);
  let raw: unknown;
  try {
    raw = YAML.parse(readFileSync(abs, 'utf8'));
  } catch (e) {
    throw new InputError(`${file}: not valid YAML: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${file}: empty mapping; it needs at least "tabel"`);
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  const unknown = Object.keys(o).filter((k) => !KEYS.includes(k));
  if (unknown.length) problems.push(`unknown key(s) ${unknown.join(', ')} (allowed: ${KEYS.join(', ')})`);
  const table = TABLES.find((t) => t.name === o.tabel);
  if (!table) throw new InputError(`${file}: "tabel" must be one of ${TABLES.map((t) => t.name).join(', ')}`);
  const columns = table.columns.map((c) => c.name);
  const kolommen = asStringMap(file, 'kolommen', o.kolommen);
  const codes: Record<string, Record<string, string>> = {};
  if (o.codes !== undefined && o.codes !== null) {
    if (typeof o.codes !== 'object' || Array.isArray(o.codes)) problems.push('"codes" must map a column to {source value: code}');
    else for (const [k, v] of Object.entries(o.codes as Record<string, unknown>)) codes[k] = asStringMap(file, `codes.${k}`, v);
  }
  const constanten = asStringMap(file, 'constanten', o.constanten);
  for (const [key, m] of [['kolommen', kolommen], ['codes', codes], ['constanten', constanten]] as const) {
    const bad = Object.keys(m).filter((c) => !columns.includes(c));
    if (bad.length) problems.push(`${key}: ${bad.join(', ')} not a column of ${table.name} (columns: ${columns.join(', ')})`);
  }
  for (const [c, m] of Object.entries(codes)) {
    const col = table.columns.find((x) => x.name === c);
    const allowed = col?.codes ?? (col?.type === 'boolean' ? ['true', 'false'] : undefined);
    if (col && !allowed) problems.push(`codes.${c}: ${c} takes no codes`);
    const badTargets = allowed ? Object.values(m).filter((v) => !allowed.includes(v)) : [];
    if (badTargets.length) problems.push(`codes.${c}: ${[...new Set(badTargets)].join(', ')} not allowed (allowed: ${allowed!.join(' ')})`);
  }
  const codering = String(o.codering ?? 'utf-8').toLowerCase();
  if (!iconv.encodingExists(codering)) problems.push(`codering ${codering}: unknown encoding (e.g. utf-8, windows-1252, utf-16le)`);
  const datumformaat = String(o.datumformaat ?? 'yyyy-mm-dd').toLowerCase();
  if (!(DATE_FORMATS as readonly string[]).includes(datumformaat)) problems.push(`datumformaat ${datumformaat}: use one of ${DATE_FORMATS.join(', ')}`);
  const decimaalteken = String(o.decimaalteken ?? '.');
  if (decimaalteken !== '.' && decimaalteken !== ',') problems.push('decimaalteken must be "." or ","');
  const sep = o.scheidingsteken === undefined ? undefined : String(o.scheidingsteken).replace('\\t', '\t');
  if (sep !== undefined && sep.length !== 1) problems.push('scheidingsteken must be one character, e.g. ";"');
  if (problems.length) throw new InputError(`${file}: ${problems.join('; ')}. See pipeline/mapping/README.md.`);
  return {
    file: abs,
    table,
    bestand: typeof o.bestand === 'string' ? path.resolve(path.dirname(abs), o.bestand) : undefined,
    codering,
    scheidingsteken: sep,
    datumformaat,
    decimaalteken: decimaalteken as '.' | ',',
    blad: o.blad === undefined ? undefined : String(o.blad),
    kolommen,
    codes,
    constanten,
  };
}

/**
 * A date in `format` → ISO, or undefined when it does not parse. A trailing time (Excel) is ignored; an
 * ISO date is accepted whatever the format.
 */
export function parseDate(value: string, format: string): string | undefined {
  const v = value.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '');
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  if (format === 'yyyymmdd') {
    const r = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
    if (r) [, y, m, d] = r;
  } else {
    const sep = format.replace(/[dmy]/g, '')[0];
    const parts = v.split(sep);
    const order = format.split(sep).map((p) => p[0]);
    if (parts.length === 3 && parts.every((p) => /^\d{1,4}$/.test(p))) {
      for (let i = 0; i < 3; i++) {
        if (order[i] === 'y') y = parts[i];
        else if (order[i] === 'm') m = parts[i];
        else d = parts[i];
      }
    }
  }
  if (!y || !m || !d || y.length !== 4 || m.length > 2 || d.length > 2) {
    // An ISO date is unambiguous in any format (an .xlsx date cell is read as one).
    return /^\d{4}-\d{2}-\d{2}$/.test(v) ? isoIfValid(v) : undefined;
  }
  return isoIfValid(`${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
}


function isoIfValid(iso: string): string | undefined {
  const t = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** A number with a decimal comma (and `.` thousands) or point → the contract's plain form; undefined if not a number. */
export function parseNumber(value: string, decimaal: '.' | ','): string | undefined {
  let v = value.trim().replace(/\s/g, '');
  v = decimaal === ',' ? v.replace(/\.(?=\d{3}(\D|$))/g, '').replace(',', '.') : v.replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? String(n) : v;
}
