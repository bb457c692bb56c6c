/**
 * Reads the budget of a region configuration: the `begroting` section (validated against
 * BEGROTING_SCHEMA) together with the configuration's gemeenten, contactgemeente and formatie, into
 * exact values. Every inconsistency is an InputError naming the key, so a wrong budget never
 * produces figures.
 */
import { Ajv } from 'ajv';
import type { RegionConfig } from '../config/load.ts';
import { InputError } from '../errors.ts';
import { Exact } from './money.ts';
import { BEGROTING_SCHEMA, type BegrotingYaml, type Indexatie, type NormFunctie, type RegelYaml } from './schema.ts';

export type Perceel = 1 | 2 | 3;
export const PERCELEN: readonly Perceel[] = [1, 2, 3];

export interface Rol {
  perceel: Perceel;
  rol: string;
  fte: Exact;
  schaal: number;
  normbedrag: Exact;
  /** Carried by the contactgemeente alone (its cost and fte are not shared by key). */
  contactgemeente: boolean;
  functie?: NormFunctie;
}

export interface Regel {
  code: string;
  naam: string;
  bedrag: Exact;
  indexatie: Indexatie;
  perJaar: Map<number, Exact>;
  /** From this year on the line stays in the budget with a visible note: its continuation is uncertain. */
  onzeker?: { vanaf: number; toelichting: string };
  toelichting?: string;
}

/** Extra dienstverlening bought by one gemeente (art. 28, eighth lid): charged in advance, settled on realisation. */
export interface ExtraDienst {
  gemeente: string;
  product: string;
  eenheidsprijs: Exact;
  aantal: number;
}

export interface Deelnemer {
  code: string;
  naam: string;
  percelen: Perceel[];
}

