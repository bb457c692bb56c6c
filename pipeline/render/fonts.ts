/**
 * The one typeface of the printed reports, shared by the HTML pages (via @font-face) and the Vega
 * charts (via `config.font` and text measurement), so that chart labels are laid out with the
 * widths they are finally drawn with.
 *
 * - `fontLocation()` finds the font files ($LEERPLICHT_FONT_DIR, the usual font folders, fontconfig).
 * - `fontFaceCss()` returns @font-face rules for Liberation Sans (regular, bold, italic, bold
 *   italic). By default ('local') they name the installed fonts (fonts-liberation, which set-up
 *   installs and `textWidth` needs anyway): Chromium finds them through fontconfig and embeds
 *   them in the PDF. 'inline' adds the TTFs as base64 data URLs (~750 kB per document) for a
 *   printing machine without the fonts; it makes every document ~100 ms slower to load.
 * - `textWidth()` measures a string with the real advance widths from the TTF (a tiny reader of
 *   the `head`, `hhea`, `hmtx` and `cmap` tables; no kerning), and `installVegaTextMetrics()`
 *   plugs it into Vega, which otherwise guesses 0.8 × font size per character without canvas.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../errors.ts';

export const FONT_FAMILY = 'Liberation Sans';
/** CSS font-family list used everywhere (HTML body, chart config, PDF footer). */
export const FONT_STACK = "'Liberation Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif";

export interface FontFile {
  weight: 400 | 700;
  style: 'normal' | 'italic';
  file: string;
}

const FONT_NAMES = [
  { weight: 400, style: 'normal', name: 'LiberationSans-Regular.ttf' },
  { weight: 700, style: 'normal', name: 'LiberationSans-Bold.ttf' },
  { weight: 400, style: 'italic', name: 'LiberationSans-Italic.ttf' },
  { weight: 700, style: 'italic', name: 'LiberationSans-BoldItalic.ttf' },
] as const;

/** Where Liberation Sans usually is: Debian/Ubuntu, Fedora, Arch, per-user and macOS font folders, Windows. */
const FONT_DIRS = [
  '/usr/share/fonts/truetype/liberation',
  '/usr/share/fonts/truetype/liberation2',
  '/usr/share/fonts/liberation-sans',
  '/usr/share/fonts/liberation-sans-fonts',
  '/usr/share/fonts/liberation',
  '/usr/share/fonts/TTF',
  '/usr/local/share/fonts',
  path.join(os.homedir(), '.local/share/fonts'),
  path.join(os.homedir(), 'Library/Fonts'),
  '/Library/Fonts',
  path.join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
];

export interface FontLocation {
  dir: string;
  /**
   * Whether the browser finds the fonts itself (an installed system or user font): then the documents name
   * them; otherwise (LEERPLICHT_FONT_DIR) the documents carry them inline.
   */
  installed: boolean;
}

let location: FontLocation | undefined;
/**
 * The folder with Liberation Sans: $LEERPLICHT_FONT_DIR when set, else the usual font folders, else what
 * fontconfig (`fc-match`) knows. Found, not assumed; an error naming what to install when it is nowhere.
 */
export function fontLocation(env: NodeJS.ProcessEnv = process.env): FontLocation {
  if (location && env === process.env) return location;
  const complete = (dir: string) => FONT_NAMES.every((f) => existsSync(path.join(dir, f.name)));
  let found: FontLocation | undefined;
  const fromEnv = env.LEERPLICHT_FONT_DIR;
  if (fromEnv) {
    if (!complete(fromEnv)) {
      throw new InputError(`LEERPLICHT_FONT_DIR is ${fromEnv}, which does not hold the four Liberation Sans files (${FONT_NAMES.map((f) => f.name).join(', ')})`);
    }
    found = { dir: fromEnv, installed: false };
  }
  found ??= FONT_DIRS.filter(complete).map((dir) => ({ dir, installed: true }))[0];
  if (!found) {
    try {
      const file = execFileSync('fc-match', ['-f', '%{file}', 'Liberation Sans:style=Regular'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 });
      if (path.basename(file) === FONT_NAMES[0].name && complete(path.dirname(file))) found = { dir: path.dirname(file), installed: true };
    } catch {
      // no fontconfig
    }
  }
  if (!found) {
    throw new InputError(
      'the font Liberation Sans is not installed: install the Debian package fonts-liberation (`npm run setup` does this; ' +
      'Fedora: liberation-sans-fonts), or set LEERPLICHT_FONT_DIR to a folder with LiberationSans-Regular.ttf, -Bold, -Italic and -BoldItalic',
    );
  }
  if (env === process.env) location = found;
  return found;
}

