/**
 * The tables of the jaarrekening (text for the PDF and stdout, CSV for the finance departments). Every
 * total is the sum of the printed rows above it; amounts are whole cents throughout (jaarrekening.ts).
 */
import type { Perceel } from './begroting.ts';
import { PERCEEL_NAAM } from './compute.ts';
import type { Jaarrekening } from './jaarrekening.ts';
import { formatNl, formatUnits } from '../format/index.ts';
import type { CsvColumn, CsvTable, TextTable } from './tables.ts';

const nl = (c: bigint | undefined) => (c === undefined ? '' : formatNl(c, 2));
const eur = (c: bigint | undefined) => (c === undefined ? null : formatUnits(c, 2));
const sum = (xs: bigint[]) => xs.reduce((a, x) => a + x, 0n);
const GEEN_TOELICHTING = 'geen toelichting opgegeven';
const uitleg = (verschil: bigint, t: string) => (t || (verschil === 0n ? '' : GEEN_TOELICHTING));

const KOLOMMEN = [{ label: 'Regel' }, { label: 'begroting', rechts: true }, { label: 'realisatie', rechts: true }, { label: 'verschil', rechts: true }, { label: 'toelichting' }];

export function lastenTabel(j: Jaarrekening): TextTable {
  const rijen: TextTable['rijen'] = [];
  const percelen = [...j.perceelTotaal.keys()];
  for (const p of percelen) {
    const regels = j.lasten.filter((l) => l.perceel === p);
    for (const l of regels) rijen.push({ cellen: [`${PERCEEL_NAAM[p].split(':')[0]}: ${l.omschrijving.charAt(0).toLowerCase()}${l.omschrijving.slice(1)}`, nl(l.begroting), nl(l.realisatie), nl(l.realisatie - l.begroting), uitleg(l.realisatie - l.begroting, l.toelichting)] });
    const b = sum(regels.map((l) => l.begroting));
    const r = sum(regels.map((l) => l.realisatie));
    rijen.push({ cellen: [`Totaal ${PERCEEL_NAAM[p].charAt(0).toLowerCase()}${PERCEEL_NAAM[p].slice(1)}`, nl(b), nl(r), nl(r - b), ''], soort: 'subtotaal' });
  }
  for (const l of j.lasten.filter((x) => x.perceel === undefined)) rijen.push({ cellen: [l.omschrijving, nl(l.begroting), nl(l.realisatie), nl(l.realisatie - l.begroting), uitleg(l.realisatie - l.begroting, l.toelichting)] });
  const b = sum(j.lasten.map((l) => l.begroting));
  const r = sum(j.lasten.map((l) => l.realisatie));
  rijen.push({ cellen: ['Totaal lasten', nl(b), nl(r), nl(r - b), ''], soort: 'totaal' });
  return {
    id: 'jaarrekening-lasten',
    titel: `Lasten ${j.jaar} per perceel en kostensoort`,
    kolommen: KOLOMMEN,
    rijen,
    noten: ['Verschil = realisatie − begroting (positief: meer uitgegeven dan begroot). Een totaal is de som van de regels erboven; de totalen per perceel tellen op tot het totaal van de lasten.'],
  };
}

export function batenTabel(j: Jaarrekening): TextTable {
  const rijen: TextTable['rijen'] = j.baten.map((l) => ({ cellen: [l.omschrijving, nl(l.begroting), nl(l.realisatie), nl(l.realisatie - l.begroting), uitleg(l.realisatie - l.begroting, l.toelichting)] }));
  const b = sum(j.baten.map((l) => l.begroting));
  const r = sum(j.baten.map((l) => l.realisatie));
  rijen.push({ cellen: ['Totaal baten', nl(b), nl(r), nl(r - b), ''], soort: 'totaal' });
  const lb = sum(j.lasten.map((l) => l.begroting));
  const lr = sum(j.lasten.map((l) => l.realisatie));
  rijen.push({ cellen: ['Totaal lasten', nl(lb), nl(lr), nl(lr - lb), ''] });
  rijen.push({ cellen: ['Saldo: toevoeging (+) / onttrekking (−) reserve RMC', nl(j.saldo.begroting), nl(j.saldo.realisatie), nl(j.saldo.realisatie - j.saldo.begroting), ''], soort: 'totaal' });
  return {
    id: 'jaarrekening-baten',
    titel: `Baten ${j.jaar} en saldo`,
    kolommen: KOLOMMEN,
    rijen,
    noten: ['De bijdragen van de gemeenten zijn de definitieve bijdragen: de gerealiseerde lasten verdeeld met dezelfde verdeelsleutels als de begroting. De gemeenten dragen perceel 1 (na het aandeel van de RMC-rijksbijdrage) en perceel 2 dus precies; het saldo is het RMC-deel en gaat naar de reserve RMC. Saldo = totaal baten − totaal lasten.'],
  };
}

