/**
 * Jaarverslag leerplicht (art. 25 Leerplichtwet) per gemeente: the chapters, what each shows, and the
 * Dutch text around the figures. Statistisch (figures only) or inhoudelijk (figures plus the office's
 * narrative per chapter, see narrative.ts).
 */
import type { Gemeente, RegionConfig } from '../config/load.ts';
import { label } from '../codes.ts';
import { bars, breakdown, byCategory, type Chapter, type Completeness, crosstab, keyFigures, numberFigures, type Scope, trend } from './blocks.ts';
import type { Figures } from './figures.ts';
import { type Narratives, narrativeFor } from './narrative.ts';
import { keyMovements } from './narrative-draft.ts';
import { nationalYardstick } from './landelijk.ts';
import { formatieChapter } from './formatie.ts';


/** The articles of the stock of vrijstellingen, in the law's order (pipeline/codes.ts). */
const VRIJSTELLING_ARTIKELEN = ['3A', '3B', '5A', '5B', '5C', '5A_TREKKEND', '15'];

/** Leer- and kwalificatieplichtigen are at most 18; meldingen and acties need the extract's history of them. */
const LEERPLICHT: Completeness = { maxLeeftijd: 18 };
const MELDINGEN: Completeness = { maxLeeftijd: 18, bron: 'meldingen' };
const ACTIES: Completeness = { maxLeeftijd: 18, bron: 'acties' };

const LAATSTE_ONDERWIJSSOORT = 'Naar de inschrijving op de peildatum; wie toen niet ingeschreven stond, telt bij de laatste onderwijssoort, en wie nooit ingeschreven stond onder "geen inschrijving". Vrijgestelden tellen dus bij de school waar zij het laatst stonden ingeschreven.';

