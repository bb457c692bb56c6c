/**
 * Jaarrekening and afrekening (art. 27 and art. 28, third and eighth lid, of the West Kennemerland regeling):
 * the realised cost per perceel and cost type against the begroting, the definitive contribution of each
 * gemeente computed with the same keys as the begroting, the advances it paid and the settlement (te betalen
 * or te ontvangen), and extra dienstverlening settled on the realised quantities.
 *
 * Input: a folder (`leerplicht kosten --jaarrekening DIR`) with `realisatie.yaml` and CSVs; the layout is in
 * pipeline/kosten/README.md ("Jaarrekening"). Amounts are in euro with at most 2 decimals and are computed in
 * whole cents; a division over the gemeenten is rounded so that it adds up to the realised total (largest
 * remainder, rounding.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import YAML from 'yaml';
import { InputError } from '../errors.ts';
import type { Begroting, Perceel } from './begroting.ts';
import { splitCsvLine } from './keys.ts';
import { Exact } from './money.ts';
import { controlledRound } from './rounding.ts';
import { extraVooraf, perceelRegels, type Uitkomst } from './tables.ts';
import { voorschotten } from './voorschotten.ts';

const CENT = 100n;

/** Cost types of a perceel, as the regeling names them (art. 23, fifth lid; art. 24–26). */
export const KOSTENSOORTEN = ['personeel', 'uitvoeringskosten', 'systeemkosten'] as const;
export type Kostensoort = (typeof KOSTENSOORTEN)[number];
export const KOSTENSOORT_LABEL: Record<Kostensoort, string> = {
  personeel: 'Salariskosten en werkgeverslasten',
  uitvoeringskosten: 'Uitvoeringskosten (overhead, incl. accountantscontrole)',
  systeemkosten: 'Registratiesysteem leerplicht/RMC',
};

export interface Realisatie {
  map: string;
  jaar: number;
  bron: string;
  /** Invented figures (an example): printed on every page. */
  fictief: boolean;
  /** perceel → kostensoort → cents, with the controller's explanation. */
  lasten: Map<Perceel, Map<Kostensoort, { bedrag: bigint; toelichting: string }>>;
  /** Spending outside the percelen, by `uitgaven` code. */
  uitgaven: Map<string, { bedrag: bigint; toelichting: string }>;
  /** Income by `inkomsten` code. */
  baten: Map<string, { bedrag: bigint; toelichting: string }>;
  /** Advances paid per gemeente (cents), per quarter. */
  betaald: Map<string, bigint[]>;
  /** Realised quantity per gemeente and product. */
  extra: Map<string, number>;
}

// ---------------------------------------------------------------------------------------------------
// Reading

interface Row { at: string; cells: Record<string, string> }

/** The realisation's tables: `<name>.csv` files, or the sheets of one `realisatie.xlsx`. */
interface Bron {
  /** How a table is named in a message: its CSV file, or the workbook's sheet. */
  where(name: string): string;
  has(name: string): boolean;
  rows(name: string, columns: string[], optional: string[], problems: string[]): Row[];
}

function checkHeader(where: string, header: string[], columns: string[], optional: string[], problems: string[]): boolean {
  const missing = columns.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => h !== '' && !columns.includes(h) && !optional.includes(h));
  if (!missing.length && !unknown.length) return true;
  problems.push(`${where}: ${[missing.length ? `missing column(s) ${missing.join(', ')}` : '', unknown.length ? `unknown column(s) ${unknown.join(', ')}` : ''].filter(Boolean).join('; ')}; the header must be ${[...columns, ...optional].join(',')} (see pipeline/kosten/README.md, "Jaarrekening")`);
  return false;
}

