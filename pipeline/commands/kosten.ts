/**
 * `leerplicht kosten`: the regional budget divided per perceel and per gemeente, the formatie per
 * gemeente and its norm, the multi-year budget with the RMC reserve line and the voorschotten per
 * quarter. Prints the main tables and writes CSVs (plus Excel copies), a workbook and the begroting PDF
 * into <out>/<regio>/<jaar>/kosten/, all or nothing. With --jaarrekening DIR: the jaarrekening and
 * afrekening of that year from the realisation in DIR, into <out>/<regio>/<jaar>/jaarrekening/.
 * Rules: ../shared/domain/kostenverdeling.md; config keys, rounding, columns: pipeline/kosten/README.md.
 */
import { existsSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
import { UsageError } from '../errors.ts';
import type { KostenOptions } from '../kosten/run.ts';

/** The flags: the run's options, with the configuration as the user names it. */
type Args = Omit<KostenOptions, 'config'> & { config: string };

export const kostenCommand: CommandModule<object, Args> = {
  command: COMMANDS.kosten.command,
  describe: COMMANDS.kosten.describe,
  builder: (y: Argv) =>
    y
      .option('config', { type: 'string', demandOption: true, describe: 'Region configuration with a `begroting` section: a file, `regio/jaar` or a region code' })
      .option('bevolking', { type: 'string', describe: 'CSV with the population keys (gemeentecode,leeftijd_5_22,leeftijd_5_17,leeftijd_18_22), e.g. to reproduce a published budget' })
      .option('extract', { type: 'string', describe: 'Extract folder: counts the keys on 1 January of the previous year (unless --bevolking is given) and the curatieve meldingen for the formatie norm' })
      .option('jaar', { type: 'number', describe: 'Budget year (default: the configuration\'s year; a later year indexes its amounts)' })
      .option('jaren', { type: 'number', describe: 'Years in the multi-year budget, the budget year included (default: begroting.jaren, else 3)' })
      .option('out', { type: 'string', default: 'reports', describe: 'Output root; files go to <out>/<regio>/<jaar>/kosten/' })
      .option('pdf', { type: 'boolean', default: true, describe: 'Print the PDF for the regional board (--no-pdf: CSVs only)' })
      .option('jaarrekening', { type: 'string', describe: 'Folder with the realisation of the budget year (realisatie.yaml, lasten.csv, baten.csv, voorschotten.csv, optional extra_dienstverlening.csv): writes the jaarrekening and afrekening instead of the begroting' })
      .option('status', { choices: ['concept', 'vastgesteld'] as const, default: 'concept' as const, describe: 'Status printed on the document: concept (ontwerp, with a proposed decision) or vastgesteld' })
      .option('vergadering', { type: 'string', describe: 'Date of the meeting of the gemeenschappelijk orgaan, YYYY-MM-DD (printed on the document)' })
      .option('threads', { type: 'number', describe: 'DuckDB threads with --extract (default: all cores)' })
      .option('memory-limit', { type: 'string', describe: 'DuckDB memory limit with --extract, e.g. 3GB' })
      .check((a) => {
        if (!a.bevolking && !a.extract) throw new UsageError('give the population keys: --bevolking FILE or --extract DIR');
        if (a.jaar !== undefined && (!Number.isInteger(a.jaar) || a.jaar < 2000 || a.jaar > 2100)) throw new UsageError(`--jaar ${a.jaar} is not a year`);
        if (a.jaren !== undefined && (!Number.isInteger(a.jaren) || a.jaren < 1 || a.jaren > 10)) throw new UsageError(`--jaren ${a.jaren}: give 1 to 10`);
        if (a.vergadering !== undefined && !isDate(a.vergadering)) throw new UsageError(`--vergadering ${a.vergadering}: give a date as YYYY-MM-DD`);
        if (a.jaarrekening !== undefined && (a.jaar !== undefined || a.jaren !== undefined)) throw new UsageError('--jaarrekening settles the budget year of the configuration: leave out --jaar and --jaren');
        return true;
      })
      .example('$0 kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv', 'The West Kennemerland 2014 budget and its 2014–2016 projection, from the published population keys')
      .example('$0 kosten --config twente/2025 --extract ./extract-2025 --no-pdf', 'Keys and caseload counted from an extract; CSVs only')
      .example('$0 kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv --jaren 5', 'A five-year projection')
      .example('$0 kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv --jaarrekening data/realisatie/west-kennemerland-2014', 'The jaarrekening and afrekening 2014 from a realisation (an invented example)'),
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const { jaar, jaren, bevolking, extract, out, pdf, jaarrekening, status, vergadering, threads, memoryLimit } = argv;
    // Loaded here, not at the top: `leerplicht kosten --help` needs none of DuckDB, HiGHS, exceljs or Puppeteer.
    const [{ loadConfig, resolveConfigPath }, { runKosten }] = await Promise.all([import('../config/load.ts'), import('../kosten/run.ts')]);
    await runKosten({
      config: loadConfig(configRef(argv.config, argv.jaar, resolveConfigPath)),
      jaar, jaren, bevolking, extract, out, pdf, jaarrekening, status, vergadering, threads, memoryLimit,
    });
  },
};

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/** `--config twente --jaar 2025` means twente/2025 when that exists. */
function configRef(ref: string, jaar: number | undefined, resolveConfigPath: (ref: string) => string): string {
  if (jaar === undefined || ref.includes('/') || existsSync(ref)) return ref;
  try {
    resolveConfigPath(`${ref}/${jaar}`);
    return `${ref}/${jaar}`;
  } catch {
    return ref;
  }
}

