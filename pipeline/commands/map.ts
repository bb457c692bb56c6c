/** `leerplicht map`: turns DUO/vendor exports into contract tables with YAML mappings; `--check` lists what is unmapped. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
import { InputError, UsageError } from '../errors.ts';
import { checkHasProblems, convertExport, formatCheck } from '../mapping/convert.ts';
import { readMapping } from '../mapping/mapping.ts';
import { OutputTransaction } from '../output/atomic.ts';
import { findProject, type Project } from '../project.ts';

function projectMappings(p?: Project): string[] {
  const dir = p && path.join(p.root, 'mappings');
  const files = dir && existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(dir, f)) : [];
  if (!files.length) throw new UsageError(p ? `no mappings/*.yaml in ${p.root}; name the mapping files` : 'name the mapping files (or run inside a project made with `leerplicht init`)');
  return files;
}

interface Args {
  project?: string;
  mappings?: string[];
  in?: string;
  out?: string;
  check: boolean;
}

export const mapCommand: CommandModule<object, Args> = {
  command: COMMANDS.map.command,
  describe: COMMANDS.map.describe,
  builder: (y: Argv) =>
    (y
      .positional('mappings', { type: 'string', array: true, describe: 'Mapping files (YAML), one per source export (default: every mappings/*.yaml of the project)' })
      .option('in', { type: 'string', describe: 'The export to convert, instead of the mapping\'s "bestand" (one mapping only)' })
      .option('out', { type: 'string', describe: 'Extract folder to write <tabel>.csv into (default: the project\'s extract)' })
      .option('check', { type: 'boolean', default: false, describe: 'Only report unmapped source columns, code values (with counts), dates and numbers; exit 1 if any value would be rejected' })
      .example('$0 map mappings/inschrijvingen.yaml --check', 'What the mapping does not cover yet')
      .example('$0 map mappings/*.yaml --out extract-2025', 'Convert every export into the extract folder')
      .check((a) => {
        if (a.in && (a.mappings?.length ?? 0) > 1) throw new UsageError('--in works with one mapping only');
        return true;
      })) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const project = findProject(argv.project);
    const files = argv.mappings?.length ? argv.mappings : projectMappings(project);
    const mappings = files.map(readMapping);
    const tables = mappings.map((m) => m.table.name);
    const dup = tables.filter((t, i) => tables.indexOf(t) !== i);
    if (dup.length) throw new InputError(`two mappings write the same table: ${[...new Set(dup)].join(', ')}`);
    const results = [];
    for (const m of mappings) results.push({ m, ...(await convertExport(m, argv.in ? path.resolve(argv.in) : undefined)) });
    console.log(results.map((r) => formatCheck(r.check)).join('\n'));
    const problems = results.filter((r) => checkHasProblems(r.check));
    if (argv.check) {
      if (problems.length) throw new InputError(`${problems.length} export(s) have values the loader would reject: extend the mapping(s) ${problems.map((r) => path.basename(r.m.file)).join(', ')}`);
      return;
    }
    const out = argv.out ?? project?.extract;
    if (!out) throw new UsageError('give --out DIR (or --check to only report)');
    const tx = await OutputTransaction.begin(path.resolve(out));
    try {
      for (const r of results) await tx.writeFile(`${r.m.table.name}.csv`, r.csv);
      await tx.commit();
    } catch (e) {
      await tx.abort();
      throw e;
    }
    console.log(`Wrote ${tables.map((t) => `${t}.csv`).join(', ')} to ${out}.${problems.length ? ' Some values are not mapped (see above): `leerplicht validate` will list them.' : ''}`);
  },
};