function csvBron(dir: string): Bron {
  const file = (name: string) => path.join(dir, `${name}.csv`);
  return {
    where: file,
    has: (name) => existsSync(file(name)),
    rows(name, columns, optional, problems) {
      let text: string;
      try {
        text = readFileSync(file(name), 'utf8').replace(/^\uFEFF/, '');
      } catch (e) {
        problems.push(`${file(name)}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
        return [];
      }
      const lines = text.split(/\r?\n/);
      const first = lines.findIndex((l) => l.trim() !== '');
      if (first < 0) {
        problems.push(`${file(name)}: the file is empty; it needs the header ${columns.join(',')}`);
        return [];
      }
      const sep = lines[first].includes(';') && !lines[first].includes(',') ? ';' : ',';
      const header = splitCsvLine(lines[first], sep).map((h) => h.toLowerCase());
      if (!checkHeader(file(name), header, columns, optional, problems)) return [];
      const rows: Row[] = [];
      lines.forEach((l, i) => {
        if (i <= first || l.trim() === '') return;
        const cells = splitCsvLine(l, sep);
        if (cells.length !== header.length) {
          problems.push(`${file(name)} line ${i + 1}: ${cells.length} fields, the header has ${header.length}`);
          return;
        }
        rows.push({ at: `${file(name)} line ${i + 1}`, cells: Object.fromEntries(header.map((h, k) => [h, cells[k]])) });
      });
      return rows;
    },
  };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v instanceof Date ? v.toISOString().slice(0, 10) : v).trim();
}

async function xlsxBron(file: string, problems: string[]): Promise<Bron> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    problems.push(`${file}: cannot be read as .xlsx (${(e as Error).message.split('\n')[0]})`);
  }
  const where = (name: string) => `${file}, sheet ${name}`;
  return {
    where,
    has: (name) => wb.getWorksheet(name) !== undefined,
    rows(name, columns, optional, problems) {
      const ws = wb.getWorksheet(name);
      if (!ws) {
        problems.push(`${file}: no sheet "${name}" (it has ${wb.worksheets.map((w) => w.name).join(', ') || 'none'})`);
        return [];
      }
      const width = ws.getRow(1).cellCount;
      const header = Array.from({ length: width }, (_, c) => cellText(ws.getRow(1).getCell(c + 1).value).toLowerCase());
      if (!checkHeader(where(name), header, columns, optional, problems)) return [];
      const rows: Row[] = [];
      for (let r = 2; r <= ws.rowCount; r++) {
        const cells = header.map((_, c) => cellText(ws.getRow(r).getCell(c + 1).value));
        if (cells.every((c) => c === '')) continue;
        rows.push({ at: `${where(name)} row ${r}`, cells: Object.fromEntries(header.map((h, k) => [h, cells[k]])) });
      }
      return rows;
    },
  };
}

/** Euro with at most 2 decimals (dot or, in a semicolon file, comma) → cents; a problem otherwise. */
function cents(v: string | undefined, where: string, problems: string[]): bigint | undefined {
  const s = (v ?? '').replace(',', '.');
  if (!/^-?[0-9]+(\.[0-9]{1,2})?$/.test(s)) {
    problems.push(`${where}: "${v ?? ''}" is not an amount in euro with at most 2 decimals (e.g. 1234.56); fix the cell`);
    return undefined;
  }
  return Exact.parse(s).roundUnits(CENT);
}

export async function readRealisatie(dir: string, b: Begroting): Promise<Realisatie> {
  if (!existsSync(dir)) throw new InputError(`--jaarrekening ${dir}: no such folder. It holds realisatie.yaml and lasten, baten and voorschotten as CSV files or as sheets of realisatie.xlsx (pipeline/kosten/README.md, "Jaarrekening").`);
  const problems: string[] = [];
  const f = (name: string) => path.join(dir, name);
  const bron = existsSync(f('realisatie.xlsx')) ? await xlsxBron(f('realisatie.xlsx'), problems) : csvBron(dir);

  let meta: { jaar?: unknown; bron?: unknown; fictief?: unknown } = {};
  try {
    meta = (YAML.parse(readFileSync(f('realisatie.yaml'), 'utf8')) ?? {}) as typeof meta;
  } catch (e) {
    problems.push(`${f('realisatie.yaml')}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]}); it needs jaar, bron and fictief`);
  }
  if (meta.jaar !== b.jaar) problems.push(`${f('realisatie.yaml')}: jaar is ${JSON.stringify(meta.jaar)}, but the begroting is for ${b.jaar}; give the realisation of ${b.jaar} or the configuration of its year`);
  if (typeof meta.bron !== 'string' || !meta.bron.trim()) problems.push(`${f('realisatie.yaml')}: bron (where the realised figures come from) is missing`);
  if (typeof meta.fictief !== 'boolean') problems.push(`${f('realisatie.yaml')}: fictief must be true (invented example figures) or false`);

  const percelen = new Set(b.rollen.map((r) => r.perceel));
  const lasten: Realisatie['lasten'] = new Map();
  const uitgaven: Realisatie['uitgaven'] = new Map();
  for (const row of bron.rows('lasten', ['perceel', 'kostensoort', 'bedrag'], ['toelichting'], problems)) {
    const at = row.at;
    const bedrag = cents(row.cells.bedrag, `${at}, column bedrag`, problems);
    const toelichting = row.cells.toelichting ?? '';
    const soort = row.cells.kostensoort;
    if (row.cells.perceel === '') {
      if (!b.uitgaven.some((u) => u.code === soort)) { problems.push(`${at}, column kostensoort: "${soort}" is not a spending code of the begroting (${b.uitgaven.map((u) => u.code).join(', ') || 'none'}); for a perceel fill in the column perceel`); continue; }
      if (uitgaven.has(soort)) { problems.push(`${at}: ${soort} appears twice`); continue; }
      if (bedrag !== undefined) uitgaven.set(soort, { bedrag, toelichting });
      continue;
    }
    const p = Number(row.cells.perceel) as Perceel;
    if (!percelen.has(p)) { problems.push(`${at}, column perceel: "${row.cells.perceel}" is not a perceel of the begroting (${[...percelen].join(', ')})`); continue; }
    if (!(KOSTENSOORTEN as readonly string[]).includes(soort) || (soort === 'systeemkosten' && p !== 1)) {
      problems.push(`${at}, column kostensoort: "${soort}" is not a cost type of perceel ${p}; use ${KOSTENSOORTEN.filter((k) => k !== 'systeemkosten' || p === 1).join(', ')}`);
      continue;
    }
    const per = lasten.get(p) ?? new Map();
    lasten.set(p, per);
    if (per.has(soort as Kostensoort)) { problems.push(`${at}: perceel ${p} ${soort} appears twice`); continue; }
    if (bedrag !== undefined) per.set(soort as Kostensoort, { bedrag, toelichting });
  }
  for (const p of percelen) {
    for (const k of KOSTENSOORTEN.filter((x) => x !== 'systeemkosten' || p === 1)) {
      if (!lasten.get(p)?.has(k)) problems.push(`${bron.where('lasten')}: no line for perceel ${p}, kostensoort ${k} (write 0 when nothing was spent)`);
    }
  }
  for (const u of b.uitgaven) if (!uitgaven.has(u.code)) problems.push(`${bron.where('lasten')}: no line for the spending ${u.code} (empty perceel, kostensoort ${u.code})`);

  const baten: Realisatie['baten'] = new Map();
  for (const row of bron.rows('baten', ['code', 'bedrag'], ['toelichting'], problems)) {
    const at = row.at;
    if (!b.inkomsten.some((r) => r.code === row.cells.code)) { problems.push(`${at}, column code: "${row.cells.code}" is not an income code of the begroting (${b.inkomsten.map((r) => r.code).join(', ')})`); continue; }
    if (baten.has(row.cells.code)) { problems.push(`${at}: ${row.cells.code} appears twice`); continue; }
    const bedrag = cents(row.cells.bedrag, `${at}, column bedrag`, problems);
    if (bedrag !== undefined) baten.set(row.cells.code, { bedrag, toelichting: row.cells.toelichting ?? '' });
  }
  for (const r of b.inkomsten) if (!baten.has(r.code)) problems.push(`${bron.where('baten')}: no line for the income ${r.code}`);

  const codes = new Set(b.gemeenten.map((g) => g.code));
  const betaald: Realisatie['betaald'] = new Map();
  for (const row of bron.rows('voorschotten', ['gemeentecode', 'kwartaal', 'bedrag'], [], problems)) {
    const at = row.at;
    const code = row.cells.gemeentecode;
    if (!codes.has(code)) { problems.push(`${at}, column gemeentecode: "${code}" is not one of the configuration's gemeenten${/^[0-9]{1,3}$/.test(code) ? ' (leading zeros lost? format the column as text)' : ''}`); continue; }
    const q = Number(row.cells.kwartaal);
    if (![1, 2, 3, 4].includes(q)) { problems.push(`${at}, column kwartaal: "${row.cells.kwartaal}" is not 1, 2, 3 or 4`); continue; }
    const bedrag = cents(row.cells.bedrag, `${at}, column bedrag`, problems);
    if (bedrag === undefined) continue;
    const qs = betaald.get(code) ?? [0n, 0n, 0n, 0n];
    qs[q - 1] += bedrag;
    betaald.set(code, qs);
  }

  const extra: Realisatie['extra'] = new Map();
  if (bron.has('extra_dienstverlening')) {
    for (const row of bron.rows('extra_dienstverlening', ['gemeentecode', 'product', 'aantal'], [], problems)) {
      const at = row.at;
      const { gemeentecode: code, product, aantal } = row.cells;
      if (!b.extraDienstverlening.some((e) => e.gemeente === code && e.product === product)) { problems.push(`${at}: ${code} "${product}" is not extra dienstverlening of the begroting (begroting.extra_dienstverlening)`); continue; }
      if (!/^[0-9]+$/.test(aantal)) { problems.push(`${at}, column aantal: "${aantal}" is not a whole number`); continue; }
      extra.set(`${code}|${product}`, Number(aantal));
    }
  }
  for (const e of b.extraDienstverlening) if (!extra.has(`${e.gemeente}|${e.product}`)) problems.push(`${bron.where('extra_dienstverlening')}: no realised quantity for ${e.gemeente} "${e.product}"`);

  if (problems.length) throw new InputError(`the realisation in ${dir} cannot be used:\n  ${problems.join('\n  ')}\nNothing was written.`);
  return { map: dir, jaar: b.jaar, bron: meta.bron as string, fictief: meta.fictief as boolean, lasten, uitgaven, baten, betaald, extra };
}