/** The four Liberation Sans files, from fontLocation(). */
export function fontFiles(): FontFile[] {
  const { dir } = fontLocation();
  return FONT_NAMES.map((f) => ({ weight: f.weight, style: f.style, file: path.join(dir, f.name) }));
}

const fileCache = new Map<string, Buffer>();
function readFont(file: string): Buffer {
  let buf = fileCache.get(file);
  if (!buf) {
    try {
      buf = readFileSync(file);
    } catch (e) {
      throw new Error(`font ${file} cannot be read (${(e as NodeJS.ErrnoException).code}); install the Debian package fonts-liberation`);
    }
    fileCache.set(file, buf);
  }
  return buf;
}

export type FontEmbed = 'inline' | 'local';

const cssCache = new Map<FontEmbed, string>();
/**
 * @font-face rules for FONT_FAMILY. 'local' (default) refers to the installed fonts; 'inline' also
 * embeds the TTFs as data URLs (~750 kB of CSS), for printing where fonts-liberation is absent.
 */
export function fontFaceCss(embed: FontEmbed = 'local'): string {
  // Fonts the browser cannot find by name (LEERPLICHT_FONT_DIR) travel inside the document.
  if (!fontLocation().installed) embed = 'inline';
  let css = cssCache.get(embed);
  if (css === undefined) {
    css = fontFiles().map((f) => {
      const psName = f.file.replace(/^.*\/|\.ttf$/g, ''); // LiberationSans-Bold
      const full = `Liberation Sans${f.weight === 700 ? ' Bold' : ''}${f.style === 'italic' ? ' Italic' : ''}`;
      const src = [`local('${full}')`, `local('${psName}')`];
      if (embed === 'inline') src.push(`url(data:font/ttf;base64,${readFont(f.file).toString('base64')}) format('truetype')`);
      return `@font-face{font-family:'${FONT_FAMILY}';font-style:${f.style};font-weight:${f.weight};font-display:block;src:${src.join(',')};}`;
    }).join('\n');
    cssCache.set(embed, css);
  }
  return css;
}

// ---------------------------------------------------------------------------------------------
// Advance widths from the TTF.

interface Metrics {
  unitsPerEm: number;
  advance: (codePoint: number) => number; // in font units
}

