/**
 * The output tables of `leerplicht kosten`, rounded for display (see rounding.ts for the rule): every
 * table is rounded as one whole, so its cells, row totals, column totals and subtotals add up exactly,
 * and tables that show the same figure show the same printed figure (the perceel tables, the
 * contributions per gemeente, the gemeente summary and the multi-year budget are all read from one
 * rounding per perceel and year). Amounts are integers in cents here; fte in hundredths.
 *
 * `csvTables` gives the CSV files (documented columns, dot decimal), `textTables` the tables printed to
 * stdout and into the PDF (Dutch number format).
 */
import type { Begroting, Perceel } from './begroting.ts';
import {
  FUNCTIE_LABEL, INGRADO_FUNCTIES, type Kosten, PERCEEL_NAAM, type PerceelJaar, RMC_FUNCTIES, SLEUTEL_LABEL, SLEUTEL_PER_PERCEEL,
} from './compute.ts';
import { datum, formatUnits, formatNl } from '../format/index.ts';
import { Exact, sum } from './money.ts';
import { controlledRound, roundColumn, type Rounded } from './rounding.ts';
import type { NormFunctie } from './schema.ts';

const CENT = 100n;
const HUNDREDTH = 100n;
/** Key shares are shown as percentages with 4 decimals: units of 10^-6. */
const SHARE = 1_000_000n;

// ---------------------------------------------------------------------------------------------------
// Rounded model

export interface RondPerceel {
  pj: PerceelJaar;
  r: Rounded;
  /** Indices of the personnel columns and of the overhead / system column. */
  personeel: number[];
  overhead: number;
  systeem: number | undefined;
  /** Row index of the RMC budget (perceel 1), if any. */
  rmc: number | undefined;
  /** Printed key shares of the gemeente rows (units of 10^-6), in betaler order. */
  aandeel: bigint[];
}

export interface GemeenteJaar {
  jaar: number;
  code: string;
  naam: string;
  /** cents; undefined when the gemeente does not take part. */
  p1?: bigint;
  p2?: bigint;
  kwalificatieplicht?: bigint;
  p2netto?: bigint;
  p3?: bigint;
  /** Extra dienstverlening charged in advance (expected quantity × unit price), when the gemeente buys any. */
  extra?: bigint;
  teBetalen: bigint;
}

export interface MeerjarenRegel {
  groep: 'lasten' | 'baten' | 'saldo' | 'reserve';
  regel: string;
  omschrijving: string;
  /** Per year, cents. */
  bedragen: bigint[];
  soort?: 'totaal';
  /** Income whose continuation is uncertain from this year on (kept in the budget, with a note). */
  onzekerVanaf?: number;
}

export interface RondFormatie {
  perceel: Perceel;
  fp: Kosten['formatie'][number];
  r: Rounded;
}

export interface NormCel {
  formatie?: bigint;
  ingrado?: bigint;
  caseload?: bigint;
  rmc?: bigint;
  /** caseload suppressed by disclosure control (few meldingen). */
  onderdrukt: boolean;
}

export interface RondNorm {
  functies: NormFunctie[];
  /** gemeentecode → functie → cell (hundredths of an fte). */
  cellen: Map<string, Map<NormFunctie, NormCel>>;
  /** Regional totals per functie over the gemeenten with a known value. */
  totaal: Map<NormFunctie, NormCel>;
  /** Curatieve meldingen per gemeente as published (undefined = not known, null = suppressed). */
  meldingen: Map<string, number | null | undefined>;
}

export interface Uitkomst {
  kosten: Kosten;
  jaren: number[];
  /** Per year (index as `jaren`): the rounded percelen. */
  percelen: RondPerceel[][];
  gemeenten: GemeenteJaar[][];
  meerjaren: MeerjarenRegel[];
  formatie: RondFormatie[];
  norm: RondNorm;
}

export function roundPerceel(pj: PerceelJaar): RondPerceel {
  const personeel = pj.kolommen.flatMap((k, j) => (k.soort === 'personeel' ? [j] : []));
  const overhead = pj.kolommen.findIndex((k) => k.soort === 'overhead');
  const s = pj.kolommen.findIndex((k) => k.soort === 'systeem');
  const rmcIdx = pj.betalers.findIndex((b) => b.code === null);
  const gemeenteRows = pj.betalers.flatMap((b, i) => (b.code !== null ? [i] : []));
  // Each cost line (a role's personnel cost, the overhead, the system cost) is its exact amount rounded
  // half away from zero, on its own, so the same role at the same cost prints the same in every perceel;
  // the perceel's totals are sums of those lines. Scaling each column to its rounded total fixes it in the
  // controlled rounding, which then only divides the lines over the payers.
  const exactCols = pj.kolommen.map((_, j) => sum(pj.matrix.map((row) => row[j])));
  const cells = pj.matrix.map((row) => row.map((x, j) => (exactCols[j].isZero() ? x : x.mul(Exact.frac(exactCols[j].roundUnits(CENT), CENT)).div(exactCols[j]))));
  const r = controlledRound({
    cells,
    scale: CENT,
    rowGroups: rmcIdx >= 0 ? [gemeenteRows] : [],
    colGroups: personeel.length ? [personeel] : [],
  });
  const aandeel = roundColumn(gemeenteRows.map((i) => Exact.frac(BigInt(pj.betalers[i].sleutel ?? 0), BigInt(pj.sleutelTotaal))), SHARE).values;
  return { pj, r, personeel, overhead, systeem: s >= 0 ? s : undefined, rmc: rmcIdx >= 0 ? rmcIdx : undefined, aandeel };
}

/** What the gemeenten of a perceel pay together (P1: without the RMC share). */
export function gemeentenDeel(rp: RondPerceel): bigint {
  return rp.rmc === undefined ? rp.r.total : rp.r.rowGroups[0];
}

export function personeelVan(rp: RondPerceel, row: number): bigint {
  return rp.personeel.reduce((a, j) => a + rp.r.cells[row][j], 0n);
}

function rowOf(rp: RondPerceel | undefined, code: string): bigint | undefined {
  if (!rp) return undefined;
  const i = rp.pj.betalers.findIndex((b) => b.code === code);
  return i < 0 ? undefined : rp.r.rows[i];
}