// ---------------------------------------------------------------------------------------------------
// Computing

export interface LastRegel {
  perceel?: Perceel;
  /** kostensoort, or a spending code. */
  soort: string;
  omschrijving: string;
  begroting: bigint;
  realisatie: bigint;
  toelichting: string;
}

export interface GemeenteAfrekening {
  code: string;
  naam: string;
  p1?: bigint;
  p2?: bigint;
  kwalificatieplicht?: bigint;
  extra?: bigint;
  /** p1 + p2 − kwalificatieplicht + extra. */
  definitief: bigint;
  /** The begroting's contribution (the advances due). */
  begroot: bigint;
  /** Advances paid, per quarter. */
  betaald: bigint[];
  /** definitief − sum(betaald): > 0 the gemeente pays, < 0 it receives. */
  saldo: bigint;
}

export interface ExtraAfrekening {
  code: string;
  naam: string;
  product: string;
  eenheidsprijs: bigint;
  aantalBegroot: number;
  aantalRealisatie: number;
  vooraf: bigint;
  realisatie: bigint;
}

export interface BatenRegel { code: string; omschrijving: string; begroting: bigint; realisatie: bigint; toelichting: string }

export interface Jaarrekening {
  realisatie: Realisatie;
  jaar: number;
  lasten: LastRegel[];
  /** Realised total per perceel and who pays it: perceel 1 RMC share, gemeenten. */
  perceelTotaal: Map<Perceel, { begroting: bigint; realisatie: bigint; rmc?: bigint; rmcBegroot?: bigint }>;
  baten: BatenRegel[];
  gemeenten: GemeenteAfrekening[];
  extra: ExtraAfrekening[];
  /** Income − RMC share of perceel 1 − perceel 3 − spending: added to the RMC reserve. */
  saldo: { begroting: bigint; realisatie: bigint };
}

