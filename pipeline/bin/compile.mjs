/**
 * The `leerplicht` command runs compiled JavaScript from dist/ (git-ignored): `tsc -p tsconfig.build.json`,
 * run by `npm run setup`, `npm test` and `npm run build`, and by the command itself when a source changed
 * since (so it never runs stale code). Plain JavaScript: it runs before anything is compiled.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
const STAMP = path.join(ROOT, 'dist/.built');

function newestSource(dir = path.join(ROOT, 'pipeline'), newest = 0) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = newestSource(p, newest);
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Whether dist/ is missing or older than a source file or the TypeScript configuration. */
export function distStale() {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  const configs = ['tsconfig.json', 'tsconfig.build.json'].map((f) => statSync(path.join(ROOT, f)).mtimeMs);
  return Math.max(newestSource(), ...configs) > built;
}

/** Compiles pipeline/ into dist/ when it is stale. */
export function compile({ force = false, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (!force && !distStale()) return;
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  if (!existsSync(tsc)) {
    throw new Error('dist/ is missing or out of date and TypeScript is not installed: run `npm run setup` (or `npm ci && npm run build`).');
  }
  log('leerplicht: compiling pipeline/ into dist/ …');
  const started = Date.now();
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
  // Dated when the compile started: a source saved during the compile counts as newer next time.
  utimesSync(STAMP, started / 1000, started / 1000);
}

// `npm run build`: compile now.
if (import.meta.filename === path.resolve(process.argv[1] ?? '')) compile({ force: true });
