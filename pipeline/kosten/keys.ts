/**
 * Population keys (and the caseload of the formatie norm) per gemeente, on 1 January of the year before
 * the budget year: from a CSV (`--bevolking FILE`, to reproduce a published budget from its own
 * figures) or counted from a loaded extract (queries/kosten/*.sql over the staging views).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db.ts';
import { readQuery } from '../db.ts';
import { InputError } from '../errors.ts';
import type { Deelnemer } from './begroting.ts';
import type { Sleutel, Sleutels } from './compute.ts';

/** `--bevolking` columns: the first four are required (values may be empty), the rest optional. */
export const BEVOLKING_COLUMNS = ['gemeentecode', 'leeftijd_5_22', 'leeftijd_5_17', 'leeftijd_18_22', 'leeftijd_16_22', 'gemeentenaam'] as const;
const REQUIRED = BEVOLKING_COLUMNS.slice(0, 4);
const FIELD: Record<string, keyof Sleutel> = { leeftijd_5_22: 'l5_22', leeftijd_5_17: 'l5_17', leeftijd_18_22: 'l18_22', leeftijd_16_22: 'l16_22' };

/** 1 January of the year before the budget year. */
export function peildatumVoor(jaar: number): string {
  return `${jaar - 1}-01-01`;
}

/** Splits one CSV line (RFC 4180 quotes, no embedded newlines). */
export function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { out.push(cur); cur = ''; }
    else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

/**
 * Reads a population CSV: header `gemeentecode,leeftijd_5_22,leeftijd_5_17,leeftijd_18_22` (optional
 * `leeftijd_16_22`, `gemeentenaam`), comma or semicolon separated, one row per gemeente. An empty cell
 * is "not given" (e.g. 5–17 for a gemeente outside perceel 2); whether a missing figure matters is
 * decided where a key is used.
 */
export function readBevolkingCsv(file: string, gemeenten: Deelnemer[], jaar: number): Sleutels {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new InputError(`--bevolking ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines.length) throw new InputError(`--bevolking ${file}: the file is empty`);
  const sep = lines[0].includes(';') && !lines[0].includes(',') ? ';' : ',';
  const header = splitCsvLine(lines[0], sep).map((h) => h.toLowerCase());
  const problems: string[] = [];
  const unknown = header.filter((h) => !(BEVOLKING_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) problems.push(`unknown column(s) ${unknown.join(', ')}; expected ${BEVOLKING_COLUMNS.join(', ')}`);
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) problems.push(`missing column(s) ${missing.join(', ')}`);
  if (problems.length) throw new InputError(`--bevolking ${file}: ${problems.join('; ')}`);

  const known = new Map(gemeenten.map((g) => [g.code, g]));
  const perGemeente = new Map<string, Sleutel>();
  lines.slice(1).forEach((line, i) => {
    const at = `line ${i + 2}`;
    const cells = splitCsvLine(line, sep);
    if (cells.length !== header.length) {
      problems.push(`${at}: ${cells.length} fields, the header has ${header.length}`);
      return;
    }
    const row = Object.fromEntries(header.map((h, k) => [h, cells[k]]));
    const code = row.gemeentecode;
    if (!/^[0-9]{4}$/.test(code)) {
      problems.push(`${at}: gemeentecode "${code}" is not four digits${/^[0-9]{1,3}$/.test(code) ? ' (leading zeros lost? quote the code or format the column as text)' : ''}`);
      return;
    }
    if (!known.has(code)) { problems.push(`${at}: gemeente ${code} is not one of the configuration's gemeenten`); return; }
    if (perGemeente.has(code)) { problems.push(`${at}: gemeente ${code} appears twice`); return; }
    const s: Sleutel = {};
    for (const [col, field] of Object.entries(FIELD)) {
      const v = row[col];
      if (v === undefined || v === '') continue;
      if (!/^[0-9]+$/.test(v)) { problems.push(`${at}: ${col} "${v}" is not a whole number`); continue; }
      s[field] = Number(v);
    }
    if (s.l5_22 !== undefined && s.l5_17 !== undefined && s.l18_22 !== undefined && s.l5_17 + s.l18_22 !== s.l5_22) {
      problems.push(`${at}: leeftijd_5_17 + leeftijd_18_22 = ${s.l5_17 + s.l18_22}, but leeftijd_5_22 = ${s.l5_22}`);
    }
    if (s.l16_22 !== undefined && s.l18_22 !== undefined && s.l16_22 < s.l18_22) problems.push(`${at}: leeftijd_16_22 is smaller than leeftijd_18_22`);
    perGemeente.set(code, s);
  });
  if (problems.length) throw new InputError(`--bevolking ${file}:\n  ${problems.join('\n  ')}`);
  const m = /(\d{4}-\d{2}-\d{2})/.exec(path.basename(file));
  return { bron: `--bevolking ${file}`, omschrijving: 'opgegeven inwonertallen per leeftijdsgroep', peildatum: m ? m[1] : peildatumVoor(jaar), perGemeente };
}

/**
 * Counts the keys from an extract already loaded into `db` with the staging views created.
 * Every configured gemeente gets a key (0 when the extract has no resident of it).
 */
export async function keysFromExtract(db: Db, gemeenten: Deelnemer[], jaar: number, bron: string, omschrijving: string): Promise<Sleutels> {
  const peildatum = peildatumVoor(jaar);
  const rows = await db.all<{ gemeentecode: string; leeftijd_5_22: number; leeftijd_5_17: number; leeftijd_18_22: number; leeftijd_16_22: number }>(
    readQuery('kosten/bevolking.sql'), { peildatum },
  );
  const byCode = new Map(rows.map((r) => [r.gemeentecode, r]));
  const perGemeente = new Map<string, Sleutel>();
  for (const g of gemeenten) {
    const r = byCode.get(g.code);
    perGemeente.set(g.code, { l5_22: r?.leeftijd_5_22 ?? 0, l5_17: r?.leeftijd_5_17 ?? 0, l18_22: r?.leeftijd_18_22 ?? 0, l16_22: r?.leeftijd_16_22 ?? 0 });
  }
  return { bron, omschrijving, peildatum, perGemeente };
}

/** Curatieve meldingen per configured gemeente in the twelve months before the population peildatum. */
export async function meldingenFromExtract(db: Db, gemeenten: Deelnemer[], jaar: number): Promise<NonNullable<Sleutels['meldingen']>> {
  const tot = peildatumVoor(jaar);
  const van = peildatumVoor(jaar - 1);
  const rows = await db.all<{ gemeentecode: string; meldingen: number }>(readQuery('kosten/curatieve_meldingen.sql'), { van, tot });
  const byCode = new Map(rows.map((r) => [r.gemeentecode, r.meldingen]));
  return { van, tot, perGemeente: new Map(gemeenten.map((g) => [g.code, byCode.get(g.code) ?? 0])) };
}
