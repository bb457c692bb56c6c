/** `leerplicht dictionary`: the data dictionary (columns and indicators) as Markdown or CSV. */
import { writeFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';

interface Args {
  format: 'md' | 'csv';
  out?: string;
}

export const dictionaryCommand: CommandModule<object, Args> = {
  command: COMMANDS.dictionary.command,
  describe: COMMANDS.dictionary.describe,
  builder: (y: Argv) =>
    (y
      .option('format', { choices: ['md', 'csv'] as const, default: 'md' as const, describe: 'Markdown (for the docs) or CSV' })
      .option('out', { type: 'string', describe: 'Write to this file instead of standard output' })
      .example('$0 dictionary --out data/indicatoren-woordenboek.md', 'Regenerate the dictionary page of the docs')) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const [{ dictionaryMarkdown, dictionaryRows }, { toCsv }] = await Promise.all([import('../export/dataset.ts'), import('../csv.ts')]);
    const text = argv.format === 'md' ? dictionaryMarkdown() : toCsv(dictionaryRows());
    if (argv.out) writeFileSync(argv.out, text);
    else process.stdout.write(text);
  },
};