export function definitiefTabel(j: Jaarrekening): TextTable {
  const extra = j.extra.length > 0;
  const cells = (g: { p1?: bigint; p2?: bigint; kwalificatieplicht?: bigint; extra?: bigint; definitief: bigint }) => [nl(g.p1), nl(g.p2), nl(g.kwalificatieplicht === undefined ? undefined : -g.kwalificatieplicht), ...(extra ? [nl(g.extra)] : []), nl(g.definitief)];
  const tot = (f: (g: Jaarrekening['gemeenten'][number]) => bigint | undefined) => {
    const vs = j.gemeenten.map(f).filter((v): v is bigint => v !== undefined);
    return vs.length ? sum(vs) : undefined;
  };
  const p1 = j.perceelTotaal.get(1 as Perceel);
  return {
    id: 'definitieve-bijdragen',
    titel: `Definitieve bijdragen ${j.jaar} per gemeente`,
    kolommen: [{ label: 'Gemeente' }, ...['perceel 1', 'perceel 2', 'af: kwal.plicht', ...(extra ? ['extra dienstv.'] : []), 'definitief'].map((label) => ({ label, rechts: true }))],
    rijen: [
      ...j.gemeenten.map((g) => ({ cellen: [g.naam, ...cells(g)] })),
      { cellen: ['Totaal', ...cells({ p1: tot((g) => g.p1), p2: tot((g) => g.p2), kwalificatieplicht: tot((g) => g.kwalificatieplicht), extra: tot((g) => g.extra), definitief: sum(j.gemeenten.map((g) => g.definitief)) })], soort: 'totaal' },
    ],
    noten: [
      `Perceel 1: de gerealiseerde lasten${p1?.rmc !== undefined ? ` min het aandeel van de RMC-rijksbijdrage (${nl(p1.rmc)})` : ''}, verdeeld naar inwoners van 5–22 jaar; perceel 2: de gerealiseerde lasten, verdeeld naar inwoners van 5–17 jaar, min de eigen kwalificatieplichtmiddelen. Dezelfde inwoneraantallen als in de begroting; elke kolom telt op tot het gerealiseerde bedrag (afgerond op centen volgens de grootste-restmethode).`,
    ],
  };
}

export function afrekeningTabel(j: Jaarrekening): TextTable {
  const betaald = (g: Jaarrekening['gemeenten'][number]) => sum(g.betaald);
  const rijen: TextTable['rijen'] = j.gemeenten.map((g) => ({ cellen: [g.naam, nl(g.definitief), nl(g.begroot), nl(betaald(g)), g.saldo > 0n ? nl(g.saldo) : '', g.saldo < 0n ? nl(-g.saldo) : ''] }));
  const pos = sum(j.gemeenten.filter((g) => g.saldo > 0n).map((g) => g.saldo));
  const neg = sum(j.gemeenten.filter((g) => g.saldo < 0n).map((g) => -g.saldo));
  rijen.push({ cellen: ['Totaal', nl(sum(j.gemeenten.map((g) => g.definitief))), nl(sum(j.gemeenten.map((g) => g.begroot))), nl(sum(j.gemeenten.map(betaald))), nl(pos), nl(neg)], soort: 'totaal' });
  return {
    id: 'afrekening',
    titel: `Afrekening ${j.jaar} per gemeente`,
    kolommen: [{ label: 'Gemeente' }, ...['definitieve bijdrage', 'voorschotten volgens begroting', 'voorschotten betaald', 'te betalen', 'te ontvangen'].map((label) => ({ label, rechts: true }))],
    rijen,
    noten: ['Te betalen = definitieve bijdrage − betaalde voorschotten (de gemeente betaalt bij); te ontvangen = het omgekeerde (de gemeente krijgt terug). Totaal te betalen − totaal te ontvangen = totaal definitieve bijdragen − totaal betaalde voorschotten.'],
  };
}

