/**
 * The one code list: every code that appears as a breakdown category (soort, artikel, reden, …) with its
 * Dutch label, in the order a reader expects (the law's order for articles, escalation order for
 * interventions), not as text sorts. Reports print these labels, never the codes; the monitors' dataset
 * publishes the same list (codeList()) so an analyst can translate a code the way the reports do.
 */

export interface Code {
  code: string;
  label: string;
  /** Short form for the column headers of wide tables. */
  kort?: string;
}

const c = (code: string, label: string, kort?: string): Code => ({ code, label, ...(kort ? { kort } : {}) });

/** Per dimension, the codes in reading order. */
export const CODES: Record<string, Code[]> = {
  soort: [
    // verzuimmeldingen
    c('16_UUR', '16 uur ongeoorloofd verzuim in 4 weken'),
    c('LRV', 'Langdurig relatief verzuim (meer dan 4 weken)'),
    c('LUXE', 'Luxeverzuim (vakantie zonder verlof)'),
    c('SIGNAAL', 'Signaalverzuim (minder dan 16 uur, gemeld uit zorg)'),
    c('OVERIG', 'Overig verzuim (bijvoorbeeld vaak te laat)'),
    c('18_PLUS', 'Verzuim van jongeren van 18 jaar en ouder'),
    c('VERZUIM_18_PLUS', 'Verzuim van jongeren van 18 jaar en ouder'),
    // interventies, in escalation order
    c('GESPREK', 'Gesprek'),
    c('HUISBEZOEK', 'Huisbezoek'),
    c('WAARSCHUWING', 'Waarschuwing'),
    c('ZORG', 'Verwijzing naar zorg of jeugdhulp'),
    c('VEILIG_THUIS', 'Melding bij Veilig Thuis'),
    c('RVDK', 'Melding bij de Raad voor de Kinderbescherming'),
    c('HALT', 'Verwijzing naar Halt'),
    c('PV_JONGERE', 'Proces-verbaal tegen de jongere'),
    c('PV_OUDERS', 'Proces-verbaal tegen de ouders'),
    c('DOORGELEIDING_OM', 'Doorgeleiding naar het Openbaar Ministerie'),
    // zaken (case files)
    c('ABSOLUUT', 'Absoluut verzuim'),
    c('RELATIEF', 'Relatief verzuim'),
    c('THUISZITTER', 'Thuiszitter'),
    c('RMC', 'RMC-traject'),
    // RMC doelgroepen
    c('NIEUW_VSV', "Nieuwe voortijdig schoolverlaters"),
    c('OUD_VSV', "Oud-voortijdig schoolverlaters"),
    c('JIKP', 'Jongeren in een kwetsbare positie'),
  ],
  artikel: [
    // Leerplichtwet 1969, in the law's order
    c('3A', 'Artikel 3a (vervangende leerplicht)'),
    c('3B', 'Artikel 3b (vervangende leerplicht)'),
    c('5A', 'Artikel 5 onder a (lichamelijk of psychisch niet geschikt)'),
    c('5B', 'Artikel 5 onder b (bedenkingen tegen de richting van het onderwijs)'),
    c('5C', 'Artikel 5 onder c (school in het buitenland)'),
    c('5A_TREKKEND', 'Artikel 5a (trekkend bestaan van de ouders)'),
    c('13A', 'Artikel 13a (vakantieverlof)'),
    c('14', 'Artikel 14 (gewichtige omstandigheden)'),
    c('15', 'Artikel 15 (vrijstelling kwalificatieplicht, ander onderwijs)'),
  ],
  beslisser: [c('SCHOOL', 'School'), c('LEERPLICHTAMBTENAAR', 'Leerplichtambtenaar')],
  besluit: [c('TOEGEKEND', 'Toegekend'), c('AFGEWEZEN', 'Afgewezen'), c('INGETROKKEN', 'Ingetrokken')],
  reden: [
    // afsluiting van verzuimmeldingen
    c('TERUG_NAAR_SCHOOL', 'Terug naar school'),
    c('ANDERE_OPLEIDING', 'Andere opleiding'),
    c('WERK', 'Werk'),
    c('LANGDURIG_ZIEK', 'Langdurig ziek'),
    c('LEGITIEM_AFWEZIG', 'Afwezigheid bleek geoorloofd'),
    c('OVERLEDEN', 'Overleden'),
    c('BEEINDIGD_OVERIG', 'Om een andere reden beëindigd'),
    // resultaat van RMC-trajecten
    c('ONDERWIJS', 'Terug naar onderwijs'),
    c('WERK_MET_OPLEIDING', 'Werk met opleiding'),
    c('ZORG', 'Naar zorg of hulpverlening'),
    c('STARTKWALIFICATIE', 'Startkwalificatie behaald'),
    c('LEEFTIJD', '23 jaar geworden'),
    c('VERHUISD', 'Verhuisd'),
    c('NIET_BEREIKBAAR', 'Niet bereikbaar'),
    c('GEEN_HULP_GEWENST', 'Geen hulp gewenst'),
    c('OVERIG', 'Om een andere reden beëindigd'),
  ],
  duur: [c('<=3m', 'Ten hoogste 3 maanden'), c('>3m', 'Langer dan 3 maanden')],
  status: [
    c('AFGESLOTEN', 'Afgesloten'),
    c('OPEN', 'Nog open op 31 juli'),
    c('MBO1', 'Een jaar later in mbo niveau 1'),
    c('MBO2', 'Een jaar later in mbo niveau 2 of hoger'),
    c('ANDER_ONDERWIJS', 'Een jaar later in ander onderwijs'),
    c('UITGESTROOMD_MET_SK', 'Uitgestroomd met startkwalificatie'),
    c('UITGESTROOMD_ZONDER_SK', 'Uitgestroomd zonder startkwalificatie'),
  ],
  onderwijssoort: [
    c('PO', 'Primair onderwijs', 'PO'),
    c('SO/VSO', 'Speciaal onderwijs (so en vso)', 'SO/VSO'),
    c('VO', 'Voortgezet onderwijs', 'VO'),
    c('MBO', 'Middelbaar beroepsonderwijs', 'MBO'),
    c('overig', 'Overig onderwijs', 'Overig'),
    c('geen onderwijs', 'Geen inschrijving', 'Geen inschrijving'),
  ],
};

