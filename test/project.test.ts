/** `leerplicht init` and the project folder: config, narratives, extracts and reports found from the project. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../pipeline/cli.ts';
import { CONFIG_ROOT, loadConfig } from '../pipeline/config/load.ts';
import { configRoots, findProject, initProject } from '../pipeline/project.ts';
import { narrativeFor, openNarratives } from '../pipeline/reports/narrative.ts';
import { tempDir } from './helpers/extract-dir.ts';

const TOOL = path.resolve(import.meta.dirname, '..');

/** Every file under the tool's data/ and reports/ folders with its size and mtime: must not change. */
function toolSnapshot(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else out.push(f);
    }
  };
  walk(path.join(TOOL, 'data'));
  walk(path.join(TOOL, 'reports'));
  return out.sort();
}

describe('project folder', () => {
  it('init creates the folders, a git-ignore for extracts and reports, and refuses to overwrite', () => {
    const dir = path.join(tempDir('lp-proj-'), 'mijn-rbl');
    initProject(dir, { config: 'twente' });
    for (const d of ['config', 'narratief', 'mappings', 'extracts', 'reports']) expect(existsSync(path.join(dir, d))).toBe(true);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^extracts\/$/m);
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toMatch(/^reports\/$/m);
    const p = findProject(undefined, path.join(dir, 'extracts'));
    expect(p?.root).toBe(dir);
    expect(p?.config).toBe('twente');
    expect(p?.extract).toBe(path.join(dir, 'extracts', 'demo'));
    expect(() => initProject(dir)).toThrow(/already holds a leerplicht.yaml/);
    expect(() => initProject(path.join(dir, 'x'), { config: 'atlantis' })).toThrow(/neither a file nor a known region/);
  });

  it('finds the project\'s own region config before the shipped example, and its narratives', () => {
    const dir = tempDir('lp-proj-');
    initProject(dir, { config: 'west-kennemerland/2025' });
    const p = findProject(dir)!;
    expect(loadConfig('west-kennemerland/2025', configRoots(p)).file).toBe(path.join(CONFIG_ROOT, 'west-kennemerland', '2025.yaml'));
    mkdirSync(path.join(dir, 'config', 'west-kennemerland'), { recursive: true });
    const own = readFileSync(path.join(CONFIG_ROOT, 'west-kennemerland', '2025.yaml'), 'utf8').replace(/naam: West[- ]Kennemerland/i, 'naam: Eigen regio');
    writeFileSync(path.join(dir, 'config', 'west-kennemerland', '2025.yaml'), own);
    const c = loadConfig('west-kennemerland', configRoots(p));
    expect(c.file).toBe(path.join(dir, 'config', 'west-kennemerland', '2025.yaml'));
    const chapter = path.join(p.narratiefRoot, 'west-kennemerland', '2024-2025', '0392');
    mkdirSync(chapter, { recursive: true });
    writeFileSync(path.join(chapter, 'verlof.md'), 'Eigen tekst.');
    const n = openNarratives('west-kennemerland', '2024/2025', p.narratiefRoot);
    expect(narrativeFor(n, '0392', 'verlof')).toEqual({ markdown: 'Eigen tekst.' });
    // Missing: a notice in the (concept) PDF, which never names a file.
    expect(narrativeFor(n, '0392', 'handhaving').missing).toBe('De toelichting van het bureau bij dit hoofdstuk volgt.');
  });

  it('README quick start: from an empty folder to a built demo report, without touching the tool\'s folders', async () => {
    const before = toolSnapshot();
    const dir = path.join(tempDir('lp-quick-'), 'mijn-rbl');
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await main(['init', dir])).toBe(0);
      expect(await main(['generate', '--project', dir, '--persons-per-cohort', '60'])).toBe(0);
      expect(await main(['validate', '--project', dir])).toBe(0);
      expect(await main(['narratief', '--project', dir, '--schooljaar', '2024/2025', '--gemeente', '0392'])).toBe(0);
      expect(await main(['build', '--project', dir, '--schooljaar', '2024/2025', '--gemeente', '0392', '--report', 'jaarverslag', '--quiet', '--concept'])).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(existsSync(path.join(dir, 'extracts', 'demo', 'personen.csv'))).toBe(true);
    expect(readFileSync(path.join(dir, 'narratief', 'west-kennemerland', '2024-2025', '0392', 'thuiszitters.md'), 'utf8')).toMatch(/^(\*\*Wat de cijfers laten zien\.\*\* In 2024\/2025 telde Haarlem [\d.]+ thuiszitters[\s\S]*)?\[IN TE VULLEN: /);
    expect(existsSync(path.join(dir, 'reports', 'west-kennemerland', '2024-2025', 'publiek', '0392-haarlem', 'jaarverslag-leerplicht-2024-2025-0392-haarlem.pdf'))).toBe(true);
    expect(toolSnapshot()).toEqual(before);
  }, 180_000);
});
