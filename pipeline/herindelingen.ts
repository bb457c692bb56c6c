/**
 * Gemeentelijke herindelingen. Residence histories carry the gemeentecode of their time (0393
 * Haarlemmerliede en Spaarnwoude until 2019); a report shows every year, trend years included, in the
 * gemeentelijke indeling of its own schooljaar, as CBS recomputes earlier years on the boundaries of the
 * report year. So before the model runs, every old code is replaced by the gemeente it became part of by
 * the last day of the report's schooljaar (following chains: 1325 Haarlemmerliede → 0393 in 1857 → 0394 in
 * 2019), and the colofon says on which date's indeling the figures are.
 *
 * Source: the national gemeente table (landelijke tabel 33, RvIG), UTF-16, read by `readTabel33`; the
 * rows with a successor are kept in data/reference/herindelingen.csv. To refresh it from a newer table 33:
 *   node --import tsx pipeline/herindelingen.ts "<Tabel33 ….csv>" > data/reference/herindelingen.csv
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from './db.ts';
import { InputError } from './errors.ts';
import { csvRecords } from './import/csv-records.ts';
import { REFERENCE_ROOT } from './reference.ts';
import { Schooljaar } from './schooljaar.ts';
import { toCsv } from './csv.ts';

export interface Herindeling {
  gemeentecode: string;
  naam: string;
  /** The gemeente it became part of. */
  nieuwe_code: string;
  /** First day of the new indeling (table 33's datum einde), ISO. */
  datum: string;
}

const isoOf = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** Reads table 33 (UTF-16, `,`, quoted; columns 92.10, 92.11, 92.12, 99.98, 99.99): the codes with a successor. */
export async function readTabel33(file: string): Promise<Herindeling[]> {
  const out: Herindeling[] = [];
  let idx: number[] | undefined;
  for await (const { fields, line } of csvRecords(file, { encoding: 'utf-16', delimiter: ',' })) {
    if (!idx) {
      const want = ['92.10', '92.11', '92.12', '99.99'];
      idx = want.map((w) => fields.findIndex((h) => h.trim().startsWith(w)));
      if (idx.some((i) => i < 0)) throw new InputError(`${file}: not table 33: expected the columns ${want.join(', ')}`);
      continue;
    }
    const [code, naam, nieuw, einde] = idx.map((i) => (fields[i] ?? '').trim());
    if (!nieuw) continue;
    if (!/^\d{4}$/.test(code) || !/^\d{4}$/.test(nieuw) || !/^\d{8}$/.test(einde)) throw new InputError(`${file}: line ${line}: unexpected values in a herindeling row`);
    out.push({ gemeentecode: code, naam, nieuwe_code: nieuw, datum: isoOf(einde) });
  }
  return out.sort((a, b) => (a.gemeentecode < b.gemeentecode ? -1 : 1));
}

export function herindelingenCsv(rows: Herindeling[]): string {
  return toCsv(rows, { columns: ['gemeentecode', 'naam', 'nieuwe_code', 'datum'] });
}

/** The shipped reference rows (data/reference/herindelingen.csv). */
export function herindelingen(): Herindeling[] {
  const [, ...lines] = readFileSync(path.join(REFERENCE_ROOT, 'herindelingen.csv'), 'utf8').trim().split('\n');
  return lines.map((l) => {
    const m = /^(\d{4}),("(?:[^"]|"")*"|[^,]*),(\d{4}),(\d{4}-\d{2}-\d{2})$/.exec(l);
    if (!m) throw new Error(`data/reference/herindelingen.csv: malformed row ${l}`);
    return { gemeentecode: m[1], naam: m[2].replace(/^"|"$/g, '').replaceAll('""', '"'), nieuwe_code: m[3], datum: m[4] };
  });
}

/** The last day of a schooljaar (`2024/2025` → 2025-07-31): the report's gemeentelijke indeling. */
export function indelingsdatum(schooljaar: string): string {
  return `${Schooljaar.parse(schooljaar).end}-07-31`;
}

/** old code → the gemeente it is part of on `datum` (only codes that changed by then). */
export function successors(rows: Herindeling[], datum: string): Map<string, string> {
  const next = new Map(rows.map((r) => [r.gemeentecode, r]));
  const out = new Map<string, string>();
  for (const r of rows) {
    let code = r.gemeentecode;
    const seen = new Set<string>();
    for (let h = next.get(code); h && h.datum <= datum && !seen.has(code); h = next.get(code)) {
      seen.add(code);
      code = h.nieuwe_code;
    }
    if (code !== r.gemeentecode) out.set(r.gemeentecode, code);
  }
  return out;
}

/** Creates `ref_herindeling(oud, nieuw)` for the report's indelingsdatum; stg_verblijfplaatsen maps through it. */
export async function loadHerindelingen(db: Db, schooljaar: string, rows = herindelingen()): Promise<void> {
  await db.run('CREATE OR REPLACE TABLE ref_herindeling (oud VARCHAR PRIMARY KEY, nieuw VARCHAR NOT NULL)');
  const map = successors(rows, indelingsdatum(schooljaar));
  if (!map.size) return;
  // Reference codes, checked to be four digits above: safe as literals.
  const values = [...map].map(([o, n]) => `('${o}', '${n}')`).join(', ');
  await db.run(`INSERT INTO ref_herindeling VALUES ${values}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node --import tsx pipeline/herindelingen.ts "<Tabel33 Gemeententabel.csv>" > data/reference/herindelingen.csv');
    process.exit(2);
  }
  process.stdout.write(herindelingenCsv(await readTabel33(file)));
}
