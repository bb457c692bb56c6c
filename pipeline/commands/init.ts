/** `leerplicht init DIR`: creates an office's project folder (see pipeline/project.ts). */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
import { initProject } from '../project.ts';

interface Args {
  dir: string;
  config?: string;
}

export const initCommand: CommandModule<object, Args> = {
  command: COMMANDS.init.command,
  describe: COMMANDS.init.describe,
  builder: (y: Argv) =>
    (y
      .positional('dir', { type: 'string', default: '.', describe: 'Folder to create the project in (default: the working folder)' })
      .option('config', { type: 'string', describe: 'Region the project starts from: a shipped example (west-kennemerland, twente, …) or code/jaar (default: west-kennemerland)' })
      .example('$0 init mijn-rbl --config twente', 'A project for Twente, starting from the shipped example')) as unknown as Argv<Args>,
  handler: (argv: ArgumentsCamelCase<Args>) => {
    const files = initProject(argv.dir, { config: argv.config });
    console.log(`Created a leerplicht project in ${argv.dir}: ${files.join(', ')}, and the folders config/, narratief/, mappings/, extracts/, reports/.`);
    console.log('Next: `leerplicht generate` (a synthetic demo extract into extracts/demo), then `leerplicht build --schooljaar 2024/2025`.');
  },
};
