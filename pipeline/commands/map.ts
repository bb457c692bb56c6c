/** `leerplicht map`: turns DUO/vendor exports into contract tables with YAML mappings; `--check` lists what is unmapped. */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { InputError, UsageError } from '../errors.ts';
import { checkHasProblems, convertExport, formatCheck } from '../mapping/convert.ts';
import { readMapping } from '../mapping/mapping.ts';
import { OutputTransaction } from '../output/atomic.ts';

interface Args {
  mappings: string[];
  in?: string;
  out?: string;
  check: boolean;
}

export const mapCommand: CommandModule<object, Args> = {
  command: 'map <mappings..>',
  describe: 'Convert DUO or vendor exports into contract tables with YAML mappings (--check: list unmapped columns and codes)',
  builder: (y: Argv) =>
    (y
      .positional('mappings', { type: 'string', array: true, describe: 'Mapping files (YAML), one per source export' })
      .option('in', { type: 'string', describe: 'The export to convert, instead of the mapping\'s "bestand" (one mapping only)' })
      .option('out', { type: 'string', describe: 'Extract folder to write <tabel>.csv into' })
      .option('check', { type: 'boolean', default: false, describe: 'Only report unmapped source columns, code values (with counts), dates and numbers; exit 1 if any value would be rejected' })
      .example('$0 map mappings/inschrijvingen.yaml --check', 'What the mapping does not cover yet')
      .example('$0 map mappings/*.yaml --out extract-2025', 'Convert every export into the extract folder')
      .check((a) => {
        if (a.in && (a.mappings?.length ?? 0) > 1) throw new UsageError('--in works with one mapping only');
        if (!a.check && !a.out) throw new UsageError('give --out DIR (or --check to only report)');
        return true;
      })) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const mappings = argv.mappings.map(readMapping);
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
    const tx = await OutputTransaction.begin(path.resolve(argv.out!));
    try {
      for (const r of results) await tx.writeFile(`${r.m.table.name}.csv`, r.csv);
      await tx.commit();
    } catch (e) {
      await tx.abort();
      throw e;
    }
    console.log(`Wrote ${tables.map((t) => `${t}.csv`).join(', ')} to ${argv.out}.${problems.length ? ' Some values are not mapped (see above): `leerplicht validate` will list them.' : ''}`);
  },
};
