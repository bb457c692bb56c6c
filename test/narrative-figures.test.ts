/**
 * No narrative names a figure that disclosure control hides (reports/narrative-figures.ts): the texts a hidden
 * figure would appear as, the sentences that count, and the check on a hand-built store with its flags.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { checkNarrativeFigures, forbiddenTexts, mentions } from '../pipeline/reports/narrative-figures.ts';
import { openNarratives } from '../pipeline/reports/narrative.ts';
import { storeDdl } from '../pipeline/store.ts';
import { tempDir } from './helpers/extract-dir.ts';

describe('the texts of a hidden figure', () => {
  test('a count with its words, and alone from 100 on; a rate with one decimal; a median with "dagen"', () => {
    expect(forbiddenTexts(40, 'personen', 'relatief verzuimers')).toEqual(['40 relatief verzuimers']);
    expect(forbiddenTexts(1715, 'personen', 'leerplichtigen')).toEqual(['1.715 leerplichtigen', '1.715']);
    expect(forbiddenTexts(20.49, 'per_1000', 'relatief verzuimers per 1.000')).toEqual(['20,5']);
    expect(forbiddenTexts(12, 'dagen', 'dagen mediane doorlooptijd')).toEqual(['12 dagen']);
  });

  test('a whole number in a sentence about that schooljaar (or about none, for the report\'s own year)', () => {
    const t = 'In 2024/2025 telde Zandvoort 40 relatief verzuimers, evenveel als in 2023/2024. Dat zijn er 140 minder dan in 2019/2020.\n\nDe regio telde 40 relatief verzuimers.';
    expect(mentions(t, '40 relatief verzuimers', '2024/2025', true)).toBe(true);
    expect(mentions(t, '40 relatief verzuimers', '2023/2024', false)).toBe(true);
    // Only in a sentence about another year, or inside a longer number: nothing.
    expect(mentions('In 2024/2025 telde Bloemendaal 8 toegekende vrijstellingen.', '8 toegekende vrijstellingen', '2023/2024', false)).toBe(false);
    expect(mentions('Dat zijn er 140 of 40,5 of 1.140.', '40', '2024/2025', true)).toBe(false);
    expect(mentions('Per 1.000 leerlingen: 20,5.', '20,5', '2024/2025', true)).toBe(true);
    expect(mentions('Per 1.000 leerlingen: 120,5.', '20,5', '2024/2025', true)).toBe(false);
  });
});

describe('checkNarrativeFigures', () => {
  const dir = tempDir('lp-nf-');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (code: string, chapter: string, text: string) => {
    mkdirSync(path.join(dir, 'wk/2024-2025', code), { recursive: true });
    writeFileSync(path.join(dir, 'wk/2024-2025', code, `${chapter}.md`), text);
  };

  test('refuses a narrative that names a hidden figure, naming file and figure but never the value', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      await db.run(storeDdl());
      // Zandvoort: relatief verzuimers 40 (hidden) in 2024/2025 and 40 (shown) in 2023/2024; its rate 20,5 hidden;
      // luxeverzuim 11 shown. Toegekende vrijstellingen 8 shown in 2024/2025, 8 hidden in 2023/2024.
      const cells: [string, string, string, number, string, boolean][] = [
        ['LT-RV-TOT', '2024/2025', '0473', 40, 'personen', true], ['LT-RV-TOT', '2023/2024', '0473', 40, 'personen', false],
        ['JV-RV-1000', '2024/2025', '0473', 20.4978, 'per_1000', true], ['LT-LUXE', '2024/2025', '0473', 11, 'personen', false],
        ['LT-AV-TOT', '2024/2025', '0473', 11, 'personen', true],
        ['JV-VRIJ-TOEGEKEND', '2024/2025', '0473', 8, 'vrijstellingen', false], ['JV-VRIJ-TOEGEKEND', '2023/2024', '0473', 8, 'vrijstellingen', true],
      ];
      for (const [indicator, schooljaar, gebied, waarde, eenheid] of cells) {
        await db.run(`INSERT INTO indicator_store (indicator, schooljaar, periode_van, periode_tot, gebiedsniveau, gebied, waarde, eenheid) VALUES ('${indicator}', '${schooljaar}', DATE '2024-08-01', DATE '2025-08-01', 'gemeente', '${gebied}', ${waarde}, '${eenheid}')`);
      }
      await db.run('CREATE TEMP TABLE disclosure_flags (id BIGINT, reden VARCHAR)');
      const rows = await db.all<{ id: bigint; indicator: string; schooljaar: string }>('SELECT rowid AS id, indicator, schooljaar FROM indicator_store');
      for (const c of cells.filter((x) => x[5])) await db.run(`INSERT INTO disclosure_flags VALUES (${rows.find((r) => r.indicator === c[0] && r.schooljaar === c[1])!.id}, 'secundair')`);
      const n = openNarratives('wk', '2024/2025', dir);
      const check = () => checkNarrativeFigures(db, n, [{ code: '0473', naam: 'Zandvoort' }], 'wk', ['2023/2024', '2024/2025']);

      write('0473', 'vrijstellingen', 'In 2024/2025 telde Zandvoort 8 toegekende vrijstellingen.');
      write('0473', 'verlof', 'In 2024/2025 telde Zandvoort 11 leerlingen met luxeverzuim.');
      await expect(check()).resolves.toBeUndefined();

      write('0473', 'relatief-verzuim', 'In 2024/2025 telde Zandvoort 40 relatief verzuimers, evenveel als in 2023/2024. Dat zijn 20,5 per 1.000.');
      const e = await check().catch((x: Error) => x);
      expect(e).toBeInstanceOf(Error);
      const msg = (e as Error).message;
      expect(msg).toContain('2 narrative text(s) name a figure that disclosure control hides');
      expect(msg).toMatch(/0473[/\\]relatief-verzuim\.md: relatief verzuimers, 2024\/2025, Zandvoort/);
      expect(msg).toMatch(/relatief-verzuim\.md: relatief verzuimers per 1\.000 .*, 2024\/2025, Zandvoort/);
      expect(msg).not.toMatch(/\b40\b|20,5/);
    } finally {
      db.close();
    }
  });
});
