/**
 * The cost division, exactly (pure functions, no I/O, no rounding). The rules are those of
 * ../shared/domain/kostenverdeling.md (articles 23–28 of the West Kennemerland regeling):
 *
 * - personnel cost of a role = fte × normbedrag of its scale, × (1 + personnel index)^(year − budget year);
 * - overhead = overhead% × personnel cost of the budget year, × (1 + overhead index)^(year − budget year),
 *   kept per role so that the overhead of a contactgemeente role follows that role;
 * - system cost (perceel 1) × (1 + overhead index)^(year − budget year);
 * - a perceel is divided over payers: perceel 1 over the RMC budget (its share) and the perceel 1
 *   gemeenten (the rest, by inhabitants 5–22); perceel 2 over the perceel 2 gemeenten (by 5–17);
 *   perceel 3 is paid from RMC money, but shown per gemeente "fictief" (by 18–22). A role flagged
 *   `contactgemeente` (the RMC coordinator) is not shared: its cost and overhead go to the contactgemeente.
 * - fte per role per gemeente ("formatie herverdeeld") by the same key share.
 *
 * Results are matrices of exact values (payers × cost lines); tables.ts rounds them for display.
 */
import { InputError } from '../errors.ts';
import type { Begroting, Deelnemer, Perceel, Regel, Rol } from './begroting.ts';
import { Exact, sum } from './money.ts';
import type { Indexatie, NormFunctie } from './schema.ts';

/** Population counts of one gemeente on 1 January of the year before the budget year. */
export interface Sleutel {
  l5_22?: number;
  l5_17?: number;
  l18_22?: number;
  /** Only for the old RMC guideline. */
  l16_22?: number;
}
export type SleutelNaam = keyof Sleutel;

export interface Sleutels {
  /** `--bevolking <file>` or `extract <dir>` (for messages). */
  bron: string;
  /** Where the counts come from, as printed in a document (no file path). */
  omschrijving: string;
  peildatum: string;
  perGemeente: Map<string, Sleutel>;
  /** Curatieve meldingen per gemeente (caseload variant of the norm); only from an extract. */
  meldingen?: { van: string; tot: string; perGemeente: Map<string, number> };
}

export const SLEUTEL_PER_PERCEEL: Record<Perceel, SleutelNaam> = { 1: 'l5_22', 2: 'l5_17', 3: 'l18_22' };
export const SLEUTEL_LABEL: Record<SleutelNaam, string> = { l5_22: '5–22 jaar', l5_17: '5–17 jaar', l18_22: '18–22 jaar', l16_22: '16–22 jaar' };
export const PERCEEL_NAAM: Record<Perceel, string> = {
  1: 'Perceel 1: administratie leerplicht en RMC',
  2: 'Perceel 2: uitvoering leerplicht en kwalificatieplicht',
  3: 'Perceel 3: uitvoering RMC',
};

export interface Kolom {
  code: string;
  label: string;
  soort: 'personeel' | 'overhead' | 'systeem';
  rol?: Rol;
}

export interface Betaler {
  /** gemeentecode; null for the RMC budget. */
  code: string | null;
  naam: string;
  sleutel?: number;
}

export interface PerceelJaar {
  perceel: Perceel;
  jaar: number;
  kolommen: Kolom[];
  /** Per kolom: the cost line (personnel per role, overhead, system). */
  bedragen: Exact[];
  /** Per rol, in the order of the personnel kolommen: the overhead on that role. */
  overheadPerRol: Exact[];
  betalers: Betaler[];
  /** betalers × kolommen. Rows add up to what each payer pays; columns to `bedragen`. */
  matrix: Exact[][];
  sleutel: SleutelNaam;
  sleutelTotaal: number;
  /** Perceel 3: shown per gemeente, paid from RMC money. */
  fictief: boolean;
}

export interface FormatiePerceel {
  perceel: Perceel;
  rollen: Rol[];
  gemeenten: Deelnemer[];
  /** gemeenten × rollen, fte. */
  matrix: Exact[][];
}

export interface JaarBegroting {
  jaar: number;
  percelen: PerceelJaar[];
  inkomsten: { regel: Regel; bedrag: Exact }[];
  uitgaven: { regel: Regel; bedrag: Exact }[];
  /** Kwalificatieplicht money of each perceel 2 gemeente, subtracted from its perceel 2 contribution. */
  kwalificatieplicht: Map<string, Exact>;
}

export interface Kosten {
  begroting: Begroting;
  sleutels: Sleutels;
  /** First year shown (≥ the configuration's budget year). */
  jaar: number;
  jaren: JaarBegroting[];
  formatie: FormatiePerceel[];
  norm: NormRij[];
}

export function deelnemers(b: Begroting, p: Perceel): Deelnemer[] {
  return b.gemeenten.filter((g) => g.percelen.includes(p));
}

