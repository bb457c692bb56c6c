/**
 * The last check before anything is published: every text output of a build (the text of each PDF, CSV,
 * JSON such as the manifest, Markdown, logs) is searched for BSNs. A PDF the build printed is searched in
 * the text Chromium laid out for it (PdfScanAhead), any other PDF in its text by pdftotext. A hit stops the
 * build and names the file and the line or page, never the number. What counts as a hit:
 *   - a 9-digit number that passes the 11-proef (whether or not it is in the extract: a narrative may hold
 *     the BSN of someone the extract does not have);
 *   - an 8-digit number, or 9 digits written in groups (736.845.793, 736 845 793), that is a BSN of the
 *     extract (on their own these shapes are too common to refuse: dates, amounts).
 * Only the candidates are looked up in the extract (a handful per build), so the check stays fast on a
 * national extract. Binary outputs (Parquet, .xlsx) hold the same rows as the CSVs next to them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isValidBsn } from '../bsn.ts';
import type { Db } from '../db.ts';
import { InputError } from '../errors.ts';

const TEXT = new Set(['.csv', '.json', '.jsonl', '.ndjson', '.md', '.txt', '.html', '.log', '.tsv', '.yaml', '.yml']);
const CANDIDATE = /(?<![0-9A-Za-z])(\d{9}|\d{8}|\d{3}[. ]\d{3}[. ]\d{3})(?![0-9A-Za-z])/g;

export interface Hit {
  file: string;
  /** "line 12", "page 3", or "an alt text or the document properties" (a printed PDF's, not on a page). */
  where: string;
}

interface Candidate {
  file: string;
  where: string;
  digits: string;
  plain: boolean;
}

/** Where the files are: their folder, or a function from relative to absolute path. */
export type Root = string | ((rel: string) => string);

/** Throws an InputError naming every file (and line/page) that holds a BSN. `files` are relative to `root`. */
export async function assertNoBsn(db: Db, root: Root, files: string[], ahead?: PdfScanAhead): Promise<void> {
  const hits = await findBsns(db, root, files, ahead);
  if (!hits.length) return;
  const list = hits.slice(0, 20).map((h) => `  - ${h.file}, ${h.where}`).join('\n');
  throw new InputError(`a BSN (a 9-digit number that passes the 11-proef, or a BSN of the extract) was found in what this build was about to publish, so nothing was published:\n${list}${hits.length > 20 ? `\n  … and ${hits.length - 20} more` : ''}\nThe number is not shown here. If it is in a narrative (data/narratief/…), remove it there; otherwise report this as a bug.`);
}

export async function findBsns(db: Db, root: Root, files: string[], ahead?: PdfScanAhead): Promise<Hit[]> {
  const abs = (f: string) => (typeof root === 'string' ? path.join(root, f) : root(f));
  const lanes = Math.max(1, os.availableParallelism());
  const candidates: Candidate[] = [];
  const pdfs = new Map(files.filter((f) => f.endsWith('.pdf')).map((f) => [abs(f), f]));
  // The PDFs whose text the print stage handed over; the other PDFs are read now.
  for (const [file, found] of ahead?.done() ?? []) {
    const rel = pdfs.get(file);
    if (rel === undefined) continue;
    candidates.push(...found.map((c) => ({ ...c, file: rel })));
    pdfs.delete(file);
  }
  // The PDFs' text comes from pdftotext in other processes while this one reads the text files.
  const pdfsDone = pdfTexts([...pdfs.keys()], lanes, (file, text) => collect(pdfs.get(file)!, text, 'page', candidates));
  pdfsDone.catch(() => undefined); // awaited below; a text file's error may come first
  for (const f of files) {
    const ext = path.extname(f).toLowerCase();
    if (!TEXT.has(ext)) continue;
    if (ext === '.json') {
      const text = await readFile(abs(f), 'utf8');
      collect(f, text, 'line', candidates, jsonStringSpans(text));
    } else {
      collect(f, await readFile(abs(f)), 'line', candidates);
    }
  }
  await pdfsDone;
  const hits = await hitsOf(db, candidates);
  // A hit in a PDF's printed text: pdftotext reads that PDF to name the page. Not on any page: it is in
  // an alt text (the tagged PDF carries it) or in the document's properties.
  const printed = [...new Set(hits.filter((h) => h.where === 'text').map((h) => h.file))];
  if (!printed.length) return hits;
  const paged: Candidate[] = [];
  const rel = new Map(printed.map((f) => [abs(f), f]));
  await pdfTexts([...rel.keys()], lanes, (file, text) => collect(rel.get(file)!, text, 'page', paged));
  const onPages = await hitsOf(db, paged);
  return hits.flatMap((h) => {
    if (h.where !== 'text') return [h];
    const pages = onPages.filter((p) => p.file === h.file);
    return pages.length ? pages : [{ file: h.file, where: 'an alt text or the document properties' }];
  });
}

