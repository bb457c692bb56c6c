/**
 * `leerplicht kosten`: the regional budget divided per perceel and per gemeente, the formatie per
 * gemeente and its norm, the multi-year budget with the RMC reserve line and the voorschotten per
 * quarter. Prints the main tables and writes CSVs (plus Excel copies), a workbook and the begroting PDF
 * into <out>/<regio>/<jaar>/kosten/, all or nothing. With --jaarrekening DIR: the jaarrekening and
 * afrekening of that year from the realisation in DIR, into <out>/<regio>/<jaar>/jaarrekening/.
 * Rules: ../shared/domain/kostenverdeling.md; config keys, rounding, columns: pipeline/kosten/README.md.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { loadConfig, resolveConfigPath } from '../config/load.ts';
import { Db } from '../db.ts';
import { InputError, UsageError } from '../errors.ts';
import { readBegroting } from '../kosten/begroting.ts';
import { computeKosten, type Sleutels } from '../kosten/compute.ts';
import { keysFromExtract, meldingenFromExtract, peildatumVoor, readBevolkingCsv } from '../kosten/keys.ts';
import { computeJaarrekening, readRealisatie } from '../kosten/jaarrekening.ts';
import { jaarrekeningCsv } from '../kosten/jaarrekening-tables.ts';
import { begrotingTables, csvFiles, type DocOpts, jaarrekeningHtml, jaarrekeningText, kostenHtml, stdoutText, vaststellingUiterlijk, workbook } from '../kosten/render.ts';
import { buildUitkomst } from '../kosten/tables.ts';
import { loadExtract } from '../load/index.ts';
import { formatProblems } from '../load/report.ts';
import { sqlFiles } from '../model.ts';
import { acquireLock, OutputTransaction } from '../output/atomic.ts';
import { datum } from '../format/index.ts';

interface Args {
  config: string;
  bevolking?: string;
  extract?: string;
  jaar?: number;
  jaren?: number;
  out: string;
  pdf: boolean;
  jaarrekening?: string;
  status: 'concept' | 'vastgesteld';
  vergadering?: string;
  threads?: number;
  memoryLimit?: string;
}

export const kostenCommand: CommandModule<object, Args> = {
  command: 'kosten',
  describe: 'Divide the regional budget per perceel and per gemeente (kostenverdeling, formatie, meerjarenbegroting)',
  builder: (y: Argv) =>
    y
      .option('config', { type: 'string', demandOption: true, describe: 'Region configuration with a `begroting` section: a file, `regio/jaar` or a region code' })
      .option('bevolking', { type: 'string', describe: 'CSV with the population keys (gemeentecode,leeftijd_5_22,leeftijd_5_17,leeftijd_18_22), e.g. to reproduce a published budget' })
      .option('extract', { type: 'string', describe: 'Extract folder: counts the keys on 1 January of the previous year (unless --bevolking is given) and the curatieve meldingen for the formatie norm' })
      .option('jaar', { type: 'number', describe: 'Budget year (default: the configuration\'s year; a later year indexes its amounts)' })
      .option('jaren', { type: 'number', describe: 'Years in the multi-year budget, the budget year included (default: begroting.jaren, else 3)' })
      .option('out', { type: 'string', default: 'reports', describe: 'Output root; files go to <out>/<regio>/<jaar>/kosten/' })
      .option('pdf', { type: 'boolean', default: true, describe: 'Print the PDF for the regional board (--no-pdf: CSVs only)' })
      .option('jaarrekening', { type: 'string', describe: 'Folder with the realisation of the budget year (realisatie.yaml, lasten.csv, baten.csv, voorschotten.csv, optional extra_dienstverlening.csv): writes the jaarrekening and afrekening instead of the begroting' })
      .option('status', { choices: ['concept', 'vastgesteld'] as const, default: 'concept' as const, describe: 'Status printed on the document: concept (ontwerp, with a proposed decision) or vastgesteld' })
      .option('vergadering', { type: 'string', describe: 'Date of the meeting of the gemeenschappelijk orgaan, YYYY-MM-DD (printed on the document)' })
      .option('threads', { type: 'number', describe: 'DuckDB threads with --extract (default: all cores)' })
      .option('memory-limit', { type: 'string', describe: 'DuckDB memory limit with --extract, e.g. 3GB' })
      .check((a) => {
        if (!a.bevolking && !a.extract) throw new UsageError('give the population keys: --bevolking FILE or --extract DIR');
        if (a.jaar !== undefined && (!Number.isInteger(a.jaar) || a.jaar < 2000 || a.jaar > 2100)) throw new UsageError(`--jaar ${a.jaar} is not a year`);
        if (a.jaren !== undefined && (!Number.isInteger(a.jaren) || a.jaren < 1 || a.jaren > 10)) throw new UsageError(`--jaren ${a.jaren}: give 1 to 10`);
        if (a.vergadering !== undefined && !isDate(a.vergadering)) throw new UsageError(`--vergadering ${a.vergadering}: give a date as YYYY-MM-DD`);
        if (a.jaarrekening !== undefined && (a.jaar !== undefined || a.jaren !== undefined)) throw new UsageError('--jaarrekening settles the budget year of the configuration: leave out --jaar and --jaren');
        return true;
      })
      .example('$0 kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv', 'The West Kennemerland 2014 budget and its 2014–2016 projection, from the published population keys')
      .example('$0 kosten --config twente/2025 --extract ./extract-2025 --no-pdf', 'Keys and caseload counted from an extract; CSVs only')
      .example('$0 kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv --jaren 5', 'A five-year projection')
      .example('$0 kosten --config west-kennemerland/2014 --bevolking data/bevolking/west-kennemerland-2013-01-01.csv --jaarrekening data/realisatie/west-kennemerland-2014', 'The jaarrekening and afrekening 2014 from a realisation (an invented example)'),
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    const config = loadConfig(configRef(argv.config, argv.jaar));
    const begroting = readBegroting(config);
    const jaar = argv.jaar ?? begroting.jaar;
    if (jaar < begroting.jaar) throw new UsageError(`--jaar ${jaar} is before the year of ${config.file} (${begroting.jaar}); use an older configuration`);
    if (jaar > begroting.jaar) console.error(`note: ${config.file} is the ${begroting.jaar} budget; ${jaar} follows from it by indexation.`);

    const sleutels = await readKeys(argv, begroting.gemeenten, jaar, begroting.bevolkingBron);
    const kosten = computeKosten(begroting, sleutels, { jaar, jaren: argv.jaren });
    const uitkomst = buildUitkomst(kosten);
    const doc: DocOpts = { datum: today(), status: argv.status, vergadering: argv.vergadering };
    const soort = argv.jaarrekening ? 'jaarrekening' : 'begroting';
    if (doc.vergadering && doc.vergadering > vaststellingUiterlijk(soort, jaar)) {
      console.error(`warning: the meeting of ${doc.vergadering} is after ${vaststellingUiterlijk(soort, jaar)}, the regeling's deadline for adopting the ${soort} ${jaar}.`);
    }
    if (!argv.jaarrekening && uitkomst.jaren.length < 4) console.error(`warning: the meerjarenraming covers ${uitkomst.jaren.length - 1} year(s) after ${jaar}; the regeling asks for at least three (--jaren 4).`);

    let files: { rel: string; data: string | Buffer }[];
    let html: (() => string) | undefined;
    let title: string;
    if (argv.jaarrekening) {
      const jr = computeJaarrekening(uitkomst, await readRealisatie(argv.jaarrekening, begroting));
      process.stdout.write(jaarrekeningText(jr));
      const tables = jaarrekeningCsv(jr);
      files = [...csvFiles(tables), { rel: 'jaarrekening.xlsx', data: await workbook(tables) }];
      html = () => jaarrekeningHtml(uitkomst, jr, doc);
      title = `${doc.status === 'vastgesteld' ? 'Jaarrekening' : 'Ontwerpjaarrekening'} ${jaar} ${config.regio.naam}${jr.realisatie.fictief ? ' – voorbeeld met verzonnen realisatiecijfers' : ''}`;
    } else {
      process.stdout.write(stdoutText(uitkomst));
      const tables = begrotingTables(uitkomst);
      files = [...csvFiles(tables), { rel: 'begroting.xlsx', data: await workbook(tables) }];
      html = () => kostenHtml(uitkomst, doc);
      title = `${doc.status === 'vastgesteld' ? 'Begroting' : 'Ontwerpbegroting'} ${jaar} ${config.regio.naam}`;
    }

    const root = path.resolve(argv.out, config.regio.code, String(jaar), soort === 'begroting' ? 'kosten' : 'jaarrekening');
    const lock = await acquireLock(root);
    const tx = await OutputTransaction.begin(root);
    try {
      for (const f of files) await tx.writeFile(f.rel, f.data);
      if (argv.pdf) await printPdf(tx, `${soort}.pdf`, html, title);
      const written = await tx.commit();
      console.error(`\nWrote ${written.length} files to ${path.relative(process.cwd(), root) || root}: ${written.join(', ')}`);
    } catch (e) {
      await tx.abort();
      throw e;
    } finally {
      lock.release();
    }
  },
};

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
}

/** Today in the Netherlands, YYYY-MM-DD (SOURCE_DATE_EPOCH, when set, for reproducible documents). */
function today(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const d = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** `--config twente --jaar 2025` means twente/2025 when that exists. */
function configRef(ref: string, jaar: number | undefined): string {
  if (jaar === undefined || ref.includes('/') || existsSync(ref)) return ref;
  try {
    resolveConfigPath(`${ref}/${jaar}`);
    return `${ref}/${jaar}`;
  } catch {
    return ref;
  }
}

async function readKeys(argv: Args, gemeenten: Parameters<typeof readBevolkingCsv>[1], jaar: number, bevolkingBron?: string): Promise<Sleutels> {
  let sleutels = argv.bevolking ? readBevolkingCsv(argv.bevolking, gemeenten, jaar) : undefined;
  if (sleutels && bevolkingBron) sleutels.omschrijving = bevolkingBron;
  if (sleutels && sleutels.peildatum !== peildatumVoor(jaar)) {
    console.error(`warning: ${argv.bevolking} looks like a count on ${sleutels.peildatum}; the ${jaar} budget divides by the population on ${peildatumVoor(jaar)}.`);
  }
  if (!argv.extract) return sleutels!;
  const db = await Db.open({ threads: argv.threads, memoryLimit: argv.memoryLimit });
  try {
    const r = await loadExtract(db, argv.extract);
    if (!r.ok) throw new InputError(`${formatProblems(r)}\n\nThe extract in ${argv.extract} was rejected; see \`leerplicht validate --help\`.`);
    for (const f of sqlFiles('staging')) await db.runFile(f);
    const extractdatum = r.meta!.extractdatum;
    if (extractdatum < peildatumVoor(jaar)) throw new InputError(`the extract of ${extractdatum} is older than the population peildatum ${peildatumVoor(jaar)}`);
    if (extractdatum > `${jaar}-01-01`) {
      // 22 on the peildatum means a 24th birthday from 2 January of the budget year on: removed at load.
      console.error(`warning: the extract is of ${extractdatum}; persons who turned 24 by then were removed at load, so the 18–22 count on ${peildatumVoor(jaar)} may be too low.`);
    }
    sleutels ??= await keysFromExtract(db, gemeenten, jaar, `extract ${argv.extract} (${extractdatum})`, `geteld uit de leerlingenadministratie (extract van ${datum(extractdatum)})`);
    sleutels.meldingen = await meldingenFromExtract(db, gemeenten, jaar);
    return sleutels;
  } finally {
    db.close();
  }
}

async function printPdf(tx: OutputTransaction, file: string, html: () => string, title: string): Promise<void> {
  const { PdfPrinter } = await import('../render/pdf.ts');
  const printer = await PdfPrinter.start({ poolSize: 1 });
  try {
    const [r] = await printer.printAll([{ id: file, html, outFile: tx.path(file), title }]);
    if (!r.ok) throw new InputError(`printing ${file} failed: ${r.error}. Nothing was published; --no-pdf writes the CSVs and the workbook alone.`);
  } finally {
    await printer.close();
  }
}
