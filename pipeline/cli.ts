/**
 * The `leerplicht` command line. Exit codes: 0 success, 1 input error (extract, config, data,
 * a failed document), 2 usage error (unknown command or option, bad argument).
 */
import yargs from 'yargs';
import { buildCommand } from './commands/build.ts';
import { dictionaryCommand } from './commands/dictionary.ts';
import { generateCommand } from './commands/generate.ts';
import { kostenCommand } from './commands/kosten.ts';
import { validateCommand } from './commands/validate.ts';
import { InputError, UsageError } from './errors.ts';

export async function main(args: string[]): Promise<number> {
  let usageError: string | undefined;
  const parser = yargs(args)
    .scriptName('leerplicht')
    .usage('$0 <command> [options]\n\nBuilds the statutory leerplicht/RMC reports of a regional office from its register extract.')
    .command(generateCommand)
    .command(validateCommand)
    .command(buildCommand)
    .command(kostenCommand)
    .command(dictionaryCommand)
    .demandCommand(1, 'Name a command; see the list above.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Every command has its own --help with examples. Docs: README.md.')
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    })
    .exitProcess(false);
  try {
    await parser.parseAsync();
    if (usageError !== undefined) {
      console.error(`${await parser.getHelp()}\n\n${usageError}`);
      return 2;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`Usage error: ${e.message}\nRun with --help for the options.`);
      return 2;
    }
    if (e instanceof InputError) {
      console.error(`Error: ${e.message}`);
      return 1;
    }
    console.error(e);
    return 1;
  }
}
