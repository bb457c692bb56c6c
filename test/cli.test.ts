/**
 * CLI conventions: --version, exit code 3 (built, but a document failed), --log-format json (every stderr
 * line an event), `plan` (print or take over, and why; writes nothing), and a closed pipe without EPIPE.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { main } from '../pipeline/cli.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { tempDir } from './helpers/extract-dir.ts';

// One jaarverslag fails to render: the test hook is the template renderer, which throws for one gemeente.
const FAIL = '0748';
vi.mock('../pipeline/render/html.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../pipeline/render/html.ts')>();
  return {
    ...m,
    renderTemplate: (name: string, context: { gemeente?: { code: string } }) => {
      if (name === 'jaarverslag.njk' && context.gemeente?.code === FAIL && process.env.LP_TEST_FAIL) throw new Error('render failed (test)');
      return m.renderTemplate(name, context);
    },
  };
});

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'pipeline/bin/leerplicht.mjs');
const work = tempDir('lp-cli-');
const extract = path.join(work, 'extract');
const OK = '1655';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Runs main() in this process; returns its exit code, stdout and the stderr lines. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string[] }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((stdout += String(c)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((stderr += String(c)), true));
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void (stdout += `${a.join(' ')}\n`));
  try {
    const code = await main(args);
    return { code, stdout, stderr: stderr.split('\n').filter(Boolean) };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}

const common = () => ['--extract', extract, '--config', 'west-brabant-west', '--schooljaar', '2024/2025', '--gemeente', FAIL, OK,
  '--report', 'jaarverslag', '--concept', '--datum', '2025-10-20'];

beforeAll(async () => {
  await generateExtract({ config: loadConfig('west-brabant-west'), seed: 3, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 150 });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.LP_TEST_FAIL;
});

describe('CLI conventions', () => {
  test('--version prints the package version and exits 0', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  test('a reader that goes away (| head) gives no EPIPE stack trace', async () => {
    // The reading end is closed before the command writes (without the handler: "Error: write EPIPE", exit 1).
    const child = spawn(process.execPath, [BIN, 'dictionary'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  });

  test('a usage error in --log-format json is an error event with exit code 2', async () => {
    const r = await cli(['build', '--bogus', '--log-format', 'json']);
    expect(r.code).toBe(2);
    const events = r.stderr.map((l) => JSON.parse(l));
    expect(events.map((e) => e.event)).toEqual(['error', 'end']);
    expect(events[0]).toMatchObject({ exit_code: 2, message: expect.stringMatching(/bogus/) });
  });

  test('a document that fails: exit 3, the others published; every stderr line a JSON event', async () => {
    const out = path.join(work, 'failed');
    process.env.LP_TEST_FAIL = '1';
    const r = await cli(['build', ...common(), '--out', out, '--log-format', 'json']);
    expect(r.code).toBe(3);
    const events = r.stderr.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of events) expect(typeof e.time).toBe('string');
    const starts = events.filter((e) => e.event === 'stage_start').map((e) => e.name);
    const ends = events.filter((e) => e.event === 'stage_end');
    expect(starts).toEqual(expect.arrayContaining(['load + validate', 'SQL model', 'charts + HTML + PDF']));
    // Stages running alongside each other (PDFs and data files) may end in another order than they started.
    expect(ends.map((e) => e.name).sort()).toEqual([...starts].sort());
    for (const e of ends) expect(e.ms).toEqual(expect.any(Number));
    const docs = events.filter((e) => e.event === 'document');
    expect(docs).toContainEqual(expect.objectContaining({ status: 'printed', id: `jaarverslag ${OK}`, file: expect.stringMatching(/\.pdf$/) }));
    expect(docs).toContainEqual(expect.objectContaining({ status: 'failed', id: `jaarverslag ${FAIL}`, error: expect.stringMatching(/render failed/) }));
    expect(events.filter((e) => e.event === 'warning').length).toBeGreaterThan(0);
    expect(events.at(-2)).toMatchObject({ event: 'error', exit_code: 3 });
    expect(events.at(-1)).toMatchObject({ event: 'end', exit_code: 3 });
    const pdfs = files(out).filter((f) => f.endsWith('.pdf')).map((f) => path.basename(path.dirname(f)));
    expect(pdfs).toEqual([expect.stringMatching(new RegExp(`^${OK}-`))]);
  }, 240_000);

  test('plan lists print or take over with the reason, and writes nothing', async () => {
    const out = path.join(work, 'failed');
    const before = files(out).map((f) => `${f} ${statSync(f).mtimeMs}`);
    const r = await cli(['plan', ...common(), '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(files(out).map((f) => `${f} ${statSync(f).mtimeMs}`)).toEqual(before);
    const line = (code: string) => r.stdout.split('\n').find((l) => l.includes(`jaarverslag ${code}`)) ?? '';
    expect(line(OK)).toMatch(/^reuse .*did not change/);
    expect(line(FAIL)).toMatch(/^print .*not in the previous build/);
    expect(r.stdout).toMatch(/1 document\(s\) to print, 1 to take over/);

    const forced = await cli(['plan', ...common(), '--out', out, '--quiet', '--force', '--log-format', 'json']);
    const docs = forced.stderr.map((l) => JSON.parse(l)).filter((e) => e.event === 'document');
    expect(docs.map((d) => [d.id, d.status, d.reason]).sort()).toEqual([[`jaarverslag ${FAIL}`, 'would_print', '--force'], [`jaarverslag ${OK}`, 'would_print', '--force']]);
    const fresh = await cli(['plan', ...common(), '--out', path.join(work, 'empty'), '--quiet']);
    expect(fresh.stdout).toMatch(/2 document\(s\) to print, 0 to take over/);
    expect(fresh.stdout).toMatch(/no previous build in this folder/);
    expect(existsSync(path.join(work, 'empty'))).toBe(false);
  }, 240_000);
});