export function extraTabel(j: Jaarrekening): TextTable {
  const rijen: TextTable['rijen'] = j.extra.map((e) => ({ cellen: [e.naam, e.product, nl(e.eenheidsprijs), String(e.aantalBegroot), String(e.aantalRealisatie), nl(e.vooraf), nl(e.realisatie), nl(e.realisatie - e.vooraf)] }));
  rijen.push({ cellen: ['Totaal', '', '', '', '', nl(sum(j.extra.map((e) => e.vooraf))), nl(sum(j.extra.map((e) => e.realisatie))), nl(sum(j.extra.map((e) => e.realisatie - e.vooraf)))], soort: 'totaal' });
  return {
    id: 'extra-dienstverlening',
    titel: `Extra dienstverlening ${j.jaar}`,
    kolommen: [{ label: 'Gemeente' }, { label: 'Product' }, ...['eenheidsprijs', 'aantal begroot', 'aantal gerealiseerd', 'vooraf in rekening', 'realisatie', 'verrekening'].map((label) => ({ label, rechts: true }))],
    rijen,
    noten: ['Vooraf in rekening gebracht: het verwachte aantal × de eenheidsprijs (artikel 28, achtste lid); achteraf verrekend op het gerealiseerde aantal. De verrekening zit in de afrekening per gemeente.'],
  };
}

// ---------------------------------------------------------------------------------------------------
// CSV

const col = (name: string, type: CsvColumn['type'], description: string): CsvColumn => ({ name, type, description });

export const JAARREKENING_COLUMNS: Record<string, CsvColumn[]> = {
  jaarrekening: [
    col('jaar', 'integer', 'Year of account.'),
    col('groep', 'text', '`lasten`, `baten` or `saldo`.'),
    col('perceel', 'integer', 'Perceel 1–3 on a perceel cost line; empty otherwise.'),
    col('regel', 'text', 'lasten: `personeel`, `uitvoeringskosten`, `systeemkosten` (with perceel), a spending code, `extra_dienstverlening`, `totaal_perceel`, `totaal_lasten`; baten: `bijdragen_perceel_1`, `bijdragen_perceel_2`, `kwalificatieplicht_perceel_2`, `bijdragen_extra_dienstverlening`, an income code, `totaal_baten`; `saldo`.'),
    col('omschrijving', 'text', 'Line as printed.'),
    col('begroting', 'decimal', 'Euro in the begroting.'),
    col('realisatie', 'decimal', 'Euro realised.'),
    col('verschil', 'decimal', 'realisatie − begroting.'),
    col('toelichting', 'text', 'Explanation of the difference (from the realisation input).'),
  ],
  afrekening: [
    col('jaar', 'integer', 'Year of account.'),
    col('regel', 'text', '`gemeente` or `totaal`.'),
    col('gemeentecode', 'text', 'CBS gemeentecode.'),
    col('gemeente', 'text', 'Gemeente name.'),
    col('perceel_1', 'decimal', 'Definitive contribution to perceel 1 (empty when not taking part).'),
    col('perceel_2', 'decimal', 'Definitive contribution to perceel 2 before the kwalificatieplicht money.'),
    col('kwalificatieplicht', 'decimal', 'Kwalificatieplicht money subtracted (perceel 2 gemeenten).'),
    col('extra_dienstverlening', 'decimal', 'Extra dienstverlening on realised quantities.'),
    col('definitief', 'decimal', 'perceel_1 + perceel_2 − kwalificatieplicht + extra_dienstverlening.'),
    col('voorschot_begroting', 'decimal', 'Advances due according to the begroting.'),
    col('voorschot_betaald', 'decimal', 'Advances paid (voorschotten.csv of the realisation).'),
    col('saldo', 'decimal', 'definitief − voorschot_betaald: positive the gemeente pays (te betalen), negative it receives (te ontvangen).'),
  ],
  extra_dienstverlening: [
    col('jaar', 'integer', 'Year of account.'),
    col('gemeentecode', 'text', 'CBS gemeentecode of the buyer.'),
    col('gemeente', 'text', 'Gemeente name.'),
    col('product', 'text', 'Product.'),
    col('eenheidsprijs', 'decimal', 'Euro per unit.'),
    col('aantal_begroot', 'integer', 'Expected quantity, charged in advance.'),
    col('aantal_realisatie', 'integer', 'Realised quantity.'),
    col('vooraf', 'decimal', 'aantal_begroot × eenheidsprijs.'),
    col('realisatie', 'decimal', 'aantal_realisatie × eenheidsprijs.'),
    col('verrekening', 'decimal', 'realisatie − vooraf.'),
  ],
};

