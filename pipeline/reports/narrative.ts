/**
 * The office's own narrative for the inhoudelijk jaarverslag: Markdown files per gemeente and chapter in
 *
 *   data/narratief/<regio>/<schooljaar as 2024-2025>/<gemeentecode>/<chapter>.md
 *
 * or, in an office's project (pipeline/project.ts), narratief/<regio>/… in the project folder.
 * (chapter ids: NARRATIVE_CHAPTERS: a voorwoord and one per chapter). `leerplicht narratief` writes drafts
 * (narrative-draft.ts) that state what the figures show and mark with MARKER the places where the
 * leerplichtambtenaar writes. A final build of an inhoudelijk jaarverslag refuses to print while a file is
 * missing or still holds a marker (narrativeProblems); `--concept` prints it with a CONCEPT mark instead.
 * The template renders the text with the `markdown` filter (markdown-it with raw HTML disabled), so a file
 * can never inject markup or scripts into a report.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.ts';
import { Schooljaar } from '../schooljaar.ts';
import { toolPath } from '../paths.ts';

export const NARRATIVE_ROOT = toolPath('data/narratief');

/** Opening of a place the leerplichtambtenaar still has to fill in, in a draft. */
export const MARKER = '[IN TE VULLEN';

export interface Narratives {
  dir: string;
  warnings: string[];
}

export function narrativeDir(regio: string, schooljaar: string, root = NARRATIVE_ROOT): string {
  return path.join(root, regio, Schooljaar.parse(schooljaar).folder);
}

export function openNarratives(regio: string, schooljaar: string, root = NARRATIVE_ROOT): Narratives {
  return { dir: narrativeDir(regio, schooljaar, root), warnings: [] };
}

export function narrativeFile(n: Narratives, gemeentecode: string, chapter: string): string {
  return path.join(n.dir, gemeentecode, `${chapter}.md`);
}

/** The text of one chapter, or what the (concept) document shows in its place. No file path ever. */
export function narrativeFor(n: Narratives, gemeentecode: string, chapter: string): { markdown?: string; missing?: string } {
  const file = narrativeFile(n, gemeentecode, chapter);
  if (!existsSync(file)) {
    n.warnings.push(`narrative missing for ${gemeentecode}, chapter ${chapter}: ${file}`);
    return { missing: 'De toelichting van het bureau bij dit hoofdstuk volgt.' };
  }
  return { markdown: readFileSync(file, 'utf8') };
}

/** Per gemeente, every chapter whose narrative is missing or still a draft ("<code> <chapter>: reason"). */
export function narrativeProblems(n: Narratives, gemeentecodes: string[]): string[] {
  const out: string[] = [];
  for (const g of gemeentecodes) {
    for (const ch of NARRATIVE_CHAPTERS) {
      const f = narrativeFile(n, g, ch);
      if (!existsSync(f)) out.push(`${g} ${ch}: missing (${f})`);
      else if (readFileSync(f, 'utf8').includes(MARKER)) out.push(`${g} ${ch}: still has places marked ${MARKER} …] (${f})`);
    }
  }
  return out;
}

/** The raw narrative texts of one gemeente per chapter (null where missing), for the document cache key. */
export function narrativeTexts(n: Narratives, gemeentecode: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const ch of NARRATIVE_CHAPTERS) {
    const f = narrativeFile(n, gemeentecode, ch);
    out[ch] = existsSync(f) ? readFileSync(f, 'utf8') : null;
  }
  return out;
}

/** Chapter ids of the jaarverslag, i.e. the narrative file names (without .md). */
export const JAARVERSLAG_CHAPTER_IDS = [
  'leerplichtigen', 'absoluut-verzuim', 'relatief-verzuim', 'thuiszitters', 'handhaving', 'verlof', 'vrijstellingen', 'doorlooptijden',
] as const;

/** Every narrative file of an inhoudelijk jaarverslag: the voorwoord and one per chapter. */
export const NARRATIVE_CHAPTERS = ['voorwoord', ...JAARVERSLAG_CHAPTER_IDS] as const;

/** A final build: every inhoudelijk gemeente's narrative must be there and filled in, else it stops with the list. */
export function requireNarratives(n: Narratives, gemeentecodes: string[]): void {
  const problems = narrativeProblems(n, gemeentecodes);
  if (!problems.length) return;
  throw new InputError(`the inhoudelijk jaarverslag needs the office's narrative, and ${problems.length} chapter text(s) are missing or unfinished:\n${problems.map((p) => `  - ${p}`).join('\n')}\n\nWrite drafts with \`leerplicht narratief\` and fill in every marked place, or pass --concept to print the jaarverslagen marked CONCEPT.`);
}
