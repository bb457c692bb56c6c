/**
 * `leerplicht plan`: what `build` with the same options would do with each document: print it, or take
 * over the previous build's file, and why. Runs load, model and disclosure control (the cache keys need the
 * published figures); prints nothing, writes nothing into the output folder.
 */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { emit } from '../log.ts';
import { COMMANDS } from './index.ts';
import { buildOptions, buildOptionsFrom } from './build.ts';

type Args = Parameters<typeof buildOptionsFrom>[0];

export const planCommand: CommandModule<object, Args> = {
  command: COMMANDS.plan.command,
  describe: COMMANDS.plan.describe,
  builder: (y: Argv) =>
    buildOptions(y)
      .example('$0 plan --extract ./extract --config twente --schooljaar 2024/2025', 'Which documents a build would print, which it would take over')
      .example('$0 plan --config twente --schooljaar 2024/2025 --gemeente 0153 --force', 'With --force everything is printed') as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const options = await buildOptionsFrom(argv);
    // Loaded here, not at the top: `leerplicht plan --help` needs none of the build's modules.
    const [{ build }, { textTable }] = await Promise.all([import('../build/index.ts'), import('../load/report.ts')]);
    const r = await build({ ...options, plan: true });
    for (const d of r.plan) emit('document', { status: d.action === 'print' ? 'would_print' : 'would_reuse', id: d.id, file: d.file, reason: d.reason });
    for (const w of r.warnings) emit('warning', { message: w });
    const print = r.plan.filter((d) => d.action === 'print').length;
    console.log(`\nPlan for ${path.relative(process.cwd(), r.root) || '.'}: ${print} document(s) to print, ${r.plan.length - print} to take over from the previous build`);
    if (r.plan.length) console.log(textTable(['action', 'document', 'file', 'why'], r.plan.map((d) => [d.action, d.id, d.file, d.reason])));
  },
};
