/**
 * Kwartaalrapportage for the region (seed 003: the office reports on its work every quarter to the regional
 * overleg and the gemeenschappelijk orgaan, against the targets of its jaarplan): a one-page dashboard of
 * the targets, the region's key figures for the quarter and the schooljaar so far against a year earlier,
 * then the gemeenten side by side. Figures come from the store (queries/indicators/kwartaal/); the only thing
 * decided here is each target's status, from the figure as printed (pipeline/kwartaal.ts states the rule).
 */
import { indicatorDef } from '../catalog.ts';
import type { Doel, RegionConfig } from '../config/load.ts';
import { type Status, status } from '../kwartaal.ts';
import { decimalen, getal } from '../format/index.ts';
import { byArea, type Chapter, type TableBlock } from './blocks.ts';
import type { Dimension } from '../store.ts';
import { type Cell, type Figures, MISSING } from './figures.ts';
import { label, orderCodes } from '../codes.ts';

/** The four periods of a kwartaalrapportage, with the labels the store uses (int_kwartaal_gebieden). */
export interface KwartaalPerioden {
  kwartaal: string;
  schooljaar: string;
  kwartaalVorigJaar: string;
  schooljaarVorigJaar: string;
  /** The figures of the quarter may still change (extract taken less than six weeks after its end). */
  voorlopig: boolean;
}

export interface DoelRegel {
  omschrijving: string;
  norm: string;
  periode: string;
  nu: Cell;
  vorigJaar: Cell;
  status: Status;
}

const NORM_EENHEID: Record<string, string> = { per_1000: ' per 1.000', procent: '%', dagen: ' dagen', per_fte: ' per fte' };

function norm(d: Doel, eenheid: string): string {
  const v = d.hoogstens ?? d.minstens!;
  return `${d.hoogstens !== undefined ? 'ten hoogste' : 'ten minste'} ${getal(v, decimalen(eenheid), decimalen(eenheid))}${NORM_EENHEID[eenheid] ?? ''}`;
}

/** The figure as the report prints it: rounded to the unit's decimals; null when hidden or absent. */
function shown(c: Cell): number | null {
  if (c.suppressed || c.value === null) return null;
  const f = 10 ** decimalen(c.eenheid);
  return Math.round(c.value * f) / f;
}

export function doelen(F: Figures, config: RegionConfig, p: KwartaalPerioden, schooljaarVanPlan: string): DoelRegel[] {
  const plan = (config.jaarplan ?? []).find((j) => j.schooljaar === schooljaarVanPlan);
  return (plan?.doelen ?? []).map((d) => {
    const def = indicatorDef(d.indicator);
    const gebied = d.gemeente ?? config.regio.code;
    const naam = d.gemeente ? config.gemeenten.find((g) => g.code === d.gemeente)!.naam : undefined;
    const [nu, vorig] = d.periode === 'schooljaar' ? [p.schooljaar, p.schooljaarVorigJaar] : [p.kwartaal, p.kwartaalVorigJaar];
    const cNu = F.get(d.indicator, gebied, nu);
    return {
      omschrijving: naam ? `${def.label} (${naam})` : def.label,
      norm: norm(d, def.eenheid),
      periode: d.periode === 'schooljaar' ? 'schooljaar tot en met het kwartaal' : '',
      nu: cNu,
      vorigJaar: F.get(d.indicator, gebied, vorig),
      status: status(shown(cNu), d),
    };
  });
}

/** Several indicators (rows) of one area over the four periods (columns); a stock figure has no schooljaar column. */
function perPeriode(F: Figures, gebied: string, p: KwartaalPerioden, kop: { kwartaal: string; vorig: string; schooljaar: string; schooljaarVorig: string }, title: string, items: { code: string; label?: string; dims?: Partial<Record<Dimension, string>> }[]): TableBlock {
  const cols = [p.kwartaal, p.kwartaalVorigJaar, p.schooljaar, p.schooljaarVorigJaar];
  return {
    kind: 'table',
    title,
    head: ['', kop.kwartaal, kop.vorig, kop.schooljaar, kop.schooljaarVorig],
    rows: items.map((it) => ({
      label: it.label ?? indicatorDef(it.code).label,
      cells: cols.map((sj) => (F.has(it.code, gebied, sj, it.dims) ? F.get(it.code, gebied, sj, it.dims) : MISSING)),
    })),
    codes: items.map((it) => it.code),
  };
}

/** One indicator by one dimension for the region: this quarter beside the same quarter a year earlier. */
function naarCategorie(F: Figures, gebied: string, p: KwartaalPerioden, kop: { kwartaal: string; vorig: string }, o: { code: string; dim: Dimension; title: string }): TableBlock {
  const cats = orderCodes(o.dim, F.categories(o.code, o.dim));
  const cols = [p.kwartaal, p.kwartaalVorigJaar];
  return {
    kind: 'table',
    title: o.title,
    head: ['', kop.kwartaal, kop.vorig],
    rows: [
      ...cats.map((c) => ({ label: label(o.dim, c), cells: cols.map((sj) => F.get(o.code, gebied, sj, { [o.dim]: c })) })),
      { label: 'Totaal', total: true, cells: cols.map((sj) => F.get(o.code, gebied, sj)) },
    ],
    codes: [o.code],
  };
}

