#!/usr/bin/env node
/**
 * Installs what this project needs and is missing, then compiles the CLI:
 *  - Debian packages (apt, only when absent): chromium-headless-shell (prints the PDFs) and chromium (its
 *    fallback), fonts-liberation and fonts-dejavu-core, poppler-utils (the tests read PDFs with it),
 *    qpdf (the tests check the structure of the PDFs' metadata update with it);
 *  - the npm packages (npm ci, only when node_modules is missing or older than the lock file; Puppeteer never
 *    downloads a browser: .puppeteerrc.cjs);
 *  - dist/ (tsc, only when a source is newer).
 * Without apt-get (not Debian/Ubuntu) it says what is missing and goes on: PUPPETEER_EXECUTABLE_PATH and
 * LEERPLICHT_FONT_DIR point the tool at a browser and fonts installed otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { compile, ROOT } from './bin/compile.mjs';

const log = (m) => process.stderr.write(`install: ${m}\n`);

function onPath(cmd) {
  return (process.env.PATH ?? '').split(path.delimiter).some((d) => d && existsSync(path.join(d, cmd)));
}

/** Debian packages this project uses, each with how to tell it is there. */
const APT = [
  ['chromium-headless-shell', () => existsSync('/usr/bin/chromium-headless-shell')],
  ['chromium', () => existsSync('/usr/bin/chromium')],
  ['poppler-utils', () => onPath('pdftotext')],
  ['qpdf', () => onPath('qpdf')],
  ['fonts-dejavu-core', () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')],
  ['fonts-liberation', () => existsSync('/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf')],
];

export function installApt() {
  const missing = APT.filter(([, present]) => !present()).map(([name]) => name);
  if (!missing.length) return;
  if (!onPath('apt-get')) {
    log(`not installed: ${missing.join(', ')} (no apt-get here). Install a Chromium or Chrome and Liberation Sans yourself, ` +
      'and set PUPPETEER_EXECUTABLE_PATH / LEERPLICHT_FONT_DIR if they are not in the usual places.');
    return;
  }
  log(`apt packages missing: ${missing.join(', ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) => execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), {
    stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...missing]);
}

export function installNpm() {
  const lock = path.join(ROOT, 'package-lock.json');
  const installed = path.join(ROOT, 'node_modules/.package-lock.json');
  if (existsSync(installed) && statSync(lock).mtimeMs <= statSync(installed).mtimeMs) return;
  log('npm ci');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' },
  });
}

export function install() {
  installApt();
  installNpm();
  compile({ log });
}

if (import.meta.filename === path.resolve(process.argv[1] ?? '')) install();