export function buildUitkomst(kosten: Kosten): Uitkomst {
  const b = kosten.begroting;
  const jaren = kosten.jaren.map((j) => j.jaar);
  const percelen = kosten.jaren.map((j) => j.percelen.map(roundPerceel));

  const gemeenten = kosten.jaren.map((j, y) => b.gemeenten.map((g): GemeenteJaar => {
    const per = (p: Perceel) => percelen[y].find((rp) => rp.pj.perceel === p);
    const p1 = rowOf(per(1), g.code);
    const p2 = rowOf(per(2), g.code);
    const kwp = p2 === undefined ? undefined : (j.kwalificatieplicht.get(g.code) ?? Exact.ZERO).roundUnits(CENT);
    const p2netto = p2 === undefined ? undefined : p2 - kwp!;
    const extra = extraVooraf(b, g.code);
    return { jaar: j.jaar, code: g.code, naam: g.naam, p1, p2, kwalificatieplicht: kwp, p2netto, p3: rowOf(per(3), g.code), extra, teBetalen: (p1 ?? 0n) + (p2netto ?? 0n) + (extra ?? 0n) };
  }));

  // Multi-year budget, from the printed figures of each year.
  const regels: MeerjarenRegel[] = [];
  const line = (groep: MeerjarenRegel['groep'], regel: string, omschrijving: string, f: (y: number) => bigint, soort?: 'totaal') =>
    regels.push({ groep, regel, omschrijving, bedragen: jaren.map((_, y) => f(y)), soort });
  const perceelNrs = kosten.jaren[0]?.percelen.map((pj) => pj.perceel) ?? [];
  for (const p of perceelNrs) line('lasten', `perceel_${p}`, PERCEEL_NAAM[p], (y) => percelen[y].find((rp) => rp.pj.perceel === p)!.r.total);
  b.uitgaven.forEach((u, k) => line('lasten', u.code, u.naam, (y) => kosten.jaren[y].uitgaven[k].bedrag.roundUnits(CENT)));
  const extraSom = (y: number) => gemeenten[y].reduce((a, g) => a + (g.extra ?? 0n), 0n);
  if (b.extraDienstverlening.length) line('lasten', 'extra_dienstverlening', 'Extra dienstverlening', extraSom);
  const lasten = (y: number) => regels.filter((r) => r.groep === 'lasten' && !r.soort).reduce((a, r) => a + r.bedragen[y], 0n);
  line('lasten', 'totaal_lasten', 'Totaal lasten', lasten, 'totaal');
  const kwpSom = (y: number) => gemeenten[y].reduce((a, g) => a + (g.kwalificatieplicht ?? 0n), 0n);
  if (perceelNrs.includes(1)) line('baten', 'bijdragen_perceel_1', 'Bijdragen gemeenten perceel 1', (y) => gemeentenDeel(percelen[y].find((rp) => rp.pj.perceel === 1)!));
  if (perceelNrs.includes(2)) {
    line('baten', 'bijdragen_perceel_2', 'Bijdragen gemeenten perceel 2 (na aftrek kwalificatieplichtmiddelen)', (y) => gemeentenDeel(percelen[y].find((rp) => rp.pj.perceel === 2)!) - kwpSom(y));
    line('baten', 'kwalificatieplicht_perceel_2', 'Kwalificatieplichtmiddelen gemeenten perceel 2', kwpSom);
  }
  if (b.extraDienstverlening.length) line('baten', 'bijdragen_extra_dienstverlening', 'Bijdragen gemeenten extra dienstverlening', extraSom);
  b.inkomsten.forEach((r, k) => {
    line('baten', r.code, r.onzeker && r.onzeker.vanaf <= jaren.at(-1)! ? `${r.naam} (onzeker vanaf ${Math.max(r.onzeker.vanaf, jaren[0])})` : r.naam, (y) => kosten.jaren[y].inkomsten[k].bedrag.roundUnits(CENT));
    if (r.onzeker) regels.at(-1)!.onzekerVanaf = r.onzeker.vanaf;
  });
  const baten = (y: number) => regels.filter((r) => r.groep === 'baten' && !r.soort).reduce((a, r) => a + r.bedragen[y], 0n);
  line('baten', 'totaal_baten', 'Totaal baten', baten, 'totaal');
  line('saldo', 'saldo', 'Saldo: toevoeging (+) / onttrekking (−) reserve RMC', (y) => baten(y) - lasten(y), 'totaal');
  const cumul = (y: number) => jaren.slice(0, y + 1).reduce((a, _, k) => a + baten(k) - lasten(k), 0n);
  if (b.reserveBegin && jaren[0] === b.jaar) { // the balance is that of the configuration's budget year
    const begin = b.reserveBegin.roundUnits(CENT);
    line('reserve', 'reserve_rmc_begin', 'Reserve RMC begin jaar', (y) => begin + cumul(y) - (baten(y) - lasten(y)));
    line('reserve', 'reserve_rmc_einde', 'Reserve RMC einde jaar', (y) => begin + cumul(y), 'totaal');
  } else {
    line('reserve', 'reserve_rmc_mutatie_cumulatief', `Reserve RMC: cumulatieve mutatie sinds begin ${jaren[0]} (beginstand niet opgegeven)`, cumul, 'totaal');
  }

  const formatie = kosten.formatie.map((fp) => ({ perceel: fp.perceel, fp, r: controlledRound({ cells: fp.matrix, scale: HUNDREDTH }) }));
  return { kosten, jaren, percelen, gemeenten, meerjaren: regels, formatie, norm: roundNorm(kosten, formatie) };
}

/** Extra dienstverlening a gemeente is charged in advance: expected quantity × unit price (cents, exact). */
export function extraVooraf(b: Begroting, code: string): bigint | undefined {
  const own = b.extraDienstverlening.filter((e) => e.gemeente === code);
  return own.length ? own.reduce((a, e) => a + e.eenheidsprijs.mul(Exact.int(e.aantal)).roundUnits(CENT), 0n) : undefined;
}

function roundNorm(kosten: Kosten, formatie: RondFormatie[]): RondNorm {
  const b = kosten.begroting;
  const functies = [...new Set<NormFunctie>([...INGRADO_FUNCTIES, ...RMC_FUNCTIES])];
  const cellen = new Map(b.gemeenten.map((g) => [g.code, new Map(functies.map((f) => [f, { onderdrukt: false } as NormCel]))]));
  const totaal = new Map(functies.map((f) => [f, { onderdrukt: false } as NormCel]));
  const rowsOf = (code: string) => kosten.norm.filter((n) => n.gemeente.code === code);

  // Configured fte per function: sums of the printed formatie herverdeeld.
  for (const g of b.gemeenten) {
    for (const n of rowsOf(g.code)) {
      if (n.formatie === undefined) continue;
      let fte = 0n;
      for (const rf of formatie) {
        const gi = rf.fp.gemeenten.findIndex((x) => x.code === g.code);
        if (gi >= 0) rf.fp.rollen.forEach((r, ri) => { if (r.functie === n.functie) fte += rf.r.cells[gi][ri]; });
      }
      cellen.get(g.code)!.get(n.functie)!.formatie = fte;
      const t = totaal.get(n.functie)!;
      t.formatie = (t.formatie ?? 0n) + fte;
    }
  }
  // Each guideline rounded as one table over the gemeenten where it is known.
  for (const measure of ['ingrado', 'caseload', 'rmc'] as const) {
    const fs = functies.filter((f) => kosten.norm.some((n) => n.functie === f && n[measure] !== undefined));
    const known = b.gemeenten.filter((g) => fs.length && fs.every((f) => rowsOf(g.code).find((n) => n.functie === f)?.[measure] !== undefined));
    if (!known.length) continue;
    const r = controlledRound({ cells: known.map((g) => fs.map((f) => rowsOf(g.code).find((n) => n.functie === f)![measure]!)), scale: HUNDREDTH });
    known.forEach((g, i) => fs.forEach((f, j) => { cellen.get(g.code)!.get(f)![measure] = r.cells[i][j]; }));
    fs.forEach((f, j) => { totaal.get(f)![measure] = r.cols[j]; });
  }
  // Disclosure control on the caseload: few meldingen are not published, nor the fte derived from them.
  const meldingen = new Map<string, number | null | undefined>();
  const m = kosten.sleutels.meldingen;
  const small = (n: number) => n > 0 && n < b.minCel;
  if (m) {
    const suppressed = new Set(b.gemeenten.filter((g) => small(m.perGemeente.get(g.code) ?? 0)).map((g) => g.code));
    if (suppressed.size === 1) {
      // Secondary: the regional total would give the one suppressed figure away.
      const other = b.gemeenten
        .filter((g) => !suppressed.has(g.code) && (m.perGemeente.get(g.code) ?? 0) > 0)
        .sort((x, y) => (m.perGemeente.get(x.code)! - m.perGemeente.get(y.code)!) || x.code.localeCompare(y.code))[0];
      if (other) suppressed.add(other.code);
    }
    for (const g of b.gemeenten) {
      meldingen.set(g.code, suppressed.has(g.code) ? null : m.perGemeente.get(g.code) ?? 0);
      if (suppressed.has(g.code)) for (const c of cellen.get(g.code)!.values()) { c.caseload = undefined; c.onderdrukt = true; }
    }
  }
  return { functies, cellen, totaal, meldingen };
}

