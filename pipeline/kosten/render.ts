/**
 * Output of `leerplicht kosten`: CSV text (plus the Excel-friendly copy), the .xlsx workbooks, the text
 * printed to stdout, and the HTML of the begroting and jaarrekening for the gemeenschappelijk orgaan
 * (templates/kosten.njk, templates/kosten-jaarrekening.njk). Everything shown is taken from the rounded
 * tables (tables.ts, jaarrekening-tables.ts), so stdout, CSV, workbook and PDF print the same figures.
 */
import { toCsv as writeCsvText } from '../csv.ts';
import { excelText } from '../export/excel-safe.ts';
import { datum as datumNl, formatNl } from '../format/index.ts';
import { xlsxBuffer } from '../format/xlsx.ts';
import { renderTemplate } from '../render/html.ts';
import type { Perceel } from './begroting.ts';
import { PERCEEL_NAAM, SLEUTEL_LABEL } from './compute.ts';
import type { Jaarrekening } from './jaarrekening.ts';
import { afrekeningTabel, batenTabel, definitiefTabel, extraTabel, lastenTabel } from './jaarrekening-tables.ts';
import {
  type CsvTable, csvTables, formatieTabel, gemeenteTabel, gemeentenTabel, meerjarenTabel, normTabel, pctLabel, perceelTabel,
  renderText, type TextTable, type Uitkomst, verdelingTabel,
} from './tables.ts';
import { voorschotCsv, voorschotten, voorschotTabel } from './voorschotten.ts';

// ---------------------------------------------------------------------------------------------------
// CSV

/**
 * RFC 4180 CSV, UTF-8, dot decimal, header row; empty cell = no value. With `excel`: semicolon
 * separator, decimal comma in the decimal columns, UTF-8 byte order mark, same columns and rows.
 */
export function toCsv(t: CsvTable, opts: { excel?: boolean } = {}): string {
  // In the Excel copy a text cell that Excel would run as a formula (a toelichting typed as "=…") gets a leading '.
  const text = t.columns.filter((c) => c.type === 'text').map((c) => c.name);
  const rows = opts.excel ? t.rows.map((r) => ({ ...r, ...Object.fromEntries(text.map((c) => [c, r[c] === null || r[c] === undefined ? r[c] : excelText(r[c]!)])) })) : t.rows;
  return writeCsvText(rows, { excel: opts.excel, columns: t.columns.map((c) => c.name), decimalColumns: t.columns.filter((c) => c.type === 'decimal').map((c) => c.name) });
}

/** The CSV tables of a begroting: the cost division and the voorschotten. */
export function begrotingTables(u: Uitkomst): CsvTable[] {
  return [...csvTables(u), voorschotCsv(voorschotten(u))];
}

/** Files of CSV outputs: `<name>.csv` and `<name>-excel.csv` per table. */
export function csvFiles(tables: CsvTable[]): { rel: string; data: string }[] {
  return tables.flatMap((t) => [
    { rel: `${t.name}.csv`, data: toCsv(t) },
    { rel: `${t.name}-excel.csv`, data: toCsv(t, { excel: true }) },
  ]);
}

/** One workbook, a sheet per table (the same columns and rows as the CSVs; amounts as numbers). */
export function workbook(tables: CsvTable[], created?: Date): Promise<Buffer> {
  return xlsxBuffer(tables.map((t) => ({
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, type: c.type, decimals: c.name.endsWith('_pct') ? 4 : 2 })),
    rows: t.rows,
  })), { created });
}

// ---------------------------------------------------------------------------------------------------
// stdout

const PERCELEN = (u: Uitkomst): Perceel[] => u.percelen[0].map((rp) => rp.pj.perceel);

