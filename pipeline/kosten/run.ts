/**
 * `leerplicht kosten` without its command line (commands/kosten.ts turns the flags into KostenOptions): the
 * begroting (or, with `jaarrekening`, the jaarrekening and afrekening) of a region configuration, printed to
 * stdout and written (CSVs, Excel copies, workbook, PDF) into <out>/<regio>/<jaar>/kosten/ (or
 * jaarrekening/), all or nothing.
 */
import { dutchMidnight, resolveDatum } from '../datum.ts';
import { statSync } from 'node:fs';
import path from 'node:path';
import type { RegionConfig } from '../config/load.ts';
import { Db, sqlFiles } from '../db.ts';
import { InputError, UsageError } from '../errors.ts';
import { datum } from '../format/index.ts';
import { loadExtract } from '../load/index.ts';
import { formatProblems } from '../load/report.ts';
import { acquireLock, OutputTransaction } from '../output/atomic.ts';
import { fileSha256, previousOutputs, removeStaleOutputs } from '../output/cache.ts';
import { documentMetadata } from '../build/identity.ts';
import type { PdfMetadata } from '../render/pdf-metadata.ts';
import { readBegroting } from './begroting.ts';
import { computeKosten, type Sleutels } from './compute.ts';
import { computeJaarrekening, readRealisatie } from './jaarrekening.ts';
import { jaarrekeningCsv } from './jaarrekening-tables.ts';
import { keysFromExtract, meldingenFromExtract, peildatumVoor, readBevolkingCsv } from './keys.ts';
import { begrotingTables, csvFiles, type DocOpts, jaarrekeningHtml, jaarrekeningText, kostenHtml, stdoutText, vaststellingUiterlijk, workbook } from './render.ts';
import { buildUitkomst } from './tables.ts';

export interface KostenOptions {
  config: RegionConfig;
  /** Budget year (default: the configuration's year; a later year indexes its amounts). */
  jaar?: number;
  /** Years in the multi-year budget, the budget year included (default: begroting.jaren, else 3). */
  jaren?: number;
  /** CSV with the population keys. */
  bevolking?: string;
  /** Extract folder: the keys (unless `bevolking`) and the curatieve meldingen. */
  extract?: string;
  /** Output root. */
  out: string;
  pdf: boolean;
  /** Folder with the realisation of the budget year: the jaarrekening instead of the begroting. */
  jaarrekening?: string;
  status: 'concept' | 'vastgesteld';
  /** Date of the meeting of the gemeenschappelijk orgaan, YYYY-MM-DD. */
  vergadering?: string;
  threads?: number;
  memoryLimit?: string;
}

/** The list of what a run wrote into its folder (file, bytes, sha256): the next run removes what it no longer writes. */
const MANIFEST = 'manifest.json';

export async function runKosten(o: KostenOptions): Promise<void> {
  const config = o.config;
  const begroting = readBegroting(config);
  const jaar = o.jaar ?? begroting.jaar;
  if (jaar < begroting.jaar) throw new UsageError(`--jaar ${jaar} is before the year of ${config.file} (${begroting.jaar}); use an older configuration`);
  if (jaar > begroting.jaar) console.error(`note: ${config.file} is the ${begroting.jaar} budget; ${jaar} follows from it by indexation.`);

  const sleutels = await readKeys(o, begroting.gemeenten, jaar, begroting.bevolkingBron);
  const kosten = computeKosten(begroting, sleutels, { jaar, jaren: o.jaren });
  const uitkomst = buildUitkomst(kosten);
  const doc: DocOpts = { datum: today(), status: o.status, vergadering: o.vergadering };
  const soort = o.jaarrekening ? 'jaarrekening' : 'begroting';
  if (doc.vergadering && doc.vergadering > vaststellingUiterlijk(soort, jaar)) {
    console.error(`warning: the meeting of ${doc.vergadering} is after ${vaststellingUiterlijk(soort, jaar)}, the regeling's deadline for adopting the ${soort} ${jaar}.`);
  }
  if (!o.jaarrekening && uitkomst.jaren.length < 4) console.error(`warning: the meerjarenraming covers ${uitkomst.jaren.length - 1} year(s) after ${jaar}; the regeling asks for at least three (--jaren 4).`);

  let files: { rel: string; data: string | Buffer }[];
  let html: (() => string) | undefined;
  let title: string;
  if (o.jaarrekening) {
    const jr = computeJaarrekening(uitkomst, await readRealisatie(o.jaarrekening, begroting));
    process.stdout.write(jaarrekeningText(jr));
    const tables = jaarrekeningCsv(jr);
    files = [...csvFiles(tables), { rel: 'jaarrekening.xlsx', data: await workbook(tables, dutchMidnight(doc.datum)) }];
    html = () => jaarrekeningHtml(uitkomst, jr, doc);
    title = `${doc.status === 'vastgesteld' ? 'Jaarrekening' : 'Ontwerpjaarrekening'} ${jaar} ${config.regio.naam}${jr.realisatie.fictief ? ' – voorbeeld met verzonnen realisatiecijfers' : ''}`;
  } else {
    process.stdout.write(stdoutText(uitkomst));
    const tables = begrotingTables(uitkomst);
    files = [...csvFiles(tables), { rel: 'begroting.xlsx', data: await workbook(tables, dutchMidnight(doc.datum)) }];
    html = () => kostenHtml(uitkomst, doc);
    title = `${doc.status === 'vastgesteld' ? 'Begroting' : 'Ontwerpbegroting'} ${jaar} ${config.regio.naam}`;
  }

  const root = path.resolve(o.out, config.regio.code, String(jaar), soort === 'begroting' ? 'kosten' : 'jaarrekening');
  const lock = await acquireLock(root);
  const tx = await OutputTransaction.begin(root);
  try {
    for (const f of files) await tx.writeFile(f.rel, f.data);
    if (o.pdf) await printPdf(tx, `${soort}.pdf`, html, title, documentMetadata.kosten(title, soort, jaar, config.regio, dutchMidnight(doc.datum)));
    // The folder is this command's: what an earlier run wrote and this one does not (a begroting.pdf of an
    // earlier run beside the CSVs of a --no-pdf run, with other figures) goes, as a complete build's does.
    const previous = previousOutputs(root, MANIFEST);
    const outputs = await Promise.all((await tx.files()).map(async (file) => ({ file, bytes: statSync(tx.path(file)).size, sha256: await fileSha256(tx.path(file)) })));
    await tx.writeFile(MANIFEST, `${JSON.stringify({ soort, jaar, regio: config.regio.code, outputs }, null, 2)}\n`);
    const written = await tx.commit();
    const where = path.relative(process.cwd(), root) || root;
    console.error(`\nWrote ${written.length} files to ${where}: ${written.join(', ')}`);
    const { removed, changed } = removeStaleOutputs(root, previous, written);
    if (removed.length) console.error(`Removed ${removed.length} file(s) an earlier run wrote that this run does not: ${removed.join(', ')}`);
    if (changed.length) console.error(`warning: kept ${changed.join(', ')}: written by an earlier run, not by this one, and changed since; remove it if it is not needed (its figures may not be this run's).`);
  } catch (e) {
    await tx.abort();
    throw e;
  } finally {
    lock.release();
  }
}

