import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../pipeline/render/browser.ts';
import { fontFiles, fontLocation } from '../pipeline/render/fonts.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lp-browser-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function exe(name: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, '#!/bin/sh\n');
  chmodSync(f, 0o755);
  return f;
}

describe('findBrowser', () => {
  const shell = exe('chromium-headless-shell');
  const chromium = exe('chromium');
  const notExecutable = path.join(tmp, 'chrome-not-executable');
  writeFileSync(notExecutable, '');
  const candidates = [
    { file: path.join(tmp, 'absent-headless-shell'), kind: 'headless-shell' as const },
    { file: notExecutable, kind: 'chrome' as const },
    { file: shell, kind: 'headless-shell' as const },
    { file: chromium, kind: 'chromium' as const },
  ];

  it('takes the first executable candidate: the headless shell, printed with headless "shell"', () => {
    expect(findBrowser({ env: {}, candidates })).toMatchObject({ executablePath: shell, kind: 'headless-shell', headless: 'shell', source: 'found' });
  });

  it('falls back to full Chromium (headless true) when the shell is absent', () => {
    expect(findBrowser({ env: {}, candidates: candidates.filter((c) => c.file !== shell) })).toMatchObject({ executablePath: chromium, kind: 'chromium', headless: true });
  });

  it('PUPPETEER_EXECUTABLE_PATH wins, its headless mode from its name; a missing one is a clear error', () => {
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: chromium }, candidates })).toMatchObject({ executablePath: chromium, headless: true, source: 'PUPPETEER_EXECUTABLE_PATH' });
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: shell }, candidates })).toMatchObject({ headless: 'shell' });
    expect(() => findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: path.join(tmp, 'nope') }, candidates })).toThrow(/PUPPETEER_EXECUTABLE_PATH is .*nope, which is not an executable/);
  });

  it('none found: names what to install', () => {
    expect(() => findBrowser({ env: {}, candidates: candidates.slice(0, 2) })).toThrow(/no browser found.*chromium-headless-shell.*PUPPETEER_EXECUTABLE_PATH/s);
  });

  it('only: one kind (the bench measures both Debian builds)', () => {
    expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: shell }, only: 'chromium', candidates }).executablePath).toBe(chromium);
  });
});

describe('fontLocation', () => {
  it('finds the installed Liberation Sans, named by the documents', () => {
    const loc = fontLocation();
    expect(loc.installed).toBe(true);
    expect(fontFiles().map((f) => path.basename(f.file))).toEqual(['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf', 'LiberationSans-Italic.ttf', 'LiberationSans-BoldItalic.ttf']);
  });

  it('LEERPLICHT_FONT_DIR: a folder of its own, carried inline; incomplete is a clear error', () => {
    const dir = path.join(tmp, 'fonts');
    mkdirSync(dir);
    expect(() => fontLocation({ LEERPLICHT_FONT_DIR: dir })).toThrow(/LEERPLICHT_FONT_DIR is .* does not hold the four Liberation Sans files/);
    for (const f of fontFiles()) copyFileSync(f.file, path.join(dir, path.basename(f.file)));
    expect(fontLocation({ LEERPLICHT_FONT_DIR: dir })).toEqual({ dir, installed: false });
  });
});
