/**
 * The `leerplicht` command line. Exit codes: 0 success, 1 input error (extract, config, data), 2 usage
 * error (unknown command or option, bad argument), 3 built and published, but some documents or checks
 * failed. `--log-format json` turns stderr into one JSON event per line (log.ts).
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { COMMANDS, type CommandName } from './commands/index.ts';
import { environmentError, IncompleteError, InputError, UsageError } from './errors.ts';
import { emit, jsonLog, LOG_FORMATS, type LogFormat, resetLogFormat, setLogFormat } from './log.ts';
import { toolPath } from './paths.ts';

export function toolVersion(): string {
  return JSON.parse(readFileSync(toolPath('package.json'), 'utf8')).version;
}

/** The value of `--log-format` (read before yargs, so that even a usage error is logged in the format asked for). */
function logFormatOf(args: string[]): LogFormat | undefined {
  const i = args.findIndex((a) => a === '--log-format' || a.startsWith('--log-format='));
  if (i < 0) return undefined;
  const v = args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
  return LOG_FORMATS.includes(v as LogFormat) ? (v as LogFormat) : undefined;
}

export async function main(args: string[]): Promise<number> {
  setLogFormat(logFormatOf(args) ?? 'text');
  try {
    const code = await run(args);
    emit('end', { exit_code: code });
    return code;
  } finally {
    resetLogFormat();
  }
}

async function run(args: string[]): Promise<number> {
  if (args.includes('--version') || args.includes('-V')) {
    console.log(toolVersion());
    return 0;
  }
  // Only the command named is loaded; the others are listed by name and description (commands/index.ts).
  const named = args.find((a) => Object.hasOwn(COMMANDS, a)) as CommandName | undefined;
  const loaded = named ? await COMMANDS[named].load() : undefined;
  const parser = yargs(args)
    .scriptName('leerplicht')
    .usage('$0 <command> [options]\n\nBuilds the statutory leerplicht/RMC reports of a regional office from its register extract.')
    .option('project', { type: 'string', global: true, describe: 'Project folder (default: the nearest folder upwards holding leerplicht.yaml)' })
    .option('log-format', { choices: LOG_FORMATS as unknown as string[], default: 'text', global: true, describe: 'stderr as text, or as one JSON event per line (stage_start, stage_end, document, warning, message, error, end)' });
  for (const [name, c] of Object.entries(COMMANDS)) {
    parser.command(name === named ? loaded! : { command: c.command, describe: c.describe, handler: () => undefined });
  }
  parser
    .demandCommand(1, 'Name a command; see the list above.')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    // (answered before yargs runs, above; declared here for the help)
    .version('version', 'Print the version and exit', toolVersion())
    .alias('V', 'version')
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
      return fail(2, e.message, `Usage error: ${e.message}\nRun \`leerplicht ${command ? `${command} ` : ''}--help\` for the options and examples.`);
    }
    if (e instanceof IncompleteError) return fail(3, e.message, `Error: ${e.message}`);
    if (e instanceof InputError) return fail(1, e.message, `Error: ${e.message}`);
    const env = environmentError(e);
    if (env) return fail(1, env.message, `Error: ${env.message}`);
    if (jsonLog()) return fail(1, String((e as Error)?.stack ?? e), '');
    console.error(e);
    return 1;
  }
}

/** Reports an error (an `error` event, or the text on stderr) and returns its exit code. */
function fail(code: number, message: string, text: string): number {
  if (jsonLog()) emit('error', { exit_code: code, message });
  else console.error(text);
  return code;
}