/** The candidates that are BSNs, one per file and line (page), without the numbers. */
async function hitsOf(db: Db, candidates: Candidate[]): Promise<Hit[]> {
  if (!candidates.length) return [];
  const inExtract = await extractBsns(db, [...new Set(candidates.map((c) => c.digits.padStart(9, '0')))]);
  const hits = candidates.filter((c) => (c.plain && c.digits.length === 9 && isValidBsn(c.digits)) || inExtract.has(c.digits.padStart(9, '0')));
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(`${h.file}|${h.where}`) && seen.add(`${h.file}|${h.where}`)).map(({ file, where }) => ({ file, where }));
}

/**
 * A text (or a file's bytes: see candidateMatches) searched for candidates, each with its line or page
 * ('text': a printed PDF's text from the print stage, where: 'text').
 */
function collect(file: string, text: string | Buffer, unit: 'line' | 'page' | 'text', out: Candidate[], only?: [number, number][]): void {
  const sep = unit === 'page' ? '\f' : '\n';
  let n = 1;
  let from = 0;
  const matches = typeof text === 'string' ? [...text.matchAll(CANDIDATE)].map((m) => ({ index: m.index, match: m[1] })) : candidateMatches(text);
  for (const m of matches) {
    if (only && !only.some(([a, b]) => m.index > a && m.index < b)) continue;
    // Count separators up to the match (once per match; matches are few).
    for (let i = text.indexOf(sep, from); i !== -1 && i < m.index; i = text.indexOf(sep, i + 1)) {
      n++;
      from = i + 1;
    }
    const digits = m.match.replace(/[. ]/g, '');
    out.push({ file, where: unit === 'text' ? 'text' : `${unit} ${n}`, digits, plain: digits === m.match });
  }
}

const isDigit = (b: number) => b >= 48 && b <= 57;
const isAlnum = (b: number) => isDigit(b) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
const isGroup = (b: number) => b === 46 || b === 32; // . or space

/**
 * The matches of CANDIDATE in a file's bytes, as `text.matchAll(CANDIDATE)` finds them in its UTF-8 text
 * (at byte offsets), without decoding the file: every character the pattern looks at is ASCII, and no byte
 * of a multi-byte UTF-8 character is an ASCII byte. A match starts at a digit after a byte that is no
 * ASCII letter or digit; from there the regex's alternatives in order: 9 digits, 8 digits, or 3+3+3 digits
 * grouped by `.` or space, each followed by no ASCII letter or digit. ~3× faster than decoding a national
 * dataset's CSV and running the regex (test/bsn-scan.test.ts compares the two on random texts).
 */
export function candidateMatches(b: Buffer): { index: number; match: string }[] {
  const out: { index: number; match: string }[] = [];
  const end = b.length;
  const free = (i: number) => i >= end || !isAlnum(b[i]);
  for (let i = 0; i < end; i++) {
    if (!isDigit(b[i]) || (i > 0 && isAlnum(b[i - 1]))) continue;
    let run = i;
    while (run < end && isDigit(b[run])) run++;
    const len = run - i;
    if ((len === 9 || len === 8) && free(run)) {
      out.push({ index: i, match: b.toString('latin1', i, run) });
    } else if (len === 3 && isGroup(b[i + 3]) && isDigit(b[i + 4]) && isDigit(b[i + 5]) && isDigit(b[i + 6]) && isGroup(b[i + 7])
      && isDigit(b[i + 8]) && isDigit(b[i + 9]) && isDigit(b[i + 10]) && free(i + 11)) {
      out.push({ index: i, match: b.toString('latin1', i, i + 11) });
      run = i + 11;
    }
    i = run - 1; // (a digit right after these cannot start a match)
  }
  return out;
}

/** Where the string literals of a JSON text are: the numbers outside them are ours (bytes, ms, counts). */
function jsonStringSpans(text: string): [number, number][] {
  return [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => [m.index, m.index + m[0].length]);
}

/** Which of `bsns` (9 digits) are persons of the extract (src_personen.bsn is an integer key: compared as such). */
async function extractBsns(db: Db, bsns: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < bsns.length; i += 1000) {
    const list = bsns.slice(i, i + 1000).map((b) => `'${b}'`).join(', ');
    const rows = await db.all<{ bsn: string }>(`SELECT DISTINCT lpad(CAST(bsn AS VARCHAR), 9, '0') AS bsn FROM src_personen WHERE bsn IN (${list})`).catch(() => []);
    for (const r of rows) found.add(r.bsn);
  }
  return found;
}

/**
 * The text of each PDF by poppler's pdftotext (pages separated by form feeds), handed to `each` file by
 * file. pdftotext runs under one small shell per lane (TextLane) instead of one spawn per PDF from this
 * process: a spawn forks this process, which costs ~40 ms per GB it holds (a national build holds 2-3 GB:
 * ~90 ms a PDF, most of the scan's time). The first file pdftotext cannot read stops the scan.
 */