/** A total divided by key shares, rounded so the parts add up to it (largest remainder). */
function verdeel(total: bigint, weights: Exact[]): bigint[] {
  const exact = weights.map((w) => Exact.frac(total, CENT).mul(w));
  return controlledRound({ cells: exact.map((x) => [x]), scale: CENT }).rows;
}

export function computeJaarrekening(u: Uitkomst, r: Realisatie): Jaarrekening {
  const b = u.kosten.begroting;
  if (u.jaren[0] !== b.jaar) throw new InputError(`the jaarrekening is of the configuration's budget year ${b.jaar}; leave out --jaar`);
  const kj = u.kosten.jaren[0];
  const lasten: LastRegel[] = [];
  const perceelTotaal: Jaarrekening['perceelTotaal'] = new Map();
  const shares = new Map<Perceel, Map<string, Exact>>();
  for (const rp of u.percelen[0]) {
    const p = rp.pj.perceel;
    const regels = perceelRegels(rp);
    const begroot: Record<Kostensoort, bigint | undefined> = {
      personeel: regels.find((x) => x.regel === 'personeel_totaal')!.bedrag,
      uitvoeringskosten: regels.find((x) => x.regel === 'overhead')!.bedrag,
      systeemkosten: regels.find((x) => x.regel === 'systeemkosten')?.bedrag,
    };
    let tot = 0n;
    for (const k of KOSTENSOORTEN) {
      if (k === 'systeemkosten' && p !== 1) continue;
      const real = r.lasten.get(p)!.get(k)!;
      tot += real.bedrag;
      lasten.push({ perceel: p, soort: k, omschrijving: KOSTENSOORT_LABEL[k], begroting: begroot[k] ?? 0n, realisatie: real.bedrag, toelichting: real.toelichting });
    }
    const entry: { begroting: bigint; realisatie: bigint; rmc?: bigint; rmcBegroot?: bigint } = { begroting: rp.r.total, realisatie: tot };
    if (rp.rmc !== undefined) {
      entry.rmcBegroot = rp.r.rows[rp.rmc];
      entry.rmc = Exact.frac(tot, CENT).mul(b.rmcAandeelPerceel1).roundUnits(CENT);
    }
    perceelTotaal.set(p, entry);
    const gemeenten = rp.pj.betalers.filter((x) => x.code !== null);
    shares.set(p, new Map(gemeenten.map((g) => [g.code!, Exact.frac(BigInt(g.sleutel ?? 0), BigInt(rp.pj.sleutelTotaal))])));
  }
  b.uitgaven.forEach((reg, k) => {
    const real = r.uitgaven.get(reg.code)!;
    lasten.push({ soort: reg.code, omschrijving: reg.naam, begroting: kj.uitgaven[k].bedrag.roundUnits(CENT), realisatie: real.bedrag, toelichting: real.toelichting });
  });

  // Definitive contributions: the realised cost divided with the begroting's keys.
  const deel = new Map<Perceel, Map<string, bigint>>();
  for (const [p, t] of perceelTotaal) {
    if (p === 3) continue; // paid from RMC money, not by the gemeenten
    const gemeentenTotaal = t.realisatie - (t.rmc ?? 0n);
    const codes = [...shares.get(p)!.keys()];
    const parts = verdeel(gemeentenTotaal, codes.map((c) => shares.get(p)!.get(c)!));
    deel.set(p, new Map(codes.map((c, i) => [c, parts[i]])));
  }
  const begrootPer = new Map(voorschotten(u).map((v) => [v.code, v.jaarbedrag]));
  const extra: ExtraAfrekening[] = b.extraDienstverlening.map((e) => {
    const n = r.extra.get(`${e.gemeente}|${e.product}`) ?? 0;
    const prijs = e.eenheidsprijs.roundUnits(CENT);
    return { code: e.gemeente, naam: b.gemeenten.find((g) => g.code === e.gemeente)!.naam, product: e.product, eenheidsprijs: prijs, aantalBegroot: e.aantal, aantalRealisatie: n, vooraf: prijs * BigInt(e.aantal), realisatie: prijs * BigInt(n) };
  });
  const gemeenten: GemeenteAfrekening[] = b.gemeenten.filter((g) => g.percelen.includes(1) || g.percelen.includes(2) || extraVooraf(b, g.code) !== undefined).map((g) => {
    const p1 = deel.get(1)?.get(g.code);
    const p2 = deel.get(2)?.get(g.code);
    const kwp = p2 === undefined ? undefined : (kj.kwalificatieplicht.get(g.code) ?? Exact.ZERO).roundUnits(CENT);
    const own = extra.filter((e) => e.code === g.code);
    const ex = own.length ? own.reduce((a, e) => a + e.realisatie, 0n) : undefined;
    const definitief = (p1 ?? 0n) + (p2 ?? 0n) - (kwp ?? 0n) + (ex ?? 0n);
    const betaald = r.betaald.get(g.code) ?? [0n, 0n, 0n, 0n];
    return { code: g.code, naam: g.naam, p1, p2, kwalificatieplicht: kwp, extra: ex, definitief, begroot: begrootPer.get(g.code) ?? 0n, betaald, saldo: definitief - betaald.reduce((a, x) => a + x, 0n) };
  });
  for (const code of r.betaald.keys()) {
    if (!gemeenten.some((g) => g.code === code)) throw new InputError(`${r.map}, voorschotten: advances of ${code}, which pays no contribution in the begroting`);
  }

  const sumOf = (xs: bigint[]) => xs.reduce((a, x) => a + x, 0n);
  const baten: BatenRegel[] = [];
  const gb = u.gemeenten[0];
  if (deel.has(1)) baten.push({ code: 'bijdragen_perceel_1', omschrijving: 'Bijdragen gemeenten perceel 1', begroting: sumOf(gb.map((g) => g.p1 ?? 0n)), realisatie: sumOf(gemeenten.map((g) => g.p1 ?? 0n)), toelichting: 'Volgt uit de lasten van perceel 1.' });
  if (deel.has(2)) {
    baten.push({ code: 'bijdragen_perceel_2', omschrijving: 'Bijdragen gemeenten perceel 2 (na aftrek kwalificatieplichtmiddelen)', begroting: sumOf(gb.map((g) => g.p2netto ?? 0n)), realisatie: sumOf(gemeenten.map((g) => (g.p2 ?? 0n) - (g.kwalificatieplicht ?? 0n))), toelichting: 'Volgt uit de lasten van perceel 2.' });
    baten.push({ code: 'kwalificatieplicht_perceel_2', omschrijving: 'Kwalificatieplichtmiddelen gemeenten perceel 2', begroting: sumOf(gb.map((g) => g.kwalificatieplicht ?? 0n)), realisatie: sumOf(gemeenten.map((g) => g.kwalificatieplicht ?? 0n)), toelichting: '' });
  }
  if (extra.length) baten.push({ code: 'bijdragen_extra_dienstverlening', omschrijving: 'Bijdragen gemeenten extra dienstverlening', begroting: sumOf(extra.map((e) => e.vooraf)), realisatie: sumOf(extra.map((e) => e.realisatie)), toelichting: 'Gerealiseerde aantallen × eenheidsprijs.' });
  b.inkomsten.forEach((reg, k) => {
    const real = r.baten.get(reg.code)!;
    baten.push({ code: reg.code, omschrijving: reg.naam, begroting: kj.inkomsten[k].bedrag.roundUnits(CENT), realisatie: real.bedrag, toelichting: real.toelichting });
  });
  if (extra.length) lasten.push({ soort: 'extra_dienstverlening', omschrijving: 'Extra dienstverlening', begroting: sumOf(extra.map((e) => e.vooraf)), realisatie: sumOf(extra.map((e) => e.realisatie)), toelichting: 'Gerealiseerde aantallen × eenheidsprijs.' });

  const saldo = {
    begroting: sumOf(baten.map((x) => x.begroting)) - sumOf(lasten.map((x) => x.begroting)),
    realisatie: sumOf(baten.map((x) => x.realisatie)) - sumOf(lasten.map((x) => x.realisatie)),
  };
  return { realisatie: r, jaar: b.jaar, lasten, perceelTotaal, baten, gemeenten, extra, saldo };
}