export interface Begroting {
  regio: { code: string; naam: string };
  /** Budget year the configuration's amounts apply to (the configuration's `regio.jaar`). */
  jaar: number;
  bron?: string;
  prijspeil?: string;
  /** Printed source of population keys given as a table. */
  bevolkingBron?: string;
  gemeenten: Deelnemer[];
  contactgemeente?: string;
  rollen: Rol[];
  overhead: Exact;
  systeemkosten: Exact;
  rmcAandeelPerceel1: Exact;
  indexPersoneel: Exact;
  indexOverhead: Exact;
  jaren: number;
  inkomsten: Regel[];
  uitgaven: Regel[];
  kwalificatieplicht: Map<string, Exact>;
  kwalificatieplichtIndexatie: Indexatie;
  extraDienstverlening: ExtraDienst[];
  reserveBegin?: Exact;
  norm: {
    leerlingenPerFte: number;
    caseloadPerFte: number;
    verdeling: Map<NormFunctie, Exact>;
    rmc2006: Map<NormFunctie, number>;
  };
  ontbrekend: string[];
  /** Disclosure threshold of the region (counts 1..minCel-1 are not published). */
  minCel: number;
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
const validate = ajv.compile(BEGROTING_SCHEMA);

export function readBegroting(config: RegionConfig): Begroting {
  const where = `${config.file}: begroting`;
  if (!config.begroting) {
    throw new InputError(`${config.file} has no \`begroting\` section, so there is no budget to divide. Add one (see pipeline/kosten/README.md) or pick a configuration that has one, e.g. --config west-kennemerland/2014.`);
  }
  const raw = structuredClone(config.begroting) as unknown as BegrotingYaml;
  if (!validate(raw)) {
    const lines = (validate.errors ?? []).map((e) => `  begroting${e.instancePath} ${e.message}`);
    throw new InputError(`${config.file}: the begroting section does not match its schema:\n${lines.join('\n')}\nSee pipeline/kosten/README.md.`);
  }
  const problems: string[] = [];
  const num = (x: number | string, key: string): Exact => {
    try {
      return Exact.parse(x);
    } catch {
      problems.push(`${key}: ${JSON.stringify(x)} is not a plain decimal number`);
      return Exact.ZERO;
    }
  };
  const pct = (x: number | string, key: string) => num(x, key).div(Exact.int(100));

  const normbedragen = new Map<number, Exact>();
  for (const [schaal, v] of Object.entries(raw.normbedragen)) normbedragen.set(Number(schaal), num(v, `normbedragen.${schaal}`));

  const gemeenten: Deelnemer[] = config.gemeenten.map((g) => ({ code: g.code, naam: g.naam, percelen: [...g.percelen].sort() as Perceel[] }));
  const codes = new Set(gemeenten.map((g) => g.code));

  const mapping = raw.formatie_norm?.functies ?? [];
  const rollen: Rol[] = [];
  (config.formatie ?? []).forEach((f, i) => {
    const key = `formatie[${i}] (${f.rol}, perceel ${f.perceel})`;
    if (f.schaal === undefined) problems.push(`${key} has no schaal, so its cost cannot be computed`);
    const normbedrag = f.schaal === undefined ? undefined : normbedragen.get(f.schaal);
    if (f.schaal !== undefined && !normbedrag) problems.push(`${key}: no normbedrag for schaal ${f.schaal} in begroting.normbedragen`);
    if (rollen.some((r) => r.perceel === f.perceel && r.rol === f.rol)) problems.push(`${key} is listed twice`);
    const m = mapping.find((x) => x.perceel === f.perceel && x.rol === f.rol);
    rollen.push({
      perceel: f.perceel,
      rol: f.rol,
      fte: num(f.fte, `${key}.fte`),
      schaal: f.schaal ?? 0,
      normbedrag: normbedrag ?? Exact.ZERO,
      contactgemeente: f.contactgemeente === true,
      functie: m?.functie,
    });
  });
  if (!rollen.length) problems.push('the configuration has no `formatie`: there is no staff to pay');
  for (const m of mapping) {
    if (!rollen.some((r) => r.perceel === m.perceel && r.rol === m.rol)) {
      problems.push(`formatie_norm.functies: no formatie entry with rol "${m.rol}" in perceel ${m.perceel}`);
    }
  }

  if (rollen.some((r) => r.contactgemeente)) {
    if (!config.contactgemeente) problems.push('a role is carried by the contactgemeente, but the configuration names no contactgemeente');
    for (const r of rollen.filter((x) => x.contactgemeente)) {
      const cg = gemeenten.find((g) => g.code === config.contactgemeente);
      if (cg && !cg.percelen.includes(r.perceel)) problems.push(`role "${r.rol}" is carried by the contactgemeente ${cg.naam}, which does not take part in perceel ${r.perceel}`);
    }
  }
  for (const p of PERCELEN) {
    if (rollen.some((r) => r.perceel === p) && !gemeenten.some((g) => g.percelen.includes(p))) {
      problems.push(`perceel ${p} has staff but no gemeente takes part in it`);
    }
  }

  const kwalificatieplicht = new Map<string, Exact>();
  for (const [code, v] of Object.entries(raw.kwalificatieplicht ?? {})) {
    if (!codes.has(code)) problems.push(`kwalificatieplicht.${code}: not one of the configuration's gemeenten`);
    const x = num(v, `kwalificatieplicht.${code}`);
    if ((x.decimals() ?? 99) > 2) problems.push(`kwalificatieplicht.${code}: an amount of money has at most 2 decimals`);
    kwalificatieplicht.set(code, x);
  }

  const regels = (list: RegelYaml[] | undefined, key: string): Regel[] => {
    const seen = new Set<string>();
    return (list ?? []).map((r, i) => {
      if (seen.has(r.code)) problems.push(`${key}[${i}]: code ${r.code} used twice`);
      seen.add(r.code);
      const perJaar = new Map<number, Exact>();
      for (const [y, v] of Object.entries(r.per_jaar ?? {})) perJaar.set(Number(y), num(v, `${key}[${i}].per_jaar.${y}`));
      return { code: r.code, naam: r.naam, bedrag: num(r.bedrag, `${key}[${i}].bedrag`), indexatie: r.indexatie ?? 'geen', perJaar, onzeker: r.onzeker, toelichting: r.toelichting };
    });
  };

  const extraDienstverlening: ExtraDienst[] = (raw.extra_dienstverlening ?? []).map((e, i) => {
    const key = `extra_dienstverlening[${i}]`;
    if (!codes.has(e.gemeente)) problems.push(`${key}.gemeente: ${e.gemeente} is not one of the configuration's gemeenten`);
    const prijs = num(e.eenheidsprijs, `${key}.eenheidsprijs`);
    if ((prijs.decimals() ?? 99) > 2) problems.push(`${key}.eenheidsprijs: an amount of money has at most 2 decimals`);
    return { gemeente: e.gemeente, product: e.product, eenheidsprijs: prijs, aantal: e.aantal };
  });
  for (const [i, e] of extraDienstverlening.entries()) {
    if (extraDienstverlening.findIndex((x) => x.gemeente === e.gemeente && x.product === e.product) !== i) problems.push(`extra_dienstverlening[${i}]: product "${e.product}" listed twice for ${e.gemeente}`);
  }

  const fn = raw.formatie_norm ?? {};
  const verdeling = new Map<NormFunctie, Exact>();
  for (const [f, v] of Object.entries(fn.verdeling_pct ?? {})) verdeling.set(f as NormFunctie, pct(v as number | string, `formatie_norm.verdeling_pct.${f}`));
  const verdelingSum = [...verdeling.values()].reduce((a, b) => a.add(b), Exact.ZERO);
  if (!verdelingSum.eq(Exact.ONE)) problems.push(`formatie_norm.verdeling_pct adds up to ${verdelingSum.mul(Exact.int(100))}%, not 100%`);
  const rmc2006 = new Map<NormFunctie, number>(Object.entries(fn.rmc_2006 ?? {}) as [NormFunctie, number][]);

  const b: Begroting = {
    regio: { code: config.regio.code, naam: config.regio.naam },
    jaar: config.regio.jaar,
    bron: raw.bron,
    prijspeil: raw.prijspeil,
    bevolkingBron: raw.bevolking_bron,
    gemeenten,
    contactgemeente: config.contactgemeente,
    rollen,
    overhead: pct(raw.overhead_pct, 'overhead_pct'),
    systeemkosten: num(raw.systeemkosten ?? 0, 'systeemkosten'),
    rmcAandeelPerceel1: pct(raw.rmc_aandeel_perceel_1_pct, 'rmc_aandeel_perceel_1_pct'),
    indexPersoneel: pct(raw.indexatie.personeel_pct, 'indexatie.personeel_pct'),
    indexOverhead: pct(raw.indexatie.overhead_pct, 'indexatie.overhead_pct'),
    jaren: raw.jaren ?? 3,
    inkomsten: regels(raw.inkomsten, 'inkomsten'),
    uitgaven: regels(raw.uitgaven, 'uitgaven'),
    kwalificatieplicht,
    kwalificatieplichtIndexatie: raw.kwalificatieplicht_indexatie ?? 'geen',
    extraDienstverlening,
    reserveBegin: raw.reserve_rmc_begin === undefined ? undefined : num(raw.reserve_rmc_begin, 'reserve_rmc_begin'),
    norm: {
      leerlingenPerFte: fn.leerlingen_per_fte ?? 3800,
      caseloadPerFte: fn.caseload_per_fte ?? 135,
      verdeling,
      rmc2006,
    },
    ontbrekend: raw.ontbrekend ?? [],
    minCel: config.parameters.min_cel,
  };
  if (b.rmcAandeelPerceel1.cmp(Exact.ONE) > 0) problems.push('rmc_aandeel_perceel_1_pct is above 100');
  if (problems.length) throw new InputError(`${where}:\n  ${problems.join('\n  ')}`);
  return b;
}
