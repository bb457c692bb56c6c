/**
 * RMC effectrapportage per RMC-regio (Doorstroompunt), with every gemeente of the region broken down.
 * Three time frames: the VSV-teljaar (1 October t to 1 October t+1) for new vsv'ers and JIKP, the
 * verslagperiode (1 August to 1 August) for the rest; see the definitions appendix.
 */
import type { RegionConfig } from '../config/load.ts';
import { bars, breakdown, byArea, type Chapter, type Completeness, keyFigures, numberFigures, type Scope, trend } from './blocks.ts';
import type { Figures } from './figures.ts';
import { Schooljaar } from '../schooljaar.ts';

/** RMC groups are at most 22 at the end of a period (to their 23rd birthday); the teljaar ends on 1 October. */
const RMC: Completeness = { maxLeeftijd: 22 };
const TELJAAR: Completeness = { maxLeeftijd: 22, periodeEinde: '10-01' };

export interface RmcRegion {
  code: string;
  naam: string;
  gemeenten: { code: string; naam: string }[];
  contactgemeente?: { code: string; naam: string };
  /** Number of gemeenten of the whole RMC region (reference data); more than `gemeenten` when partial. */
  totaal: number;
}

/** The RMC regions a configuration's gemeenten belong to (usually one). */
export function rmcRegions(config: RegionConfig, rmcOf: Record<string, { code: string; naam: string; contactgemeente?: { code: string; naam: string } }>): RmcRegion[] {
  const out = new Map<string, RmcRegion>();
  for (const g of config.gemeenten) {
    const r = rmcOf[g.code] ?? config.regio.rmc_regio;
    if (!r) continue;
    const totaal = Object.values(rmcOf).filter((x) => x.code === r.code).length;
    if (!out.has(r.code)) out.set(r.code, { code: r.code, naam: r.naam, gemeenten: [], totaal });
    out.get(r.code)!.gemeenten.push({ code: g.code, naam: g.naam });
  }
  for (const r of out.values()) {
    // A reader looks a gemeente up by name (a national configuration lists them by code).
    r.gemeenten.sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
    // The reference data names the contactgemeente of the whole RMC region; else the config's, if it lies in it.
    const ref = Object.values(rmcOf).find((x) => x.code === r.code && x.contactgemeente)?.contactgemeente;
    const c = ref ?? r.gemeenten.find((g) => g.code === config.contactgemeente);
    if (c) r.contactgemeente = c;
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** True when the office covers only part of the RMC region: it then delivers a contribution, not the report. */
export function isPartial(r: RmcRegion): boolean {
  return r.gemeenten.length < r.totaal;
}

/** The document's title: the effectrapportage, or the contribution to the contactgemeente's effectrapportage. */
export function rmcTitle(r: RmcRegion, schooljaar: string): string {
  if (!isPartial(r)) return `RMC effectrapportage ${schooljaar} – ${r.naam}`;
  return `Bijdrage aan de effectrapportage ${schooljaar} van RMC-regio ${r.naam}${r.contactgemeente ? ` (contactgemeente ${r.contactgemeente.naam})` : ''}`;
}

/** 1 October after the teljaar of `schooljaar` (when its new-vsv figures become available). */
export function teljaarEinde(schooljaar: string): string {
  return Schooljaar.parse(schooljaar).teljaar.tot;
}

export async function rmcChapters(F: Figures, r: RmcRegion, schooljaar: string, regioNaam: string): Promise<{ samenvatting: Chapter; chapters: Chapter[] }> {
  // When the office covers only part of the RMC region, its figures are the total of its own gemeenten: say so.
  const partial = isPartial(r);
  const gebiedNaam = partial ? (r.gemeenten.length === 1 ? r.gemeenten[0].naam : `Gemeenten van regio ${regioNaam}`) : `RMC-regio ${r.naam}`;
  const s: Scope = { gebied: { code: r.code, naam: gebiedNaam }, schooljaar };
  // One gemeente: its figures are the total, so the total row is the only row (no duplicate).
  const areas = r.gemeenten.length === 1 ? [{ code: r.code, naam: gebiedNaam }] : [...r.gemeenten, { code: r.code, naam: partial ? 'Totaal van deze gemeenten' : gebiedNaam, total: true }];
  const vsvBeschikbaar = F.has('RMC-VSV-NIEUW', r.code, schooljaar);
  const nietBeschikbaar = `De cijfers over nieuwe voortijdig schoolverlaters van teljaar ${schooljaar} zijn nog niet beschikbaar: het teljaar loopt tot 1 oktober ${Schooljaar.parse(schooljaar).end}; ze zijn beschikbaar vanaf ${teljaarEinde(schooljaar)} met een extract van na die datum.`;

  const samenvatting: Chapter = {
    id: 'samenvatting',
    title: 'Samenvatting',
    intro: partial
      ? `Regio ${regioNaam} voert de RMC-functie (Doorstroompunt) uit voor ${r.gemeenten.map((g) => g.naam).join(', ')}, ${r.gemeenten.length === 1 ? 'dat' : 'die'} tot RMC-regio ${r.naam} (${r.code}) ${r.gemeenten.length === 1 ? 'behoort' : 'behoren'}. Deze bijdrage bevat de cijfers over ${schooljaar} voor ${r.gemeenten.length === 1 ? 'die gemeente' : 'die gemeenten'}, voor de effectrapportage die ${r.contactgemeente ? `contactgemeente ${r.contactgemeente.naam}` : 'de contactgemeente'} voor de hele RMC-regio opstelt. De totalen gaan alleen over ${r.gemeenten.length === 1 ? 'deze gemeente' : 'deze gemeenten'}. Alle aantallen zijn unieke jongeren, tenzij anders vermeld.`
      : `De effectrapportage van de Regionale Meld- en Coördinatiefunctie (RMC, Doorstroompunt) van RMC-regio ${r.naam} over ${schooljaar}. Alle aantallen zijn unieke jongeren, tenzij anders vermeld.`,
    blocks: [
      keyFigures(F, s, 'Kerncijfers', [
        { code: 'RMC-VSV-NIEUW', label: "Nieuwe voortijdig schoolverlaters (teljaar)", volledig: TELJAAR },
        { code: 'RMC-VSV-PCT', label: 'Percentage nieuwe vsv\'ers', volledig: TELJAAR },
        { code: 'RMC-OUD-VSV', label: "Oud-vsv'ers (18–22 jaar, zonder startkwalificatie en niet op school)", volledig: RMC },
        { code: 'RMC-TRAJECTEN', label: 'RMC-trajecten in de verslagperiode', volledig: RMC },
        { code: 'RMC-BEREIKT-PCT', label: 'Percentage trajecten waarin de jongere is bereikt', volledig: RMC },
        { code: 'RMC-TERUGGELEID', label: 'Teruggeleid naar onderwijs of werk met opleiding', volledig: RMC },
        { code: 'RMC-18PLUS-PERSONEN', label: 'Jongeren met een melding 18+ verzuim', volledig: RMC },
        { code: 'RMC-JIKP', label: 'Jongeren in een kwetsbare positie (JIKP)', volledig: TELJAAR },
      ]),
    ],
  };

  const chapters: Chapter[] = [
    {
      id: 'regio',
      title: 'De regio',
      intro: `${partial ? `Dit verslag beschrijft ${r.gemeenten.length === 1 ? `1 van de ${r.totaal} gemeenten` : `${r.gemeenten.length} van de ${r.totaal} gemeenten`} van RMC-regio ${r.naam} (${r.code}): ${r.gemeenten.length === 1 ? 'de gemeente' : 'de gemeenten'} van regio ${regioNaam}. De totalen gaan over ${r.gemeenten.length === 1 ? 'deze gemeente' : 'deze gemeenten'}, niet over de hele RMC-regio.` : `RMC-regio ${r.naam} (${r.code}) bestaat uit ${r.gemeenten.length} gemeenten.`}${r.contactgemeente ? ` Contactgemeente is ${r.contactgemeente.naam}: zij ontvangt de rijksbijdrage en coördineert de RMC-functie.` : ''} Jongeren tellen mee voor de gemeente waar zij in de BRP stonden ingeschreven.`,
      blocks: [
        byArea(F, schooljaar, {
          title: 'Deelnemende gemeenten',
          areas,
          columns: [
            { code: 'RMC-VSV-NIEUW', label: "Nieuwe vsv'ers" },
            { code: 'RMC-OUD-VSV', label: "Oud-vsv'ers" },
            { code: 'RMC-TRAJECTEN', label: 'Trajecten' },
          ],
        }),
      ],
    },
    {
      id: 'nieuwe-vsv',
      title: 'Nieuwe voortijdig schoolverlaters',
      intro: `Een nieuwe voortijdig schoolverlater (DUO-definitie) stond op 1 oktober van het begin van het teljaar ingeschreven in het bekostigd voortgezet onderwijs, mbo of vavo, was toen 12 tot en met 21 jaar, en stond een jaar later nergens ingeschreven zonder een startkwalificatie te hebben, terwijl hij nog in Nederland woonde.${vsvBeschikbaar ? '' : ` ${nietBeschikbaar}`}`,
      blocks: [
        await trend(F, s, { code: 'RMC-VSV-PCT', title: `Percentage nieuwe vsv'ers, ${gebiedNaam}`, volledig: TELJAAR }),
        byArea(F, schooljaar, {
          title: `Nieuwe vsv'ers per gemeente, teljaar ${schooljaar}`,
          areas,
          columns: [
            { code: 'RMC-VSV-NIEUW', label: "Nieuwe vsv'ers" },
            { code: 'RMC-VSV-PCT', label: 'Percentage' },
          ],
        }),
      ],
    },
    {
      id: 'oud-vsv',
      title: "Oud-voortijdig schoolverlaters",
      intro: 'Jongeren van 18 tot en met 22 jaar aan het einde van de verslagperiode die in de regio wonen, niet op school staan ingeschreven en geen startkwalificatie hebben.',
      blocks: [await trend(F, s, { code: 'RMC-OUD-VSV', title: "Oud-vsv'ers", volledig: RMC })],
    },
    {
      id: 'trajecten',
      title: 'RMC-trajecten',
      intro: 'Trajecten van de trajectbegeleiders die in de verslagperiode liepen, naar doelgroep; hoe vaak de jongere is bereikt (eerste contact) en met welk resultaat de in de periode afgesloten trajecten eindigden.',
      blocks: [
        breakdown(F, s, { code: 'RMC-TRAJECTEN', dim: 'soort', title: 'Lopende trajecten naar doelgroep' }),
        keyFigures(F, s, 'Bereik', [
          { code: 'RMC-BEREIKT', label: 'Trajecten waarin de jongere is bereikt', volledig: RMC },
          { code: 'RMC-BEREIKT-PCT', label: 'Percentage bereikt', volledig: RMC },
        ]),
        await bars(F, s, { code: 'RMC-RESULTAAT', dim: 'reden', title: 'Afgesloten trajecten naar resultaat' }),
        breakdown(F, s, { code: 'RMC-TERUGGELEID', dim: 'soort', title: 'Voortijdig schoolverlaters teruggeleid naar onderwijs, werk met opleiding of startkwalificatie', note: 'Alleen trajecten van nieuwe en oude voortijdig schoolverlaters; de resultaten hierboven gaan over alle afgesloten trajecten, ook die van jongeren in een kwetsbare positie en van verzuim 18+. Daarom is dit aantal kleiner dan de som van de resultaten onderwijs en werk met opleiding.' }),
      ],
    },
    {
      id: 'verzuim-18plus',
      title: 'Verzuim 18+',
      intro: 'Meldingen van scholen over verzuim van jongeren van 18 jaar en ouder zonder startkwalificatie (Doorstroompunt).',
      blocks: [
        byArea(F, schooljaar, {
          title: 'Verzuim 18+ per gemeente',
          areas,
          columns: [
            { code: 'RMC-18PLUS', label: 'Meldingen' },
            { code: 'RMC-18PLUS-PERSONEN', label: 'Jongeren' },
          ],
        }),
      ],
    },
    {
      id: 'jikp',
      title: 'Jongeren in een kwetsbare positie',
      intro: `Jongeren van 16 tot en met 22 jaar die op 1 oktober in het praktijkonderwijs, vmbo basisberoepsgerichte leerweg, voortgezet speciaal onderwijs of mbo niveau 1 zaten, en waar zij een jaar later stonden.${vsvBeschikbaar ? '' : ` ${nietBeschikbaar}`}`,
      blocks: [breakdown(F, s, { code: 'RMC-JIKP', dim: 'status', title: 'JIKP naar situatie een jaar later' })],
    },
  ];
  // A contribution: the samenvatting says whose figures these are, so no chapter about the region.
  // For one gemeente, a table of one row repeats the kerncijfers: left out (a chapter keeps its text, and says
  // where its figures are when nothing else is left).
  const single = (c: Chapter): Chapter => {
    const blocks = c.blocks.filter((b) => b.kind !== 'table' || b.rows.length > 1);
    return { ...c, blocks, intro: blocks.length ? c.intro : `${c.intro} De cijfers van ${gebiedNaam} staan in de kerncijfers bij de samenvatting.` };
  };
  const shown = partial ? chapters.filter((c) => c.id !== 'regio').map((c) => (r.gemeenten.length === 1 ? single(c) : c)) : chapters;
  numberFigures(shown);
  return { samenvatting, chapters: shown };
}