function sleutelVan(s: Sleutels, g: Deelnemer, naam: SleutelNaam, p: Perceel): number {
  const v = s.perGemeente.get(g.code)?.[naam];
  if (v === undefined) {
    throw new InputError(`${s.bron}: no population ${SLEUTEL_LABEL[naam]} for ${g.naam} (${g.code}), which takes part in perceel ${p} and is charged by that key`);
  }
  return v;
}

/** Key shares of the gemeenten of a perceel, exact (they add up to 1). */
function aandelen(b: Begroting, s: Sleutels, p: Perceel): { gemeenten: Deelnemer[]; keys: number[]; totaal: number; share: Exact[] } {
  const gemeenten = deelnemers(b, p);
  const naam = SLEUTEL_PER_PERCEEL[p];
  const keys = gemeenten.map((g) => sleutelVan(s, g, naam, p));
  const totaal = keys.reduce((a, k) => a + k, 0);
  if (gemeenten.length && totaal <= 0) throw new InputError(`${s.bron}: the ${SLEUTEL_LABEL[naam]} population of the perceel ${p} gemeenten adds up to 0`);
  return { gemeenten, keys, totaal, share: keys.map((k) => Exact.frac(BigInt(k), BigInt(totaal))) };
}

/** Weight of gemeente i in a role's cost: its key share, or all/nothing for a contactgemeente role. */
function weight(b: Begroting, r: Rol | undefined, g: Deelnemer, share: Exact): Exact {
  if (r?.contactgemeente) return g.code === b.contactgemeente ? Exact.ONE : Exact.ZERO;
  return share;
}

export function indexFactor(rate: Exact, k: number): Exact {
  return Exact.ONE.add(rate).pow(k);
}

export function perceelJaar(b: Begroting, s: Sleutels, p: Perceel, jaar: number): PerceelJaar {
  const k = jaar - b.jaar;
  if (k < 0) throw new InputError(`year ${jaar} is before the budget year ${b.jaar} of the configuration`);
  const fp = indexFactor(b.indexPersoneel, k);
  const fo = indexFactor(b.indexOverhead, k);
  const rollen = b.rollen.filter((r) => r.perceel === p);
  const kolommen: Kolom[] = rollen.map((r) => ({ code: `personeel:${r.rol}`, label: r.rol, soort: 'personeel', rol: r }));
  const personeel = rollen.map((r) => r.fte.mul(r.normbedrag).mul(fp));
  const overheadPerRol = rollen.map((r) => r.fte.mul(r.normbedrag).mul(b.overhead).mul(fo));
  kolommen.push({ code: 'overhead', label: 'overhead', soort: 'overhead' });
  const bedragen = [...personeel, sum(overheadPerRol)];
  if (p === 1) {
    kolommen.push({ code: 'systeem', label: 'systeemkosten', soort: 'systeem' });
    bedragen.push(b.systeemkosten.mul(fo));
  }

  const { gemeenten, keys, totaal, share } = aandelen(b, s, p);
  const gemeenteDeel = p === 1 ? Exact.ONE.sub(b.rmcAandeelPerceel1) : Exact.ONE;
  const betalers: Betaler[] = gemeenten.map((g, i) => ({ code: g.code, naam: g.naam, sleutel: keys[i] }));
  const matrix = gemeenten.map((g, i) =>
    kolommen.map((kol, j) => {
      if (kol.soort === 'personeel') return bedragen[j].mul(weight(b, kol.rol, g, share[i])).mul(gemeenteDeel);
      if (kol.soort === 'overhead') return sum(rollen.map((r, ri) => overheadPerRol[ri].mul(weight(b, r, g, share[i])))).mul(gemeenteDeel);
      return bedragen[j].mul(share[i]).mul(gemeenteDeel);
    }),
  );
  if (p === 1) {
    betalers.push({ code: null, naam: 'RMC-rijksbijdrage' });
    matrix.push(bedragen.map((x) => x.mul(b.rmcAandeelPerceel1)));
  }
  return { perceel: p, jaar, kolommen, bedragen, overheadPerRol, betalers, matrix, sleutel: SLEUTEL_PER_PERCEEL[p], sleutelTotaal: totaal, fictief: p === 3 };
}

/** An income or spending line in a year: its per-year override, or its amount indexed as configured. */
export function regelBedrag(b: Begroting, r: Regel, jaar: number): Exact {
  return r.perJaar.get(jaar) ?? geindexeerd(b, r.bedrag, r.indexatie, jaar);
}

/** An amount of the budget year in a later year by the given index (the amounts given in cents are rounded per line when shown). */
export function geindexeerd(b: Begroting, bedrag: Exact, indexatie: Indexatie, jaar: number): Exact {
  const k = jaar - b.jaar;
  if (indexatie === 'personeel') return bedrag.mul(indexFactor(b.indexPersoneel, k));
  if (indexatie === 'overhead') return bedrag.mul(indexFactor(b.indexOverhead, k));
  return bedrag;
}

