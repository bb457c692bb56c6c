/**
 * What the figures show, in plain Dutch: direction and size of the change against last year and the
 * comparison with the region, from the published figures (never a number computed here that is not a
 * difference of two published ones). Used for the narrative drafts (`leerplicht narratief`) and for the
 * samenvatting of the jaarverslag.
 */
import { getal } from '../format/index.ts';
import type { Scope } from './blocks.ts';
import type { Cell, Figures } from './figures.ts';

/** The chapters' main figures: which ones the draft text and the samenvatting describe. */
export const CHAPTER_FIGURES: Record<string, { code: string; wat: string; rate?: { code: string; wat: string } }[]> = {
  leerplichtigen: [
    { code: 'JV-POP-LP', wat: 'leerplichtigen' },
    { code: 'JV-POP-KP', wat: 'kwalificatieplichtigen' },
  ],
  'absoluut-verzuim': [{ code: 'LT-AV-TOT', wat: 'absoluut verzuimers', rate: { code: 'JV-AV-1000', wat: 'absoluut verzuimers per 1.000 leer- en kwalificatieplichtigen' } }],
  'relatief-verzuim': [
    { code: 'LT-RV-TOT', wat: 'relatief verzuimers', rate: { code: 'JV-RV-1000', wat: 'relatief verzuimers per 1.000 leer- en kwalificatieplichtigen' } },
    { code: 'LT-LUXE', wat: 'leerlingen met luxeverzuim' },
  ],
  thuiszitters: [{ code: 'JV-THUIS', wat: 'thuiszitters' }],
  handhaving: [
    { code: 'JV-INTERVENTIES', wat: 'interventies' },
    { code: 'LT-PV-OUDERS', wat: 'processen-verbaal tegen ouders' },
  ],
  verlof: [{ code: 'JV-VERLOF', wat: 'verlofaanvragen' }],
  vrijstellingen: [{ code: 'JV-VRIJ-TOEGEKEND', wat: 'toegekende vrijstellingen' }],
  doorlooptijden: [{ code: 'JV-DOORLOOP', wat: 'dagen mediane doorlooptijd van een verzuimmelding' }],
};

/** A published value as text; undefined when hidden (a draft says nothing about a hidden figure, not even that it is small). */
function shown(c: Cell, decimals = 0): string | undefined {
  if (c.suppressed || c.value === null) return undefined;
  return getal(c.value, decimals, decimals);
}

export interface Movement {
  /** One sentence. */
  zin: string;
  /** Relative size of the change against last year (0 when unknown), to pick the largest movements. */
  gewicht: number;
  /** Whether the figure changed against last year (both years shown and different). */
  veranderd: boolean;
}

/** Sentences about one figure: this year, against last year, and (for a rate) against the region. */
export function describe(F: Figures, s: Scope, f: { code: string; wat: string; rate?: { code: string; wat: string } }): Movement | undefined {
  const i = F.schooljaren.indexOf(s.schooljaar);
  const vorig = i > 0 ? F.schooljaren[i - 1] : undefined;
  const nu = F.get(f.code, s.gebied.code, s.schooljaar);
  const tekst = shown(nu);
  if (tekst === undefined) return undefined;
  let zin = f.code === 'JV-DOORLOOP'
    ? `In ${s.schooljaar} was een verzuimmelding in ${s.gebied.naam} in de helft van de gevallen binnen ${tekst} dagen afgehandeld`
    : `In ${s.schooljaar} telde ${s.gebied.naam} ${tekst} ${f.wat}`;
  let gewicht = 0;
  let veranderd = false;
  const oud = vorig ? F.get(f.code, s.gebied.code, vorig) : undefined;
  if (oud && !nu.suppressed && !oud.suppressed && nu.value !== null && oud.value !== null) {
    const d = nu.value - oud.value;
    const pct = oud.value > 0 ? Math.round((100 * d) / oud.value) : undefined;
    gewicht = oud.value > 0 ? Math.abs(d) / oud.value : 0;
    veranderd = d !== 0;
    if (d === 0) zin += `, evenveel als in ${vorig}`;
    else zin += `, ${getal(Math.abs(d))} ${d > 0 ? 'meer' : 'minder'} dan in ${vorig}${pct !== undefined && pct !== 0 ? ` (${d > 0 ? '+' : '−'}${Math.abs(pct)}%)` : ''}`;
  }
  zin += '.';
  if (f.rate && s.vergelijk) {
    const r = F.get(f.rate.code, s.gebied.code, s.schooljaar);
    const rr = F.get(f.rate.code, s.vergelijk.code, s.schooljaar);
    const a = shown(r, 1);
    const b = shown(rr, 1);
    if (a !== undefined && b !== undefined && r.value !== null && rr.value !== null) {
      // As the reader sees them: 25,3 against 25,3 is "even hoog als", whatever the decimals behind it.
      const vgl = a === b ? 'even hoog als' : r.value > rr.value ? 'hoger dan' : 'lager dan';
      zin += ` Dat zijn ${a} ${f.rate.wat}, ${vgl} in ${s.vergelijk.naam.startsWith('Regio') ? 'de regio' : s.vergelijk.naam} (${b}).`;
    }
  }
  return { zin, gewicht, veranderd };
}

