/**
 * A build that survives faults: a second build on the same folder is refused, an interrupted build leaves
 * nothing half-written and can be run again, a full disk gives a clear error with nothing published.
 * (Chromium crashing or hanging mid-run: test/pdf.test.ts.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../pipeline/build/index.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { InputError } from '../pipeline/errors.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { acquireLock } from '../pipeline/output/atomic.ts';
import { Progress } from '../pipeline/progress.ts';
import { tempDir } from './helpers/extract-dir.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const config = loadConfig('west-brabant-west');
const work = tempDir('lp-res-');
const extract = path.join(work, 'extract');

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

beforeAll(async () => {
  await generateExtract({ config, seed: 3, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 150 });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

// concept: these tests are about faults, not about the narrative a final jaarverslag needs.
const opts = () => ({ extract, config, schooljaar: '2024/2025', progress: new Progress({ quiet: true }), datum: '2025-10-20', concept: true });

describe('resilience', () => {
  test('a second build on the same output folder is refused while the first holds it', async () => {
    const out = path.join(work, 'locked');
    const lock = await acquireLock(path.join(out, 'west-brabant-west/2024-2025'));
    try {
      await expect(build({ ...opts(), out, pdf: false })).rejects.toThrow(/already|lock|pid/i);
    } finally {
      lock.release();
    }
    expect(files(out).filter((f) => !f.endsWith('.lock'))).toEqual([]);
  });

  test('SIGINT during printing leaves nothing in the output folder; running again completes', async () => {
    const out = path.join(work, 'interrupted');
    const args = [path.join(ROOT, 'pipeline/bin/leerplicht.mjs'), 'build', '--extract', extract, '--config', 'west-brabant-west', '--schooljaar', '2024/2025', '--out', out, '--concept'];
    // The child's scratch space (the build database, Chromium profiles) goes to its own TMPDIR, checked below.
    const tmp = path.join(work, 'interrupted-tmp');
    mkdirSync(tmp, { recursive: true });
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: tmp } });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        // Interrupt once printing has started (temp files exist, nothing is committed yet).
        if (/PDF/.test(stderr) && !child.killed) setTimeout(() => child.kill('SIGINT'), 300);
      });
      child.on('exit', (c) => resolve(c));
    });
    expect(code).toBe(130);
    const left = files(out);
    expect(left, `left behind: ${left.join(', ')}`).toEqual([]);
    // (tsx keeps its compile cache there; that is not ours)
    expect(readdirSync(tmp).filter((f) => !f.startsWith('tsx-')), 'scratch database and Chromium profiles removed').toEqual([]);
    const r = await build({ ...opts(), out });
    expect(r.failed).toEqual([]);
    expect(files(out).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThanOrEqual(10);
  }, 180_000);

  test('a full disk gives one clear error and publishes nothing', async () => {
    const out = path.join(work, 'full');
    mkdirSync(out, { recursive: true });
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', out]);
    } catch {
      console.warn('cannot mount a small tmpfs here: disk-full test skipped');
      return;
    }
    try {
      const err = await build({ ...opts(), out }).then(() => undefined, (e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/disk is full|no space/i);
      expect(files(out)).toEqual([]);
    } finally {
      execFileSync('umount', [out]);
    }
  }, 180_000);

  test('an output folder that cannot be created gives one clear error', async () => {
    const file = path.join(work, 'a-file');
    writeFileSync(file, 'not a folder');
    const err = await build({ ...opts(), out: path.join(file, 'reports'), pdf: false }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/cannot write output/);
  });
});