const INDEX = new Map<string, Map<string, { code: Code; volgorde: number }>>(
  Object.entries(CODES).map(([dim, list]) => [dim, new Map(list.map((x, i) => [x.code, { code: x, volgorde: i }]))]),
);

/** The Dutch label of a code; a code missing from the list is an error, never printed as it is. */
export function label(dim: string, code: string | number): string {
  if (dim === 'leeftijd') return `${code} jaar`;
  const hit = INDEX.get(dim)?.get(String(code));
  if (!hit) throw new Error(`code list: no Dutch label for ${dim} ${String(code)} (add it to pipeline/codes.ts)`);
  return hit.code.label;
}

export function shortLabel(dim: string, code: string | number): string {
  return INDEX.get(dim)?.get(String(code))?.code.kort ?? label(dim, code);
}

/** Sorts codes of one dimension in reading order (ages numerically; unknown codes last, as text). */
export function orderCodes(dim: string, codes: string[]): string[] {
  if (dim === 'leeftijd') return [...codes].sort((a, b) => Number(a) - Number(b));
  const pos = (x: string) => INDEX.get(dim)?.get(x)?.volgorde ?? Number.MAX_SAFE_INTEGER;
  return [...codes].sort((a, b) => pos(a) - pos(b) || a.localeCompare(b));
}

/** The whole list as rows (dimensie, code, label, volgorde), for the monitors' dataset. */
export function codeList(): { dimensie: string; code: string; label: string; volgorde: number }[] {
  return Object.entries(CODES).flatMap(([dimensie, list]) => list.map((x, i) => ({ dimensie, code: x.code, label: x.label, volgorde: i + 1 })));
}
