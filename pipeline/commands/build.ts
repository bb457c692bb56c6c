/** `leerplicht build`: every report of a region and schooljaar from one extract. */
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
// Only what the options and their checks need is imported here: the build itself (DuckDB, Puppeteer, Vega,
// exceljs …) and the configuration reader are loaded by the handler, so `leerplicht build --help` starts fast.
import { type BuildOptions, DEFAULT_MEMORY_LIMIT, REPORTS, type ReportName } from '../build/context.ts';
import { checkMemoryLimit, IncompleteError, UsageError } from '../errors.ts';
import { emit } from '../log.ts';
import { checkExtractdatum } from '../extractdatum.ts';
import { CPU_NOTE, partsNote, stageRows } from '../metrics.ts';
import { isCalendarDate } from '../load/values.ts';
import { Progress } from '../progress.ts';
import { Schooljaar } from '../schooljaar.ts';
import { parseKwartaal } from '../kwartaal.ts';

interface Args {
  project?: string;
  extract?: string;
  config?: string;
  schooljaar?: string;
  out?: string;
  gemeente?: string[];
  report?: ReportName[];
  kwartaal?: string[];
  dropInvalid: boolean;
  extractdatum?: string;
  pdf: boolean;
  html: boolean;
  threads?: number;
  memoryLimit?: string;
  concurrency?: number;
  datum?: string;
  shard?: string;
  force: boolean;
  concept: boolean;
  quiet: boolean;
}

/** `--shard 2/4` → { k: 2, n: 4 }. */
export function parseShard(s: string): { k: number; n: number } {
  const m = /^(\d+)\/(\d+)$/.exec(s);
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n) throw new UsageError(`--shard ${s}: expected K/N with 1 <= K <= N, e.g. 2/4`);
  return { k, n };
}

/** Command-line values that are wrong in form: usage errors (exit 2) before anything starts. */
export function checkBuildArgs(a: { schooljaar: string; memoryLimit?: string; threads?: number; concurrency?: number }): void {
  try {
    Schooljaar.parse(a.schooljaar);
  } catch {
    throw new UsageError(`--schooljaar ${a.schooljaar}: expected two consecutive years, e.g. 2024/2025`);
  }
  checkMemoryLimit(a.memoryLimit);
  for (const [flag, v] of [['--threads', a.threads], ['--concurrency', a.concurrency]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) throw new UsageError(`${flag} ${v}: expected a whole number of at least 1`);
  }
}

/** The options of `build`, which `plan` shares. */
export const buildOptions = (y: Argv): Argv<Args> =>
    (y
      .option('extract', { type: 'string', describe: 'Extract folder (see `leerplicht validate`; default: the project\'s extract)' })
      .option('config', { type: 'string', describe: 'Region: a code (twente), code/year (west-kennemerland/2014) or a YAML file (default: the project\'s config)' })
      .option('schooljaar', { type: 'string', describe: 'Schooljaar to report on, e.g. 2024/2025 or 2024-2025 (must have ended by the extract date; default: the project\'s schooljaar)' })
      .option('out', { type: 'string', describe: 'Output root; files go to <out>/<regio>/<schooljaar>/ (default: reports/ of the project, else ./reports)' })
      .option('gemeente', { type: 'array', string: true, describe: 'Only these gemeenten (CBS codes); default: all of the region' })
      .option('report', { type: 'array', choices: REPORTS as unknown as string[], describe: `Only these reports (default: all: ${REPORTS.join(', ')})` })
      .option('kwartaal', { type: 'array', string: true, describe: 'Quarters of the kwartaalrapportage, e.g. 2025-K1 (January–March 2025); alone, it builds only that report, and the schooljaar follows from the quarter. Default with --report kwartaal: every quarter of the schooljaar that has ended' })
      .option('extractdatum', { type: 'string', describe: 'Date the extract was taken (YYYY-MM-DD, not after today); makes extract.json optional' })
      .option('drop-invalid', { type: 'boolean', default: false, describe: 'Build from the valid rows of an extract with errors; writes rejected-rows.csv' })
      .option('pdf', { type: 'boolean', default: true, describe: 'Print PDFs (--no-pdf: datasets and CSVs only)' })
      .option('html', { type: 'boolean', default: false, describe: 'Also write each jaarverslag and RMC report as an accessible web page beside its PDF, and index.html linking every gemeente\'s report, PDF and data' })
      .option('threads', { type: 'number', describe: 'DuckDB threads (default: 1 for an extract folder under 100 MB, such as a region\'s; else all cores)' })
      .option('memory-limit', { type: 'string', describe: `DuckDB memory limit, e.g. 3GB (default ${DEFAULT_MEMORY_LIMIT}; DuckDB spills to the temp folder rather than fail)` })
      .option('concurrency', { type: 'number', describe: 'Documents printed at once (default: number of cores)' })
      .option('datum', { type: 'string', describe: 'Date on the cover and in the PDF metadata, YYYY-MM-DD (default: the Dutch date of $SOURCE_DATE_EPOCH if set, else today in Europe/Amsterdam)' })
      .option('shard', { type: 'string', describe: 'Build only shard K of N (K/N): every N-th gemeente by code; shard 1 also writes the region-level outputs. See "Spreading a run over machines" in the README' })
      .option('force', { type: 'boolean', default: false, describe: 'Print every document again, even when the previous build\'s is still valid' })
      .option('concept', { type: 'boolean', default: false, describe: 'Print inhoudelijk jaarverslagen whose narrative is missing or unfinished, marked CONCEPT (default: refuse and list what is missing)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress output' })
      .example('$0 build --extract data/generated/west-kennemerland --config west-kennemerland --schooljaar 2024/2025', 'All reports of West Kennemerland')
      .example('$0 build --extract ./extract --config twente --schooljaar 2024/2025 --gemeente 0153 --report jaarverslag', 'Only the jaarverslag of Enschede')
      .example('$0 build --extract ./extract --config twente --kwartaal 2025-K1', 'The kwartaalrapportage of January–March 2025')) as unknown as Argv<Args>;