export function jaarrekeningCsv(j: Jaarrekening): CsvTable[] {
  const jaar = String(j.jaar);
  const rows: Record<string, string | null>[] = [];
  const line = (groep: string, perceel: Perceel | undefined, regel: string, omschrijving: string, b: bigint, r: bigint, toelichting: string | null) =>
    rows.push({ jaar, groep, perceel: perceel === undefined ? null : String(perceel), regel, omschrijving, begroting: eur(b), realisatie: eur(r), verschil: eur(r - b), toelichting });
  for (const p of j.perceelTotaal.keys()) {
    const ls = j.lasten.filter((l) => l.perceel === p);
    for (const l of ls) line('lasten', p, l.soort, l.omschrijving, l.begroting, l.realisatie, l.toelichting || null);
    line('lasten', p, 'totaal_perceel', PERCEEL_NAAM[p], sum(ls.map((l) => l.begroting)), sum(ls.map((l) => l.realisatie)), null);
  }
  for (const l of j.lasten.filter((x) => x.perceel === undefined)) line('lasten', undefined, l.soort, l.omschrijving, l.begroting, l.realisatie, l.toelichting || null);
  line('lasten', undefined, 'totaal_lasten', 'Totaal lasten', sum(j.lasten.map((l) => l.begroting)), sum(j.lasten.map((l) => l.realisatie)), null);
  for (const l of j.baten) line('baten', undefined, l.code, l.omschrijving, l.begroting, l.realisatie, l.toelichting || null);
  line('baten', undefined, 'totaal_baten', 'Totaal baten', sum(j.baten.map((l) => l.begroting)), sum(j.baten.map((l) => l.realisatie)), null);
  line('saldo', undefined, 'saldo', 'Saldo: toevoeging (+) / onttrekking (−) reserve RMC', j.saldo.begroting, j.saldo.realisatie, null);

  const af: Record<string, string | null>[] = j.gemeenten.map((g) => ({
    jaar, regel: 'gemeente', gemeentecode: g.code, gemeente: g.naam, perceel_1: eur(g.p1), perceel_2: eur(g.p2), kwalificatieplicht: eur(g.kwalificatieplicht),
    extra_dienstverlening: eur(g.extra), definitief: eur(g.definitief), voorschot_begroting: eur(g.begroot), voorschot_betaald: eur(sum(g.betaald)), saldo: eur(g.saldo),
  }));
  const opt = (f: (g: Jaarrekening['gemeenten'][number]) => bigint | undefined) => {
    const vs = j.gemeenten.map(f).filter((v): v is bigint => v !== undefined);
    return vs.length ? eur(sum(vs)) : null;
  };
  af.push({
    jaar, regel: 'totaal', gemeentecode: null, gemeente: 'Totaal', perceel_1: opt((g) => g.p1), perceel_2: opt((g) => g.p2), kwalificatieplicht: opt((g) => g.kwalificatieplicht),
    extra_dienstverlening: opt((g) => g.extra), definitief: opt((g) => g.definitief), voorschot_begroting: opt((g) => g.begroot), voorschot_betaald: opt((g) => sum(g.betaald)), saldo: opt((g) => g.saldo),
  });
  const tables: CsvTable[] = [
    { name: 'jaarrekening', description: 'Realisation against the begroting per perceel and cost type, income and the RMC saldo.', columns: JAARREKENING_COLUMNS.jaarrekening, rows },
    { name: 'afrekening', description: 'Definitive contribution, advances and settlement per gemeente.', columns: JAARREKENING_COLUMNS.afrekening, rows: af },
  ];
  if (j.extra.length) {
    tables.push({
      name: 'extra_dienstverlening', description: 'Extra dienstverlening: advance and settlement on realised quantities.', columns: JAARREKENING_COLUMNS.extra_dienstverlening,
      rows: j.extra.map((e) => ({ jaar, gemeentecode: e.code, gemeente: e.naam, product: e.product, eenheidsprijs: eur(e.eenheidsprijs), aantal_begroot: String(e.aantalBegroot), aantal_realisatie: String(e.aantalRealisatie), vooraf: eur(e.vooraf), realisatie: eur(e.realisatie), verrekening: eur(e.realisatie - e.vooraf) })),
    });
  }
  return tables;
}
