/**
 * Faults around a build (issues #18 and #13 items 4–5): configuration values that would give wrong
 * figures, usage errors, output and temp folders that fail, shards, the BSN scan before publishing,
 * formula cells for Excel, and what a build killed with kill -9 leaves behind.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import YAML from 'yaml';
import { build, type BuildOptions } from '../pipeline/build/index.ts';
import { main } from '../pipeline/cli.ts';
import { checkBuildConfig } from '../pipeline/config/checks.ts';
import { loadConfig, type RegionConfig } from '../pipeline/config/load.ts';
import { Db } from '../pipeline/db.ts';
import { environmentError, InputError } from '../pipeline/errors.ts';
import { excelText } from '../pipeline/export/excel-safe.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { acquireLock } from '../pipeline/output/atomic.ts';
import { findBsns } from '../pipeline/output/bsn-scan.ts';
import { removeLeftovers } from '../pipeline/output/leftovers.ts';
import { Progress } from '../pipeline/progress.ts';
import { tempDir } from './helpers/extract-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const work = tempDir('lp-hard-');
const extract = path.join(work, 'extract');
const wk = loadConfig('west-kennemerland');

/** A copy of the West Kennemerland configuration with some values changed, as a file. */
function configWith(change: (c: Record<string, any>) => void, name = 'c'): string {
  const raw = YAML.parse(readFileSync(wk.file, 'utf8'));
  change(raw);
  const file = path.join(work, `${name}-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, YAML.stringify(raw));
  return file;
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name]));
}

const opts = (o: Partial<BuildOptions> = {}): BuildOptions => ({
  extract, config: wk, schooljaar: '2024/2025', out: path.join(work, 'out'), progress: new Progress({ quiet: true }), datum: '2025-10-20', pdf: false, ...o,
});
/** The command names of this process's child processes (Linux /proc). */
function childCommands(): string[] {
  const pids = readdirSync('/proc/self/task').flatMap((t) => readFileSync(`/proc/self/task/${t}/children`, 'utf8').split(' ').filter(Boolean));
  return pids.map((p) => {
    try {
      return readFileSync(`/proc/${p}/comm`, 'utf8').trim();
    } catch {
      return '';
    }
  }).filter(Boolean);
}
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error);

beforeAll(async () => {
  await generateExtract({ config: wk, seed: 11, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 120 });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('configuration values that would give wrong figures are refused', () => {
  test('peildatum 02-30 and a summer holiday that ends before it starts', () => {
    expect(() => loadConfig(configWith((c) => { c.parameters.peildatum = '02-30'; }))).toThrow(/parameters\.peildatum "02-30" is not a day of every year/);
    expect(() => loadConfig(configWith((c) => { c.parameters.peildatum = '02-29'; }))).toThrow(InputError);
    expect(() => loadConfig(configWith((c) => { c.parameters.zomervakantie_van = '09-15'; c.parameters.zomervakantie_tot_en_met = '08-31'; })))
      .toThrow(/summer holiday ends .* before it starts/);
  });

  test('a gemeente that is not in the reference list', () => {
    const c = loadConfig(configWith((x) => { x.gemeenten.push({ code: '9999', naam: 'Nergens', percelen: [1] }); }));
    expect(() => checkBuildConfig(c)).toThrow(/gemeente 9999 \(Nergens\) is not in the reference list/);
  });

  test('a gemeente without any resident in the extract', async () => {
    const c = loadConfig(configWith((x) => { x.gemeenten.push({ code: '0014', naam: 'Groningen', percelen: [1] }); }));
    const e = await failure(build(opts({ config: c, out: path.join(work, 'no-residents'), reports: ['data'] })));
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toMatch(/no resident of 0014 Groningen in schooljaar 2024\/2025/);
    expect(files(path.join(work, 'no-residents')).filter((f) => !f.endsWith('.lock'))).toEqual([]);
  }, 120_000);

  test('a build refused after Chromium was started early (it starts while the extract loads) leaves no Chromium behind', async () => {
    const e = await failure(build(opts({ schooljaar: '1899/1900', out: path.join(work, 'history-pdf'), reports: ['jaarverslag'], pdf: true, concept: true })));
    expect(e).toBeInstanceOf(InputError);
    expect(childCommands().filter((c) => /chrom/i.test(c))).toEqual([]);
  }, 120_000);

  test('a schooljaar before the extract\'s history', async () => {
    const e = await failure(build(opts({ schooljaar: '1899/1900', out: path.join(work, 'history'), reports: ['data'] })));
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toMatch(/schooljaar 1899\/1900 is before the extract's history/);
  }, 120_000);
});

describe('usage errors exit 2', () => {
  test.each([
    [['--memory-limit', 'lots'], /--memory-limit lots: expected an amount with a unit/],
    [['--schooljaar', '2024/2026'], /--schooljaar 2024\/2026: expected two consecutive years/],
    [['--threads', '0'], /--threads 0/],
  ])('%j', async (extra, message) => {
    const args = ['build', '--extract', extract, '--config', 'west-kennemerland', '--schooljaar', '2024/2025', '--out', path.join(work, 'usage'), '--quiet'];
    const i = args.indexOf(extra[0]);
    if (i >= 0) args.splice(i, 2, ...extra);
    else args.push(...extra);
    const errors: string[] = [];
    const orig = console.error;
    console.error = (m: string) => errors.push(String(m));
    try {
      expect(await main(args)).toBe(2);
    } finally {
      console.error = orig;
    }
    expect(errors.join('\n')).toMatch(message);
    expect(existsSync(path.join(work, 'usage'))).toBe(false);
  });
});

describe('output and temp folders that fail are named, not blamed on the extract', () => {
  test('a fresh --out inside a read-only file system, and a broken link', async () => {
    const ro = path.join(work, 'ro');
    mkdirSync(ro, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=100k', 'tmpfs', ro]);
    } catch {
      console.warn('cannot mount a read-only tmpfs here: read-only test skipped');
      return;
    }
    try {
      const e = await failure(build(opts({ out: path.join(ro, 'reports') })));
      expect(e).toBeInstanceOf(InputError);
      expect(e!.message).toMatch(/cannot write output: the filesystem is read-only/);
    } finally {
      execFileSync('umount', [ro]);
    }
    symlinkSync('/nonexistent/folder', path.join(work, 'broken'));
    const e = await failure(build(opts({ out: path.join(work, 'broken') })));
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toMatch(/cannot write output: .*broken/);
  }, 60_000);

  test('a full TMPDIR: DuckDB\'s spill and Chromium\'s PDFs fail with a message naming TMPDIR, not the extract', async () => {
    const small = path.join(work, 'small-tmp');
    mkdirSync(small, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=300k', 'tmpfs', small]);
    } catch {
      console.warn('cannot mount a small tmpfs here: full-TMPDIR test skipped');
      return;
    }
    try {
      const run = (...extra: string[]) => {
        const p = spawnSync(process.execPath, [path.join(ROOT, 'pipeline/bin/leerplicht.mjs'), 'build', '--extract', extract, '--config', 'west-kennemerland',
          '--schooljaar', '2024/2025', '--out', path.join(work, 'full-tmp-out'), '--quiet', '--concept', ...extra], { cwd: ROOT, env: { ...process.env, TMPDIR: small }, encoding: 'utf8' });
        return { code: p.status, err: p.stderr };
      };
      const spill = run('--no-pdf', '--memory-limit', '20MB');
      expect(spill.code).toBe(1);
      // (depending on timing DuckDB reports the failed spill or plain out-of-memory: both name TMPDIR and the limit)
      expect(spill.err).toMatch(/not a problem of the extract/);
      expect(spill.err).toContain(small);
      expect(spill.err).toMatch(/--memory-limit/);
      expect(spill.err).not.toMatch(/\.csv|drop-invalid|\n\s+at /);
      const pdf = run('--report', 'jaarverslag', '--gemeente', '0392');
      expect(pdf.code).toBe(1);
      expect(pdf.err).toMatch(new RegExp(`temp folder \\(${small}\\) is full. Set TMPDIR`));
      expect(files(path.join(work, 'full-tmp-out')).filter((f) => !f.endsWith('.lock'))).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
    }
  }, 300_000);

  test('DuckDB\'s out-of-memory and spill failures, a full temp folder and Chromium\'s IO.read are environment errors', () => {
    const tmp = process.env.TMPDIR || '/tmp';
    const spill = environmentError(new Error('Out of Memory Error: failed to offload data block of size 256.0 KiB (1.2 GiB/1.2 GiB used). This limit was set by the \'max_temp_directory_size\' setting.'));
    expect(spill?.message).toMatch(new RegExp(`spill folder in ${tmp}.*set TMPDIR`));
    expect(spill?.message).toMatch(/not a problem of the extract/);
    expect(environmentError(new Error('Out of Memory Error: could not allocate block of size 256.0 KiB (95.3 MiB/95.3 MiB used)'))?.message).toMatch(/raise --memory-limit/);
    expect(environmentError(new Error('IO Error: Could not write file "/tmp/leerplicht-db-1-x/duckdb_temp_block": No space left on device'))?.message).toMatch(/no space left in .*set TMPDIR/);
    expect(environmentError(new Error('Protocol error (IO.read): Read failed'))?.message).toMatch(/temp folder .* is full.*TMPDIR/);
    expect(environmentError(new Error('Conversion Error: could not convert'))).toBeUndefined();
  });
});

describe('shards', () => {
  test('--shard 1/2 then --shard 2/2 into one folder give the same files as an unsharded build', async () => {
    const sharded = path.join(work, 'sharded');
    const whole = path.join(work, 'whole');
    await build(opts({ out: sharded, shard: { k: 1, n: 2 } }));
    await build(opts({ out: sharded, shard: { k: 2, n: 2 } }));
    await build(opts({ out: whole }));
    const list = (d: string) => files(d).filter((f) => !/manifest/.test(path.basename(f))).sort();
    const a = list(sharded);
    const b = list(whole);
    expect(a).toEqual(b);
    // West Kennemerland spans RMC regions 24 and 25: both have their own report folder.
    const rmc = a.filter((f) => f.includes('rmc-effectrapportage') && f.endsWith('.csv'));
    expect(rmc.length).toBe(2);
    expect(rmc.every((f) => f.startsWith('west-kennemerland/2024-2025/publiek/rmc/'))).toBe(true);
    for (const f of a.filter((x) => x.endsWith('.csv'))) {
      expect(readFileSync(path.join(sharded, f), 'utf8'), f).toBe(readFileSync(path.join(whole, f), 'utf8'));
    }
  }, 300_000);

  test('a shard and an unsharded build of one folder take the same lock', async () => {
    const out = path.join(work, 'locked');
    const lock = await acquireLock(path.join(out, 'west-kennemerland/2024-2025'));
    try {
      for (const shard of [{ k: 1, n: 2 }, { k: 2, n: 2 }]) {
        const e = await failure(build(opts({ out, shard })));
        expect(e?.message).toMatch(/another build is already writing/);
      }
    } finally {
      lock.release();
    }
  }, 60_000);
});

describe('Excel and disclosure settings', () => {
  test('a name beginning with = is neutralised in the Excel copy; min_cel 1 gives a warning', async () => {
    expect(['=1+1', '+31', '-2', '@SUM(A1)', 'Velsen', '\t=x'].map(excelText)).toEqual(["'=1+1", "'+31", "'-2", "'@SUM(A1)", 'Velsen', "'\t=x"]);
    const c = loadConfig(configWith((x) => {
      x.gemeenten.find((g: { code: string }) => g.code === '0453').naam = '=HYPERLINK("http://x","Velsen")';
      x.parameters.min_cel = 1;
    }));
    const out = path.join(work, 'excel');
    const r = await build(opts({ config: c, out, reports: ['data'] }));
    expect(r.warnings.join('\n')).toMatch(/min_cel is 1 \(below 5\): disclosure control is weakened/);
    const xl = readFileSync(path.join(out, 'west-kennemerland/2024-2025/publiek/data/indicatoren-excel.csv'), 'utf8');
    expect(xl).toContain(`"'=HYPERLINK(""http://x"",""Velsen"")"`);
    expect(xl.split('\n').some((l) => l.split(';').some((cell) => /^"?[=+@]/.test(cell)))).toBe(false);
  }, 120_000);
});

describe('BSN scan before publishing (#13 item 4)', () => {
  test('numbers that pass the 11-proef or are BSNs of the extract are found; our own numbers are not', async () => {
    const dir = tempDir('lp-scan-');
    const bsn = readFileSync(path.join(extract, 'personen.csv'), 'utf8').split('\n')[1].split(',')[0];
    writeFileSync(path.join(dir, 'a.csv'), 'x,y\n1,2\nnote,see 123456782 here\n');
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ bytes: 123456782, sha256: 'ab123456782cd', warnings: [`row of ${bsn.slice(0, 3)}.${bsn.slice(3, 6)}.${bsn.slice(6)}`] }));
    writeFileSync(path.join(dir, 'ok.csv'), 'waarde\n123456789\n20241001\n');
    const db = await Db.open({ threads: 1 });
    await db.run('CREATE TABLE src_personen (bsn INTEGER)'); // as the loader types it
    await db.run(`INSERT INTO src_personen VALUES (${Number(bsn)})`);
    const hits = await findBsns(db, dir, ['a.csv', 'manifest.json', 'ok.csv']);
    db.close();
    rmSync(dir, { recursive: true, force: true });
    expect(hits).toEqual([{ file: 'a.csv', where: 'line 3' }, { file: 'manifest.json', where: 'line 1' }]);
  });

  test('a narrative with a BSN stops the build, naming the PDF; nothing is published', async () => {
    const root = path.join(work, 'narratief');
    const dir = path.join(root, 'west-kennemerland', '2024-2025', '0392');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'verlof.md'), 'De casus van leerling 123456782 is besproken.\n');
    const out = path.join(work, 'narrative-out');
    const e = await failure(build(opts({ out, narrativeRoot: root, pdf: true, concept: true, gemeenten: ['0392'], reports: ['jaarverslag'] })));
    expect(e).toBeInstanceOf(InputError);
    expect(e!.message).toMatch(/0392-haarlem\/jaarverslag-leerplicht-2024-2025-0392-haarlem\.pdf, page \d+/);
    expect(e!.message).not.toContain('123456782');
    expect(files(out).filter((f) => !f.endsWith('.lock'))).toEqual([]);
  }, 180_000);
});

describe('nothing left behind after kill -9 (#13 item 5)', () => {
  test('removeLeftovers takes away the folders and the Chromium of a build that is gone, nothing of a live one', async () => {
    const tmp = tempDir('lp-left-');
    const out = path.join(tmp, 'out');
    mkdirSync(out);
    const gone = spawn('true');
    const deadPid = await new Promise<number>((r) => gone.on('exit', () => r(gone.pid!)));
    for (const d of [path.join(out, `.tmp-${deadPid}-abc`), path.join(tmp, `leerplicht-db-${deadPid}-abc`), path.join(tmp, `leerplicht-chromium-${deadPid}-abc`),
      path.join(out, `.tmp-${process.pid}-mine`), path.join(tmp, `leerplicht-db-${process.pid}-mine`)]) mkdirSync(d);
    // A stand-in for the dead build's Chromium: a process group started with its profile on the command line.
    const fake = spawn('/bin/sh', ['-c', 'sleep 60', `--user-data-dir=${path.join(tmp, `leerplicht-chromium-${deadPid}-abc`)}`], { detached: true, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 200));
    const removed = removeLeftovers(out, tmp);
    expect(removed.length).toBe(4);
    const exited = await new Promise<boolean>((r) => { fake.on('exit', () => r(true)); setTimeout(() => r(false), 3000); });
    expect(exited).toBe(true);
    expect(readdirSync(tmp).sort()).toEqual([`leerplicht-db-${process.pid}-mine`, 'out']);
    expect(readdirSync(out)).toEqual([`.tmp-${process.pid}-mine`]);
    rmSync(tmp, { recursive: true, force: true });
  });

  test('kill -9 during printing: no .tmp-* folder, no spill folder, no Chromium of the killed build after the next start', async () => {
    const out = path.join(work, 'killed');
    const tmp = path.join(work, 'killed-tmp');
    mkdirSync(tmp, { recursive: true });
    const args = [path.join(ROOT, 'pipeline/bin/leerplicht.mjs'), 'build', '--extract', extract, '--config', 'west-kennemerland', '--schooljaar', '2024/2025', '--out', out, '--report', 'jaarverslag', 'telling', '--concept'];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    let spillMode = -1;
    const chromiumOf = () => execFileSync('ps', ['-eo', 'pid,args']).toString().split('\n').filter((l) => l.includes(`leerplicht-chromium-${child.pid}-`));
    let chromiumBefore = 0;
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        if (/PDF/.test(stderr) && spillMode < 0) {
          spillMode = 0;
          // Kill as soon as Chromium prints (its processes exist): the worst moment.
          const poll = setInterval(() => {
            chromiumBefore = chromiumOf().length;
            if (!chromiumBefore) return;
            clearInterval(poll);
            const spill = readdirSync(tmp).find((f) => f.startsWith(`leerplicht-db-${child.pid}-`));
            spillMode = spill ? statSync(path.join(tmp, spill)).mode & 0o777 : -2;
            child.kill('SIGKILL');
          }, 50);
          child.on('exit', () => clearInterval(poll));
        }
      });
      child.on('exit', () => resolve());
    });
    expect(spillMode).toBe(0o700);
    expect(chromiumBefore).toBeGreaterThan(0);
    // The next build start (here one that only writes the datasets, with the same TMPDIR) cleans up whatever is left.
    execFileSync(process.execPath, [...args.slice(0, args.indexOf('--report')), '--report', 'data', '--no-pdf', '--quiet'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    const root = path.join(out, 'west-kennemerland/2024-2025');
    expect(readdirSync(root).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('leerplicht-'))).toEqual([]);
    expect(chromiumOf()).toEqual([]);
  }, 240_000);
});