async function pdfTexts(files: string[], lanes: number, each: (file: string, text: string) => void): Promise<void> {
  let failed: InputError | undefined;
  const pool = Array.from({ length: Math.max(1, Math.min(lanes, files.length)) }, () => new TextLane((file, text, error) => {
    if (error) failed ??= error;
    else each(file, text);
  }));
  files.forEach((f, i) => pool[i % pool.length].add(f));
  await Promise.all(pool.map((l) => l.end()));
  if (failed) throw failed;
}

/**
 * The PDFs of a build scanned as they are printed: the print stage hands over each PDF's text as Chromium
 * laid it out (render/pdf.ts PrintResult.text: the page's text, alt texts, title and metadata), which holds
 * every text of the PDF apart from the footer's page numbers. Reading each PDF back with pdftotext cost
 * ~20 CPU-s nationally, next to Chromium's printing; the text from the tab costs next to nothing. A PDF
 * whose text has a hit is read with pdftotext after all, to name the page (findBsns).
 */
export class PdfScanAhead {
  /** Per absolute path: its text's BSN candidates. */
  readonly #found = new Map<string, Candidate[]>();

  /** A PDF that was just written (absolute path) and its text. */
  add(file: string, text: string): void {
    const candidates: Candidate[] = [];
    collect(file, text, 'text', candidates);
    this.#found.set(file, candidates);
  }

  /** The candidates of the PDFs handed over, by absolute path. */
  done(): Map<string, Candidate[]> {
    return this.#found;
  }
}

const PDFTOTEXT_LOOP = 'while IFS= read -r f; do pdftotext -q -enc UTF-8 "$f" -; printf \'\\n%s %d\\n\' "$1" "$?"; done';

/**
 * One shell reading PDF paths from its stdin (as they are added) and running pdftotext on each; every text
 * is followed by a line with a random marker and pdftotext's exit code. A path with a line break cannot go
 * through the shell's `read`: it gets a shell of its own.
 */
class TextLane {
  readonly #p: ChildProcess;
  readonly #files: string[] = [];
  readonly #closed: Promise<void>;
  readonly #odd: Promise<void>[] = [];

  constructor(private readonly each: (file: string, text: string, error?: InputError) => void) {
    this.#p = this.#spawn(['-c', PDFTOTEXT_LOOP], ['pipe', 'pipe', 'ignore']);
    this.#p.stdin!.on('error', () => undefined); // a shell that died early: reported at close
    this.#closed = this.#watch(this.#p, this.#files);
  }

  add(file: string): void {
    if (file.includes('\n')) {
      const one = [file];
      const p = this.#spawn(['-c', `pdftotext -q -enc UTF-8 "$2" -; printf '\\n%s %d\\n' "$1" "$?"`], ['ignore', 'pipe', 'ignore'], file);
      this.#odd.push(this.#watch(p, one));
      return;
    }
    this.#files.push(file);
    this.#p.stdin!.write(`${file}\n`);
  }

  /** No more files: resolves when every file added was read (or failed). */
  async end(): Promise<void> {
    this.#p.stdin!.end();
    await Promise.all([this.#closed, ...this.#odd]);
  }

  kill(): void {
    this.#p.kill('SIGKILL');
  }

  readonly #mark = `\n${randomBytes(16).toString('hex')} `;

  #spawn(args: string[], stdio: ('pipe' | 'ignore')[], arg?: string): ChildProcess {
    return spawn('/bin/sh', [...args, 'pdftotext', this.#mark.trim(), ...(arg ? [arg] : [])], { stdio: stdio as ['pipe', 'pipe', 'ignore'] });
  }

  #watch(p: ChildProcess, files: string[]): Promise<void> {
    const needle = Buffer.from(this.#mark);
    let buf: Buffer = Buffer.alloc(0);
    let next = 0;
    return new Promise((resolve) => {
      p.stdout!.on('data', (d: Buffer) => {
        buf = buf.length ? Buffer.concat([buf, d]) : d;
        for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle)) {
          const eol = buf.indexOf(10, at + needle.length);
          if (eol === -1) break;
          const code = Number(buf.subarray(at + needle.length, eol).toString());
          const file = files[next++];
          if (code === 0) this.each(file, buf.subarray(0, at).toString('utf8'));
          else this.each(file, '', new InputError(code === 127
            ? `cannot check ${path.basename(file)} for BSNs: pdftotext is missing; install poppler-utils (npm run setup).`
            : `cannot check ${path.basename(file)} for BSNs: pdftotext failed (exit ${code}).`));
          buf = buf.subarray(eol + 1);
        }
      });
      p.on('error', (e) => {
        for (const f of files.slice(next)) this.each(f, '', new InputError(`cannot check ${path.basename(f)} for BSNs: ${e.message}`));
        next = files.length;
      });
      p.on('close', () => {
        for (const f of files.slice(next)) this.each(f, '', new InputError(`cannot check ${path.basename(f)} for BSNs: pdftotext stopped.`));
        next = files.length;
        resolve();
      });
    });
  }
}