export async function jaarverslagChapters(F: Figures, s: Scope, narratives?: Narratives, config?: RegionConfig): Promise<{ kerncijfers: Chapter; chapters: Chapter[]; voorwoord?: { markdown?: string; missing?: string }; samenvatting: string[]; vergelijking: string[]; landelijkeBronnen: string[] }> {
  const yardstick = nationalYardstick(F, s);
  const kerncijfers: Chapter = {
    id: 'kerncijfers',
    title: 'Kerncijfers',
    intro: `De belangrijkste cijfers van schooljaar ${s.schooljaar} voor ${s.gebied.naam}, naast het jaar ervoor en de regio. Alle aantallen zijn unieke personen, tenzij anders vermeld.`,
    blocks: [
      keyFigures(F, s, `${s.gebied.naam} naast het jaar ervoor en de regio`, [
        { code: 'JV-POP-LP', label: 'Leerplichtigen op de peildatum' },
        { code: 'JV-POP-KP', label: 'Kwalificatieplichtigen op de peildatum' },
        { code: 'LT-AV-TOT' },
        { code: 'JV-AV-1000' },
        { code: 'LT-RV-TOT' },
        { code: 'JV-RV-1000' },
        { code: 'LT-LUXE', label: 'Leerlingen met luxeverzuim' },
        { code: 'JV-THUIS' },
        { code: 'LT-PV-OUDERS' },
        { code: 'LT-PV-JONGERE' },
        { code: 'LT-HALT', label: 'Verwijzingen naar Halt' },
        { code: 'JV-VRIJ-TOEGEKEND' },
      ]),
      yardstick.block,
    ],
  };

  const chapters: Chapter[] = [
    {
      id: 'leerplichtigen',
      title: 'Leerplichtigen en kwalificatieplichtigen',
      intro: 'Leerplichtig is een kind vanaf de eerste dag van de maand na de vijfde verjaardag tot en met 31 juli van het schooljaar waarin het 16 wordt. Daarna is een jongere kwalificatieplichtig tot de 18e verjaardag of tot het behalen van een startkwalificatie (havo, vwo of mbo niveau 2). De aantallen zijn geteld op de peildatum.',
      blocks: [
        await trend(F, s, { code: 'JV-POP-LP', title: 'Leerplichtigen op de peildatum', volledig: LEERPLICHT }),
        breakdown(F, s, { code: 'JV-POP-LP', dim: 'onderwijssoort', title: 'Leerplichtigen naar huidige of laatste onderwijssoort', note: LAATSTE_ONDERWIJSSOORT }),
        breakdown(F, s, { code: 'JV-POP-KP', dim: 'onderwijssoort', title: 'Kwalificatieplichtigen naar huidige of laatste onderwijssoort', note: LAATSTE_ONDERWIJSSOORT }),
        await bars(F, s, { code: 'JV-POP-LP', dim: 'leeftijd', title: `Leerplichtigen naar leeftijd, ${s.gebied.naam}` }),
      ],
    },
    {
      id: 'absoluut-verzuim',
      title: 'Absoluut verzuim',
      intro: 'Een leer- of kwalificatieplichtige jongere die niet op een school staat ingeschreven en geen vrijstelling heeft, is een absoluut verzuimer. Dagen in de zomervakantie tellen niet mee, zodat een leerling die in de zomer van school wisselt geen absoluut verzuimer is.',
      blocks: [
        await trend(F, s, { code: 'JV-AV-1000', title: 'Absoluut verzuimers per 1.000 leer- en kwalificatieplichtigen', volledig: LEERPLICHT }),
        keyFigures(F, s, 'Absoluut verzuim', [
          { code: 'LT-AV-TOT' },
          { code: 'LT-AV-3M', label: 'waarvan langer dan 3 maanden' },
          { code: 'LT-AV-OPGELOST', label: 'waarvan opgelost voor het einde van het schooljaar' },
        ]),
        breakdown(F, s, { code: 'LT-AV-TOT', dim: 'onderwijssoort', title: 'Absoluut verzuimers naar laatste onderwijssoort', note: 'Een absoluut verzuimer staat nergens ingeschreven: geteld is de onderwijssoort van de laatste inschrijving. Wie nooit ingeschreven stond, staat onder "geen inschrijving".' }),
      ],
    },
    {
      id: 'relatief-verzuim',
      title: 'Relatief verzuim',
      intro: 'Een leerling die wel is ingeschreven maar zonder geldige reden wegblijft, verzuimt relatief. Scholen moeten 16 uur ongeoorloofd verzuim in 4 weken melden. Langdurig relatief verzuim duurt langer dan 4 weken; luxeverzuim is op vakantie gaan zonder verlof. Signaalverzuim is verzuim van minder dan 16 uur dat een school toch meldt omdat zij zich zorgen maakt, bijvoorbeeld bij vaak ziekmelden. Overig verzuim is ander ongeoorloofd verzuim onder de meldingsgrens, zoals herhaald te laat komen. Relatief verzuimers zijn de leerlingen met een melding van 16 uur, langdurig relatief verzuim of luxeverzuim van 16 uur of meer; signaalverzuim en overig verzuim tellen daar niet in mee. Ingetrokken meldingen tellen niet mee.',
      blocks: [
        await trend(F, s, { code: 'JV-RV-1000', title: 'Relatief verzuimers per 1.000 leer- en kwalificatieplichtigen', volledig: MELDINGEN }),
        keyFigures(F, s, 'Relatief verzuim (leerlingen)', [
          { code: 'LT-RV-TOT' },
          { code: 'LT-RV-HERH', label: 'waarvan twee of meer meldingen 16 uur' },
          { code: 'LT-LUXE', label: 'Leerlingen met luxeverzuim' },
          { code: 'LT-LRV-START', label: 'Langdurig relatief verzuim lopend op 1 augustus' },
          { code: 'LT-LRV-NIEUW', label: 'Langdurig relatief verzuim nieuw in het schooljaar' },
          { code: 'LT-LRV-3M', label: 'Langdurig relatief verzuim langer dan 3 maanden' },
        ]),
        crosstab(F, s, { code: 'JV-RV-MELDINGEN', rowDim: 'soort', colDim: 'onderwijssoort', title: `Verzuimmeldingen naar soort en onderwijssoort, ${s.gebied.naam}` }),
        breakdown(F, s, { code: 'JV-RV-LEERLINGEN', dim: 'soort', title: 'Leerlingen met een verzuimmelding, naar soort' }),
      ],
    },
    {
      id: 'thuiszitters',
      title: 'Thuiszitters',
      intro: 'Thuiszitters zijn leer- en kwalificatieplichtige jongeren die in het schooljaar niet naar school gingen: ingeschreven maar meer dan vier weken ongeoorloofd afwezig, of (volgens de definitie van OCW) nergens ingeschreven zonder vrijstelling. Ook wie korter dan drie maanden thuiszat telt mee; de tabel naar duur laat zien hoeveel jongeren langer dan drie maanden thuiszaten. De gekozen definitie staat in de colofon.',
      blocks: [
        await trend(F, s, { code: 'JV-THUIS', title: 'Thuiszitters', volledig: MELDINGEN }),
        breakdown(F, s, { code: 'JV-THUIS', dim: 'duur', title: 'Thuiszitters naar duur' }),
      ],
    },
    {
      id: 'handhaving',
      title: 'Handhaving en interventies',
      intro: 'De leerplichtambtenaar kan een gesprek voeren, waarschuwen, verwijzen naar Halt (12 tot 18 jaar), een proces-verbaal opmaken tegen ouders of jongere, of doorverwijzen naar zorg. De aantallen zijn acties, geen personen.',
      blocks: [
        byCategory(F, s, {
          dim: 'soort',
          title: 'Interventies van licht naar zwaar',
          note: 'Acties: het aantal keren dat de interventie is ingezet. Zaken: het aantal dossiers met minstens één interventie van die soort; een dossier met meerdere soorten telt in het totaal één keer.',
          columns: [
            { code: 'JV-INTERVENTIES', gebied: s.gebied, label: `Acties ${s.gebied.naam}` },
            { code: 'JV-INTERVENTIES-ZAKEN', gebied: s.gebied, label: `Zaken ${s.gebied.naam}` },
            ...(s.vergelijk ? [{ code: 'JV-INTERVENTIES', gebied: s.vergelijk, label: `Acties ${s.vergelijk.naam}` }] : []),
          ],
        }),
        await trend(F, s, { code: 'LT-PV-OUDERS', title: 'Processen-verbaal tegen ouders', volledig: ACTIES }),
      ],
    },
    {
      id: 'verlof',
      title: 'Verlof',
      intro: 'Vakantieverlof (artikel 13a, hooguit 10 dagen) wordt door de school verleend. Verlof wegens gewichtige omstandigheden (artikel 14) van meer dan 10 dagen beslist de leerplichtambtenaar.',
      blocks: [
        crosstab(F, s, { code: 'JV-VERLOF', rowDim: 'artikel', colDim: 'besluit', title: `Verlofaanvragen naar artikel en besluit, ${s.gebied.naam}` }),
        breakdown(F, s, { code: 'JV-VERLOF', dim: 'beslisser', title: 'Verlofaanvragen naar beslisser' }),
        keyFigures(F, s, 'Bezwaar', [{ code: 'JV-VERLOF-BEZWAAR', label: 'Aanvragen waartegen bezwaar is gemaakt' }]),
      ],
    },
    {
      id: 'vrijstellingen',
      title: 'Vrijstellingen',
      intro: 'Een vrijstelling ontheft van de plicht om ingeschreven te staan: omdat een kind lichamelijk of psychisch niet geschikt is om naar school te gaan (artikel 5 onder a), omdat de ouders bedenkingen hebben tegen de richting van het onderwijs op alle scholen in de buurt (artikel 5 onder b), omdat het kind in het buitenland naar school gaat (artikel 5 onder c), of omdat de ouders een trekkend bestaan leiden, zoals op de kermis of in het circus (artikel 5a). Artikel 15 geeft vrijstelling van de kwalificatieplicht voor wie ander onderwijs volgt. Vervangende leerplicht (artikel 3a en 3b) telt als het voldoen aan de leerplicht.',
      blocks: [
        breakdown(F, s, { code: 'JV-VRIJ-AANGEVRAAGD', dim: 'artikel', title: 'Aangevraagde vrijstellingen naar artikel' }),
        breakdown(F, s, { code: 'JV-VRIJ-TOEGEKEND', dim: 'artikel', title: 'Toegekende vrijstellingen naar artikel' }),
        keyFigures(F, s, 'Jongeren met een geldige vrijstelling of vervangende leerplicht', VRIJSTELLING_ARTIKELEN.map((a) => ({ code: `LT-VR-${a}`, label: label('artikel', a) }))),
      ],
    },
    {
      id: 'doorlooptijden',
      title: 'Afhandeling en doorlooptijden',
      intro: 'Hoe meldingen zijn afgesloten, hoeveel er op 31 juli nog openstonden, en hoe lang de afhandeling duurde (mediaan: de helft van de meldingen was sneller afgehandeld).',
      blocks: [
        breakdown(F, s, { code: 'JV-AFHANDELING', dim: 'reden', fixed: { status: 'AFGESLOTEN' }, title: 'Afgesloten meldingen naar reden van afsluiting' }),
        keyFigures(F, s, 'Meldingen die op 31 juli nog openstonden', [{ code: 'JV-AFHANDELING', label: 'Nog open op 31 juli', dims: { status: 'OPEN' } }]),
        breakdown(F, s, { code: 'JV-DOORLOOP', dim: 'soort', title: 'Doorlooptijd in dagen (mediaan) naar soort melding', total: false }),
        await trend(F, s, { code: 'JV-DOORLOOP', title: 'Doorlooptijd in dagen (mediaan), alle meldingen', volledig: MELDINGEN }),
      ],
    },
  ];
  if (narratives) {
    for (const ch of chapters) ch.narrative = narrativeFor(narratives, s.gebied.code, ch.id);
  }
  // The office's formatie, for the gemeenten whose leerplicht it executes (the inhoudelijk variant).
  const formatie = narratives && config ? formatieChapter(F, s, config) : undefined;
  if (formatie) chapters.push(formatie);
  numberFigures(chapters);
  return { kerncijfers, chapters, voorwoord: narratives ? narrativeFor(narratives, s.gebied.code, 'voorwoord') : undefined, samenvatting: keyMovements(F, s), vergelijking: yardstick.zinnen, landelijkeBronnen: yardstick.bronnen };
}

export function regionScope(config: RegionConfig, g: Gemeente, schooljaar: string): Scope {
  return {
    gebied: { code: g.code, naam: g.naam },
    vergelijk: { code: config.regio.code, naam: `Regio ${config.regio.naam}` },
    schooljaar,
  };
}