/** The main tables as text: each perceel over the years and divided over its gemeenten, the contributions per gemeente, the voorschotten, the multi-year budget and the formatie. */
export function stdoutText(u: Uitkomst): string {
  const b = u.kosten.begroting;
  const s = u.kosten.sleutels;
  const all = u.jaren.map((_, y) => y);
  const parts: string[] = [
    `Kostenverdeling ${b.regio.naam}, begroting ${u.jaren[0]}${u.jaren.length > 1 ? `–${u.jaren.at(-1)}` : ''}`,
    `Bevolking op ${s.peildatum} (${s.bron}); bedragen in euro, afgerond op centen zonder dat de optelling verloren gaat.`,
  ];
  for (const p of PERCELEN(u)) {
    parts.push(renderText(perceelTabel(u, p, all)));
    parts.push(renderText(verdelingTabel(u, p, 0)));
  }
  parts.push(renderText(gemeentenTabel(u, 0)));
  parts.push(renderText(voorschotTabel(voorschotten(u))));
  parts.push(renderText(meerjarenTabel(u)));
  for (const rf of u.formatie) parts.push(renderText(formatieTabel(rf)));
  const norm = normTabel(u);
  if (norm) {
    norm.titel = 'Formatie en norm, regio (fte; per gemeente in formatie_norm.csv en de PDF)';
    norm.rijen = norm.rijen.filter((r) => r.soort === 'totaal');
    parts.push(renderText(norm));
  }
  return `${parts.join('\n\n')}\n`;
}

