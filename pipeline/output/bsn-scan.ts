/**
 * The last check before anything is published: every text output of a build (the text of each PDF, CSV,
 * JSON such as the manifest, Markdown, logs) is searched for BSNs. A hit stops the build and names the file
 * and the line or page, never the number. What counts as a hit:
 *   - a 9-digit number that passes the 11-proef (whether or not it is in the extract: a narrative may hold
 *     the BSN of someone the extract does not have);
 *   - an 8-digit number, or 9 digits written in groups (736.845.793, 736 845 793), that is a BSN of the
 *     extract (on their own these shapes are too common to refuse: dates, amounts).
 * Only the candidates are looked up in the extract (a handful per build), so the check stays fast on a
 * national extract. Binary outputs (Parquet, .xlsx) hold the same rows as the CSVs next to them.
 */
import { spawn } from 'node:child_process';
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
  /** "line 12" or "page 3". */
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
export async function assertNoBsn(db: Db, root: Root, files: string[]): Promise<void> {
  const hits = await findBsns(db, root, files);
  if (!hits.length) return;
  const list = hits.slice(0, 20).map((h) => `  - ${h.file}, ${h.where}`).join('\n');
  throw new InputError(`a BSN (a 9-digit number that passes the 11-proef, or a BSN of the extract) was found in what this build was about to publish, so nothing was published:\n${list}${hits.length > 20 ? `\n  … and ${hits.length - 20} more` : ''}\nThe number is not shown here. If it is in a narrative (data/narratief/…), remove it there; otherwise report this as a bug.`);
}

export async function findBsns(db: Db, root: Root, files: string[]): Promise<Hit[]> {
  const abs = (f: string) => (typeof root === 'string' ? path.join(root, f) : root(f));
  const candidates: Candidate[] = [];
  // The PDFs' text comes from pdftotext in other processes while this one reads the text files.
  const pdfs = new Map(files.filter((f) => f.endsWith('.pdf')).map((f) => [abs(f), f]));
  const pdfsDone = pdfTexts([...pdfs.keys()], Math.max(1, os.availableParallelism()), (file, text) => collect(pdfs.get(file)!, text, 'page', candidates));
  pdfsDone.catch(() => undefined); // awaited below; a text file's error may come first
  for (const f of files) {
    const ext = path.extname(f).toLowerCase();
    if (!TEXT.has(ext)) continue;
    const text = await readFile(abs(f), 'utf8');
    collect(f, text, 'line', candidates, ext === '.json' ? jsonStringSpans(text) : undefined);
  }
  await pdfsDone;
  if (!candidates.length) return [];
  const inExtract = await extractBsns(db, [...new Set(candidates.map((c) => c.digits.padStart(9, '0')))]);
  const hits = candidates.filter((c) => (c.plain && c.digits.length === 9 && isValidBsn(c.digits)) || inExtract.has(c.digits.padStart(9, '0')));
  const seen = new Set<string>();
  return hits.filter((h) => !seen.has(`${h.file}|${h.where}`) && seen.add(`${h.file}|${h.where}`)).map(({ file, where }) => ({ file, where }));
}

function collect(file: string, text: string, unit: 'line' | 'page', out: Candidate[], only?: [number, number][]): void {
  const sep = unit === 'page' ? '\f' : '\n';
  let n = 1;
  let from = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    if (only && !only.some(([a, b]) => m.index > a && m.index < b)) continue;
    // Count separators up to the match (once per match; matches are few).
    for (let i = text.indexOf(sep, from); i !== -1 && i < m.index; i = text.indexOf(sep, i + 1)) {
      n++;
      from = i + 1;
    }
    const digits = m[1].replace(/[. ]/g, '');
    out.push({ file, where: `${unit} ${n}`, digits, plain: digits === m[1] });
  }
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
 * file. pdftotext runs under one small shell per lane that reads the paths from its stdin, instead of one
 * spawn per PDF from this process: a spawn forks this process, which costs ~40 ms per GB it holds (a
 * national build holds 2-3 GB: ~90 ms a PDF, most of the scan's time). Each text is followed by a line with
 * a random marker and pdftotext's exit code.
 */
async function pdfTexts(files: string[], lanes: number, each: (file: string, text: string) => void): Promise<void> {
  // (a path with a line break cannot go through the shell's `read`: such a file gets a spawn of its own)
  const odd = files.filter((f) => f.includes('\n'));
  const plain = files.filter((f) => !f.includes('\n'));
  const n = Math.max(1, Math.min(lanes, plain.length));
  await Promise.all([
    ...Array.from({ length: n }, (_, i) => pdfTextLane(plain.filter((_, j) => j % n === i), each)),
    mapLimit(odd, 1, async (f) => pdfTextLane([f], each, true)),
  ]);
}

const PDFTOTEXT_LOOP = 'while IFS= read -r f; do pdftotext -q -enc UTF-8 "$f" -; printf \'\\n%s %d\\n\' "$1" "$?"; done';

function pdfTextLane(files: string[], each: (file: string, text: string) => void, direct = false): Promise<void> {
  if (!files.length) return Promise.resolve();
  const mark = `\n${randomBytes(16).toString('hex')} `;
  return new Promise((resolve, reject) => {
    const p = direct
      ? spawn('/bin/sh', ['-c', `pdftotext -q -enc UTF-8 "$2" -; printf '\\n%s %d\\n' "$1" "$?"`, 'pdftotext', mark.trim(), files[0]], { stdio: ['ignore', 'pipe', 'ignore'] })
      : spawn('/bin/sh', ['-c', PDFTOTEXT_LOOP, 'pdftotext', mark.trim()], { stdio: ['pipe', 'pipe', 'ignore'] });
    let failed: Error | undefined;
    let buf: Buffer = Buffer.alloc(0);
    let next = 0;
    const needle = Buffer.from(mark);
    p.stdout.on('data', (d: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      for (let at = buf.indexOf(needle); at !== -1; at = buf.indexOf(needle)) {
        const eol = buf.indexOf(10, at + needle.length);
        if (eol === -1) break;
        const code = Number(buf.subarray(at + needle.length, eol).toString());
        const file = files[next++];
        if (code === 0) each(file, buf.subarray(0, at).toString('utf8'));
        else failed ??= new InputError(code === 127
          ? `cannot check ${path.basename(file)} for BSNs: pdftotext is missing; install poppler-utils (npm run setup).`
          : `cannot check ${path.basename(file)} for BSNs: pdftotext failed (exit ${code}).`);
        buf = buf.subarray(eol + 1);
      }
    });
    p.on('error', (e) => reject(new InputError(`cannot check the PDFs for BSNs: ${e.message}`)));
    p.on('close', () => {
      if (failed) reject(failed);
      else if (next !== files.length) reject(new InputError(`cannot check ${path.basename(files[next])} for BSNs: pdftotext stopped.`));
      else resolve();
    });
    if (!direct) {
      p.stdin!.on('error', () => undefined); // a shell that died early: reported at close
      p.stdin!.end(files.map((f) => `${f}\n`).join(''));
    }
  });
}

async function mapLimit<T>(items: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}