export function kwartaalChapters(F: Figures, config: RegionConfig, p: KwartaalPerioden, namen: { kwartaal: string; vorig: string; schooljaar: string; schooljaarVorig: string }): Chapter[] {
  const regio = config.regio.code;
  const areas = [...[...config.gemeenten].sort((a, b) => a.naam.localeCompare(b.naam, 'nl')).map((g) => ({ code: g.code, naam: g.naam })), { code: regio, naam: `Regio ${config.regio.naam}`, total: true }];
  const q = (code: string, lbl: string, dims?: Partial<Record<Dimension, string>>) => ({ code, label: lbl, dims });
  return [
    {
      id: 'regio',
      title: 'Kerncijfers van de regio',
      intro: `Het ${namen.kwartaal} naast hetzelfde kwartaal een jaar eerder, en het schooljaar tot en met het kwartaal naast dezelfde periode een jaar eerder. Standcijfers (openstaande zaken, verzuim, lopende trajecten) gaan over de laatste dag van het kwartaal en hebben geen schooljaarcijfer.`,
      blocks: [
        perPeriode(F, regio, p, namen, 'Leerplicht', [
          q('KW-MELDINGEN', 'Nieuwe verzuimmeldingen'),
          q('KW-AFGESLOTEN', 'Afgesloten verzuimmeldingen'),
          q('KW-DOORLOOP', 'Doorlooptijd afgesloten meldingen, mediaan (dagen)'),
          q('KW-DOORLOOP-P90', 'Doorlooptijd, 90 procent afgesloten binnen (dagen)'),
          q('KW-BINNEN-3M', 'Afgesloten binnen drie maanden (%)'),
          q('KW-ZAKEN-GEOPEND', 'Geopende zaken'),
          q('KW-ZAKEN-GESLOTEN', 'Gesloten zaken'),
          q('KW-ZAKEN-OPEN', 'Openstaande zaken aan het eind van het kwartaal'),
          q('KW-INTERVENTIES', 'Interventies'),
          q('KW-AV', 'Absoluut verzuimers aan het eind van het kwartaal'),
          q('KW-AV-1000', 'Absoluut verzuimers per 1.000 leer- en kwalificatieplichtigen aan het eind van het kwartaal'),
          q('KW-THUIS', 'Thuiszitters aan het eind van het kwartaal'),
          q('KW-CASELOAD', 'Curatieve meldingen per fte leerplichtambtenaar (twaalf maanden)'),
        ]),
        perPeriode(F, regio, p, namen, 'RMC (Doorstroompunt)', [
          q('KW-RMC-LOPEND', 'Lopende trajecten aan het eind van het kwartaal'),
          q('KW-RMC-NIEUW', 'Nieuwe trajecten'),
          q('KW-RMC-RESULTAAT', 'Afgesloten trajecten'),
        ]),
      ],
    },
    {
      id: 'uitsplitsingen',
      title: 'Uitsplitsingen voor de regio',
      intro: `Waar de cijfers van het ${namen.kwartaal} uit bestaan, naast hetzelfde kwartaal een jaar eerder.`,
      blocks: [
        naarCategorie(F, regio, p, namen, { code: 'KW-MELDINGEN', dim: 'soort', title: 'Nieuwe verzuimmeldingen naar soort' }),
        naarCategorie(F, regio, p, namen, { code: 'KW-ZAKEN-OPEN', dim: 'duur', title: 'Openstaande zaken aan het eind van het kwartaal, naar hoe lang ze openstaan' }),
        naarCategorie(F, regio, p, namen, { code: 'KW-INTERVENTIES', dim: 'soort', title: 'Interventies, van licht naar zwaar' }),
        naarCategorie(F, regio, p, namen, { code: 'KW-RMC-RESULTAAT', dim: 'reden', title: 'Afgesloten RMC-trajecten naar resultaat' }),
      ],
    },
    {
      id: 'gemeenten',
      title: 'Per gemeente',
      intro: `De gemeenten naast elkaar in het ${namen.kwartaal}; een jongere telt mee voor de gemeente waar hij of zij op de datum van de melding, de zaak of het traject woonde.`,
      blocks: [
        byArea(F, p.kwartaal, {
          title: `Meldingen, zaken en interventies, ${namen.kwartaal}`,
          areas,
          columns: [
            q('KW-MELDINGEN', 'Nieuwe meldingen'), q('KW-AFGESLOTEN', 'Afgesloten meldingen'), q('KW-ZAKEN-GEOPEND', 'Geopende zaken'),
            q('KW-ZAKEN-OPEN', 'Open zaken (eind)'), q('KW-INTERVENTIES', 'Interventies'),
          ],
        }),
        byArea(F, p.kwartaal, {
          title: `Verzuim en doorlooptijd, ${namen.kwartaal}`,
          areas,
          columns: [
            q('KW-AV', 'Absoluut verzuim (eind)'), q('KW-AV-1000', 'Per 1.000'), q('KW-THUIS', 'Thuiszitters (eind)'),
            q('KW-DOORLOOP', 'Doorlooptijd (mediaan, dagen)'), q('KW-BINNEN-3M', 'Binnen 3 maanden (%)'),
          ],
        }),
        byArea(F, p.kwartaal, {
          title: `RMC-trajecten, ${namen.kwartaal}`,
          areas,
          columns: [q('KW-RMC-LOPEND', 'Lopend (eind)'), q('KW-RMC-NIEUW', 'Nieuw'), q('KW-RMC-RESULTAAT', 'Afgesloten')],
        }),
        byArea(F, p.kwartaalVorigJaar, {
          title: `Ter vergelijking: ${namen.vorig}`,
          areas,
          columns: [
            q('KW-MELDINGEN', 'Nieuwe meldingen'), q('KW-ZAKEN-OPEN', 'Open zaken (eind)'), q('KW-AV', 'Absoluut verzuim (eind)'),
            q('KW-THUIS', 'Thuiszitters (eind)'), q('KW-RMC-LOPEND', 'RMC lopend (eind)'),
          ],
        }),
      ],
    },
  ];
}