/** The norm that applies to a function: the Ingrado part where the function is in the Ingrado split, plus the RMC part where it is in the old RMC guideline. */
export function normVan(b: Begroting, f: NormFunctie, c: NormCel, variant: 'ingrado' | 'caseload'): bigint | undefined {
  let total = 0n;
  if (b.norm.verdeling.has(f)) {
    const v = c[variant];
    if (v === undefined) return undefined;
    total += v;
  }
  if (b.norm.rmc2006.has(f)) {
    if (c.rmc === undefined) return undefined;
    total += c.rmc;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// CSV tables

export interface CsvColumn {
  name: string;
  type: 'text' | 'integer' | 'decimal' | 'boolean';
  description: string;
}

export interface CsvTable {
  /** File name without extension. */
  name: string;
  description: string;
  columns: CsvColumn[];
  rows: Record<string, string | null>[];
}

const eur = (c: bigint | undefined) => (c === undefined ? null : formatUnits(c, 2));
const fte = (c: bigint | undefined) => (c === undefined ? null : formatUnits(c, 2));
const pct = (u: bigint) => formatUnits(u, 4); // a fraction in units of 10^-6 is a percentage in units of 10^-4
const txt = (s: string | number | undefined | null) => (s === undefined || s === null ? null : String(s));

export const CSV_COLUMNS: Record<string, CsvColumn[]> = {
  percelen: [
    { name: 'jaar', type: 'integer', description: 'Budget year.' },
    { name: 'perceel', type: 'integer', description: '1 administration, 2 leerplicht execution, 3 RMC execution.' },
    { name: 'regel', type: 'text', description: '`personeel` (one line per role), `personeel_totaal`, `overhead`, `systeemkosten`, `totaal`, then who pays: `rmc_rijksbijdrage`, `gemeenten` (perceel 1 and 2) or `rmc_middelen` (perceel 3).' },
    { name: 'omschrijving', type: 'text', description: 'Line as printed.' },
    { name: 'rol', type: 'text', description: 'Role, on `personeel` lines.' },
    { name: 'fte', type: 'decimal', description: 'Configured fte of the role.' },
    { name: 'schaal', type: 'integer', description: 'Salary scale of the role.' },
    { name: 'normbedrag', type: 'decimal', description: 'Normbedrag of the scale in this year (budget year normbedrag × personnel index), rounded to cents for display.' },
    { name: 'bedrag', type: 'decimal', description: 'Euro. Lines above `totaal` add up to it; so do the lines below it.' },
  ],
  bijdragen: [
    { name: 'jaar', type: 'integer', description: 'Budget year.' },
    { name: 'perceel', type: 'integer', description: 'Perceel.' },
    { name: 'regel', type: 'text', description: '`gemeente`, `rmc_rijksbijdrage` (perceel 1: the RMC share) or `totaal`.' },
    { name: 'gemeentecode', type: 'text', description: 'CBS gemeentecode; empty on other lines.' },
    { name: 'gemeente', type: 'text', description: 'Gemeente name, or what the line is.' },
    { name: 'sleutel', type: 'text', description: 'Allocation key of the perceel: `5-22`, `5-17` or `18-22` (inhabitants of that age on the peildatum).' },
    { name: 'sleutel_aantal', type: 'integer', description: 'Inhabitants in the key.' },
    { name: 'aandeel_pct', type: 'decimal', description: 'Share of the key, percent with 4 decimals (rows add up to 100).' },
    { name: 'personeel', type: 'decimal', description: 'Share of the personnel cost (euro).' },
    { name: 'overhead', type: 'decimal', description: 'Share of the overhead (euro).' },
    { name: 'systeemkosten', type: 'decimal', description: 'Share of the system cost (euro; perceel 1).' },
    { name: 'bijdrage', type: 'decimal', description: 'personeel + overhead + systeemkosten: the contribution (perceel 3: fictief, paid from RMC money).' },
    { name: 'kwalificatieplicht', type: 'decimal', description: 'Perceel 2: the gemeente\'s kwalificatieplicht money, subtracted.' },
    { name: 'netto', type: 'decimal', description: 'Perceel 2: bijdrage − kwalificatieplicht.' },
    { name: 'fictief', type: 'boolean', description: 'true for perceel 3 (shown per gemeente, not paid by it).' },
  ],
  gemeenten: [
    { name: 'jaar', type: 'integer', description: 'Budget year.' },
    { name: 'regel', type: 'text', description: '`gemeente` or `totaal`.' },
    { name: 'gemeentecode', type: 'text', description: 'CBS gemeentecode.' },
    { name: 'gemeente', type: 'text', description: 'Gemeente name.' },
    { name: 'perceel_1', type: 'decimal', description: 'Contribution to perceel 1; empty when not taking part.' },
    { name: 'perceel_2', type: 'decimal', description: 'Contribution to perceel 2 before the kwalificatieplicht money.' },
    { name: 'kwalificatieplicht', type: 'decimal', description: 'Kwalificatieplicht money subtracted (perceel 2 gemeenten).' },
    { name: 'perceel_2_netto', type: 'decimal', description: 'perceel_2 − kwalificatieplicht.' },
    { name: 'extra_dienstverlening', type: 'decimal', description: 'Extra dienstverlening charged in advance (expected quantity × unit price); empty when none.' },
    { name: 'te_betalen', type: 'decimal', description: 'perceel_1 + perceel_2_netto + extra_dienstverlening: what the gemeente pays.' },
    { name: 'perceel_3_fictief', type: 'decimal', description: 'Perceel 3 per gemeente (fictief: paid from RMC money).' },
  ],
  meerjarenbegroting: [
    { name: 'jaar', type: 'integer', description: 'Year.' },
    { name: 'groep', type: 'text', description: '`lasten`, `baten`, `saldo`, `reserve`.' },
    { name: 'regel', type: 'text', description: '`perceel_1..3`, spending codes, `totaal_lasten`, `bijdragen_perceel_1`, `bijdragen_perceel_2`, `kwalificatieplicht_perceel_2`, income codes, `totaal_baten`, `saldo`, reserve lines.' },
    { name: 'omschrijving', type: 'text', description: 'Line as printed.' },
    { name: 'bedrag', type: 'decimal', description: 'Euro.' },
    { name: 'onzeker', type: 'boolean', description: 'true for income that is budgeted although its continuation in that year is uncertain (`onzeker` in the configuration).' },
  ],
  formatie: [
    { name: 'perceel', type: 'integer', description: 'Perceel of the role.' },
    { name: 'rol', type: 'text', description: 'Role; `totaal` on the gemeente total lines.' },
    { name: 'schaal', type: 'integer', description: 'Salary scale.' },
    { name: 'regel', type: 'text', description: '`gemeente` or `totaal`.' },
    { name: 'gemeentecode', type: 'text', description: 'CBS gemeentecode; empty on `totaal`.' },
    { name: 'gemeente', type: 'text', description: 'Gemeente name.' },
    { name: 'fte', type: 'decimal', description: 'fte of the role attributed to the gemeente by its key share (the contactgemeente role wholly to the contactgemeente); 2 decimals.' },
  ],
  formatie_norm: [
    { name: 'regel', type: 'text', description: '`gemeente` or `totaal` (over the gemeenten where the figure is known).' },
    { name: 'gemeentecode', type: 'text', description: 'CBS gemeentecode.' },
    { name: 'gemeente', type: 'text', description: 'Gemeente name.' },
    { name: 'functie', type: 'text', description: 'leerplichtambtenaar, administratie, beleid, coordinatie, applicatiebeheer, trajectbegeleiding, rmc_coordinatie.' },
    { name: 'formatie_fte', type: 'decimal', description: 'Configured fte of the roles mapped to the function (formatie herverdeeld); empty when none is at the office for this gemeente.' },
    { name: 'norm_ingrado_fte', type: 'decimal', description: 'Ingrado: inhabitants 5–17 / leerlingen_per_fte × share of the function.' },
    { name: 'norm_caseload_fte', type: 'decimal', description: 'Ingrado workload variant: curatieve meldingen / caseload_per_fte = fte leerplichtambtenaar, the function composed by the same shares. Empty when suppressed or no extract.' },
    { name: 'norm_rmc2006_fte', type: 'decimal', description: 'Old RMC guideline: inhabitants 16–22 / norm of the function.' },
    { name: 'norm_fte', type: 'decimal', description: 'norm_ingrado_fte (if the function is in the Ingrado split) + norm_rmc2006_fte (if in the RMC guideline).' },
    { name: 'verschil_fte', type: 'decimal', description: 'formatie_fte − norm_fte (negative: fewer fte than the norm).' },
    { name: 'norm_caseload_totaal_fte', type: 'decimal', description: 'As norm_fte with the caseload variant.' },
    { name: 'verschil_caseload_fte', type: 'decimal', description: 'formatie_fte − norm_caseload_totaal_fte.' },
    { name: 'caseload_onderdrukt', type: 'boolean', description: 'true when the caseload figures are suppressed (fewer than min_cel meldingen, or secondary).' },
  ],
  sleutels: [
    { name: 'regel', type: 'text', description: '`gemeente` or `totaal`.' },
    { name: 'gemeentecode', type: 'text', description: 'CBS gemeentecode.' },
    { name: 'gemeente', type: 'text', description: 'Gemeente name.' },
    { name: 'percelen', type: 'text', description: 'Percelen the gemeente takes part in, e.g. `1 2 3`.' },
    { name: 'peildatum', type: 'text', description: 'Date the population is counted on (1 January of the year before the budget year).' },
    { name: 'leeftijd_5_22', type: 'integer', description: 'Inhabitants aged 5–22 (key of perceel 1).' },
    { name: 'leeftijd_5_17', type: 'integer', description: 'Inhabitants aged 5–17 (key of perceel 2; empty when not given).' },
    { name: 'leeftijd_18_22', type: 'integer', description: 'Inhabitants aged 18–22 (key of perceel 3).' },
    { name: 'leeftijd_16_22', type: 'integer', description: 'Inhabitants aged 16–22 (old RMC guideline; empty when not given).' },
    { name: 'curatieve_meldingen', type: 'integer', description: 'Curatieve meldingen in the 12 months before the peildatum (from the extract; empty when not known or suppressed).' },
    { name: 'meldingen_onderdrukt', type: 'boolean', description: 'true when curatieve_meldingen is suppressed by disclosure control.' },
  ],
};

export function csvTables(u: Uitkomst): CsvTable[] {
  const b = u.kosten.begroting;
  const k = u.kosten;
  const table = (name: string, description: string, rows: Record<string, string | null>[]): CsvTable => ({ name, description, columns: CSV_COLUMNS[name], rows });

  const percelen: Record<string, string | null>[] = [];
  const bijdragen: Record<string, string | null>[] = [];
  u.percelen.forEach((year, y) => {
    for (const rp of year) {
      const { pj, r } = rp;
      const base = { jaar: String(pj.jaar), perceel: String(pj.perceel) };
      pj.kolommen.forEach((kol, j) => {
        if (kol.soort !== 'personeel') return;
        const rol = kol.rol!;
        const normbedrag = rol.normbedrag.mul(Exact.ONE.add(b.indexPersoneel).pow(pj.jaar - b.jaar));
        percelen.push({ ...base, regel: 'personeel', omschrijving: `personeel ${rol.rol}`, rol: rol.rol, fte: rol.fte.toString(), schaal: String(rol.schaal), normbedrag: normbedrag.toFixed(2), bedrag: eur(r.cols[j]) });
      });
      const line = (regel: string, omschrijving: string, bedrag: bigint) => percelen.push({ ...base, regel, omschrijving, rol: null, fte: null, schaal: null, normbedrag: null, bedrag: eur(bedrag) });
      for (const l of perceelRegels(rp)) line(l.regel, l.omschrijving, l.bedrag);

      pj.betalers.forEach((bet, i) => {
        const gi = pj.betalers.slice(0, i).filter((x) => x.code !== null).length;
        const kwp = bet.code && pj.perceel === 2 ? u.gemeenten[y].find((g) => g.code === bet.code)?.kwalificatieplicht : undefined;
        bijdragen.push({
          ...base,
          regel: bet.code ? 'gemeente' : 'rmc_rijksbijdrage',
          gemeentecode: bet.code,
          gemeente: bet.code ? bet.naam : `RMC-rijksbijdrage (${pctLabel(b.rmcAandeelPerceel1)})`,
          sleutel: bet.code ? SLEUTEL_LABEL[pj.sleutel].replace(' jaar', '').replace('–', '-') : null,
          sleutel_aantal: txt(bet.sleutel),
          aandeel_pct: bet.code ? pct(rp.aandeel[gi]) : null,
          personeel: eur(personeelVan(rp, i)),
          overhead: eur(r.cells[i][rp.overhead]),
          systeemkosten: rp.systeem === undefined ? null : eur(r.cells[i][rp.systeem]),
          bijdrage: eur(r.rows[i]),
          kwalificatieplicht: eur(kwp),
          netto: kwp === undefined ? null : eur(r.rows[i] - kwp),
          fictief: String(pj.fictief),
        });
      });
      const kwpTot = pj.perceel === 2 ? u.gemeenten[y].reduce((a, g) => a + (g.kwalificatieplicht ?? 0n), 0n) : undefined;
      bijdragen.push({
        ...base, regel: 'totaal', gemeentecode: null, gemeente: 'Totaal', sleutel: null,
        sleutel_aantal: String(pj.sleutelTotaal), aandeel_pct: '100.0000',
        personeel: eur(rp.personeel.reduce((a, j) => a + r.cols[j], 0n)), overhead: eur(r.cols[rp.overhead]),
        systeemkosten: rp.systeem === undefined ? null : eur(r.cols[rp.systeem]), bijdrage: eur(r.total),
        kwalificatieplicht: eur(kwpTot), netto: kwpTot === undefined ? null : eur(r.total - kwpTot), fictief: String(pj.fictief),
      });
    }
  });

  const gemeenten: Record<string, string | null>[] = [];
  u.gemeenten.forEach((year, y) => {
    for (const g of year) {
      gemeenten.push({ jaar: String(g.jaar), regel: 'gemeente', gemeentecode: g.code, gemeente: g.naam, perceel_1: eur(g.p1), perceel_2: eur(g.p2), kwalificatieplicht: eur(g.kwalificatieplicht), perceel_2_netto: eur(g.p2netto), extra_dienstverlening: eur(g.extra), te_betalen: eur(g.teBetalen), perceel_3_fictief: eur(g.p3) });
    }
    const t = gemeenteTotaal(year);
    gemeenten.push({ jaar: String(u.jaren[y]), regel: 'totaal', gemeentecode: null, gemeente: 'Totaal', perceel_1: eur(t.p1), perceel_2: eur(t.p2), kwalificatieplicht: eur(t.kwalificatieplicht), perceel_2_netto: eur(t.p2netto), extra_dienstverlening: eur(t.extra), te_betalen: eur(t.teBetalen), perceel_3_fictief: eur(t.p3) });
  });

  const meerjaren = u.jaren.flatMap((jaar, y) => u.meerjaren.map((r) => ({ jaar: String(jaar), groep: r.groep, regel: r.regel, omschrijving: r.omschrijving, bedrag: eur(r.bedragen[y]), onzeker: String(r.onzekerVanaf !== undefined && jaar >= r.onzekerVanaf) })));

  const formatie: Record<string, string | null>[] = [];
  for (const rf of u.formatie) {
    rf.fp.rollen.forEach((rol, j) => {
      rf.fp.gemeenten.forEach((g, i) => formatie.push({ perceel: String(rf.perceel), rol: rol.rol, schaal: String(rol.schaal), regel: 'gemeente', gemeentecode: g.code, gemeente: g.naam, fte: fte(rf.r.cells[i][j]) }));
      formatie.push({ perceel: String(rf.perceel), rol: rol.rol, schaal: String(rol.schaal), regel: 'totaal', gemeentecode: null, gemeente: 'Totaal', fte: fte(rf.r.cols[j]) });
    });
  }

  const norm: Record<string, string | null>[] = [];
  const normRow = (regel: string, code: string | null, naam: string, f: NormFunctie, c: NormCel) => {
    const n = normVan(b, f, c, 'ingrado');
    const nc = normVan(b, f, c, 'caseload');
    norm.push({
      regel, gemeentecode: code, gemeente: naam, functie: f, formatie_fte: fte(c.formatie),
      norm_ingrado_fte: b.norm.verdeling.has(f) ? fte(c.ingrado) : null,
      norm_caseload_fte: b.norm.verdeling.has(f) ? fte(c.caseload) : null,
      norm_rmc2006_fte: b.norm.rmc2006.has(f) ? fte(c.rmc) : null,
      norm_fte: fte(n), verschil_fte: c.formatie !== undefined && n !== undefined ? fte(c.formatie - n) : null,
      norm_caseload_totaal_fte: fte(nc), verschil_caseload_fte: c.formatie !== undefined && nc !== undefined ? fte(c.formatie - nc) : null,
      caseload_onderdrukt: String(c.onderdrukt),
    });
  };
  for (const g of b.gemeenten) for (const f of u.norm.functies) normRow('gemeente', g.code, g.naam, f, u.norm.cellen.get(g.code)!.get(f)!);
  for (const f of u.norm.functies) normRow('totaal', null, 'Totaal', f, u.norm.totaal.get(f)!);

  const sleutels: Record<string, string | null>[] = [];
  const sum = (f: (c: string) => number | undefined) => {
    const vs = b.gemeenten.map((g) => f(g.code));
    return vs.every((v) => v === undefined) ? undefined : vs.reduce<number>((a, v) => a + (v ?? 0), 0);
  };
  const key = (code: string) => k.sleutels.perGemeente.get(code) ?? {};
  for (const g of b.gemeenten) {
    const m = u.norm.meldingen.get(g.code);
    sleutels.push({
      regel: 'gemeente', gemeentecode: g.code, gemeente: g.naam, percelen: g.percelen.join(' '), peildatum: k.sleutels.peildatum,
      leeftijd_5_22: txt(key(g.code).l5_22), leeftijd_5_17: txt(key(g.code).l5_17), leeftijd_18_22: txt(key(g.code).l18_22), leeftijd_16_22: txt(key(g.code).l16_22),
      curatieve_meldingen: txt(m), meldingen_onderdrukt: String(m === null),
    });
  }
  const mTot = k.sleutels.meldingen ? [...k.sleutels.meldingen.perGemeente.values()].reduce((a, v) => a + v, 0) : undefined;
  sleutels.push({
    regel: 'totaal', gemeentecode: null, gemeente: 'Totaal', percelen: null, peildatum: k.sleutels.peildatum,
    leeftijd_5_22: txt(sum((c) => key(c).l5_22)), leeftijd_5_17: txt(sum((c) => key(c).l5_17)), leeftijd_18_22: txt(sum((c) => key(c).l18_22)), leeftijd_16_22: txt(sum((c) => key(c).l16_22)),
    curatieve_meldingen: mTot !== undefined && mTot >= b.minCel ? String(mTot) : mTot === 0 ? '0' : null, meldingen_onderdrukt: String(mTot !== undefined && mTot > 0 && mTot < b.minCel),
  });

  return [
    table('percelen', 'Cost per perceel and year: personnel per role, overhead, system cost, total, and who pays it.', percelen),
    table('bijdragen', 'Each perceel divided over its gemeenten (and the RMC budget), per year.', bijdragen),
    table('gemeenten', 'What each gemeente pays per perceel and in all, per year; perceel 3 fictief.', gemeenten),
    table('meerjarenbegroting', 'Multi-year budget: spending, income, saldo and the RMC reserve.', meerjaren),
    table('formatie', 'Formatie herverdeeld: fte per role per gemeente.', formatie),
    table('formatie_norm', 'Formatie norm per gemeente and function beside the configured fte, and the gap.', norm),
    table('sleutels', 'The population keys (and caseload) used.', sleutels),
  ];
}

/** Lines of a perceel table below the role lines; they add up as printed. */
export function perceelRegels(rp: RondPerceel): { regel: string; omschrijving: string; bedrag: bigint; soort?: 'subtotaal' | 'totaal' }[] {
  const { pj, r } = rp;
  const out: { regel: string; omschrijving: string; bedrag: bigint; soort?: 'subtotaal' | 'totaal' }[] = [
    { regel: 'personeel_totaal', omschrijving: 'Personeelskosten', bedrag: rp.personeel.length ? r.colGroups[0] : 0n, soort: 'subtotaal' },
    { regel: 'overhead', omschrijving: 'Uitvoeringskosten: overhead, incl. accountantscontrole', bedrag: r.cols[rp.overhead] },
  ];
  if (rp.systeem !== undefined) out.push({ regel: 'systeemkosten', omschrijving: 'Uitvoeringskosten: registratiesysteem', bedrag: r.cols[rp.systeem] });
  out.push({ regel: 'totaal', omschrijving: 'Totaal', bedrag: r.total, soort: 'totaal' });
  if (rp.rmc !== undefined) {
    out.push({ regel: 'rmc_rijksbijdrage', omschrijving: 'Ten laste van de RMC-rijksbijdrage', bedrag: r.rows[rp.rmc] });
    out.push({ regel: 'gemeenten', omschrijving: 'Ten laste van de gemeenten', bedrag: gemeentenDeel(rp) });
  } else if (pj.fictief) {
    out.push({ regel: 'rmc_middelen', omschrijving: 'Ten laste van RMC-middelen (rijksbijdrage, programmagelden, doeluitkering)', bedrag: r.total });
  } else {
    out.push({ regel: 'gemeenten', omschrijving: 'Ten laste van de gemeenten', bedrag: r.total });
  }
  return out;
}

export function gemeenteTotaal(year: GemeenteJaar[]): Omit<GemeenteJaar, 'code' | 'naam' | 'jaar'> {
  const add = (f: (g: GemeenteJaar) => bigint | undefined) => {
    const vs = year.map(f).filter((v): v is bigint => v !== undefined);
    return vs.length ? vs.reduce((a, b) => a + b, 0n) : undefined;
  };
  return { p1: add((g) => g.p1), p2: add((g) => g.p2), kwalificatieplicht: add((g) => g.kwalificatieplicht), p2netto: add((g) => g.p2netto), p3: add((g) => g.p3), extra: add((g) => g.extra), teBetalen: add((g) => g.teBetalen) ?? 0n };
}

export function pctLabel(x: Exact): string {
  return `${x.mul(Exact.int(100)).toString().replace('.', ',')}%`;
}

// ---------------------------------------------------------------------------------------------------
// Printed tables (stdout and PDF)

export interface TextTable {
  id: string;
  titel: string;
  kolommen: { label: string; rechts?: boolean }[];
  rijen: { cellen: string[]; soort?: 'subtotaal' | 'totaal' }[];
  noten: string[];
}

const bedrag = (c: bigint | undefined) => (c === undefined ? '' : formatNl(c, 2));
const fteNl = (c: bigint | undefined) => (c === undefined ? '' : formatNl(c, 2));
const exactNl = (x: Exact, places: number) => formatNl(x.roundUnits(10n ** BigInt(places)), places);

/** The lines of one perceel, for the years `ys` (indices into u.jaren) as columns. */
export function perceelTabel(u: Uitkomst, p: Perceel, ys: number[]): TextTable {
  const rps = ys.map((y) => u.percelen[y].find((rp) => rp.pj.perceel === p)!);
  const first = rps[0];
  const b = u.kosten.begroting;
  const rijen: TextTable['rijen'] = [];
  first.pj.kolommen.forEach((kol, j) => {
    if (kol.soort !== 'personeel') return;
    const rol = kol.rol!;
    rijen.push({ cellen: [rol.rol + (rol.contactgemeente ? ' (contactgemeente)' : ''), exactNl(rol.fte, 2), String(rol.schaal), exactNl(rol.normbedrag, 2), ...rps.map((rp) => bedrag(rp.r.cols[j]))] });
  });
  const regels = perceelRegels(first);
  regels.forEach((l, i) => {
    rijen.push({ cellen: [l.omschrijving, '', '', '', ...rps.map((rp) => bedrag(perceelRegels(rp)[i].bedrag))], soort: l.soort });
  });
  const noten = [
    `Personeelskosten = fte × normbedrag (${b.prijspeil ?? 'normbedragen van de begroting'}); overhead ${pctLabel(b.overhead)} van de personeelskosten.`,
  ];
  if (ys.length > 1 || u.jaren[ys[0]] !== b.jaar) noten.push(`Latere jaren: personeel + ${pctLabel(b.indexPersoneel)} per jaar, overhead en systeemkosten + ${pctLabel(b.indexOverhead)} per jaar (vanaf ${b.jaar}).`);
  if (p === 1) noten.push(`${pctLabel(b.rmcAandeelPerceel1)} van het totaal komt ten laste van de RMC-rijksbijdrage; de deelnemende gemeenten betalen de rest naar rato van hun inwoners van 5–22 jaar.`);
  if (p === 2) noten.push('Verdeeld over de deelnemende gemeenten naar rato van hun inwoners van 5–17 jaar; daarna gaan de eigen kwalificatieplichtmiddelen van elke gemeente eraf.');
  if (p === 3) noten.push('Gedekt uit RMC-middelen, niet door de gemeenten; per gemeente "fictief" getoond naar rato van inwoners van 18–22 jaar; de rol van de contactgemeente bij de contactgemeente.');
  return {
    id: `perceel-${p}`,
    titel: PERCEEL_NAAM[p],
    kolommen: [{ label: 'Regel' }, { label: 'fte', rechts: true }, { label: 'schaal', rechts: true }, { label: 'normbedrag', rechts: true }, ...ys.map((y) => ({ label: String(u.jaren[y]), rechts: true }))],
    rijen,
    noten,
  };
}

/** A perceel divided over its gemeenten in one year. */
export function verdelingTabel(u: Uitkomst, p: Perceel, y: number): TextTable {
  const rp = u.percelen[y].find((x) => x.pj.perceel === p)!;
  const { pj, r } = rp;
  const p2 = p === 2;
  const kolommen: TextTable['kolommen'] = [{ label: 'Gemeente' }, { label: `inw. ${SLEUTEL_LABEL[pj.sleutel]}`, rechts: true }, { label: 'aandeel', rechts: true }, { label: 'personeel', rechts: true }, { label: 'overhead', rechts: true }];
  if (rp.systeem !== undefined) kolommen.push({ label: 'systeem', rechts: true });
  kolommen.push({ label: pj.fictief ? 'fictief' : 'bijdrage', rechts: true });
  if (p2) kolommen.push({ label: 'kwal.plicht', rechts: true }, { label: 'netto', rechts: true });
  const rijen: TextTable['rijen'] = [];
  let gi = 0;
  let kwpTot = 0n;
  pj.betalers.forEach((bet, i) => {
    const cellen = [bet.code ? bet.naam : `RMC-rijksbijdrage (${pctLabel(u.kosten.begroting.rmcAandeelPerceel1)})`, bet.code ? formatNl(BigInt(bet.sleutel!), 0) : '', bet.code ? `${formatNl(rp.aandeel[gi++], 4)}%` : '', bedrag(personeelVan(rp, i)), bedrag(r.cells[i][rp.overhead])];
    if (rp.systeem !== undefined) cellen.push(bedrag(r.cells[i][rp.systeem]));
    cellen.push(bedrag(r.rows[i]));
    if (p2) {
      const kwp = u.gemeenten[y].find((g) => g.code === bet.code)!.kwalificatieplicht!;
      kwpTot += kwp;
      cellen.push(bedrag(kwp), bedrag(r.rows[i] - kwp));
    }
    rijen.push({ cellen });
  });
  const tot = ['Totaal', formatNl(BigInt(pj.sleutelTotaal), 0), '100,0000%', bedrag(rp.personeel.reduce((a, j) => a + r.cols[j], 0n)), bedrag(r.cols[rp.overhead])];
  if (rp.systeem !== undefined) tot.push(bedrag(r.cols[rp.systeem]));
  tot.push(bedrag(r.total));
  if (p2) tot.push(bedrag(kwpTot), bedrag(r.total - kwpTot));
  rijen.push({ cellen: tot, soort: 'totaal' });
  const noten: string[] = [];
  const cr = u.kosten.begroting.rollen.filter((x) => x.perceel === p && x.contactgemeente);
  const cg = u.kosten.begroting.gemeenten.find((g) => g.code === u.kosten.begroting.contactgemeente);
  if (cr.length && cg) noten.push(`${cr.map((x) => x.rol).join(', ')}: geheel bij de contactgemeente ${cg.naam} (met de overhead daarop).`);
  return { id: `verdeling-${p}-${u.jaren[y]}`, titel: `${PERCEEL_NAAM[p]}: verdeling ${u.jaren[y]}`, kolommen, rijen, noten };
}

export function gemeentenTabel(u: Uitkomst, y: number): TextTable {
  const year = u.gemeenten[y];
  const t = gemeenteTotaal(year);
  const extra = t.extra !== undefined;
  const cells = (g: Omit<GemeenteJaar, 'code' | 'naam' | 'jaar'>) => [bedrag(g.p1), bedrag(g.p2), bedrag(g.kwalificatieplicht), bedrag(g.p2netto), ...(extra ? [bedrag(g.extra)] : []), bedrag(g.teBetalen), bedrag(g.p3)];
  return {
    id: `gemeenten-${u.jaren[y]}`,
    titel: `Bijdragen per gemeente ${u.jaren[y]}`,
    kolommen: [{ label: 'Gemeente' }, ...['perceel 1', 'perceel 2', 'kwal.plicht', 'perc. 2 netto', ...(extra ? ['extra dienstv.'] : []), 'te betalen', 'perceel 3 (fictief)'].map((label) => ({ label, rechts: true }))],
    rijen: [...year.map((g) => ({ cellen: [g.naam, ...cells(g)] })), { cellen: ['Totaal', ...cells(t)], soort: 'totaal' as const }],
    noten: [`Te betalen = perceel 1 + perceel 2 na aftrek van de eigen kwalificatieplichtmiddelen (alleen gemeenten in perceel 2)${extra ? ' + extra dienstverlening (verwacht aantal × eenheidsprijs, vooraf in rekening gebracht; achteraf verrekend)' : ''}. Perceel 3 wordt niet door de gemeenten betaald.`],
  };
}

export function meerjarenTabel(u: Uitkomst): TextTable {
  const groepLabel = { lasten: 'Lasten', baten: 'Baten', saldo: '', reserve: '' } as const;
  const rijen: TextTable['rijen'] = [];
  let groep = '';
  for (const r of u.meerjaren) {
    if (r.groep !== groep && groepLabel[r.groep]) rijen.push({ cellen: [groepLabel[r.groep], ...u.jaren.map(() => '')], soort: 'subtotaal' });
    groep = r.groep;
    rijen.push({ cellen: [r.omschrijving, ...r.bedragen.map(bedrag)], soort: r.soort });
  }
  const b = u.kosten.begroting;
  const noten = ['Bedragen afgerond op centen; elk totaal is de som van de getoonde regels.'];
  for (const r of [...b.inkomsten, ...b.uitgaven]) {
    const onzeker = r.onzeker && r.onzeker.vanaf <= u.jaren.at(-1)! ? ` Onzeker vanaf ${Math.max(r.onzeker.vanaf, u.jaren[0])}: ${r.onzeker.toelichting}` : '';
    if (r.toelichting || onzeker) noten.push(`${r.naam}: ${r.toelichting ?? ''}${onzeker}`.trim());
  }
  if (b.kwalificatieplichtIndexatie !== 'geen' && u.jaren.length > 1) noten.push(`Kwalificatieplichtmiddelen: ${u.jaren[0]} per gemeente volgens de begroting, latere jaren geïndexeerd met het indexcijfer voor ${b.kwalificatieplichtIndexatie === 'overhead' ? 'uitvoeringskosten' : 'lonen'}.`);
  return { id: 'meerjarenbegroting', titel: `Meerjarenbegroting ${u.jaren[0]}–${u.jaren.at(-1)}`, kolommen: [{ label: 'Regel' }, ...u.jaren.map((j) => ({ label: String(j), rechts: true }))], rijen, noten };
}

export function formatieTabel(rf: RondFormatie): TextTable {
  const rijen: TextTable['rijen'] = rf.fp.gemeenten.map((g, i) => ({ cellen: [g.naam, ...rf.fp.rollen.map((_, j) => fteNl(rf.r.cells[i][j])), fteNl(rf.r.rows[i])] }));
  rijen.push({ cellen: ['Totaal', ...rf.r.cols.map(fteNl), fteNl(rf.r.total)], soort: 'totaal' });
  return {
    id: `formatie-${rf.perceel}`,
    titel: `Formatie herverdeeld, perceel ${rf.perceel} (fte)`,
    kolommen: [{ label: 'Gemeente' }, ...rf.fp.rollen.map((r) => ({ label: r.rol, rechts: true })), { label: 'totaal', rechts: true }],
    rijen,
    noten: [`Naar rato van inwoners ${SLEUTEL_LABEL[SLEUTEL_PER_PERCEEL[rf.perceel]]}${rf.fp.rollen.some((r) => r.contactgemeente) ? '; de rol van de contactgemeente geheel bij de contactgemeente' : ''}.`],
  };
}

/**
 * The formatie norm: one row per gemeente × function whose norm can be computed; optionally one gemeente
 * only. A guideline column without any figure is left out (the notes say why), and each total row is the
 * sum of the printed rows of its function. Undefined when there is no row at all.
 */
export function normTabel(u: Uitkomst, code?: string): TextTable | undefined {
  const b = u.kosten.begroting;
  type Rij = { naam: string; f: NormFunctie; c: NormCel; n?: bigint; nc?: bigint };
  const rows: Rij[] = [];
  for (const g of b.gemeenten.filter((x) => !code || x.code === code)) {
    for (const f of u.norm.functies) {
      const c = u.norm.cellen.get(g.code)!.get(f)!;
      const n = normVan(b, f, c, 'ingrado');
      const nc = normVan(b, f, c, 'caseload');
      if (n !== undefined || nc !== undefined || c.onderdrukt) rows.push({ naam: g.naam, f, c, n, nc });
    }
  }
  if (!rows.length) return undefined;
  const metCaseload = rows.some((r) => r.c.caseload !== undefined || r.c.onderdrukt);
  const metRmc = rows.some((r) => r.c.rmc !== undefined);
  const cells = (formatie: bigint | undefined, f: NormFunctie, ingrado: bigint | undefined, caseload: string, rmc: bigint | undefined, n: bigint | undefined) => [
    fteNl(formatie),
    b.norm.verdeling.has(f) ? fteNl(ingrado) : '–',
    ...(metCaseload ? [b.norm.verdeling.has(f) ? caseload : '–'] : []),
    ...(metRmc ? [b.norm.rmc2006.has(f) ? fteNl(rmc) : '–'] : []),
    fteNl(n),
    formatie !== undefined && n !== undefined ? fteNl(formatie - n) : '',
  ];
  const rijen: TextTable['rijen'] = rows.map((r) => ({ cellen: [r.naam, FUNCTIE_LABEL[r.f], ...cells(r.c.formatie, r.f, r.c.ingrado, r.c.onderdrukt ? 'x' : fteNl(r.c.caseload), r.c.rmc, r.n)] }));
  if (!code) {
    const som = (xs: (bigint | undefined)[]) => (xs.some((x) => x !== undefined) ? xs.reduce<bigint>((a, x) => a + (x ?? 0n), 0n) : undefined);
    for (const f of u.norm.functies) {
      const fr = rows.filter((r) => r.f === f);
      if (!fr.length) continue;
      const caseload = fr.some((r) => r.c.onderdrukt) ? 'x' : fteNl(som(fr.map((r) => r.c.caseload)));
      const formatie = fr.every((r) => r.c.formatie !== undefined) ? som(fr.map((r) => r.c.formatie)) : undefined;
      rijen.push({ cellen: ['Totaal', FUNCTIE_LABEL[f], ...cells(formatie, f, som(fr.map((r) => r.c.ingrado)), caseload, som(fr.map((r) => r.c.rmc)), som(fr.map((r) => r.n)))], soort: 'totaal' });
    }
  }
  const m = u.kosten.sleutels.meldingen;
  const noten = [
    `Ingrado: 1 fte leerplichtfunctie per ${formatNl(BigInt(b.norm.leerlingenPerFte), 0)} inwoners van 5–17 jaar, verdeeld ${[...b.norm.verdeling].map(([f, s]) => `${pctLabel(s)} ${FUNCTIE_LABEL[f]}`).join(', ')}.`,
    metCaseload
      ? `Caseload: ${b.norm.caseloadPerFte} curatieve meldingen per fte leerplichtambtenaar (meldingen van ${datum(m!.van)} tot ${datum(m!.tot)}); x = niet gepubliceerd (minder dan ${b.minCel} meldingen).`
      : 'De caseloadvariant (curatieve meldingen per fte) is niet opgenomen: het aantal curatieve meldingen per gemeente is niet bekend.',
    metRmc
      ? `RMC-richtlijn 2006 (inwoners 16–22 jaar): ${[...b.norm.rmc2006].map(([f, n]) => `${FUNCTIE_LABEL[f]} 1 fte per ${formatNl(BigInt(n), 0)}`).join(', ')}.`
      : 'De RMC-richtlijn 2006 is niet opgenomen: het aantal inwoners van 16–22 jaar is niet bekend; daarom ontbreken ook de normen voor administratie, applicatiebeheer en de RMC-functies, die er (mede) op rusten.',
    'Norm = Ingrado-deel + RMC-deel van de functie; verschil = formatie − norm (negatief: minder dan de norm). Leeg: de functie is voor deze gemeente niet bij het bureau belegd.',
  ];
  const zonder = b.gemeenten.filter((g) => !rows.some((r) => r.naam === g.naam));
  if (!code && zonder.length) noten.push(`Niet opgenomen: ${zonder.map((g) => g.naam).join(', ')}; voor ${zonder.length === 1 ? 'deze gemeente' : 'deze gemeenten'} is het aantal inwoners van 5–17 jaar niet bekend.`);
  return {
    id: code ? `norm-${code}` : 'formatie-norm',
    titel: 'Formatie en norm (fte)',
    kolommen: [{ label: 'Gemeente' }, { label: 'Functie' }, ...['formatie', 'Ingrado', ...(metCaseload ? ['caseload'] : []), ...(metRmc ? ['RMC 2006'] : []), 'norm', 'verschil'].map((label) => ({ label, rechts: true }))],
    rijen,
    noten,
  };
}

/** One gemeente's contributions per perceel, the years as columns. */
export function gemeenteTabel(u: Uitkomst, code: string): TextTable {
  const rows = u.gemeenten.map((year) => year.find((g) => g.code === code)!);
  const line = (label: string, f: (g: GemeenteJaar) => bigint | undefined, soort?: 'totaal' | 'subtotaal') =>
    rows.some((g) => f(g) !== undefined) ? [{ cellen: [label, ...rows.map((g) => bedrag(f(g)))], soort }] : [];
  return {
    id: `gemeente-${code}`,
    titel: `Bijdrage ${rows[0].naam}`,
    kolommen: [{ label: 'Regel' }, ...u.jaren.map((j) => ({ label: String(j), rechts: true }))],
    rijen: [
      ...line('Perceel 1: administratie', (g) => g.p1),
      ...line('Perceel 2: uitvoering leerplicht', (g) => g.p2),
      ...line('Af: eigen kwalificatieplichtmiddelen', (g) => (g.kwalificatieplicht === undefined ? undefined : -g.kwalificatieplicht)),
      ...line('Extra dienstverlening (vooraf)', (g) => g.extra),
      ...line('Te betalen', (g) => g.teBetalen, 'totaal'),
      ...line('Perceel 3: RMC (fictief, gedekt uit RMC-middelen)', (g) => g.p3),
    ],
    noten: [],
  };
}

/** Plain-text rendering of a table for stdout. */
export function renderText(t: TextTable): string {
  const all = [t.kolommen.map((k) => k.label), ...t.rijen.map((r) => r.cellen)];
  const widths = t.kolommen.map((_, j) => Math.max(...all.map((r) => [...(r[j] ?? '')].length)));
  const fmt = (cells: string[]) => cells.map((c, j) => (t.kolommen[j].rechts ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd();
  const rule = (ch: string) => widths.map((w) => ch.repeat(w)).join('  ');
  const out = [t.titel, rule('='), fmt(t.kolommen.map((k) => k.label)), rule('-')];
  t.rijen.forEach((r, i) => {
    if (r.soort === 'totaal' && i > 0 && t.rijen[i - 1].soort !== 'totaal') out.push(rule('-'));
    out.push(fmt(r.cellen));
  });
  for (const n of t.noten) out.push(`  ${n}`);
  return out.join('\n');
}
