/** Dutch display labels for the codes that appear as breakdown categories in reports. */

const LABELS: Record<string, Record<string, string>> = {
  soort: {
    '16_UUR': '16 uur in 4 weken',
    LRV: 'Langdurig relatief verzuim',
    LUXE: 'Luxeverzuim',
    SIGNAAL: 'Signaalverzuim',
    '18_PLUS': 'Verzuim 18+',
    OVERIG: 'Overig verzuim',
    GESPREK: 'Gesprek',
    HUISBEZOEK: 'Huisbezoek',
    WAARSCHUWING: 'Waarschuwing',
    HALT: 'Verwijzing naar Bureau Halt',
    PV_OUDERS: 'Proces-verbaal ouders',
    PV_JONGERE: 'Proces-verbaal jongere',
    DOORGELEIDING_OM: 'Doorgeleiding Openbaar Ministerie',
    ZORG: 'Verwijzing naar zorg/jeugdhulp',
    RVDK: 'Raad voor de Kinderbescherming',
    VEILIG_THUIS: 'Veilig Thuis',
    NIEUW_VSV: "Nieuwe vsv'ers",
    OUD_VSV: "Oud-vsv'ers",
    JIKP: 'Jongeren in kwetsbare positie',
    VERZUIM_18_PLUS: 'Verzuim 18+',
  },
  artikel: {
    '3A': 'Art. 3a (vervangende leerplicht)',
    '3B': 'Art. 3b (vervangende leerplicht)',
    '5A': 'Art. 5a (lichamelijk of psychisch ongeschikt)',
    '5A_TREKKEND': 'Art. 5a (trekkend bestaan)',
    '5B': 'Art. 5b (richting van het onderwijs)',
    '5C': 'Art. 5c (school in het buitenland)',
    '15': 'Art. 15 (ander onderwijs)',
    '13A': 'Art. 13a (vakantieverlof)',
    '14': 'Art. 14 (gewichtige omstandigheden)',
  },
  beslisser: { SCHOOL: 'School', LEERPLICHTAMBTENAAR: 'Leerplichtambtenaar' },
  besluit: { TOEGEKEND: 'Toegekend', AFGEWEZEN: 'Afgewezen', INGETROKKEN: 'Ingetrokken' },
  reden: {
    TERUG_NAAR_SCHOOL: 'Terug naar school',
    ANDERE_OPLEIDING: 'Andere opleiding',
    WERK: 'Werk',
    BEEINDIGD_OVERIG: 'Beëindigd, overig',
    OVERLEDEN: 'Overleden',
    LANGDURIG_ZIEK: 'Langdurig ziek',
    LEGITIEM_AFWEZIG: 'Legitiem afwezig',
    ONDERWIJS: 'Onderwijs',
    WERK_MET_OPLEIDING: 'Werk met opleiding',
    STARTKWALIFICATIE: 'Startkwalificatie behaald',
    LEEFTIJD: '23 jaar geworden',
    VERHUISD: 'Verhuisd',
    NIET_BEREIKBAAR: 'Niet bereikbaar',
    GEEN_HULP_GEWENST: 'Geen hulp gewenst',
    OVERIG: 'Overig',
  },
  duur: { '<=3m': 'tot en met 3 maanden', '>3m': 'langer dan 3 maanden' },
  status: {
    OPEN: 'Nog open op 31 juli',
    MBO1: 'Op 1 oktober t+1 in mbo 1',
    MBO2: 'Op 1 oktober t+1 in mbo 2',
    ANDER_ONDERWIJS: 'Ander onderwijs',
    UITGESTROOMD_MET_SK: 'Uitgestroomd met startkwalificatie',
    UITGESTROOMD_ZONDER_SK: 'Uitgestroomd zonder startkwalificatie',
  },
  onderwijssoort: {
    PO: 'Primair onderwijs',
    'SO/VSO': 'Speciaal onderwijs (SO/VSO)',
    VO: 'Voortgezet onderwijs',
    MBO: 'Middelbaar beroepsonderwijs',
    overig: 'Overig onderwijs',
    'geen onderwijs': 'Geen onderwijs',
  },
};

/** Order in which buckets are listed (not alphabetical). */
export const ONDERWIJSSOORT_ORDER = ['PO', 'SO/VSO', 'VO', 'MBO', 'overig', 'geen onderwijs'];

/** Short forms for column headers of wide tables. */
const SHORT: Record<string, Record<string, string>> = {
  onderwijssoort: { PO: 'PO', 'SO/VSO': 'SO/VSO', VO: 'VO', MBO: 'MBO', overig: 'Overig', 'geen onderwijs': 'Geen onderwijs' },
};

export function shortLabel(dim: string, code: string | number): string {
  return SHORT[dim]?.[String(code)] ?? label(dim, code);
}

export function label(dim: string, code: string | number): string {
  if (dim === 'leeftijd') return `${code} jaar`;
  return LABELS[dim]?.[String(code)] ?? String(code);
}
