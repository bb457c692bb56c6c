/**
 * The commands of `leerplicht`: each one's usage and one-line description here, and the command itself
 * loaded only when it is named. `leerplicht --help` thus loads no command module (and none of DuckDB,
 * Puppeteer or Vega), and a command loads only what it uses. The list's order is the help's order.
 */
import type { CommandModule } from 'yargs';

export interface CommandEntry {
  command: string;
  describe: string;
  load: () => Promise<CommandModule<any, any>>;
}

export type CommandName = 'init' | 'generate' | 'validate' | 'import' | 'map' | 'build' | 'plan' | 'kosten' | 'narratief' | 'dictionary';

export const COMMANDS: Record<CommandName, CommandEntry> = {
  init: {
    command: 'init [dir]',
    describe: 'Create a project folder for your office: leerplicht.yaml, config/, narratief/, mappings/, extracts/ (git-ignored), reports/',
    load: async () => (await import('./init.ts')).initCommand,
  },
  generate: {
    command: 'generate',
    describe: 'Write a synthetic register extract (every table of the input contract) for a region or the whole country',
    load: async () => (await import('./generate.ts')).generateCommand,
  },
  validate: {
    command: 'validate',
    describe: 'Check an extract folder against the input contract and report every problem at once',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  import: {
    command: 'import <bron> <file>',
    describe: 'Convert a source delivery into contract tables (brp: LO GBA CSV or Haal Centraal JSON → personen.csv, verblijfplaatsen.csv)',
    load: async () => (await import('./import.ts')).importCommand,
  },
  map: {
    command: 'map [mappings..]',
    describe: 'Convert DUO or vendor exports into contract tables with YAML mappings (--check: list unmapped columns and codes)',
    load: async () => (await import('./map.ts')).mapCommand,
  },
  build: {
    command: 'build',
    describe: 'Build the reports (jaarverslag and Leerplichttelling per gemeente, datasets) of a region and schooljaar',
    load: async () => (await import('./build.ts')).buildCommand,
  },
  plan: {
    command: 'plan',
    describe: 'List per document whether `build` with the same options would print it or take over the previous build\'s, and why (prints and writes nothing)',
    load: async () => (await import('./plan.ts')).planCommand,
  },
  kosten: {
    command: 'kosten',
    describe: 'Divide the regional budget per perceel and per gemeente (kostenverdeling, formatie, meerjarenbegroting)',
    load: async () => (await import('./kosten.ts')).kostenCommand,
  },
  narratief: {
    command: 'narratief',
    describe: 'Write narrative drafts for the inhoudelijk jaarverslag: what the figures show, with places marked for the office\'s own text',
    load: async () => (await import('./narratief.ts')).narratiefCommand,
  },
  dictionary: {
    command: 'dictionary',
    describe: 'Print the data dictionary of the dataset: every column and every indicator with its definition',
    load: async () => (await import('./dictionary.ts')).dictionaryCommand,
  },
};
