/** `leerplicht validate`: checks an extract against the input contract without building anything. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
import type { Db } from '../db.ts';
import { checkMemoryLimit, InputError } from '../errors.ts';
import { checkExtractdatum } from '../extractdatum.ts';
import { extractRef, findProject } from '../project.ts';
import { Progress } from '../progress.ts';

interface Args {
  project?: string;
  extract?: string;
  dropInvalid: boolean;
  extractdatum?: string;
  out?: string;
  threads?: number;
  memoryLimit?: string;
}

export const validateCommand: CommandModule<object, Args> = {
  command: COMMANDS.validate.command,
  describe: COMMANDS.validate.describe,
  builder: (y: Argv) =>
    (y
      .option('extract', { type: 'string', describe: 'Extract folder (one CSV or Parquet file per table, plus extract.json; default: the project\'s extract)' })
      .option('extractdatum', { type: 'string', describe: 'Date the extract was taken (YYYY-MM-DD, not after today); makes extract.json optional' })
      .option('drop-invalid', { type: 'boolean', default: false, describe: 'Load the valid rows anyway and write the rejection report (rejected-rows.csv) to --out' })
      .option('out', { type: 'string', describe: 'Folder for the rejection report with --drop-invalid (default: reports/validatie)' })
      .option('threads', { type: 'number', describe: 'DuckDB threads (default: all cores)' })
      .option('memory-limit', { type: 'string', describe: 'DuckDB memory limit, e.g. 3GB' })
      .example('$0 validate --extract data/generated/twente', 'Validate the generated Twente extract')
      .example('$0 validate --extract ./extract-2025 --drop-invalid --out reports/validatie', 'Load what is valid and list the rejected rows')) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    // Loaded here, not at start-up: `--help` needs none of it (see cli.ts).
    const [{ Db }, { allRowErrors }, { formatProblems, formatSummary, rejectionCsv }] = await Promise.all([
      import('../db.ts'), import('../load/index.ts'), import('../load/report.ts'),
    ]);
    checkMemoryLimit(argv.memoryLimit);
    const progress = new Progress();
    const db = await Db.open({ threads: argv.threads, memoryLimit: argv.memoryLimit });
    try {
      const project = findProject(argv.project);
      const extract = extractRef(argv.extract, project);
      const extractdatum = argv.extractdatum ? checkExtractdatum(argv.extractdatum, '--extractdatum') : project?.extractdatum;
      const r = await validateExtract(db, extract, argv.dropInvalid, progress, extractdatum);
      if (!r.ok) {
        throw new InputError(`${formatProblems(r)}\n\nThe extract in ${extract} was rejected: fix the problems above, or pass --drop-invalid to load only the valid rows.`);
      }
      if (argv.dropInvalid && Object.keys(r.errorCounts).length) {
        const out = path.resolve(argv.out ?? 'reports/validatie');
        mkdirSync(out, { recursive: true });
        const file = path.join(out, 'rejected-rows.csv');
        writeFileSync(file, rejectionCsv(await allRowErrors(db)));
        console.error(`${formatProblems(r)}\n`);
        const dropped = Object.entries(r.dropped).filter(([, n]) => n > 0).map(([t, n]) => `${n} row(s) of ${t}`).join(', ');
        console.error(`Dropped ${dropped}. Rejection report: ${file}`);
      }
      console.log(formatSummary(r));
      console.log(`Extract ${extract} (extractdatum ${r.meta!.extractdatum}) is valid.`);
    } finally {
      db.close();
    }
  },
};

async function validateExtract(db: Db, dir: string, dropInvalid: boolean, progress: Progress, extractdatum?: string) {
  const { loadExtract } = await import('../load/index.ts');
  let stage = progress.stage('read');
  const r = await loadExtract(db, dir, {
    dropInvalid,
    extractdatum,
    onStage: (s) => {
      if (s === 'read') return;
      stage.done();
      stage = progress.stage(s);
    },
  });
  stage.done();
  return r;
}
