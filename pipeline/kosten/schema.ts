/**
 * JSON Schema of the `begroting` section of a region configuration (the budget of `leerplicht kosten`).
 * Participation (gemeenten[].percelen), the contactgemeente and the staffing (formatie: rol, perceel,
 * fte, schaal) are not repeated here: they are the region configuration's own keys.
 * Documented in pipeline/kosten/README.md; the rules are in ../shared/domain/kostenverdeling.md.
 *
 * Amounts and percentages may be written as YAML numbers or as quoted decimals ("43767.36"); both are
 * read as the exact decimal written (see money.ts), never through a binary float.
 */

const DECIMAL = '^-?[0-9]+(\\.[0-9]+)?$';
const amount = (description: string) => ({ anyOf: [{ type: 'number' }, { type: 'string', pattern: DECIMAL }], description });
const nonNegative = (description: string) => ({ anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' }], description });
const gemeentecode = { type: 'string', pattern: '^[0-9]{4}$' };
const perJaar = {
  type: 'object',
  propertyNames: { pattern: '^[0-9]{4}$' },
  additionalProperties: amount('Euro.'),
  description: 'Amount for a particular year (overrides `bedrag` and its indexation for that year only).',
};
const INDEXATIE = { enum: ['geen', 'personeel', 'overhead'] };
const regel = (what: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['code', 'naam', 'bedrag'],
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9_]+$', description: 'Short code, used as `regel` in the CSV.' },
    naam: { type: 'string', description: 'Name printed in the budget.' },
    bedrag: amount(`${what} in the budget year (euro).`),
    indexatie: {
      ...INDEXATIE, default: 'geen',
      description: 'How later years follow from `bedrag`: not at all (default), or with the personnel or the overhead index.',
    },
    per_jaar: perJaar,
    onzeker: {
      type: 'object',
      additionalProperties: false,
      required: ['vanaf', 'toelichting'],
      description: 'The line stays in the budget from `vanaf` on, but its continuation is uncertain: printed with the note (never silently set to 0).',
      properties: {
        vanaf: { type: 'integer', minimum: 2000, maximum: 2100, description: 'First uncertain year.' },
        toelichting: { type: 'string', description: 'Why it is uncertain (printed).' },
      },
    },
    toelichting: { type: 'string', description: 'Source or remark, printed as a note.' },
  },
});

export const NORM_FUNCTIES = ['leerplichtambtenaar', 'administratie', 'beleid', 'coordinatie', 'applicatiebeheer', 'trajectbegeleiding', 'rmc_coordinatie'] as const;
export type NormFunctie = (typeof NORM_FUNCTIES)[number];

