/**
 * `leerplicht narratief`: writes, per gemeente with an inhoudelijk jaarverslag and per chapter, a Markdown
 * draft that states what the figures show (against last year and the region), with marked places for the
 * leerplichtambtenaar's own text. Existing files are never overwritten (unless --overwrite).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { COMMANDS } from './index.ts';
import { InputError, UsageError } from '../errors.ts';

interface Args {
  project?: string;
  extract?: string;
  config?: string;
  schooljaar?: string;
  gemeente?: string[];
  narratief?: string;
  overwrite: boolean;
}

export const narratiefCommand: CommandModule<object, Args> = {
  command: COMMANDS.narratief.command,
  describe: COMMANDS.narratief.describe,
  builder: (y: Argv) =>
    (y
      .option('extract', { type: 'string', describe: 'Extract folder (the figures the drafts describe; default: the project\'s extract)' })
      .option('config', { type: 'string', describe: 'Region: a code (west-kennemerland), code/year or a YAML file (default: the project\'s config)' })
      .option('schooljaar', { type: 'string', describe: 'Schooljaar, e.g. 2024/2025 (default: the project\'s schooljaar)' })
      .option('gemeente', { type: 'array', string: true, describe: 'Only these gemeenten (default: every gemeente with an inhoudelijk jaarverslag)' })
      .option('narratief', { type: 'string', describe: 'Narrative folder (default: narratief/ of the project, else data/narratief)' })
      .option('overwrite', { type: 'boolean', default: false, describe: 'Replace existing files (default: keep them)' })
      .example('$0 narratief --extract data/generated/west-kennemerland --config west-kennemerland --schooljaar 2024/2025', 'Drafts for every inhoudelijk gemeente')) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    // Loaded here, not at the top: `leerplicht narratief --help` needs none of DuckDB, Vega or the reports.
    const [
      { loadConfig, variant }, { Db }, { publishIndicators }, { loadCatalogTable }, { loadExtract }, { formatProblems }, { runModel },
      { configRef, configRoots, extractRef, findProject }, { rmcRegios }, { Figures }, { regionScope },
      { MARKER, NARRATIVE_CHAPTERS, narrativeFile, openNarratives }, { draftText },
    ] = await Promise.all([
      import('../config/load.ts'), import('../db.ts'), import('../disclosure.ts'), import('../export/dataset.ts'), import('../load/index.ts'),
      import('../load/report.ts'), import('../model.ts'), import('../project.ts'), import('../reference.ts'), import('../reports/figures.ts'),
      import('../reports/jaarverslag.ts'), import('../reports/narrative.ts'), import('../reports/narrative-draft.ts'),
    ]);
    const project = findProject(argv.project);
    const config = loadConfig(configRef(argv.config, project), configRoots(project));
    const schooljaar = argv.schooljaar ?? project?.schooljaar;
    if (!schooljaar) throw new UsageError('give --schooljaar, e.g. --schooljaar 2024/2025');
    const extract = extractRef(argv.extract, project);
    const gemeenten = config.gemeenten.filter((g) => variant(g) === 'inhoudelijk' && (!argv.gemeente?.length || argv.gemeente.includes(g.code)));
    if (!gemeenten.length) throw new InputError(`no gemeente with an inhoudelijk jaarverslag${argv.gemeente?.length ? ` among ${argv.gemeente.join(', ')}` : ''} in ${config.file}`);
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'leerplicht-db-'));
    const db = await Db.open({ tempDirectory: scratch });
    try {
      const load = await loadExtract(db, extract, { extractdatum: project?.extractdatum });
      if (!load.ok) throw new InputError(`${formatProblems(load)}\n\nThe extract in ${extract} was rejected: fix the problems above first.`);
      await runModel(db, { config, schooljaar, rmcRegio: rmcRegios() });
      await loadCatalogTable(db);
      await publishIndicators(db, config.parameters);
      const F = await Figures.load(db);
      const n = openNarratives(config.regio.code, schooljaar, argv.narratief ? path.resolve(argv.narratief) : project?.narratiefRoot);
      let written = 0;
      let kept = 0;
      for (const g of gemeenten) {
        const s = regionScope(config, g, schooljaar);
        for (const ch of NARRATIVE_CHAPTERS) {
          const file = narrativeFile(n, g.code, ch);
          if (existsSync(file) && !argv.overwrite) {
            kept++;
            continue;
          }
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, draftText(F, s, ch, MARKER));
          written++;
        }
      }
      console.error(`narratief: ${written} draft(s) written, ${kept} existing file(s) kept, in ${n.dir}\nReplace every place marked "${MARKER} …]" with your own text; a final build refuses drafts (use --concept to print one).`);
    } finally {
      db.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};
