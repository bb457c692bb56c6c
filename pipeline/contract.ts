/**
 * The input contract (../shared/domain/data-contract.md) as data.
 *
 * This is the single source of truth for every consumer in the project: the loader builds its typed
 * tables and validation rules from it, the generator writes exactly these columns in this order, and
 * the docs list it. Change it only together with the contract document.
 */

export type ColumnType = 'text' | 'date' | 'integer' | 'boolean';

export interface Column {
  name: string;
  type: ColumnType;
  /** `true`: always required; a string: required when that SQL condition over the raw row holds. */
  required: boolean | { when: string; description: string };
  /** Allowed upper-case codes. */
  codes?: readonly string[];
  /** Personal data: never shown in an error report, a log or an output. */
  personal?: boolean;
  /** Column must be unique within its table. */
  unique?: boolean;
  /** Must reference a row in another table. */
  references?: { table: TableName; column: string };
  /** A bsn: must pass the 11-proef. */
  bsn?: boolean;
}

export interface Table {
  name: TableName;
  description: string;
  columns: readonly Column[];
  /** `[van, tot)` columns that must satisfy tot >= van. */
  period?: { van: string; tot: string };
}

export const TABLE_NAMES = [
  'personen',
  'verblijfplaatsen',
  'scholen',
  'inschrijvingen',
  'diplomas',
  'verzuimmeldingen',
  'zaken',
  'zaakacties',
  'vrijstellingen',
  'verlofaanvragen',
  'rmc_trajecten',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const CODES = {
  geslacht: ['M', 'V', 'O'],
  onderwijssoort: ['PO', 'SO', 'VSO', 'VO', 'MBO', 'VAVO', 'HO'],
  niveau: [
    'PRO', 'VMBO_B', 'VMBO_K', 'VMBO_GT', 'HAVO', 'VWO',
    '1', '2', '3', '4',
    'VERVOLGONDERWIJS', 'ARBEID', 'DAGBESTEDING',
  ],
  diploma: ['VMBO', 'PRO', 'MBO1', 'MBO2', 'MBO3', 'MBO4', 'HAVO', 'VWO'],
  meldingSoort: ['16_UUR', 'LRV', 'LUXE', 'SIGNAAL', '18_PLUS', 'OVERIG'],
  meldingStatus: ['GEREGISTREERD', 'IN_BEHANDELING', 'AFGESLOTEN', 'INGETROKKEN', 'TER_KENNISGEVING'],
  redenAfsluiting: [
    'TERUG_NAAR_SCHOOL', 'ANDERE_OPLEIDING', 'WERK', 'BEEINDIGD_OVERIG', 'OVERLEDEN',
    'LANGDURIG_ZIEK', 'LEGITIEM_AFWEZIG',
  ],
  zaakSoort: ['ABSOLUUT', 'RELATIEF', 'LUXE', 'THUISZITTER', 'RMC'],
  actieSoort: [
    'GESPREK', 'HUISBEZOEK', 'WAARSCHUWING', 'HALT', 'PV_OUDERS', 'PV_JONGERE',
    'DOORGELEIDING_OM', 'ZORG', 'RVDK', 'VEILIG_THUIS',
  ],
  vrijstellingArtikel: ['3A', '3B', '5A', '5B', '5C', '5A_TREKKEND', '15'],
  vrijstellingBesluit: ['TOEGEKEND', 'AFGEWEZEN', 'INGETROKKEN'],
  verlofArtikel: ['13A', '14'],
  beslisser: ['SCHOOL', 'LEERPLICHTAMBTENAAR'],
  verlofBesluit: ['TOEGEKEND', 'AFGEWEZEN'],
  doelgroep: ['NIEUW_VSV', 'OUD_VSV', 'JIKP', 'VERZUIM_18_PLUS'],
  trajectResultaat: [
    'ONDERWIJS', 'WERK_MET_OPLEIDING', 'WERK', 'ZORG', 'STARTKWALIFICATIE', 'LEEFTIJD', 'VERHUISD',
    'NIET_BEREIKBAAR', 'GEEN_HULP_GEWENST', 'OVERIG',
  ],
} as const;

/** Diplomas that are a startkwalificatie. */
export const STARTKWALIFICATIE = ['MBO2', 'MBO3', 'MBO4', 'HAVO', 'VWO'] as const;

/** Niveau codes allowed per onderwijssoort (other soorten take no niveau). */
export const NIVEAU_PER_SOORT: Record<string, readonly string[]> = {
  VO: ['PRO', 'VMBO_B', 'VMBO_K', 'VMBO_GT', 'HAVO', 'VWO'],
  MBO: ['1', '2', '3', '4'],
  VSO: ['VERVOLGONDERWIJS', 'ARBEID', 'DAGBESTEDING'],
};

/** gemeentecode of the RNI (emigrated / not resident). */
export const RNI = '1999';

const bsn: Column = {
  name: 'bsn', type: 'text', required: true, personal: true, bsn: true,
  references: { table: 'personen', column: 'bsn' },
};
const id = (name: string): Column => ({ name, type: 'text', required: true, unique: true });

export const TABLES: readonly Table[] = [
  {
    name: 'personen',
    description: 'BRP: one row per person',
    columns: [
      { name: 'bsn', type: 'text', required: true, personal: true, bsn: true, unique: true },
      { name: 'geboortedatum', type: 'date', required: true, personal: true },
      { name: 'geslacht', type: 'text', required: true, codes: CODES.geslacht },
      { name: 'overlijdensdatum', type: 'date', required: false, personal: true },
    ],
  },
  {
    name: 'verblijfplaatsen',
    description: 'BRP address history; periods of one person do not overlap',
    columns: [
      bsn,
      { name: 'gemeentecode', type: 'text', required: true },
      { name: 'van', type: 'date', required: true },
      { name: 'tot', type: 'date', required: false },
    ],
    period: { van: 'van', tot: 'tot' },
  },
  {
    name: 'scholen',
    description: 'Schools (vestigingen) by BRIN',
    columns: [
      { name: 'brin', type: 'text', required: true, unique: true },
      { name: 'naam', type: 'text', required: true },
      { name: 'gemeentecode', type: 'text', required: true },
      { name: 'bekostigd', type: 'boolean', required: true },
    ],
  },
  {
    name: 'inschrijvingen',
    description: 'DUO/ROD enrollments',
    columns: [
      id('inschrijving_id'),
      bsn,
      { name: 'brin', type: 'text', required: true, references: { table: 'scholen', column: 'brin' } },
      { name: 'onderwijssoort', type: 'text', required: true, codes: CODES.onderwijssoort },
      { name: 'niveau', type: 'text', required: false, codes: CODES.niveau },
      { name: 'van', type: 'date', required: true },
      { name: 'tot', type: 'date', required: false },
    ],
    period: { van: 'van', tot: 'tot' },
  },
  {
    name: 'diplomas',
    description: 'Diplomas obtained',
    columns: [
      bsn,
      { name: 'soort', type: 'text', required: true, codes: CODES.diploma },
      { name: 'datum', type: 'date', required: true },
    ],
  },
  {
    name: 'verzuimmeldingen',
    description: 'Absence reports (verzuimregister / ROD)',
    columns: [
      id('melding_id'),
      bsn,
      { name: 'brin', type: 'text', required: true, references: { table: 'scholen', column: 'brin' } },
      { name: 'soort', type: 'text', required: true, codes: CODES.meldingSoort },
      { name: 'datum_melding', type: 'date', required: true },
      { name: 'verzuim_van', type: 'date', required: true },
      { name: 'verzuim_tot', type: 'date', required: false },
      { name: 'uren', type: 'integer', required: false },
      { name: 'status', type: 'text', required: true, codes: CODES.meldingStatus },
      {
        name: 'reden_afsluiting', type: 'text', codes: CODES.redenAfsluiting,
        required: { when: "status = 'AFGESLOTEN'", description: 'required when status is AFGESLOTEN' },
      },
      {
        name: 'datum_afsluiting', type: 'date',
        required: { when: "status = 'AFGESLOTEN'", description: 'required when status is AFGESLOTEN' },
      },
    ],
    period: { van: 'verzuim_van', tot: 'verzuim_tot' },
  },
  {
    name: 'zaken',
    description: 'Case files of the leerplichtambtenaar / trajectbegeleider',
    columns: [
      id('zaak_id'),
      bsn,
      { name: 'soort', type: 'text', required: true, codes: CODES.zaakSoort },
      {
        name: 'melding_id', type: 'text', required: false,
        references: { table: 'verzuimmeldingen', column: 'melding_id' },
      },
      { name: 'van', type: 'date', required: true },
      { name: 'tot', type: 'date', required: false },
    ],
    period: { van: 'van', tot: 'tot' },
  },
  {
    name: 'zaakacties',
    description: 'Interventions and decisions within a case',
    columns: [
      id('actie_id'),
      { name: 'zaak_id', type: 'text', required: true, references: { table: 'zaken', column: 'zaak_id' } },
      { name: 'datum', type: 'date', required: true },
      { name: 'soort', type: 'text', required: true, codes: CODES.actieSoort },
    ],
  },
  {
    name: 'vrijstellingen',
    description: 'Exemptions and vervangende leerplicht',
    columns: [
      id('vrijstelling_id'),
      bsn,
      { name: 'artikel', type: 'text', required: true, codes: CODES.vrijstellingArtikel },
      { name: 'datum_aanvraag', type: 'date', required: true },
      { name: 'besluit', type: 'text', required: true, codes: CODES.vrijstellingBesluit },
      { name: 'datum_besluit', type: 'date', required: true },
      {
        name: 'van', type: 'date',
        required: { when: "besluit = 'TOEGEKEND'", description: 'required when besluit is TOEGEKEND' },
      },
      { name: 'tot', type: 'date', required: false },
    ],
    period: { van: 'van', tot: 'tot' },
  },
  {
    name: 'verlofaanvragen',
    description: 'Leave requests',
    columns: [
      id('aanvraag_id'),
      bsn,
      { name: 'artikel', type: 'text', required: true, codes: CODES.verlofArtikel },
      { name: 'dagen', type: 'integer', required: true },
      { name: 'beslisser', type: 'text', required: true, codes: CODES.beslisser },
      { name: 'besluit', type: 'text', required: true, codes: CODES.verlofBesluit },
      { name: 'datum_aanvraag', type: 'date', required: true },
      { name: 'datum_besluit', type: 'date', required: true },
      { name: 'bezwaar', type: 'boolean', required: true },
    ],
  },
  {
    name: 'rmc_trajecten',
    description: 'RMC / Doorstroompunt trajectories',
    columns: [
      id('traject_id'),
      bsn,
      { name: 'doelgroep', type: 'text', required: true, codes: CODES.doelgroep },
      { name: 'van', type: 'date', required: true },
      { name: 'eerste_contact', type: 'date', required: false },
      { name: 'tot', type: 'date', required: false },
      {
        name: 'resultaat', type: 'text', codes: CODES.trajectResultaat,
        required: { when: 'tot IS NOT NULL', description: 'required when the traject is closed (tot set)' },
      },
    ],
    period: { van: 'van', tot: 'tot' },
  },
];

export function table(name: TableName): Table {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown table ${name}`);
  return t;
}

/** SQL type used for a contract column in the typed tables. */
export function sqlType(type: ColumnType): string {
  return { text: 'VARCHAR', date: 'DATE', integer: 'INTEGER', boolean: 'BOOLEAN' }[type];
}

/** Boolean spellings accepted in CSV input (lower-cased before comparison). */
export const BOOLEAN_TRUE = ['true', '1', 'ja', 'j', 'yes', 'y', 't'];
export const BOOLEAN_FALSE = ['false', '0', 'nee', 'n', 'no', 'f'];
