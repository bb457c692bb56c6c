/**
 * Output of `leerplicht kosten`: CSV text (plus the Excel-friendly copy), the text printed to stdout,
 * and the HTML of the PDF for the regional board (templates/kosten.njk). Everything shown is taken
 * from the rounded tables of tables.ts, so stdout, CSV and PDF print the same figures.
 */
import { datum as datumNl, renderTemplate } from '../render/html.ts';
import type { Perceel } from './begroting.ts';
import { PERCEEL_NAAM, SLEUTEL_LABEL } from './compute.ts';
import { formatNl } from './money.ts';
import {
  type CsvTable, csvTables, formatieTabel, gemeenteTabel, gemeentenTabel, meerjarenTabel, normTabel, pctLabel, perceelTabel,
  renderText, type TextTable, type Uitkomst, verdelingTabel,
} from './tables.ts';

// ---------------------------------------------------------------------------------------------------
// CSV

function quote(v: string, sep: string): string {
  return /["\r\n]/.test(v) || v.includes(sep) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * RFC 4180 CSV, UTF-8, dot decimal, header row; empty cell = no value. With `excel`: semicolon
 * separator, decimal comma in the decimal columns, UTF-8 byte order mark, same columns and rows.
 */
export function toCsv(t: CsvTable, opts: { excel?: boolean } = {}): string {
  const sep = opts.excel ? ';' : ',';
  const lines = [t.columns.map((c) => quote(c.name, sep)).join(sep)];
  for (const row of t.rows) {
    lines.push(t.columns.map((c) => {
      const v = row[c.name];
      if (v === null || v === undefined) return '';
      return quote(opts.excel && c.type === 'decimal' ? v.replace('.', ',') : v, sep);
    }).join(sep));
  }
  return `${opts.excel ? '\uFEFF' : ''}${lines.join('\n')}\n`;
}

/** Files of the CSV outputs: `<name>.csv` and `<name>-excel.csv`. */
export function csvFiles(u: Uitkomst): { rel: string; data: string }[] {
  return csvTables(u).flatMap((t) => [
    { rel: `${t.name}.csv`, data: toCsv(t) },
    { rel: `${t.name}-excel.csv`, data: toCsv(t, { excel: true }) },
  ]);
}

// ---------------------------------------------------------------------------------------------------
// stdout

const PERCELEN = (u: Uitkomst): Perceel[] => u.percelen[0].map((rp) => rp.pj.perceel);

/** The main tables as text: each perceel over the years and divided over its gemeenten, the contributions per gemeente, the multi-year budget and the formatie. */
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
  parts.push(renderText(meerjarenTabel(u)));
  for (const rf of u.formatie) parts.push(renderText(formatieTabel(rf)));
  const norm = normTabel(u);
  norm.titel = 'Formatie en norm, regio (fte; per gemeente in formatie_norm.csv en de PDF)';
  norm.rijen = norm.rijen.filter((r) => r.soort === 'totaal');
  parts.push(renderText(norm));
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// PDF

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
    noten: [`Inwoners op ${u.kosten.sleutels.peildatum}.`],
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

export interface KostenContext {
  title: string;
  cover: object;
  regio: { code: string; naam: string };
  jaren: number[];
  samenvatting: TextTable[];
  percelen: { perceel: Perceel; titel: string; tabellen: TextTable[] }[];
  gemeenten: { code: string; naam: string; percelen: string; tabellen: TextTable[]; kwalificatieplichtLokaal?: string }[];
  norm: TextTable;
  colofon: { term: string; waarde: string }[];
  ontbrekend: string[];
  datum: string;
}

export function kostenContext(u: Uitkomst, opts: { datum: string }): KostenContext {
  const b = u.kosten.begroting;
  const s = u.kosten.sleutels;
  const all = u.jaren.map((_, y) => y);
  const periode = `${u.jaren[0]}${u.jaren.length > 1 ? `–${u.jaren.at(-1)}` : ''}`;
  const title = `Kostenverdeling en formatie ${b.regio.naam} ${periode}`;
  return {
    title,
    cover: {
      titel: `Kostenverdeling en formatie ${u.jaren[0]}`,
      ondertitel: `Begroting per perceel en per gemeente, meerjarenraming ${periode}`,
      organisatie: `Regio ${b.regio.naam}`,
      regels: ['Voor het algemeen bestuur en de raden van de deelnemende gemeenten (artikel 23–28 van de gemeenschappelijke regeling).'],
      gegevens: [
        { term: 'Begrotingsjaar', waarde: String(u.jaren[0]) },
        { term: 'Bevolking', waarde: `peildatum ${s.peildatum}` },
        { term: 'Bron begroting', waarde: b.bron ?? b.regio.naam },
        { term: 'Datum', waarde: datumNl(opts.datum) },
      ],
    },
    regio: b.regio,
    jaren: u.jaren,
    samenvatting: [meerjarenTabel(u), gemeentenTabel(u, 0)],
    percelen: PERCELEN(u).map((p) => ({
      perceel: p,
      titel: PERCEEL_NAAM[p],
      tabellen: [perceelTabel(u, p, all), verdelingTabel(u, p, 0), ...u.formatie.filter((rf) => rf.perceel === p).map((rf) => formatieTabel(rf))],
    })),
    gemeenten: b.gemeenten.map((g) => {
      const kwp = b.kwalificatieplicht.get(g.code);
      const lokaal = !g.percelen.includes(2) && kwp && !kwp.isZero() ? formatNl(kwp.roundUnits(100n), 2) : undefined;
      return {
        code: g.code,
        naam: g.naam,
        percelen: g.percelen.join(', '),
        tabellen: [gemeenteTabel(u, g.code), sleutelTabel(u, g.code), gemeenteFormatieTabel(u, g.code), { ...normTabel(u, g.code), titel: 'Formatie en norm (fte)' }],
        kwalificatieplichtLokaal: lokaal,
      };
    }),
    norm: normTabel(u),
    colofon: [
      { term: 'Regio', waarde: `${b.regio.naam} (${b.regio.code})` },
      { term: 'Bron', waarde: b.bron ?? '–' },
      { term: 'Normbedragen', waarde: b.prijspeil ?? '–' },
      { term: 'Overhead', waarde: `${pctLabel(b.overhead)} van de personeelskosten` },
      { term: 'Indexatie', waarde: `personeel ${pctLabel(b.indexPersoneel)}, overhead en systeemkosten ${pctLabel(b.indexOverhead)} per jaar` },
      { term: 'Bevolking', waarde: `${s.bron}, peildatum ${s.peildatum}` },
      ...(s.meldingen ? [{ term: 'Curatieve meldingen', waarde: `${s.meldingen.van} tot ${s.meldingen.tot}, uit het extract` }] : []),
      { term: 'Afronding', waarde: 'Alles wordt exact berekend en pas bij het tonen op centen (fte: op honderdsten) afgerond. Het totaal van een tabel is het exacte totaal, afgerond; elke andere regel is zijn exacte bedrag naar beneden of naar boven afgerond (nooit meer dan 1 cent verschil), zo gekozen dat regels en kolommen precies optellen tot de getoonde totalen en de afwijkingen samen zo klein mogelijk zijn.' },
    ],
    ontbrekend: b.ontbrekend,
    datum: opts.datum,
  };
}

export function kostenHtml(u: Uitkomst, opts: { datum: string }): string {
  return renderTemplate('kosten.njk', kostenContext(u, opts));
}
