/**
 * Which browser prints the PDFs: found, not assumed.
 *
 *   1. $PUPPETEER_EXECUTABLE_PATH, when set (it must exist);
 *   2. Debian's `chromium-headless-shell` (Puppeteer `headless: 'shell'`): the same Chromium without the
 *      browser UI; it prints the same tagged PDFs in ~0.6× the time of full headless Chromium, which
 *      spends ~200 ms per document in a separate print process;
 *   3. Debian's `chromium` (or Ubuntu's `chromium-browser`);
 *   4. Google Chrome or Microsoft Edge in their usual places (Linux, macOS, Windows).
 *
 * None found: an error naming what to install.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';

export type BrowserKind = 'headless-shell' | 'chromium' | 'chrome' | 'edge';

export interface BrowserChoice {
  executablePath: string;
  /** Puppeteer's `headless` option: 'shell' for chrome/chromium-headless-shell. */
  headless: true | 'shell';
  kind: BrowserKind;
  /** Where the choice came from, for the build summary. */
  source: 'PUPPETEER_EXECUTABLE_PATH' | 'found';
}

const programFiles = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)'], process.env.LOCALAPPDATA].filter(Boolean) as string[];

/** Candidates in order of preference. */
export const BROWSER_CANDIDATES: readonly { file: string; kind: BrowserKind }[] = [
  // The binary itself rather than its /usr/bin wrapper script (which does not exec it): Puppeteer's browser
  // process is then Chromium, not a shell that would outlive a killed browser.
  { file: '/usr/lib/chromium/chromium-headless-shell', kind: 'headless-shell' },
  { file: '/usr/bin/chromium-headless-shell', kind: 'headless-shell' },
  { file: '/usr/bin/chromium', kind: 'chromium' },
  { file: '/usr/bin/chromium-browser', kind: 'chromium' },
  { file: '/usr/bin/google-chrome-stable', kind: 'chrome' },
  { file: '/usr/bin/google-chrome', kind: 'chrome' },
  { file: '/opt/google/chrome/chrome', kind: 'chrome' },
  { file: '/usr/bin/microsoft-edge-stable', kind: 'edge' },
  { file: '/usr/bin/microsoft-edge', kind: 'edge' },
  { file: '/opt/microsoft/msedge/msedge', kind: 'edge' },
  { file: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', kind: 'chrome' },
  { file: '/Applications/Chromium.app/Contents/MacOS/Chromium', kind: 'chromium' },
  { file: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge', kind: 'edge' },
  ...programFiles.flatMap((dir) => [
    { file: path.join(dir, 'Google/Chrome/Application/chrome.exe'), kind: 'chrome' as const },
    { file: path.join(dir, 'Microsoft/Edge/Application/msedge.exe'), kind: 'edge' as const },
  ]),
];

function executable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function kindOf(file: string): BrowserKind {
  const name = path.basename(file).toLowerCase();
  if (/headless[-_]shell/.test(name)) return 'headless-shell';
  if (name.includes('edge')) return 'edge';
  if (name.includes('chrome') && !name.includes('chromium')) return 'chrome';
  return 'chromium';
}

/** The browser at `file` with the right headless mode (tests and the bench pick one explicitly). */
export function browserAt(file: string, source: BrowserChoice['source'] = 'found'): BrowserChoice {
  const kind = kindOf(file);
  return { executablePath: file, headless: kind === 'headless-shell' ? 'shell' : true, kind, source };
}

/**
 * The browser to print with. `only` restricts the search to one kind (the bench measures both Debian
 * builds); PUPPETEER_EXECUTABLE_PATH still wins unless `only` is given.
 */
export function findBrowser(opts: { env?: NodeJS.ProcessEnv; only?: BrowserKind; candidates?: readonly { file: string; kind: BrowserKind }[] } = {}): BrowserChoice {
  const env = opts.env ?? process.env;
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv && !opts.only) {
    if (!executable(fromEnv)) {
      throw new InputError(`PUPPETEER_EXECUTABLE_PATH is ${fromEnv}, which is not an executable file. Point it at a Chromium or Chrome executable, or unset it to use the installed chromium-headless-shell or chromium.`);
    }
    return browserAt(fromEnv, 'PUPPETEER_EXECUTABLE_PATH');
  }
  for (const c of opts.candidates ?? BROWSER_CANDIDATES) {
    if (opts.only && c.kind !== opts.only) continue;
    if (executable(c.file)) return { ...browserAt(c.file), kind: c.kind, headless: c.kind === 'headless-shell' ? 'shell' : true };
  }
  throw new InputError(
    opts.only
      ? `no ${opts.only} browser found (looked in ${(opts.candidates ?? BROWSER_CANDIDATES).filter((c) => c.kind === opts.only).map((c) => c.file).join(', ')})`
      : 'no browser found to print the PDFs. Install the Debian package chromium-headless-shell (`apt-get install chromium-headless-shell`; ' +
        '`npm run setup` does this), or chromium, or Google Chrome; or set PUPPETEER_EXECUTABLE_PATH to a Chromium or Chrome executable.',
  );
}

/** One line for the build summary, e.g. "chromium-headless-shell (/usr/bin/chromium-headless-shell)". */
export function describeBrowser(b: BrowserChoice): string {
  const name = { 'headless-shell': 'chromium-headless-shell', chromium: 'Chromium (full; chromium-headless-shell not found, slower)', chrome: 'Google Chrome', edge: 'Microsoft Edge' }[b.kind];
  return `${name}: ${b.executablePath}${b.source === 'PUPPETEER_EXECUTABLE_PATH' ? ' (from PUPPETEER_EXECUTABLE_PATH)' : ''}`;
}
