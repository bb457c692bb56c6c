/**
 * The `leerplicht` command line. Exit codes: 0 success, 1 input error (extract, config, data,
 * a failed document), 2 usage error (unknown command or option, bad argument).
 */
import yargs from 'yargs';
import { COMMANDS, type CommandName } from './commands/index.ts';
import { environmentError, InputError, UsageError } from './errors.ts';

export async function main(args: string[]): Promise<number> {
  // Only the command named is loaded; the others are listed by name and description (commands/index.ts).
  const named = args.find((a) => Object.hasOwn(COMMANDS, a)) as CommandName | undefined;
  const loaded = named ? await COMMANDS[named].load() : undefined;
  const parser = yargs(args)
    .scriptName('leerplicht')
    .usage('$0 <command> [options]\n\nBuilds the statutory leerplicht/RMC reports of a regional office from its register extract.')
    .option('project', { type: 'string', global: true, describe: 'Project folder (default: the nearest folder upwards holding leerplicht.yaml)' });
  for (const [name, c] of Object.entries(COMMANDS)) {
    parser.command(name === named ? loaded! : { command: c.command, describe: c.describe, handler: () => undefined });
  }
  parser
    .demandCommand(1, 'Name a command; see the list above.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue('Every command has its own --help with examples. Docs: README.md.')
    .fail((msg, err) => {
      // Throwing stops yargs from running the command with incomplete arguments.
      if (err) throw err;
      throw new UsageError(msg);
    })
    .exitProcess(false);
  try {
    await parser.parseAsync();
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      const command = args.find((a) => !a.startsWith('-')) ?? '';
      console.error(`Usage error: ${e.message}\nRun \`leerplicht ${command ? `${command} ` : ''}--help\` for the options and examples.`);
      return 2;
    }
    if (e instanceof InputError) {
      console.error(`Error: ${e.message}`);
      return 1;
    }
    const env = environmentError(e);
    if (env) {
      console.error(`Error: ${env.message}`);
      return 1;
    }
    console.error(e);
    return 1;
  }
}