export function formatieHerverdeeld(b: Begroting, s: Sleutels): FormatiePerceel[] {
  const out: FormatiePerceel[] = [];
  for (const p of [1, 2, 3] as Perceel[]) {
    const rollen = b.rollen.filter((r) => r.perceel === p);
    if (!rollen.length) continue;
    const { gemeenten, share } = aandelen(b, s, p);
    out.push({ perceel: p, rollen, gemeenten, matrix: gemeenten.map((g, i) => rollen.map((r) => r.fte.mul(weight(b, r, g, share[i])))) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Formatie norm

export const INGRADO_FUNCTIES: readonly NormFunctie[] = ['leerplichtambtenaar', 'administratie', 'beleid', 'coordinatie', 'applicatiebeheer'];
export const RMC_FUNCTIES: readonly NormFunctie[] = ['rmc_coordinatie', 'trajectbegeleiding', 'administratie', 'applicatiebeheer'];
export const FUNCTIE_LABEL: Record<NormFunctie, string> = {
  leerplichtambtenaar: 'leerplichtambtenaar',
  administratie: 'administratie',
  beleid: 'beleid',
  coordinatie: 'coördinatie leerplicht',
  applicatiebeheer: 'applicatiebeheer',
  trajectbegeleiding: 'RMC-trajectbegeleiding',
  rmc_coordinatie: 'RMC-coördinatie',
};

/** One gemeente × function of the formatie norm, exact; undefined where the basis is unknown. */
export interface NormRij {
  gemeente: Deelnemer;
  functie: NormFunctie;
  /** Configured fte of the roles mapped to this function, by key share; undefined when none is at the office for this gemeente. */
  formatie?: Exact;
  /** Ingrado: inhabitants 5–17 / leerlingen_per_fte × share of the function. */
  ingrado?: Exact;
  /** Ingrado workload variant: curatieve meldingen / caseload_per_fte fte leerplichtambtenaar, the function composed by the same shares. */
  caseload?: Exact;
  /** Old RMC guideline: inhabitants 16–22 / norm of the function. */
  rmc?: Exact;
}

export function formatieNorm(b: Begroting, s: Sleutels, formatie: FormatiePerceel[]): NormRij[] {
  const rows: NormRij[] = [];
  const functies = [...new Set<NormFunctie>([...INGRADO_FUNCTIES, ...RMC_FUNCTIES])];
  const lpa = b.norm.verdeling.get('leerplichtambtenaar');
  for (const g of b.gemeenten) {
    const key = s.perGemeente.get(g.code) ?? {};
    const meldingen = s.meldingen?.perGemeente.get(g.code) ?? (s.meldingen ? 0 : undefined);
    for (const f of functies) {
      const share = b.norm.verdeling.get(f);
      const perFte = b.norm.rmc2006.get(f);
      const row: NormRij = { gemeente: g, functie: f };
      if (share) {
        if (key.l5_17 !== undefined) row.ingrado = Exact.frac(BigInt(key.l5_17), BigInt(b.norm.leerlingenPerFte)).mul(share);
        if (meldingen !== undefined && lpa && !lpa.isZero()) row.caseload = Exact.frac(BigInt(meldingen), BigInt(b.norm.caseloadPerFte)).div(lpa).mul(share);
      }
      if (perFte && key.l16_22 !== undefined) row.rmc = Exact.frac(BigInt(key.l16_22), BigInt(perFte));
      let present = false;
      let fte = Exact.ZERO;
      for (const fp of formatie) {
        const gi = fp.gemeenten.findIndex((x) => x.code === g.code);
        fp.rollen.forEach((r, ri) => {
          if (r.functie !== f || gi < 0) return;
          present = true;
          fte = fte.add(fp.matrix[gi][ri]);
        });
      }
      if (present) row.formatie = fte;
      rows.push(row);
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------

export function computeKosten(b: Begroting, s: Sleutels, opts: { jaar?: number; jaren?: number } = {}): Kosten {
  const jaar = opts.jaar ?? b.jaar;
  const n = opts.jaren ?? b.jaren;
  if (jaar < b.jaar) throw new InputError(`--jaar ${jaar} is before the budget year ${b.jaar} of the configuration; use that year's configuration`);
  const jaren: JaarBegroting[] = [];
  for (let y = jaar; y < jaar + n; y++) {
    const kwp = new Map<string, Exact>();
    for (const g of deelnemers(b, 2)) kwp.set(g.code, geindexeerd(b, b.kwalificatieplicht.get(g.code) ?? Exact.ZERO, b.kwalificatieplichtIndexatie, y));
    jaren.push({
      jaar: y,
      percelen: ([1, 2, 3] as Perceel[]).filter((p) => b.rollen.some((r) => r.perceel === p)).map((p) => perceelJaar(b, s, p, y)),
      inkomsten: b.inkomsten.map((r) => ({ regel: r, bedrag: regelBedrag(b, r, y) })),
      uitgaven: b.uitgaven.map((r) => ({ regel: r, bedrag: regelBedrag(b, r, y) })),
      kwalificatieplicht: kwp,
    });
  }
  const formatie = formatieHerverdeeld(b, s);
  return { begroting: b, sleutels: s, jaar, jaren, formatie, norm: formatieNorm(b, s, formatie) };
}
