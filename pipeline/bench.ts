/**
 * `npm run bench`: speed and memory on this machine, measured (not asserted in tests), each against its floor.
 *
 *   1. the national extract (342 gemeenten, ~4 million persons), generated once and cached in .cache/bench/
 *   2. load + validate of that extract against its floor, a parse-only read of the same CSV files (DuckDB
 *      read_csv into memory, nothing checked)                                      (target ≤ 25 s, < 4 GB)
 *   3. the full national build of every report, per stage: wall, CPU (Chromium's included), peak memory
 *                                                                                  (target ≤ 150 s, < 4 GB)
 *   4. the PDF stage against its floor: the same HTML printed by a minimal loop with one warm browser and
 *      the same page pool, nothing else; with chromium-headless-shell and with full chromium, so both
 *      floors are on record                                                        (target ≤ 1.1× the shell's)
 *   5. the whole build against a naive baseline: a fresh browser per document and a fresh chart compile per
 *      chart, one document at a time, on 20 gemeenten, scaled
 *   6. a region build (West Kennemerland) as a whole process: `leerplicht build` from start-up to exit
 *                                                                                  (target ≤ 6 s)
 * The machine's load average is printed with the results (timings on a shared machine are noisy).
 *
 * Options: --only load (steps 1–2), --skip-naive, --extract DIR (use another extract), --config REGION (build
 * that region instead of the whole country, e.g. `--config twente --extract DIR`: a quick run of every step;
 * without an extract.json in DIR a region-scale extract is generated there).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { findBrowser, type BrowserChoice, type BrowserKind } from './render/browser.ts';
import { build, type BuildResult } from './build/index.ts';
import { loadConfig } from './config/load.ts';
import { Db } from './db.ts';
import { generateExtract } from './generate/index.ts';
import { loadExtract } from './load/index.ts';
import { textTable } from './load/report.ts';
import { CPU_NOTE, measure, partsNote, peakRssMb, stageRows, type StageMetrics } from './metrics.ts';
import { Progress } from './progress.ts';
import { setChartCaching } from './render/charts.ts';
import { DEFAULT_PDF_OPTIONS } from './render/pdf.ts';
import { TOOL_ROOT } from './paths.ts';

const ROOT = TOOL_ROOT;
const CACHE = path.join(ROOT, '.cache/bench');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
// A mistyped flag must not start a run of half an hour: only these are accepted (with a value: true).
const FLAGS: Record<string, boolean> = { only: true, 'skip-naive': false, extract: true, config: true };
const USAGE = `Usage: npm run bench -- [--only load] [--skip-naive] [--extract DIR] [--config REGION]
  Measures speed and memory on this machine, each stage against its floor (national extract by default, generated
  once into .cache/bench/; results appended to .cache/bench/bench-result.md). A national run takes 10–30 minutes.
  --only load       load + validate only
  --skip-naive      skip the naive baseline (a fresh browser per document)
  --extract DIR     use this extract instead of the generated national one
  --config REGION   build this region instead of the whole country (a quick run of every step)`;
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
for (let i = 0; i < args.length; i++) {
  const name = args[i].replace(/^--/, '');
  if (!args[i].startsWith('--') || !(name in FLAGS)) {
    console.error(`Error: unknown argument ${JSON.stringify(args[i])}\n${USAGE}`);
    process.exit(2);
  }
  if (FLAGS[name]) i++;
}

const s = (ms: number) => (ms / 1000).toFixed(1);
const lines: string[] = [];
const RESULT = path.join(CACHE, 'bench-result.md');
/** Prints a result line and appends it to the result file at once (a run cut short keeps what it measured). */
function report(line = ''): void {
  lines.push(line);
  console.log(line);
  if (!flag('only')) appendFileSync(RESULT, `${line}\n`);
}