/** The command line of `build` or `plan` as BuildOptions (usage errors are thrown before anything starts). */
export async function buildOptionsFrom(argv: ArgumentsCamelCase<Args>): Promise<BuildOptions> {
    const [{ loadConfig }, { configRef, configRoots, extractRef, findProject }] = await Promise.all([import('../config/load.ts'), import('../project.ts')]);
    if (argv.datum && !isCalendarDate(argv.datum)) throw new UsageError(`--datum ${argv.datum}: expected a date YYYY-MM-DD`);
    const shard = argv.shard ? parseShard(argv.shard) : undefined;
    const project = findProject(argv.project);
    const config = loadConfig(configRef(argv.config, project), configRoots(project));
    const kwartalen = argv.kwartaal?.map(parseKwartaal);
    const uitKwartaal = [...new Set(kwartalen?.map((k) => k.schooljaar))];
    if (uitKwartaal.length > 1) throw new UsageError(`--kwartaal ${argv.kwartaal!.join(' ')}: these quarters belong to different schooljaren (${uitKwartaal.join(', ')}); build each schooljaar on its own.`);
    const schooljaar = argv.schooljaar ?? uitKwartaal[0] ?? project?.schooljaar;
    if (!schooljaar) throw new UsageError('give --schooljaar, e.g. --schooljaar 2024/2025');
    checkBuildArgs({ ...argv, schooljaar });
    const progress = new Progress({ quiet: argv.quiet });
    return {
      extract: extractRef(argv.extract, project),
      config,
      schooljaar,
      out: argv.out ?? project?.reportsRoot ?? 'reports',
      narrativeRoot: project?.narratiefRoot,
      gemeenten: argv.gemeente,
      reports: argv.report ?? (kwartalen ? ['kwartaal'] : undefined),
      kwartalen: kwartalen?.map((k) => k.label),
      dropInvalid: argv.dropInvalid,
      extractdatum: argv.extractdatum ? checkExtractdatum(argv.extractdatum, '--extractdatum') : project?.extractdatum,
      pdf: argv.pdf,
      html: argv.html,
      threads: argv.threads,
      memoryLimit: argv.memoryLimit,
      concurrency: argv.concurrency,
      datum: argv.datum,
      shard,
      force: argv.force,
      concept: argv.concept,
      progress,
      argv: process.argv.slice(2),
    };
}

export const buildCommand: CommandModule<object, Args> = {
  command: COMMANDS.build.command,
  describe: COMMANDS.build.describe,
  builder: buildOptions,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const t0 = performance.now();
    const options = await buildOptionsFrom(argv);
    const [{ build }, { textTable }] = await Promise.all([import('../build/index.ts'), import('../load/report.ts')]);
    const r = await build(options);
    const rel = (f: string) => path.relative(process.cwd(), f);
    console.log(`\nBuilt ${r.outputs.length} file(s) in ${rel(r.root) || '.'} in ${((performance.now() - t0) / 1000).toFixed(1)} s${r.reused ? ` (${r.reused} document(s) unchanged since the previous build, taken over)` : ''}`);
    const t = stageRows(r.stages);
    console.log(textTable(t.header, t.rows));
    console.log(CPU_NOTE);
    const parts = partsNote(r.stages);
    if (parts) console.log(parts);
    if (r.browser) console.log(`PDFs printed with ${r.browser}`);
    if (r.warnings.length) {
      console.log(`\n${r.warnings.length} warning(s):`);
      for (const w of r.warnings.slice(0, 30)) console.log(`  - ${w}`);
      if (r.warnings.length > 30) console.log(`  … and ${r.warnings.length - 30} more (all in manifest.json)`);
    }
    const problems: string[] = [];
    if (r.failedChecks.length) {
      problems.push(`Leerplichttelling: ${r.failedChecks.length} consistency check(s) failed:\n${r.failedChecks.map((c) => `  - ${c}`).join('\n')}`);
    }
    if (r.failed.length) {
      problems.push(`${r.failed.length} document(s) failed: ${r.failed.map((f) => `${f.id} (${f.error})`).join(', ')}.`);
    }
    for (const w of r.warnings) emit('warning', { message: w });
    if (problems.length) throw new IncompleteError(`${problems.join('\n')}\nThe other outputs were written.`);
  },
};