/** Everything the figures of one chapter show, as sentences. */
export function chapterFacts(F: Figures, s: Scope, chapter: string): string[] {
  return (CHAPTER_FIGURES[chapter] ?? []).map((f) => describe(F, s, f)?.zin).filter((z): z is string => z !== undefined);
}

/** The five largest movements against last year over all chapters, for the samenvatting (only figures that changed). */
export function keyMovements(F: Figures, s: Scope, n = 5): string[] {
  const all = Object.values(CHAPTER_FIGURES).flat().map((f) => describe(F, s, f)).filter((m): m is Movement => m !== undefined && m.veranderd);
  return [...all].sort((a, b) => b.gewicht - a.gewicht).slice(0, n).map((m) => m.zin);
}

/** What the leerplichtambtenaar is asked to write per chapter (after the generated facts). */
const PROMPTS: Record<string, string[]> = {
  voorwoord: ['voorwoord van de wethouder of van het hoofd van het bureau: wat was het belangrijkste van dit schooljaar, en wat vraagt het van de raad?'],
  leerplichtigen: ['bijzonderheden over de groep leerplichtigen en kwalificatieplichtigen, zoals nieuwkomers, verhuizingen of nieuwe scholen.'],
  'absoluut-verzuim': ['wie zijn de absoluut verzuimers, waarom stonden zij niet ingeschreven, en hoe heeft het bureau hen weer naar school geleid?'],
  'relatief-verzuim': ['wat zit achter het verzuim: welke scholen en leeftijden, welke oorzaken, en welke afspraken zijn met scholen gemaakt?'],
  thuiszitters: ['hoe is met thuiszitters gewerkt (samenwerkingsverbanden, zorg, maatwerk), en wat staat een snelle terugkeer in de weg?'],
  handhaving: ['hoe zet het bureau zijn instrumenten in, van gesprek tot proces-verbaal, en wat was de uitkomst?'],
  verlof: ['ontwikkelingen in verlofaanvragen en in de afstemming met scholen over vakantieverlof.'],
  vrijstellingen: ['ontwikkelingen in vrijstellingen, met name artikel 5 onder a, en de inzet van de jeugdarts.'],
  doorlooptijden: ['hoe snel werden meldingen opgepakt, en wat verklaart lange doorlooptijden?'],
};

/** The Markdown draft of one chapter: the facts from the figures, then the marked places to write. */
export function draftText(F: Figures | undefined, s: Scope, chapter: string, marker: string): string {
  const facts = F ? chapterFacts(F, s, chapter) : [];
  const parts: string[] = [];
  if (facts.length) parts.push(`**Wat de cijfers laten zien.** ${facts.join(' ')}`);
  for (const p of PROMPTS[chapter] ?? []) parts.push(`${marker}: ${p}]`);
  if (chapter !== 'voorwoord') parts.push(`${marker}: welk beleid en welke aanpak volgen hieruit voor het komende schooljaar?]`);
  return `${parts.join('\n\n')}\n`;
}
