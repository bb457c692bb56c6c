/** `leerplicht generate`: writes a deterministic synthetic register extract (see pipeline/generate/README.md). */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
import { UsageError } from '../errors.ts';
import { DEFAULT_EXTRACTDATUM } from '../generate/dates.ts';
import { configRef, configRoots, findProject } from '../project.ts';

interface Args {
  project?: string;
  config?: string;
  scale: 'region' | 'national';
  seed: number;
  out?: string;
  format: 'csv' | 'parquet' | 'both';
  extractdatum: string;
  personsPerCohort?: number;
}

export const generateCommand: CommandModule<object, Args> = {
  command: COMMANDS.generate.command,
  describe: COMMANDS.generate.describe,
  builder: (y: Argv) =>
    y
      .option('config', { type: 'string', describe: 'Region configuration: a region code (west-kennemerland), code/jaar, or a file' })
      .option('scale', { choices: ['region', 'national'] as const, default: 'region' as const, describe: 'region: the gemeenten of --config; national: all 342 gemeenten (~4.2 million persons)' })
      .option('seed', { type: 'number', default: 1, describe: 'Random seed; the same seed and options give byte-identical files' })
      .option('out', { type: 'string', describe: 'Output folder (default: the project\'s extract, else data/generated/<regio> or data/generated/nederland)' })
      .option('format', { choices: ['csv', 'parquet', 'both'] as const, default: 'csv' as const, describe: 'File format of the tables' })
      .option('extractdatum', { type: 'string', default: DEFAULT_EXTRACTDATUM, describe: 'Date the extract is taken (YYYY-MM-DD); nothing in it lies after this date' })
      .option('persons-per-cohort', { type: 'number', describe: 'Persons per birth cohort in the generated area (default: its share of 160,000 nationally); small values make small test extracts' })
      .example('$0 generate --config west-kennemerland', 'West Kennemerland, ~95,000 persons, into data/generated/west-kennemerland')
      .example('$0 generate --config twente --seed 7 --format parquet', 'Twente as Parquet with another seed')
      .example('$0 generate --scale national --out /tmp/nat', 'The whole country, ~4.2 million persons')
      .example('$0 generate --config west-brabant-west --persons-per-cohort 200 --out /tmp/small', 'A small extract for tests'),
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const project = findProject(argv.project);
    if (argv.scale === 'region' && !argv.config && !project?.config) throw new UsageError('--scale region needs --config (e.g. --config west-kennemerland), or use --scale national');
    const [{ loadConfig }, { generateExtract }] = await Promise.all([import('../config/load.ts'), import('../generate/index.ts')]);
    const config = argv.scale === 'region' || argv.config ? loadConfig(configRef(argv.config, project), configRoots(project)) : undefined;
    const regio = argv.scale === 'national' ? 'nederland' : config!.regio.code;
    const out = path.resolve(argv.out ?? project?.extract ?? path.join('data', 'generated', regio));
    const tty = process.stderr.isTTY;
    let lastStage = '';
    const started = performance.now();
    const result = await generateExtract({
      config,
      scale: argv.scale,
      seed: argv.seed,
      out,
      format: argv.format,
      extractdatum: argv.extractdatum,
      personsPerCohort: argv.personsPerCohort,
      onProgress: (msg, fraction) => {
        const stage = msg.split(' ')[0];
        if (tty) process.stderr.write(`\r\x1b[K[${String(Math.round(fraction * 100)).padStart(3)}%] ${msg}`);
        else if (stage !== lastStage) process.stderr.write(`generate: ${msg}\n`);
        lastStage = stage;
      },
    });
    if (tty) process.stderr.write('\r\x1b[K');
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const total = Object.values(result.rows).reduce((s, n) => s + n, 0);
    const counts = Object.entries(result.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ');
    process.stderr.write(`generate: ${total.toLocaleString('en')} rows in ${secs} s → ${out}\n  ${counts}\n`);
  },
};
