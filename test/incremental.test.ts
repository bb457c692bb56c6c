/** Incremental rebuilds and shards. */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../pipeline/build/index.ts';
import { shardOf } from '../pipeline/build/shard.ts';
import { sha256 } from '../pipeline/output/cache.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { Progress } from '../pipeline/progress.ts';
import { tempDir } from './helpers/extract-dir.ts';

const config = loadConfig('west-brabant-west');
const work = tempDir('lp-inc-');
const extract = path.join(work, 'extract');
const narrativeRoot = path.join(work, 'narratief');
const out = path.join(work, 'out');
const root = path.join(out, 'west-brabant-west/2024-2025');
const opts = () => ({ extract, config, schooljaar: '2024/2025', out, narrativeRoot, progress: new Progress({ quiet: true }), datum: '2025-10-20', reports: ['jaarverslag' as const], concept: true });

beforeAll(async () => {
  await generateExtract({ config, seed: 5, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 120 });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('incremental rebuild', () => {
  test('an unchanged build reuses every document; a changed narrative reprints only that gemeente', async () => {
    const first = await build(opts());
    expect(first.reused).toBe(0);
    const pdf = (code: string) => first.outputs.find((f) => f.includes(`/${code}-`) && f.endsWith('.pdf'))!;
    const before = readFileSync(pdf('0851'));

    const second = await build(opts());
    expect(second.reused).toBe(5);
    expect(readFileSync(pdf('0851')).equals(before)).toBe(true);

    mkdirSync(path.join(narrativeRoot, 'west-brabant-west/2024-2025/0748'), { recursive: true });
    writeFileSync(path.join(narrativeRoot, 'west-brabant-west/2024-2025/0748/verlof.md'), 'Het verlof nam **toe**.\n');
    const third = await build(opts());
    expect(third.reused).toBe(4);
    const manifest = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
    expect(manifest.documents_reused).toBe(4);

    // --gemeente keeps the other gemeenten's files and manifest entries.
    const fourth = await build({ ...opts(), gemeenten: ['0873'], force: true });
    expect(fourth.reused).toBe(0);
    const m4 = JSON.parse(readFileSync(path.join(root, 'manifest.json'), 'utf8'));
    expect(m4.outputs.filter((o: { file: string }) => o.file.endsWith('.pdf'))).toHaveLength(5);
  }, 300_000);
});

describe('what earlier builds made and this one does not', () => {
  test('a complete build removes it (exactly as written, inside the folder); a changed file is kept with a warning; a partial build leaves it', async () => {
    const out2 = path.join(work, 'out-stale');
    const root2 = path.join(out2, 'west-brabant-west/2024-2025');
    const complete = () => ({ ...opts(), out: out2, reports: undefined });
    await build(complete());
    // As an older version of the tool left it: a confidential telling beside the public reports, listed in its
    // manifest; a listed file changed since; a listed path outside the folder; a file of the office's own.
    const manifestFile = path.join(root2, 'manifest.json');
    const plant = (extra: { file: string; text: string; listedText?: string }[]) => {
      const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
      for (const { file, text, listedText } of extra) {
        mkdirSync(path.dirname(path.join(root2, file)), { recursive: true });
        writeFileSync(path.join(root2, file), text);
        m.outputs.push({ file, bytes: text.length, sha256: sha256(listedText ?? text) });
      }
      writeFileSync(manifestFile, JSON.stringify(m));
    };
    const old = '0851-steenbergen/leerplichttelling-2024-2025-vertrouwelijk.csv';
    plant([{ file: old, text: 'oud' }, { file: 'oud/toelichting.csv', text: 'aangepast', listedText: 'zoals geschreven' }, { file: '../buiten.txt', text: 'buiten' }]);
    mkdirSync(path.join(root2, 'eigen'), { recursive: true });
    writeFileSync(path.join(root2, 'eigen/notities.txt'), 'van het bureau');

    // A partial build (one gemeente) leaves them, and keeps them listed.
    await build({ ...complete(), gemeenten: ['0873'] });
    expect(existsSync(path.join(root2, old))).toBe(true);
    expect(JSON.parse(readFileSync(manifestFile, 'utf8')).outputs.map((o: { file: string }) => o.file)).toContain(old);

    const again = await build(complete());
    expect(existsSync(path.join(root2, old))).toBe(false);
    expect(existsSync(path.join(root2, '0851-steenbergen'))).toBe(false);
    expect(readFileSync(path.join(root2, 'oud/toelichting.csv'), 'utf8')).toBe('aangepast');
    expect(again.warnings.join('\n')).toMatch(/kept 1 file\(s\) an earlier build made .*oud\/toelichting\.csv/);
    expect(readFileSync(path.join(out2, 'west-brabant-west/buiten.txt'), 'utf8')).toBe('buiten');
    expect(readFileSync(path.join(root2, 'eigen/notities.txt'), 'utf8')).toBe('van het bureau');
    const listed = JSON.parse(readFileSync(manifestFile, 'utf8')).outputs;
    expect(listed.filter((o: { from_earlier_build?: boolean }) => o.from_earlier_build)).toEqual([]);
    expect(listed.map((o: { file: string }) => o.file)).not.toContain(old);
    // What the build made is all still there.
    for (const f of again.outputs) expect(existsSync(f)).toBe(true);
  }, 300_000);
});

describe('shards', () => {
  test('--shard K/N splits the gemeenten deterministically and disjointly', () => {
    const parts = [1, 2, 3].map((k) => shardOf(config.gemeenten, { k, n: 3 }).map((g) => g.code));
    expect(parts.flat().sort()).toEqual(config.gemeenten.map((g) => g.code).sort());
    expect(new Set(parts.flat()).size).toBe(config.gemeenten.length);
    expect(parts).toEqual([1, 2, 3].map((k) => shardOf([...config.gemeenten].reverse(), { k, n: 3 }).map((g) => g.code)));
  });
});
