/**
 * The definitions appendix of a report, written for a reader: grouped by the chapter in which an indicator
 * first appears, each definition once, in the order the figures appear, without codes. The texts come from
 * the catalog (the SQL headers), so a definition lives next to its query and nowhere else.
 */
import { indicatorDef } from '../catalog.ts';
import type { Chapter } from './blocks.ts';

export interface DefinitionGroup {
  hoofdstuk: string;
  definities: { label: string; definitie: string }[];
}

export function definitions(chapters: Chapter[]): DefinitionGroup[] {
  const seen = new Set<string>();
  const groups: DefinitionGroup[] = [];
  for (const ch of chapters) {
    const definities: DefinitionGroup['definities'] = [];
    for (const code of ch.blocks.flatMap((b) => b.codes)) {
      if (seen.has(code)) continue;
      seen.add(code);
      const d = indicatorDef(code);
      definities.push({ label: d.label, definitie: d.definitie });
    }
    if (definities.length) groups.push({ hoofdstuk: ch.title, definities });
  }
  return groups;
}