export function jaarrekeningText(j: Jaarrekening): string {
  const parts = [lastenTabel(j), batenTabel(j), definitiefTabel(j), afrekeningTabel(j), ...(j.extra.length ? [extraTabel(j)] : [])].map(renderText);
  if (j.realisatie.fictief) parts.unshift('LET OP: voorbeeld met verzonnen realisatiecijfers.');
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Documents for the gemeenschappelijk orgaan

export type Status = 'concept' | 'vastgesteld';

export interface DocOpts {
  /** Date of the document, YYYY-MM-DD. */
  datum: string;
  status: Status;
  /** Date of the meeting of the gemeenschappelijk orgaan, YYYY-MM-DD. */
  vergadering?: string;
}

const euro = (c: bigint) => `€\u00a0${formatNl(c < 0n ? -c : c, 2)}`;
const dag = (jaar: number, mmdd: string) => datumNl(`${jaar}-${mmdd}`);

/** The deadlines of the regeling around the begroting of `jaar` and its jaarrekening (art. 23, 27, 28). */
export function termijnen(jaar: number): { wat: string; wanneer: string; artikel: string }[] {
  return [
    { wat: `Ontwerpbegroting ${jaar} met meerjarenraming aan de deelnemende gemeenten`, wanneer: `uiterlijk ${dag(jaar - 1, '04-15')}`, artikel: 'artikel 23, tweede lid' },
    { wat: 'Zienswijzen van de raden op de ontwerpbegroting', wanneer: 'vóór de vaststelling', artikel: 'artikel 23, zevende lid' },
    { wat: `Vaststelling van de begroting ${jaar} door het gemeenschappelijk orgaan`, wanneer: `uiterlijk ${dag(jaar - 1, '07-01')}`, artikel: 'artikel 23, eerste lid' },
    { wat: 'Vastgestelde begroting aan Gedeputeerde Staten', wanneer: `uiterlijk ${dag(jaar - 1, '07-15')}`, artikel: 'artikel 23, negende lid' },
    { wat: 'Bijdragen van de gemeenten als voorschot', wanneer: `per kalenderkwartaal van ${jaar}`, artikel: 'artikel 28, derde lid' },
    { wat: `Verantwoording over ${jaar} door de uitvoerende gemeente, met accountantsverklaring`, wanneer: `vóór ${dag(jaar + 1, '04-01')}`, artikel: 'artikel 27, eerste lid' },
    { wat: `Ontwerpjaarrekening ${jaar} aan de deelnemende gemeenten`, wanneer: `uiterlijk ${dag(jaar + 1, '04-15')}`, artikel: 'artikel 27, derde lid' },
    { wat: `Vaststelling van de jaarrekening ${jaar}`, wanneer: `uiterlijk ${dag(jaar + 1, '07-01')}`, artikel: 'artikel 27, tweede lid' },
    { wat: 'Vastgestelde jaarrekening aan Gedeputeerde Staten', wanneer: `uiterlijk ${dag(jaar + 1, '07-15')}`, artikel: 'artikel 27, vierde lid' },
  ];
}

/** Deadline of adopting the document: the begroting by 1 July before its year, the jaarrekening by 1 July after it. */
export function vaststellingUiterlijk(soort: 'begroting' | 'jaarrekening', jaar: number): string {
  return soort === 'begroting' ? `${jaar - 1}-07-01` : `${jaar + 1}-07-01`;
}

function statusRegels(o: DocOpts, soort: 'begroting' | 'jaarrekening') {
  const ontwerp = soort === 'begroting' ? 'Ontwerpbegroting' : 'Ontwerpjaarrekening';
  return [
    { term: 'Status', waarde: o.status === 'vastgesteld' ? `Vastgesteld${o.vergadering ? ` op ${datumNl(o.vergadering)}` : ''}` : `Concept (${ontwerp.toLowerCase()}), ter vaststelling` },
    { term: 'Vergadering gemeenschappelijk orgaan', waarde: o.vergadering ? datumNl(o.vergadering) : 'nog niet gepland' },
  ];
}

function aanhef(o: DocOpts, regio: string): string {
  return o.status === 'vastgesteld'
    ? `Het gemeenschappelijk orgaan van de gemeenschappelijke regeling ${regio} heeft in zijn vergadering${o.vergadering ? ` van ${datumNl(o.vergadering)}` : ''} besloten:`
    : `Het gemeenschappelijk orgaan van de gemeenschappelijke regeling ${regio} wordt voorgesteld${o.vergadering ? ` in zijn vergadering van ${datumNl(o.vergadering)}` : ''} te besluiten:`;
}

/** The small table of a gemeente's keys: per perceel its inhabitants, the total and its share. */
function sleutelTabel(u: Uitkomst, code: string): TextTable {
  const rijen: TextTable['rijen'] = [];
  for (const rp of u.percelen[0]) {
    const i = rp.pj.betalers.findIndex((x) => x.code === code);
    if (i < 0) continue;
    const gi = rp.pj.betalers.slice(0, i).filter((x) => x.code !== null).length;
    rijen.push({ cellen: [PERCEEL_NAAM[rp.pj.perceel], SLEUTEL_LABEL[rp.pj.sleutel], formatNl(BigInt(rp.pj.betalers[i].sleutel!), 0), formatNl(BigInt(rp.pj.sleutelTotaal), 0), `${formatNl(rp.aandeel[gi], 4)}%`] });
  }
  return {
    id: `sleutel-${code}`,
    titel: 'Verdeelsleutel',
    kolommen: [{ label: 'Perceel' }, { label: 'leeftijd' }, { label: 'inwoners', rechts: true }, { label: 'alle deelnemers', rechts: true }, { label: 'aandeel', rechts: true }],
    rijen,
    noten: [`Inwoners op ${datumNl(u.kosten.sleutels.peildatum)}.`],
  };
}

/** The gemeente's share of each role's fte. */
function gemeenteFormatieTabel(u: Uitkomst, code: string): TextTable {
  const rijen: TextTable['rijen'] = [];
  let tot = 0n;
  for (const rf of u.formatie) {
    const i = rf.fp.gemeenten.findIndex((g) => g.code === code);
    if (i < 0) continue;
    rf.fp.rollen.forEach((r, j) => {
      tot += rf.r.cells[i][j];
      rijen.push({ cellen: [String(rf.perceel), r.rol, formatNl(rf.r.cells[i][j], 2)] });
    });
  }
  rijen.push({ cellen: ['', 'Totaal', formatNl(tot, 2)], soort: 'totaal' });
  return { id: `formatie-${code}`, titel: 'Formatie herverdeeld (fte)', kolommen: [{ label: 'Perceel' }, { label: 'Rol' }, { label: 'fte', rechts: true }], rijen, noten: [] };
}

export function kostenContext(u: Uitkomst, o: DocOpts) {
  const b = u.kosten.begroting;
  const s = u.kosten.sleutels;
  const all = u.jaren.map((_, y) => y);
  const jaar = u.jaren[0];
  const later = u.jaren.slice(1);
  const periode = later.length ? `${later[0]}–${later.at(-1)}` : '';
  const naam = o.status === 'vastgesteld' ? 'Begroting' : 'Ontwerpbegroting';
  const title = `${naam} ${jaar} ${b.regio.naam}${o.status === 'concept' ? ' (concept)' : ''}`;
  const regel = (r: string) => u.meerjaren.find((x) => x.regel === r)?.bedragen[0] ?? 0n;
  const saldo = regel('saldo');
  const vs = voorschotten(u);
  const totaalBijdragen = vs.reduce((a, v) => a + v.jaarbedrag, 0n);
  const norm = normTabel(u);
  return {
    title,
    cover: {
      titel: `${naam} ${jaar}`,
      ondertitel: periode ? `met meerjarenraming ${periode}` : undefined,
      organisatie: `Gemeenschappelijke regeling ${b.regio.naam}`,
      regels: ['Aan het gemeenschappelijk orgaan'],
      gegevens: [
        ...statusRegels(o, 'begroting'),
        { term: 'Begrotingsjaar', waarde: String(jaar) },
        { term: 'Vaststelling uiterlijk', waarde: `${datumNl(vaststellingUiterlijk('begroting', jaar))} (artikel 23, eerste lid)` },
        { term: 'Datum', waarde: datumNl(o.datum) },
      ],
    },
    inleiding: `Deze begroting volgt artikel 23 tot en met 28 van de gemeenschappelijke regeling. Zij geeft per perceel de salariskosten met werkgeverslasten, de uitvoeringskosten en de overige kosten, de bijdrage van elke gemeente en hoe die is berekend, de voorschotten per kwartaal en een meerjarenraming${later.length ? ` voor ${later.length === 1 ? later[0] : `de jaren ${later[0]} tot en met ${later.at(-1)}`}` : ''}. Bedragen in euro.`,
    besluitTekst: {
      titel: o.status === 'vastgesteld' ? 'Besluit' : 'Voorstel aan het gemeenschappelijk orgaan',
      kop: o.status === 'vastgesteld' ? 'Besluit' : 'Voorgesteld besluit',
      aanhef: aanhef(o, b.regio.naam),
      punten: [
        `de begroting ${jaar} vast te stellen met ${euro(regel('totaal_lasten'))} aan lasten en ${euro(regel('totaal_baten'))} aan baten, en het saldo van ${euro(saldo)} ${saldo >= 0n ? 'toe te voegen aan' : 'te onttrekken aan'} de reserve RMC;`,
        `de bijdragen van de deelnemende gemeenten voor ${jaar} vast te stellen op in totaal ${euro(totaalBijdragen)}, per gemeente zoals in de tabel "Bijdragen per gemeente ${jaar}", te betalen als voorschot per kalenderkwartaal volgens de tabel "Voorschotten per kwartaal ${jaar}" (artikel 28, derde lid);`,
        ...(periode ? [`de meerjarenraming ${periode} voor kennisgeving aan te nemen;`] : []),
        `de vastgestelde begroting uiterlijk ${dag(jaar - 1, '07-15')} aan Gedeputeerde Staten te zenden (artikel 23, negende lid).`,
      ],
    },
    termijnenLijst: termijnen(jaar),
    samenvatting: [meerjarenTabel(u), gemeentenTabel(u, 0), voorschotTabel(vs)],
    percelen: PERCELEN(u).map((p) => ({
      perceel: p,
      titel: PERCEEL_NAAM[p],
      tabellen: [{ ...perceelTabel(u, p, all), titel: `Lasten per jaar, ${u.jaren[0]}${later.length ? `–${later.at(-1)}` : ''}` }, verdelingTabel(u, p, 0), ...u.formatie.filter((rf) => rf.perceel === p).map((rf) => formatieTabel(rf))],
    })),
    gemeenten: b.gemeenten.map((g) => {
      const kwp = b.kwalificatieplicht.get(g.code);
      const lokaal = !g.percelen.includes(2) && kwp && !kwp.isZero() ? formatNl(kwp.roundUnits(100n), 2) : undefined;
      const gn = normTabel(u, g.code);
      const v = vs.find((x) => x.code === g.code);
      return {
        voorschot: v ? `Voorschot ${jaar}: ${v.kwartalen[0] === v.kwartalen[3] ? `vier kwartalen van ${euro(v.kwartalen[0])}` : `drie kwartalen van ${euro(v.kwartalen[0])} en in het vierde kwartaal ${euro(v.kwartalen[3])}`}${v.jaarbedrag < 0n ? ', te ontvangen' : ''} (artikel 28, derde lid).` : undefined,
        code: g.code,
        naam: g.naam,
        percelen: g.percelen.length === 1 ? `perceel ${g.percelen[0]}` : `percelen ${g.percelen.slice(0, -1).join(', ')} en ${g.percelen.at(-1)}`,
        tabellen: [gemeenteTabel(u, g.code), sleutelTabel(u, g.code), gemeenteFormatieTabel(u, g.code), ...(gn ? [gn] : [])],
        normTekst: gn ? undefined : 'Geen formatienorm voor deze gemeente: het aantal inwoners van 5–17 jaar, waarop de norm voor de leerplichtfunctie rust, is niet bekend.',
        kwalificatieplichtLokaal: lokaal,
      };
    }),
    norm,
    normTekst: norm
      ? 'De formatie van het bureau per gemeente (naar dezelfde verdeelsleutels) naast de benodigde formatie volgens de richtlijnen, voor de gemeenten en functies waarvoor de norm te berekenen is.'
      : 'De formatienorm is niet opgenomen: de inwonertallen en meldingen waarop de richtlijnen rusten, zijn voor geen enkele gemeente bekend.',
    colofon: [
      { term: 'Regio', waarde: b.regio.naam },
      { term: 'Bron', waarde: b.bron ?? '–' },
      { term: 'Normbedragen', waarde: b.prijspeil ?? '–' },
      { term: 'Uitvoeringskosten', waarde: `overhead ${pctLabel(b.overhead)} van de personeelskosten, inclusief de jaarlijkse accountantscontrole (artikel 24 tot en met 26, derde lid)` },
      { term: 'Indexatie', waarde: `personeel ${pctLabel(b.indexPersoneel)}, overhead en systeemkosten ${pctLabel(b.indexOverhead)} per jaar (artikel 28, eerste en tweede lid)` },
      { term: 'Bevolking', waarde: `${s.omschrijving}, peildatum ${datumNl(s.peildatum)}` },
      ...(s.meldingen ? [{ term: 'Curatieve meldingen', waarde: `${datumNl(s.meldingen.van)} tot ${datumNl(s.meldingen.tot)}, uit de leerlingenadministratie` }] : []),
      { term: 'Afronding', waarde: 'Alles wordt exact berekend en pas bij het tonen op centen (fte: op honderdsten) afgerond. Elke kostenregel van een perceel (een functie, de overhead, de systeemkosten) is haar exacte bedrag afgerond op centen; de totalen zijn de som van de getoonde regels. De verdeling over de gemeenten telt precies op tot die bedragen: elke gemeente krijgt haar exacte aandeel, naar beneden of naar boven afgerond (nooit meer dan 1 cent verschil).' },
    ],
    ontbrekend: b.ontbrekend,
    datum: o.datum,
  };
}

export type KostenContext = ReturnType<typeof kostenContext>;

export function kostenHtml(u: Uitkomst, o: DocOpts): string {
  return renderTemplate('kosten.njk', kostenContext(u, o));
}

export function jaarrekeningContext(u: Uitkomst, j: Jaarrekening, o: DocOpts) {
  const b = u.kosten.begroting;
  const r = j.realisatie;
  const naam = o.status === 'vastgesteld' ? 'Jaarrekening' : 'Ontwerpjaarrekening';
  const fictief = r.fictief ? 'Voorbeeld: de realisatiecijfers in dit document zijn verzonnen.' : undefined;
  const title = `${naam} ${j.jaar} ${b.regio.naam}${r.fictief ? ' – voorbeeld met verzonnen cijfers' : o.status === 'concept' ? ' (concept)' : ''}`;
  const sum = (xs: bigint[]) => xs.reduce((a, x) => a + x, 0n);
  const tp = sum(j.gemeenten.filter((g) => g.saldo > 0n).map((g) => g.saldo));
  const to = sum(j.gemeenten.filter((g) => g.saldo < 0n).map((g) => -g.saldo));
  const lasten = sum(j.lasten.map((l) => l.realisatie));
  const baten = sum(j.baten.map((l) => l.realisatie));
  return {
    title,
    fictief,
    cover: {
      titel: `${naam} ${j.jaar}`,
      ondertitel: 'realisatie tegenover begroting, definitieve bijdragen en afrekening per gemeente',
      organisatie: `Gemeenschappelijke regeling ${b.regio.naam}`,
      regels: ['Aan het gemeenschappelijk orgaan', ...(fictief ? [fictief] : [])],
      gegevens: [
        ...statusRegels(o, 'jaarrekening'),
        { term: 'Jaar', waarde: String(j.jaar) },
        { term: 'Vaststelling uiterlijk', waarde: `${datumNl(vaststellingUiterlijk('jaarrekening', j.jaar))} (artikel 27, tweede lid)` },
        { term: 'Realisatie', waarde: r.bron },
        { term: 'Datum', waarde: datumNl(o.datum) },
      ],
    },
    inleiding: `Deze jaarrekening volgt artikel 27 en 28 van de gemeenschappelijke regeling. Zij zet de gerealiseerde lasten per perceel en kostensoort naast de begroting ${j.jaar}, met een toelichting op de verschillen; berekent de definitieve bijdrage van elke gemeente met dezelfde verdeelsleutels als de begroting; en verrekent die met de betaalde voorschotten${j.extra.length ? ' en de extra dienstverlening met de gerealiseerde aantallen' : ''}. Bedragen in euro.`,
    besluitTekst: {
      titel: o.status === 'vastgesteld' ? 'Besluit' : 'Voorstel aan het gemeenschappelijk orgaan',
      kop: o.status === 'vastgesteld' ? 'Besluit' : 'Voorgesteld besluit',
      aanhef: aanhef(o, b.regio.naam),
      punten: [
        `de jaarrekening ${j.jaar} vast te stellen met ${euro(lasten)} aan lasten en ${euro(baten)} aan baten, en het saldo van ${euro(j.saldo.realisatie)} ${j.saldo.realisatie >= 0n ? 'toe te voegen aan' : 'te onttrekken aan'} de reserve RMC;`,
        `de definitieve bijdragen van de deelnemende gemeenten over ${j.jaar} vast te stellen op in totaal ${euro(sum(j.gemeenten.map((g) => g.definitief)))}, per gemeente zoals in de tabel "Definitieve bijdragen ${j.jaar} per gemeente";`,
        `de afrekening met de betaalde voorschotten vast te stellen zoals in de tabel "Afrekening ${j.jaar} per gemeente": de gemeenten betalen samen ${euro(tp)} bij en ontvangen samen ${euro(to)} terug;`,
        `de vastgestelde jaarrekening uiterlijk ${dag(j.jaar + 1, '07-15')} aan Gedeputeerde Staten te zenden (artikel 27, vierde lid).`,
      ],
    },
    termijnenLijst: termijnen(j.jaar).slice(5),
    rekening: [lastenTabel(j), batenTabel(j)],
    gemeenten: [definitiefTabel(j), afrekeningTabel(j), ...(j.extra.length ? [extraTabel(j)] : [])],
    colofon: [
      { term: 'Regio', waarde: b.regio.naam },
      { term: 'Begroting', waarde: b.bron ?? '–' },
      { term: 'Realisatie', waarde: r.bron },
      { term: 'Accountantsverklaring', waarde: 'bij de verantwoording van de uitvoerende gemeente (artikel 27, eerste lid); niet in dit document opgenomen' },
      { term: 'Verdeelsleutels', waarde: `als in de begroting: ${u.kosten.sleutels.omschrijving}, peildatum ${datumNl(u.kosten.sleutels.peildatum)}` },
      { term: 'Afronding', waarde: 'Realisatie en voorschotten zijn bedragen in centen. De verdeling van een perceel over de gemeenten is afgerond op centen zodat de delen precies optellen tot het gerealiseerde bedrag.' },
    ],
    datum: o.datum,
  };
}

export function jaarrekeningHtml(u: Uitkomst, j: Jaarrekening, o: DocOpts): string {
  return renderTemplate('kosten-jaarrekening.njk', jaarrekeningContext(u, j, o));
}
