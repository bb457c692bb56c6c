/**
 * The data dictionary is generated from the same source of truth as the queries (their headers). That every
 * produced code has an entry and every entry is produced is checked on a real build in test/build.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../pipeline/catalog.ts';
import { dictionaryMarkdown } from '../pipeline/export/dataset.ts';
import { UNITS } from '../pipeline/store.ts';

describe('data dictionary', () => {
  test('every entry has a label, unit, report and definition', () => {
    const units = new Set<string>(UNITS);
    for (const d of loadCatalog()) {
      expect(d.label.length, d.code).toBeGreaterThan(3);
      expect(units.has(d.eenheid), `${d.code}: unit ${d.eenheid}`).toBe(true);
      expect(d.rapporten.length, d.code).toBeGreaterThan(0);
      expect(d.definitie.length, d.code).toBeGreaterThan(20);
    }
  });

  test('the Markdown page in data/ is up to date (regenerate with `npx leerplicht dictionary --out data/indicatoren-woordenboek.md`)', () => {
    const file = path.resolve(import.meta.dirname, '../data/indicatoren-woordenboek.md');
    expect(readFileSync(file, 'utf8')).toBe(dictionaryMarkdown());
  });
});