export const BEGROTING_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['normbedragen', 'overhead_pct', 'rmc_aandeel_perceel_1_pct', 'indexatie'],
  description: 'Budget configuration for `leerplicht kosten` (pipeline/kosten/README.md). Roles, fte and scales are in `formatie`; participation in `gemeenten[].percelen`.',
  properties: {
    bron: { type: 'string', description: 'Where the figures come from.' },
    prijspeil: { type: 'string', description: 'Price level of the normbedragen, e.g. `CAR-UWO, 1 april 2012`.' },
    bevolking_bron: { type: 'string', description: 'Where the population keys given with --bevolking come from (printed), e.g. `CBS, bevolking op 1 januari 2013`.' },
    normbedragen: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[0-9]{1,2}$' },
      additionalProperties: nonNegative('Euro per fte per year including employer charges.'),
      description: 'Normbedrag per salary scale: yearly cost of one fte including employer charges, for the budget year.',
    },
    overhead_pct: nonNegative('Overhead (uitvoeringskosten) as a percentage of personnel cost, e.g. 20.'),
    systeemkosten: nonNegative('Direct yearly cost of the administration application, perceel 1 only (euro). Default 0.'),
    rmc_aandeel_perceel_1_pct: nonNegative('Percentage of perceel 1 paid from the RMC rijksbijdrage, e.g. 25; the perceel 1 gemeenten pay the rest.'),
    indexatie: {
      type: 'object',
      additionalProperties: false,
      required: ['personeel_pct', 'overhead_pct'],
      description: 'Yearly indexation for the multi-year budget (compounded from the budget year).',
      properties: {
        personeel_pct: amount('Personnel cost index per year, percent (e.g. 0.4).'),
        overhead_pct: amount('Index for overhead and system cost per year, percent (e.g. 2).'),
      },
    },
    jaren: { type: 'integer', minimum: 1, maximum: 10, default: 3, description: 'Years in the multi-year budget, the budget year included (default 3; `--jaren` overrides).' },
    inkomsten: { type: 'array', items: regel('Income'), default: [], description: 'Income lines other than the gemeenten\'s contributions (RMC rijksbijdrage, grants). The perceel 1 RMC share is paid from them.' },
    uitgaven: { type: 'array', items: regel('Spending'), default: [], description: 'Spending outside the three percelen (projects, communication), paid from the income lines.' },
    kwalificatieplicht_indexatie: { ...INDEXATIE, default: 'geen', description: 'How the kwalificatieplicht money of later years follows from the budget year\'s: not at all (default), or with the personnel or the overhead index (the seed: overhead).' },
    extra_dienstverlening: {
      type: 'array',
      default: [],
      description: 'Extra dienstverlening bought by one gemeente (art. 28, seventh and eighth lid): a unit price per product and the expected quantity, charged in advance and settled on the realised quantity in the jaarrekening.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['gemeente', 'product', 'eenheidsprijs', 'aantal'],
        properties: {
          gemeente: { ...gemeentecode, description: 'Gemeentecode of the buyer.' },
          product: { type: 'string', description: 'Product name (printed; the key of the realised quantity).' },
          eenheidsprijs: nonNegative('Euro per unit, set by the gemeenschappelijk orgaan.'),
          aantal: { type: 'integer', minimum: 0, description: 'Expected quantity in the budget year (charged in advance).' },
        },
      },
    },
    kwalificatieplicht: {
      type: 'object',
      propertyNames: gemeentecode,
      additionalProperties: nonNegative('Euro per year.'),
      default: {},
      description: 'Each gemeente\'s kwalificatieplicht money; subtracted from its perceel 2 contribution (perceel 2 gemeenten only).',
    },
    reserve_rmc_begin: amount('RMC reserve at the start of the budget year (euro). Without it only the yearly additions/withdrawals are shown.'),
    formatie_norm: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Formatie norm (Ingrado guideline, old RMC guideline) and how the configured roles map onto its functions.',
      properties: {
        leerlingen_per_fte: { type: 'integer', minimum: 1, default: 3800, description: 'Ingrado: inhabitants aged 5–17 per fte of the leerplicht function.' },
        caseload_per_fte: { type: 'integer', minimum: 1, default: 135, description: 'Ingrado workload variant: curatieve meldingen per fte leerplichtambtenaar.' },
        verdeling_pct: {
          type: 'object',
          additionalProperties: false,
          description: 'Composition of the leerplicht function, percent; must add up to 100.',
          default: { leerplichtambtenaar: 60, administratie: 25, beleid: 5, coordinatie: 5, applicatiebeheer: 5 },
          properties: Object.fromEntries(['leerplichtambtenaar', 'administratie', 'beleid', 'coordinatie', 'applicatiebeheer'].map((f) => [f, nonNegative(`Share of ${f}.`)])),
        },
        rmc_2006: {
          type: 'object',
          additionalProperties: false,
          description: 'Old RMC guideline (2006): inhabitants aged 16–22 per fte of each function.',
          default: { rmc_coordinatie: 38620, trajectbegeleiding: 10623, administratie: 20770, applicatiebeheer: 206083 },
          properties: Object.fromEntries(['rmc_coordinatie', 'trajectbegeleiding', 'administratie', 'applicatiebeheer'].map((f) => [f, { type: 'integer', minimum: 1 }])),
        },
        functies: {
          type: 'array',
          default: [],
          description: 'Which function of the guidelines each configured role (`formatie` entry, by perceel and rol) fulfils.',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['perceel', 'rol', 'functie'],
            properties: {
              perceel: { enum: [1, 2, 3] },
              rol: { type: 'string' },
              functie: { enum: [...NORM_FUNCTIES] },
            },
          },
        },
      },
    },
    ontbrekend: {
      type: 'array', items: { type: 'string' }, default: [],
      description: 'Figures the source does not give and that are therefore not in this configuration; printed in the colofon.',
    },
  },
} as const;

/** The section as read from YAML (after schema defaults). */
export interface BegrotingYaml {
  bron?: string;
  prijspeil?: string;
  bevolking_bron?: string;
  normbedragen: Record<string, number | string>;
  overhead_pct: number | string;
  systeemkosten?: number | string;
  rmc_aandeel_perceel_1_pct: number | string;
  indexatie: { personeel_pct: number | string; overhead_pct: number | string };
  jaren?: number;
  inkomsten?: RegelYaml[];
  uitgaven?: RegelYaml[];
  kwalificatieplicht?: Record<string, number | string>;
  kwalificatieplicht_indexatie?: Indexatie;
  extra_dienstverlening?: { gemeente: string; product: string; eenheidsprijs: number | string; aantal: number }[];
  reserve_rmc_begin?: number | string;
  formatie_norm?: {
    leerlingen_per_fte?: number;
    caseload_per_fte?: number;
    verdeling_pct?: Partial<Record<NormFunctie, number | string>>;
    rmc_2006?: Partial<Record<NormFunctie, number>>;
    functies?: { perceel: 1 | 2 | 3; rol: string; functie: NormFunctie }[];
  };
  ontbrekend?: string[];
}

export interface RegelYaml {
  code: string;
  naam: string;
  bedrag: number | string;
  indexatie?: Indexatie;
  per_jaar?: Record<string, number | string>;
  onzeker?: { vanaf: number; toelichting: string };
  toelichting?: string;
}

export type Indexatie = 'geen' | 'personeel' | 'overhead';