/** Today in the Netherlands, or the date of SOURCE_DATE_EPOCH (pipeline/datum.ts). */
function today(): string {
  return resolveDatum().datum;
}

async function readKeys(o: KostenOptions, gemeenten: Parameters<typeof readBevolkingCsv>[1], jaar: number, bevolkingBron?: string): Promise<Sleutels> {
  let sleutels = o.bevolking ? readBevolkingCsv(o.bevolking, gemeenten, jaar) : undefined;
  if (sleutels && bevolkingBron) sleutels.omschrijving = bevolkingBron;
  if (sleutels && sleutels.peildatum !== peildatumVoor(jaar)) {
    console.error(`warning: ${o.bevolking} looks like a count on ${sleutels.peildatum}; the ${jaar} budget divides by the population on ${peildatumVoor(jaar)}.`);
  }
  if (!o.extract) return sleutels!;
  const db = await Db.open({ threads: o.threads, memoryLimit: o.memoryLimit });
  try {
    const r = await loadExtract(db, o.extract);
    if (!r.ok) throw new InputError(`${formatProblems(r)}\n\nThe extract in ${o.extract} was rejected; see \`leerplicht validate --help\`.`);
    for (const f of sqlFiles('staging')) await db.runFile(f);
    const extractdatum = r.meta!.extractdatum;
    if (extractdatum < peildatumVoor(jaar)) throw new InputError(`the extract of ${extractdatum} is older than the population peildatum ${peildatumVoor(jaar)}`);
    if (extractdatum > `${jaar}-01-01`) {
      // 22 on the peildatum means a 24th birthday from 2 January of the budget year on: removed at load.
      console.error(`warning: the extract is of ${extractdatum}; persons who turned 24 by then were removed at load, so the 18–22 count on ${peildatumVoor(jaar)} may be too low.`);
    }
    sleutels ??= await keysFromExtract(db, gemeenten, jaar, `extract ${o.extract} (${extractdatum})`, `geteld uit de leerlingenadministratie (extract van ${datum(extractdatum)})`);
    sleutels.meldingen = await meldingenFromExtract(db, gemeenten, jaar);
    return sleutels;
  } finally {
    db.close();
  }
}

async function printPdf(tx: OutputTransaction, file: string, html: () => string, title: string, metadata: PdfMetadata): Promise<void> {
  const { PdfPrinter } = await import('../render/pdf.ts');
  const printer = await PdfPrinter.start({ poolSize: 1 });
  try {
    const [r] = await printer.printAll([{ id: file, html, outFile: tx.path(file), title, metadata }]);
    if (!r.ok) throw new InputError(`printing ${file} failed: ${r.error}. Nothing was published; --no-pdf writes the CSVs and the workbook alone.`);
  } finally {
    await printer.close();
  }
}