async function ensureExtract(dir: string, config: Parameters<typeof generateExtract>[0]['config'], scale: 'region' | 'national'): Promise<void> {
  if (existsSync(path.join(dir, 'extract.json'))) return;
  const t0 = performance.now();
  console.error(`bench: generating the ${scale} extract into ${path.relative(ROOT, dir)} (cached for later runs)…`);
  const r = await generateExtract({ config, scale, seed: 1, out: dir, format: 'csv', extractdatum: '2025-10-15' });
  const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
  report(`generate ${scale}: ${rows.toLocaleString('en')} rows in ${s(performance.now() - t0)} s`);
}

/** The load floor: every CSV file of the extract parsed into memory as text, nothing checked or typed. */
async function parseOnly(extract: string): Promise<number> {
  const db = await Db.open();
  const t0 = performance.now();
  for (const f of readdirSync(extract).filter((x) => x.endsWith('.csv')).sort()) {
    await db.run(`CREATE TEMP TABLE "${f}" AS SELECT * FROM read_csv('${path.join(extract, f)}', header = true, all_varchar = true)`);
  }
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

async function benchLoad(extract: string, label: string): Promise<void> {
  const floorMs = await parseOnly(extract);
  const db = await Db.open();
  const stages: StageMetrics[] = [];
  const r = await measure('load + validate', () => loadExtract(db, extract), stages);
  db.close();
  const rows = r.files.reduce((a, f) => a + f.rows, 0);
  const persons = r.files.find((f) => f.table === 'personen')?.rows ?? 0;
  report(`\n## Load + validate (${label} extract: ${persons.toLocaleString('en')} persons, ${rows.toLocaleString('en')} rows)`);
  report(textTable(['stage', 'wall s', 'cpu s', 'peak MB', 'rows/s'], stages.map((x) => [x.name, s(x.ms), s(x.cpuMs), x.peakRssMb, Math.round(rows / (x.ms / 1000)).toLocaleString('en')])));
  report(`floor (the same CSV files parsed into memory, nothing checked): ${s(floorMs)} s; load + validate ${(stages[0].ms / floorMs).toFixed(1)}× it`);
  report(`valid: ${r.ok}; target: ≤ 25 s and < 4096 MB`);
}

function stageTable(r: BuildResult): string {
  const t = stageRows(r.stages);
  return [textTable(t.header, t.rows), CPU_NOTE, partsNote(r.stages)].filter(Boolean).join('\n');
}

const PDF_STAGE = 'charts + HTML + PDF';

/**
 * The PDF stage of a build, the stage row that holds its memory (the block it ran in, when the data files
 * were written alongside), and the wall time a build without that overlap would spend on top of the other
 * stages' (the PDFs and the data files one after the other).
 */
function pdfStageOf(r: BuildResult): { pdf: StageMetrics; memory: StageMetrics; block: number; serial: number } {
  const i = r.stages.findIndex((x) => x.name === PDF_STAGE);
  const pdf = r.stages[i];
  if (!pdf.part) return { pdf, memory: pdf, block: pdf.ms, serial: pdf.ms };
  let b = i;
  while (r.stages[b].part) b--;
  let end = b + 1;
  while (r.stages[end]?.part) end++;
  const parts = r.stages.slice(b + 1, end);
  return { pdf, memory: r.stages[b], block: r.stages[b].ms, serial: parts.reduce((a, x) => a + x.ms, 0) };
}

/** The floor: the same HTML, one warm browser, the same pool size, a minimal loop, nothing else. */
async function floor(htmlDir: string, pool: number, browser: BrowserChoice): Promise<number> {
  const files = readdirSync(htmlDir).filter((f) => f.endsWith('.html')).sort();
  const b = await puppeteer.launch({
    executablePath: browser.executablePath,
    headless: browser.headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--font-render-hinting=none'],
  });
  const warm = await b.newPage();
  await warm.setContent('<p>warm</p>');
  await warm.pdf();
  await warm.close();
  const out = path.join(os.tmpdir(), `lp-floor-${process.pid}.pdf`);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: pool }, async () => {
    const page = await b.newPage();
    while (next < files.length) {
      const f = files[next++];
      await page.setContent(readFileSync(path.join(htmlDir, f), 'utf8'), { waitUntil: 'load' });
      writeFileSync(out, await page.pdf({ ...DEFAULT_PDF_OPTIONS }));
    }
    await page.close();
  }));
  const ms = performance.now() - t0;
  await b.close();
  rmSync(out, { force: true });
  return ms;
}

