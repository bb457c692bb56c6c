/**
 * A narrative names no figure that disclosure control hides. The office writes its text from a draft
 * (`leerplicht narratief`), which states only published figures; but a text written against an earlier
 * extract, an earlier version of the tool or the unsuppressed telling can name a figure this build hides,
 * and a hidden figure in the text undoes its suppression. So every build compares each inhoudelijk
 * gemeente's narrative with the real values of the hidden main figures (narrative-draft.ts, CHAPTER_FIGURES)
 * of that gemeente and of the region, this schooljaar and the one before, as the draft writes them:
 * - a count with its words ("40 relatief verzuimers"), and a count of 100 or more also as the number alone
 *   ("1.715"; a smaller bare number is too common to mean that figure);
 * - a rate with its one decimal ("20,5"), a median with "dagen".
 * A hit counts in a sentence that names the figure's schooljaar, or names none when the figure is of this
 * schooljaar ("In 2024/2025 telde Bloemendaal 8 …" does not give away a hidden 8 of 2023/2024); a bare number
 * that a published figure in the same scope also is gives nothing away. A hit stops the build (also
 * --concept), naming the file and the figure, never the value.
 */
import type { Db } from '../db.ts';
import { sqlString } from '../db.ts';
import { InputError } from '../errors.ts';
import { getal } from '../format/index.ts';
import { COUNT_UNITS, DIMENSIONS, RATE_UNITS } from '../store.ts';
import { CHAPTER_FIGURES } from './narrative-draft.ts';
import { narrativeFile, narrativeTexts, type Narratives } from './narrative.ts';

/** The words the draft writes after each figure (CHAPTER_FIGURES), by indicator code. */
const WORDS = new Map(Object.values(CHAPTER_FIGURES).flat().flatMap((f) => [[f.code, f.wat] as const, ...(f.rate ? [[f.rate.code, f.rate.wat] as const] : [])]));

/** The texts a hidden figure of this value and unit would appear as in a narrative (see above). */
export function forbiddenTexts(value: number, eenheid: string, words: string): string[] {
  if (RATE_UNITS.has(eenheid)) return [getal(value, 1, 1)];
  if (COUNT_UNITS.has(eenheid)) return [`${getal(value)} ${words}`, ...(value >= 100 ? [getal(value)] : [])];
  return [`${getal(value)} dagen`];
}

/**
 * Whether a sentence of `text` holds `needle` as a whole number (not inside a longer one such as 140 or 40,5)
 * and speaks of `schooljaar`: names it, or names no schooljaar when `current` (the report's own).
 */
export function mentions(text: string, needle: string, schooljaar: string, current: boolean): boolean {
  const n = needle.toLowerCase();
  for (const sentence of text.replace(/[\u00a0\u202f]/g, ' ').toLowerCase().split(/(?<=[.!?])\s+|\n\s*\n/)) {
    const years: string[] = sentence.match(/\b\d{4}\/\d{4}\b/g) ?? [];
    if (!(years.includes(schooljaar) || (current && !years.length))) continue;
    for (let i = sentence.indexOf(n); i >= 0; i = sentence.indexOf(n, i + 1)) {
      const before = sentence.slice(Math.max(0, i - 2), i);
      const after = sentence.slice(i + n.length, i + n.length + 2);
      if (!/\d$|\d[.,]$/.test(before) && !/^\d|^[.,]\d/.test(after)) return true;
    }
  }
  return false;
}

export async function checkNarrativeFigures(db: Db, n: Narratives, gemeenten: { code: string; naam: string }[], regio: string, schooljaren: string[]): Promise<void> {
  if (!gemeenten.length) return;
  const codes = [...WORDS.keys()].map(sqlString).join(', ');
  const areas = [...gemeenten.map((g) => g.code), regio].map(sqlString).join(', ');
  const cells = await db.all<{ indicator: string; schooljaar: string; gebied: string; waarde: number; eenheid: string; hidden: boolean }>(`SELECT s.indicator,
      s.schooljaar, s.gebied, CAST(s.waarde AS DOUBLE) AS waarde, s.eenheid, f.id IS NOT NULL AS hidden
    FROM indicator_store s LEFT JOIN disclosure_flags f ON f.id = s.rowid
    WHERE s.indicator IN (${codes}) AND s.gebied IN (${areas}) AND s.schooljaar IN (${schooljaren.map(sqlString).join(', ')})
      AND ${DIMENSIONS.map((d) => `s.${d} IS NULL`).join(' AND ')} AND s.waarde IS NOT NULL
    ORDER BY s.indicator, s.schooljaar, s.gebied`);
  const texts = (h: (typeof cells)[number]) => forbiddenTexts(h.waarde, h.eenheid, WORDS.get(h.indicator)!);
  const bare = (t: string) => !/[a-z]/i.test(t);
  const problems: string[] = [];
  for (const g of gemeenten) {
    const scope = cells.filter((h) => h.gebied === g.code || h.gebied === regio);
    const shown = new Set(scope.filter((h) => !h.hidden).flatMap(texts));
    // Each hidden figure with the texts that would give it away here (a bare number shown elsewhere does not).
    const figures = scope.filter((h) => h.hidden).map((h) => ({ h, give: texts(h).filter((t) => !(bare(t) && shown.has(t))) }));
    if (!figures.length) continue;
    for (const [ch, text] of Object.entries(narrativeTexts(n, g.code))) {
      if (text === null) continue;
      for (const { h, give } of figures) {
        if (give.some((t) => mentions(text, t, h.schooljaar, h.schooljaar === schooljaren.at(-1)))) {
          problems.push(`${narrativeFile(n, g.code, ch)}: ${WORDS.get(h.indicator)}, ${h.schooljaar}, ${h.gebied === regio ? 'the region' : g.naam}`);
        }
      }
    }
  }
  if (problems.length) {
    throw new InputError(`${problems.length} narrative text(s) name a figure that disclosure control hides in this build, which would give it away:\n${problems.map((p) => `  - ${p}`).join('\n')}\n\nTake those numbers out of the text (a draft of \`leerplicht narratief\` states only published figures), and build again.`);
  }
}
