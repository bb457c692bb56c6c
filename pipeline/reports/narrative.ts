/**
 * The office's own narrative for the inhoudelijk jaarverslag: Markdown files per gemeente and chapter in
 *
 *   data/narratief/<regio>/<schooljaar as 2024-2025>/<gemeentecode>/<chapter>.md
 *
 * or, in an office's project (pipeline/project.ts), narratief/<regio>/… in the project folder.
 * (chapter ids: see JAARVERSLAG_CHAPTER_IDS). The template renders the text with the `markdown` filter
 * (markdown-it with raw HTML disabled, pipeline/render/html.ts), so a file can never inject markup or
 * scripts into a report. A missing file is a warning and a visible placeholder in the PDF, never a failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const NARRATIVE_ROOT = path.resolve(import.meta.dirname, '../../data/narratief');

export interface Narratives {
  dir: string;
  warnings: string[];
}

export function narrativeDir(regio: string, schooljaar: string, root = NARRATIVE_ROOT): string {
  return path.join(root, regio, schooljaar.replace('/', '-'));
}

export function openNarratives(regio: string, schooljaar: string, root = NARRATIVE_ROOT): Narratives {
  return { dir: narrativeDir(regio, schooljaar, root), warnings: [] };
}

export function narrativeFile(n: Narratives, gemeentecode: string, chapter: string): string {
  return path.join(n.dir, gemeentecode, `${chapter}.md`);
}

export function narrativeFor(n: Narratives, gemeentecode: string, chapter: string): { markdown?: string; missing?: string } {
  const file = narrativeFile(n, gemeentecode, chapter);
  const root = path.dirname(path.dirname(n.dir));
  const rel = path.join(root === NARRATIVE_ROOT ? 'data/narratief' : 'narratief', path.relative(root, file));
  if (!existsSync(file)) {
    n.warnings.push(`narrative missing for ${gemeentecode}, chapter ${chapter}: ${rel}`);
    return { missing: `Hier komt de toelichting van het bureau bij dit hoofdstuk (bestand ${rel} ontbreekt).` };
  }
  return { markdown: readFileSync(file, 'utf8') };
}

/** The raw narrative texts of one gemeente per chapter (null where missing), for the document cache key. */
export function narrativeTexts(n: Narratives, gemeentecode: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const ch of JAARVERSLAG_CHAPTER_IDS) {
    const f = narrativeFile(n, gemeentecode, ch);
    out[ch] = existsSync(f) ? readFileSync(f, 'utf8') : null;
  }
  return out;
}

/** Chapter ids of the jaarverslag, i.e. the narrative file names (without .md). */
export const JAARVERSLAG_CHAPTER_IDS = [
  'leerplichtigen', 'absoluut-verzuim', 'relatief-verzuim', 'thuiszitters', 'handhaving', 'verlof', 'vrijstellingen', 'doorlooptijden',
] as const;