function parseTtf(buf: Buffer): Metrics {
  const numTables = buf.readUInt16BE(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
  }
  const need = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`font has no ${tag} table`);
    return off;
  };
  const unitsPerEm = buf.readUInt16BE(need('head') + 18);
  const numberOfHMetrics = buf.readUInt16BE(need('hhea') + 34);
  const hmtx = need('hmtx');
  const glyphAdvance = (gid: number) => buf.readUInt16BE(hmtx + 4 * Math.min(gid, numberOfHMetrics - 1));

  // cmap: prefer Windows Unicode full repertoire (format 12), then BMP (format 4).
  const cmap = need('cmap');
  const n = buf.readUInt16BE(cmap + 2);
  let f4 = -1;
  let f12 = -1;
  for (let i = 0; i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = buf.readUInt16BE(rec);
    const encoding = buf.readUInt16BE(rec + 2);
    const sub = cmap + buf.readUInt32BE(rec + 4);
    const format = buf.readUInt16BE(sub);
    if (format === 12 && (platform === 3 || platform === 0)) f12 = sub;
    if (format === 4 && ((platform === 3 && encoding === 1) || platform === 0) && f4 < 0) f4 = sub;
  }
  let glyphOf: (cp: number) => number;
  if (f12 >= 0) {
    const groups = buf.readUInt32BE(f12 + 12);
    glyphOf = (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const g = f12 + 16 + 12 * mid;
        const start = buf.readUInt32BE(g);
        const end = buf.readUInt32BE(g + 4);
        if (cp < start) hi = mid - 1;
        else if (cp > end) lo = mid + 1;
        else return buf.readUInt32BE(g + 8) + (cp - start);
      }
      return 0;
    };
  } else if (f4 >= 0) {
    const segX2 = buf.readUInt16BE(f4 + 6);
    const ends = f4 + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const offsets = deltas + segX2;
    glyphOf = (cp) => {
      if (cp > 0xffff) return 0;
      for (let s = 0; s < segX2; s += 2) {
        if (cp > buf.readUInt16BE(ends + s)) continue;
        const start = buf.readUInt16BE(starts + s);
        if (cp < start) return 0;
        const delta = buf.readInt16BE(deltas + s);
        const ro = buf.readUInt16BE(offsets + s);
        if (ro === 0) return (cp + delta) & 0xffff;
        const gid = buf.readUInt16BE(offsets + s + ro + 2 * (cp - start));
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
      return 0;
    };
  } else {
    throw new Error('font has no usable cmap');
  }
  const cache = new Map<number, number>();
  return {
    unitsPerEm,
    advance(cp) {
      let w = cache.get(cp);
      if (w === undefined) {
        w = glyphAdvance(glyphOf(cp));
        cache.set(cp, w);
      }
      return w;
    },
  };
}

const metricsCache = new Map<string, Metrics>();
function metricsFor(bold: boolean, italic: boolean): Metrics {
  const f = fontFiles().find((x) => (x.weight === 700) === bold && (x.style === 'italic') === italic)!;
  let m = metricsCache.get(f.file);
  if (!m) {
    m = parseTtf(readFont(f.file));
    metricsCache.set(f.file, m);
  }
  return m;
}

function isBold(weight: unknown): boolean {
  if (weight == null) return false;
  if (typeof weight === 'number') return weight >= 600;
  const w = String(weight).toLowerCase();
  return w === 'bold' || w === 'bolder' || (/^\d+$/.test(w) && Number(w) >= 600);
}

/** Width in px of `text` set in FONT_FAMILY at `fontSize` px (no kerning, like the PDF mostly). */
export function textWidth(text: string, fontSize: number, opts: { bold?: boolean; italic?: boolean } = {}): number {
  const m = metricsFor(!!opts.bold, !!opts.italic);
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0)!);
  return (units * fontSize) / m.unitsPerEm;
}

interface VegaTextItem {
  fontSize?: number | string;
  fontWeight?: number | string;
  fontStyle?: string;
}

let installed = false;
/**
 * Replaces Vega's text width estimate by real measurements. Vega calls `textMetrics.width(item,
 * text)` both for bounds and (with raw substrings) for `limit` truncation, so this returns the
 * untruncated width.
 */
export function installVegaTextMetrics(textMetrics: { width: (item: unknown, text: unknown) => number }): void {
  if (installed) return;
  installed = true;
  textMetrics.width = (item: unknown, text: unknown) => {
    const it = item as VegaTextItem;
    const size = it.fontSize != null ? Number(it.fontSize) || 0 : 11;
    const s = text == null ? '' : String(text).trim();
    if (size <= 0 || !s) return 0;
    return textWidth(s, size, { bold: isBold(it.fontWeight), italic: it.fontStyle === 'italic' });
  };
}
