/** `leerplicht import brp FILE --out DIR`: converts a BRP delivery into the contract's personen and verblijfplaatsen. */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
import { checkExtractdatum, todayIso } from '../extractdatum.ts';
import { readElementMapping } from '../import/lo-gba.ts';
import { extractRef, findProject } from '../project.ts';
import { type BrpFormat, formatImportReport, importBrp } from '../import/run.ts';

interface Args {
  bron: 'brp';
  file: string;
  project?: string;
  out?: string;
  extractdatum?: string;
  formaat?: BrpFormat;
  elementen?: string;
}

export const importCommand: CommandModule<object, Args> = {
  command: COMMANDS.import.command,
  describe: COMMANDS.import.describe,
  builder: (y: Argv) =>
    (y
      .positional('bron', { choices: ['brp'] as const, describe: 'What the file is' })
      .positional('file', { type: 'string', describe: 'The delivery: an LO GBA element-numbered CSV, or a Haal Centraal BRP Personen response (.json)' })
      .option('out', { type: 'string', describe: 'Extract folder to write personen.csv and verblijfplaatsen.csv into (default: the project\'s extract)' })
      .option('extractdatum', { type: 'string', describe: 'Date the delivery was taken (YYYY-MM-DD, not after today); also written to extract.json. Default: today, and no extract.json' })
      .option('formaat', { choices: ['lo-gba', 'haal-centraal'] as const, describe: 'Source format (default: .json = haal-centraal, else lo-gba)' })
      .option('elementen', { type: 'string', describe: 'YAML file mapping element roles to your export\'s column names (see pipeline/import/README.md)' })
      .example('$0 import brp bevolking.csv --out extract-2025 --extractdatum 2025-10-15', 'An LO GBA selection into an extract folder')
      .example('$0 import brp personen.json --out extract-2025', 'A Haal Centraal BRP Personen response')) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const extractdatum = argv.extractdatum ? checkExtractdatum(argv.extractdatum, '--extractdatum') : todayIso();
    const out = extractRef(argv.out, findProject(argv.project));
    const { report } = await importBrp({
      file: argv.file,
      out: path.resolve(out),
      extractdatum,
      writeMeta: !!argv.extractdatum,
      format: argv.formaat,
      mapping: argv.elementen ? readElementMapping(argv.elementen) : undefined,
    });
    console.log(formatImportReport(report));
    console.log(`Wrote personen.csv and verblijfplaatsen.csv to ${out}${argv.extractdatum ? ' (with extract.json)' : ''}.`);
  },
};
