
/**
 * JSON Schema of a region configuration (`data/config/<regio>/<jaar>.yaml`).
 * Validated on every load; `docs` in the README is generated from the descriptions here.
 */
export const REGION_CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Region configuration (regio-configuratie)',
  type: 'object',
  additionalProperties: false,
  required: ['schema_version', 'regio', 'gemeenten', 'parameters'],
  properties: {
    schema_version: { const: 1, description: 'Version of this schema; 1.' },
    regio: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'naam', 'jaar'],
      properties: {
        code: { type: 'string', pattern: '^[a-z0-9-]+$', description: 'Slug used in output paths, e.g. `twente`.' },
        naam: { type: 'string', description: 'Name printed in reports, e.g. `Twente`.' },
        jaar: { type: 'integer', minimum: 2000, maximum: 2100, description: 'Year this version of the configuration applies to.' },
        rmc_regio: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'naam'],
          properties: { code: { type: 'string', pattern: '^[0-9]{2}$' }, naam: { type: 'string' } },
          description: 'The DUO RMC region this office reports for (`../shared/data/rmc_regios.csv`).',
        },
        bron: { type: 'string', description: 'Where the configuration comes from (decision, business plan).' },
      },
    },
    contactgemeente: {
      type: 'string', pattern: '^[0-9]{4}$',
      description: 'gemeentecode of the RMC contactgemeente (receives the RMC money, carries the coordinator).',
    },
    gemeenten: {
      type: 'array',
      minItems: 1,
      description: 'Participating gemeenten.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'naam', 'percelen'],
        properties: {
          code: { type: 'string', pattern: '^[0-9]{4}$', description: 'CBS gemeentecode.' },
          naam: { type: 'string' },
          percelen: {
            type: 'array', uniqueItems: true, items: { enum: [1, 2, 3] },
            description: 'Percelen the gemeente takes part in: 1 administration, 2 leerplicht execution (inhoudelijk jaarverslag), 3 RMC.',
          },
        },
      },
    },
    formatie: {
      type: 'array',
      description: 'Staff per role (fte) and perceel.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rol', 'perceel', 'fte'],
        properties: {
          rol: { type: 'string' },
          perceel: { enum: [1, 2, 3] },
          fte: { type: 'number', minimum: 0 },
          schaal: { type: 'integer', minimum: 1, maximum: 18 },
          contactgemeente: { type: 'boolean', description: 'Role carried by the contactgemeente alone (RMC coordinator).' },
        },
      },
    },
    parameters: {
      type: 'object',
      additionalProperties: false,
      description: 'Indicator parameters (../shared/domain/indicators.md). Printed in every colofon.',
      properties: {
        peildatum: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}$', default: '10-01', description: 'Month-day of the population count within the schooljaar (MM-DD).' },
        av_min_dagen: { type: 'integer', minimum: 1, default: 1, description: 'Minimum consecutive days of an absoluut verzuim spell.' },
        zomervakantie_van: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}$', default: '08-01', description: 'First day (MM-DD) of the summer holiday not counted as absoluut verzuim.' },
        zomervakantie_tot_en_met: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}$', default: '08-31', description: 'Last day (MM-DD) of that summer holiday.' },
        thuiszitter_definitie: { enum: ['LRV', 'LRV_AV'], default: 'LRV_AV', description: '`LRV`: running LRV melding; `LRV_AV`: plus absoluut verzuimers (OCW).' },
        min_cel: { type: 'integer', minimum: 1, default: 5, description: 'Smallest count published; 1..min_cel-1 is shown as `<min_cel`.' },
        min_noemer: { type: 'integer', minimum: 1, default: 20, description: 'Smallest denominator for a published percentage or per-1,000 figure.' },
      },
    },
    jaarplan: {
      type: 'array',
      description: 'Targets of the jaarplan per schooljaar, against which every kwartaalrapportage reports (`--report kwartaal`).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['schooljaar', 'doelen'],
        properties: {
          schooljaar: { type: 'string', pattern: '^[0-9]{4}/[0-9]{4}$', description: 'Schooljaar of the jaarplan, e.g. `2024/2025`.' },
          doelen: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['indicator'],
              oneOf: [{ required: ['hoogstens'] }, { required: ['minstens'] }],
              properties: {
                indicator: { type: 'string', pattern: '^KW-[A-Z0-9-]+$', description: 'A kwartaal indicator code (`KW-…`, see the data dictionary).' },
                hoogstens: { type: 'number', minimum: 0, description: 'Target: the figure is at most this.' },
                minstens: { type: 'number', minimum: 0, description: 'Target: the figure is at least this.' },
                periode: { enum: ['kwartaal', 'schooljaar'], default: 'kwartaal', description: '`kwartaal`: the quarter itself; `schooljaar`: the schooljaar up to the quarter.' },
                gemeente: { type: 'string', pattern: '^[0-9]{4}$', description: 'A target for one gemeente; without it the target is the region\'s.' },
              },
            },
          },
        },
      },
    },
    // Read and validated by `leerplicht kosten` (pipeline/kosten/schema.ts): config sits below kosten and
    // does not import from it.
    begroting: { type: 'object', description: 'Budget configuration for `leerplicht kosten` (see pipeline/kosten/README.md).' },
  },
} as const;