/** The floor with each Debian browser that is installed. */
async function floors(htmlDir: string, pool: number): Promise<Map<BrowserKind, number>> {
  const out = new Map<BrowserKind, number>();
  for (const kind of ['headless-shell', 'chromium'] as const) {
    let browser: BrowserChoice;
    try {
      browser = findBrowser({ only: kind });
    } catch {
      continue;
    }
    out.set(kind, await floor(htmlDir, pool, browser));
  }
  return out;
}

/** Bytes on disk under `dir` (allocated blocks: DuckDB's spill files are sparse). */
function diskUse(dir: string): number {
  let n = 0;
  // A folder walked one at a time (readdirSync's `recursive` throws when a subfolder goes while it walks:
  // Chromium's profile, removed at each restart, did so in the middle of a bench).
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return; // gone meanwhile
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        try {
          n += statSync(p).blocks * 512;
        } catch {
          // gone meanwhile
        }
      }
    }
  };
  walk(dir);
  return n;
}

const load = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const region = value('config');
  const national = loadConfig(region ?? 'nederland');
  const extract = value('extract') ?? path.join(CACHE, region ?? 'nederland');
  mkdirSync(CACHE, { recursive: true });
  if (!flag('only')) writeFileSync(RESULT, '');
  report(`# leerplicht-rapportage bench (${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, node ${process.version}; load average ${load()} at the start)`);
  await ensureExtract(extract, national, region ? 'region' : 'national');
  if (flag('only') && value('only') === 'load') {
    await benchLoad(extract, region ?? 'national');
    return finish();
  }
  // In a process of its own: after a first national DuckDB instance (2.7 GB) was closed, the build measured
  // next in the same process ran its SQL model ~15 s slower (72 s against 56 s in a fresh process).
  const child = execFileSync(process.execPath, [import.meta.filename, '--only', 'load', '--extract', extract, ...(region ? ['--config', region] : [])], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  });
  for (const line of child.trimEnd().split('\n').filter((l) => !l.startsWith('# '))) report(line);

  const out = path.join(CACHE, 'out');
  const htmlDir = path.join(CACHE, 'html');
  rmSync(out, { recursive: true, force: true });
  rmSync(htmlDir, { recursive: true, force: true });
  const pool = os.availableParallelism();
  // DuckDB's scratch folder in a temp folder of the bench's own, to see how much it spills.
  const tmp = path.join(CACHE, 'tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  process.env.TMPDIR = tmp;
  let spill = 0;
  const spillTimer = setInterval(() => {
    spill = Math.max(spill, diskUse(tmp));
  }, 1000);
  const t0 = performance.now();
  const r = await build({ extract, config: national, schooljaar: '2024/2025', out, progress: new Progress(), htmlDir, datum: '2025-10-20' });
  clearInterval(spillTimer);
  const total = performance.now() - t0;
  const pdfs = r.outputs.filter((f) => f.endsWith('.pdf')).length;
  const { pdf: pdfStage, memory, block, serial } = pdfStageOf(r);
  report(`\n## ${region ? `${national.regio.naam}` : 'National'} build: ${national.gemeenten.length} gemeenten, ${pdfs} PDFs, ${r.outputs.length} files`);
  report(stageTable(r));
  report(`PDFs printed with ${r.browser}; DuckDB spilled at most ${Math.round(spill / 2 ** 20)} MB to its scratch folder`);
  report(`whole build: ${s(total)} s (target ≤ 150 s); peak memory ${peakRssMb()} MB of this process, Chromium at most ${memory.childPeakMb ?? 0} MB besides (target < 4096 MB); failed documents: ${r.failed.length}`);

  const f = await floors(htmlDir, pool);
  report(`\n## PDF stage against its floor (${pdfs} documents, pool of ${pool})`);
  report(`PDF stage ${s(pdfStage.ms)} s, charts and HTML made in the same stage${pdfStage.part ? ', the data files written alongside' : ''}, printed with ${r.browser}`);
  if (pdfStage.part) report(`the PDFs and the data files together: ${s(block)} s of wall time; their parts' wall times added up ${s(serial)} s (each slowed by the others: more than one after the other would take)`);
  for (const [kind, ms] of f) {
    report(`floor with ${kind === 'headless-shell' ? 'chromium-headless-shell' : 'chromium (full)'}: ${s(ms)} s; PDF stage ${(pdfStage.ms / ms).toFixed(2)}× it${kind === 'headless-shell' ? ' (target ≤ 1.1×)' : ''}`);
  }

  if (!flag('skip-naive')) {
    const sample = national.gemeenten.slice(0, 20).map((g) => g.code);
    setChartCaching(false); // every chart compiled afresh
    let naive: BuildResult;
    try {
      naive = await build({
        extract, config: national, schooljaar: '2024/2025', out: path.join(CACHE, 'naive'), progress: new Progress({ quiet: true }),
        gemeenten: sample, reports: ['jaarverslag', 'telling'], datum: '2025-10-20', printer: { restartEvery: 1, poolSize: 1 },
      });
    } finally {
      setChartCaching(true);
    }
    // The naive document stage per document, times this build's documents; the other stages are the same work.
    const naiveDocs = naive.outputs.filter((f) => f.endsWith('.pdf')).length;
    const naivePdf = pdfStageOf(naive).pdf;
    // The naive build prints one document after another, after the data files (their wall time as measured
    // alongside the PDFs here, which is more than they take alone).
    const scaled = total - block + (serial - pdfStage.ms) + (naivePdf.ms / naiveDocs) * pdfs;
    report(`\n## Against a naive baseline (fresh browser per document, one document at a time, every chart compiled afresh)`);
    report(`naive document stage: ${naiveDocs} documents of ${sample.length} gemeenten in ${s(naivePdf.ms)} s (${Math.round(naivePdf.ms / naiveDocs)} ms each) → ${pdfs} documents ${s((naivePdf.ms / naiveDocs) * pdfs)} s`);
    report(`naive whole build (other stages as measured above): ${s(scaled)} s; this build ${s(total)} s; speed-up ${(scaled / total).toFixed(1)}×`);
    rmSync(path.join(CACHE, 'naive'), { recursive: true, force: true });
  }

  const wk = loadConfig('west-kennemerland');
  const wkExtract = path.join(CACHE, 'west-kennemerland');
  await ensureExtract(wkExtract, wk, 'region');
  const regionOut = path.join(CACHE, 'region');
  rmSync(regionOut, { recursive: true, force: true });
  // As a user runs it: the command from start-up to exit (Node, the CLI, DuckDB, the browser's start).
  const tr = performance.now();
  const summary = execFileSync(process.execPath, [path.join(ROOT, 'pipeline/bin/leerplicht.mjs'), 'build', '--extract', wkExtract, '--config', 'west-kennemerland',
    '--schooljaar', '2024/2025', '--out', regionOut, '--datum', '2025-10-20', '--quiet'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const regionMs = performance.now() - tr;
  report(`\n## Region build: West Kennemerland, ${wk.gemeenten.length} gemeenten, as a whole process (\`leerplicht build\`)`);
  report(summary.slice(summary.indexOf('stage'), summary.indexOf('PDFs printed with')).trimEnd());
  report(`region build: ${s(regionMs)} s from start-up to exit (target ≤ 6 s)`);
  report(`\nload average ${load()} at the end`);
  finish();
}

function finish(): void {
  if (!flag('only')) console.error(`\nbench: results also in ${path.relative(ROOT, RESULT)}`);
}

await main();
