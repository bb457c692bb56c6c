/**
 * End to end: the kwartaalrapportage of a small generated West Kennemerland extract (extract date
 * 2025-10-15). A build of schooljaar 2024/2025 makes one report for each of its four quarters (2024-K3 …
 * 2025-K2); a quarter of the running schooljaar can be built on its own; a quarter that has not ended is refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../pipeline/build/index.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { Db, sqlString } from '../pipeline/db.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { Progress } from '../pipeline/progress.ts';
import { tempDir } from './helpers/extract-dir.ts';

const config = loadConfig('west-kennemerland');
const work = tempDir('lp-kwartaal-');
const extract = path.join(work, 'extract');
const out = path.join(work, 'out');
const opts = { extract, config, datum: '2025-10-20', progress: new Progress({ quiet: true }), out };

beforeAll(async () => {
  await generateExtract({ config, seed: 11, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 200 });
  await build({ ...opts, schooljaar: '2024/2025', reports: ['kwartaal', 'data'] });
  await build({ ...opts, schooljaar: '2025/2026', reports: ['kwartaal'], kwartalen: ['2025-K3'] });
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const pdfText = (f: string) => execFileSync('pdftotext', ['-layout', f, '-']).toString();

describe('kwartaalrapportage', () => {
  test('one PDF per quarter of the schooljaar, each with the dashboard of the jaarplan first', () => {
    const dir = path.join(out, 'west-kennemerland/2024-2025/publiek/kwartaal');
    expect(readdirSync(dir).sort()).toEqual(['2024-K3', '2024-K4', '2025-K1', '2025-K2'].map((k) => `kwartaalrapportage-${k}-west-kennemerland.pdf`));
    const text = pdfText(path.join(dir, 'kwartaalrapportage-2025-K1-west-kennemerland.pdf'));
    const eerstePagina = text.split('\f')[0];
    expect(eerstePagina).toContain('Kwartaalrapportage 1e kwartaal 2025');
    expect(eerstePagina).toContain('Doelen uit het jaarplan 2024/2025');
    expect(eerstePagina).toMatch(/ten hoogste 135,0\s+per fte/);
    expect(eerstePagina).toMatch(/op koers|aandacht|niet op koers|geen oordeel/);
    expect(eerstePagina).toContain('Op koers: het doel is gehaald');
    expect(text).toContain('Per gemeente');
    for (const g of config.gemeenten) expect(text).toContain(g.naam);
    // no codes, flags or paths in print
    expect(text).not.toMatch(/\bKW-[A-Z]|\b[A-Z0-9]+_[A-Z0-9_]+\b|--[a-z]|\.ya?ml\b/);
    // the extract was taken long after these quarters: not voorlopig
    expect(text).not.toContain('Voorlopige cijfers');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(dir, 'kwartaalrapportage-2025-K1-west-kennemerland.pdf')]).toString())![1]);
    expect(pages).toBeLessThanOrEqual(7);
  });

  test('the same figures are in the dataset, with the quarter as period, through disclosure control', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      const csv = sqlString(path.join(out, 'west-kennemerland/2024-2025/publiek/data/indicatoren.csv'));
      const rows = await db.all<{ schooljaar: string; periode_van: string; periode_tot: string; n: number }>(
        `SELECT schooljaar, CAST(min(periode_van) AS VARCHAR) AS periode_van, CAST(max(periode_tot) AS VARCHAR) AS periode_tot, count(*)::INT AS n
         FROM read_csv(${csv}, all_varchar = true) WHERE indicator = 'KW-MELDINGEN' GROUP BY schooljaar ORDER BY periode_van`);
      expect(rows.map((r) => r.schooljaar)).toContain('2025-K1');
      expect(rows.find((r) => r.schooljaar === '2025-K1')).toMatchObject({ periode_van: '2025-01-01', periode_tot: '2025-04-01' });
      expect(rows.find((r) => r.schooljaar === '2024/2025 t/m K1')).toMatchObject({ periode_van: '2024-08-01', periode_tot: '2025-04-01' });
      const hidden = await db.one<{ n: number }>(`SELECT count(*)::INT AS n FROM read_csv(${csv}, all_varchar = true)
        WHERE indicator LIKE 'KW-%' AND onderdrukt = 'true' AND waarde IS NOT NULL`);
      expect(hidden.n).toBe(0);
    } finally {
      db.close();
    }
  });

  test('a quarter of the running schooljaar can be built on its own; it is marked voorlopig until six weeks after its end', () => {
    const f = path.join(out, 'west-kennemerland/2025-2026/publiek/kwartaal/kwartaalrapportage-2025-K3-west-kennemerland.pdf');
    expect(existsSync(f)).toBe(true);
    const text = pdfText(f);
    expect(text).toContain('3e kwartaal 2025');
    // extract 2025-10-15, two weeks after the quarter ended on 30 September: meldingen may still come in
    expect(text).toContain('Voorlopige cijfers');
  });

  test('a jaarplan target on an unknown indicator is refused, naming the config', async () => {
    const bad = { ...config, jaarplan: [{ schooljaar: '2024/2025', doelen: [{ indicator: 'KW-BESTAAT-NIET', hoogstens: 1, periode: 'kwartaal' as const }] }] };
    await expect(build({ ...opts, config: bad, out: path.join(work, 'y'), schooljaar: '2024/2025', reports: ['kwartaal'] }))
      .rejects.toThrow(/jaarplan 2024\/2025: KW-BESTAAT-NIET is not a kwartaal indicator/);
  });

  test('a quarter that has not ended by the extract date is refused, naming the date', async () => {
    await expect(build({ ...opts, out: path.join(work, 'x'), schooljaar: '2025/2026', reports: ['kwartaal'], kwartalen: ['2025-K4'] }))
      .rejects.toThrow(/2025-K4 ends on 2025-12-31, after the extract date 2025-10-15/);
    expect(existsSync(path.join(work, 'x', 'west-kennemerland/2025-2026/publiek/kwartaal'))).toBe(false);
  });
});
