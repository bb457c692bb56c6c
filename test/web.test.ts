/**
 * The web edition (`build --html`): a page beside each jaarverslag and RMC PDF and an index per region,
 * checked in headless Chromium: title, lang="nl", one h1, alt text or a data table for every chart, no
 * script, and no serious or critical axe-core (WCAG) violation; the index links only existing public files.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AxePuppeteer } from '@axe-core/puppeteer';
import puppeteer, { type Browser } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, type BuildResult } from '../pipeline/build/index.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { Progress } from '../pipeline/progress.ts';
import { findBrowser } from '../pipeline/render/browser.ts';
import { tempDir } from './helpers/extract-dir.ts';

const config = loadConfig('west-brabant-west');
const work = tempDir('lp-web-');
const extract = path.join(work, 'extract');
const out = path.join(work, 'out');
const opts = () => ({
  extract, config, schooljaar: '2024/2025', out, gemeenten: ['0748', '1655'], html: true, concept: true, datum: '2025-10-20',
  progress: new Progress({ quiet: true }),
});
let r: BuildResult;
let browser: Browser;

beforeAll(async () => {
  await generateExtract({ config, seed: 3, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 150 });
  r = await build(opts());
  const b = findBrowser();
  browser = await puppeteer.launch({ executablePath: b.executablePath, headless: b.headless, args: ['--no-sandbox'] });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

const pages = () => r.outputs.filter((f) => f.endsWith('.html')).map((f) => path.relative(r.root, f)).sort();

/** The page in Chromium; without JavaScript unless `js` (axe-core runs as a script in the page). */
async function open(rel: string, js = false) {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(js);
  await page.goto(pathToFileURL(path.join(r.root, rel)).href);
  return page;
}

describe('web edition', () => {
  test('a page beside every jaarverslag and RMC PDF, an index, none for the vertrouwelijk sign-off', () => {
    expect(r.failed).toEqual([]);
    const html = pages();
    const pdfs = r.outputs.filter((f) => f.endsWith('.pdf') && !f.includes('vertrouwelijk')).map((f) => path.relative(r.root, f).replace(/\.pdf$/, '.html')).sort();
    expect(html).toEqual(['publiek/index.html', ...pdfs].sort());
    expect(html.filter((f) => f.includes('jaarverslag')).length).toBe(2);
    expect(html.some((f) => f.includes('rmc'))).toBe(true);
    expect(html.some((f) => f.includes('vertrouwelijk'))).toBe(false);
  });

  test('each page: a title, lang="nl", one h1, a skip link, no script, every chart with alt text or a data table', async () => {
    for (const rel of pages()) {
      const page = await open(rel);
      const p = await page.evaluate(() => ({
        title: document.title,
        lang: document.documentElement.lang,
        h1: document.querySelectorAll('h1').length,
        skip: (document.querySelector('a.skip-link') as HTMLAnchorElement | null)?.hash,
        target: !!document.getElementById('inhoud'),
        scripts: document.querySelectorAll('script').length,
        charts: [...document.querySelectorAll('svg')].map((svg) => {
          const img = svg.closest('[role="img"]');
          return { alt: img?.getAttribute('aria-label') ?? '', table: !!svg.closest('figure')?.querySelector('table') };
        }),
      }));
      await page.close();
      expect(p.title, rel).not.toBe('');
      expect(p.lang, rel).toBe('nl');
      expect(p.h1, rel).toBe(1);
      expect([p.skip, p.target], rel).toEqual(['#inhoud', true]);
      expect(p.scripts, rel).toBe(0);
      for (const c of p.charts) expect(c.alt.trim() !== '' || c.table, `${rel}: a chart without alt text or table`).toBe(true);
      if (rel.includes('jaarverslag')) expect(p.charts.length, rel).toBeGreaterThan(3);
    }
  }, 120_000);

  test('no serious or critical axe-core violation on a jaarverslag page and the index', async () => {
    for (const rel of [pages().find((f) => f.includes('jaarverslag'))!, 'publiek/index.html']) {
      const page = await open(rel, true);
      const a = await new AxePuppeteer(page).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      await page.close();
      const bad = a.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`);
      expect(bad, rel).toEqual([]);
    }
  }, 120_000);

  test('the index links every gemeente\'s page, PDF and CSV, the RMC report and the dataset, all existing and public', () => {
    const index = readFileSync(path.join(r.root, 'publiek/index.html'), 'utf8');
    const links = [...index.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]);
    for (const l of links) expect(existsSync(path.join(r.root, 'publiek', l)), l).toBe(true);
    expect(links.filter((l) => /jaarverslag.*\.html$/.test(l)).length).toBe(2);
    expect(links.filter((l) => /jaarverslag.*\.pdf$/.test(l)).length).toBe(2);
    expect(links.filter((l) => /jaarverslag.*\.csv$/.test(l)).length).toBe(2);
    expect(links.filter((l) => /jaarverslag.*\.xlsx$/.test(l)).length).toBe(2);
    expect(links).toContain('data/datapackage.json');
    expect(links.some((l) => /rmc.*\.html$/.test(l))).toBe(true);
    expect(links).toContain('data/indicatoren.csv');
    expect(links.some((l) => /vertrouwelijk/.test(l))).toBe(false);
  });

  test('a second build takes the pages over with their PDFs', async () => {
    const before = readFileSync(path.join(r.root, pages().find((f) => f.includes('jaarverslag'))!), 'utf8');
    const again = await build(opts());
    expect(again.reused).toBe(r.plan.length);
    expect(again.plan.every((d) => d.action === 'reuse')).toBe(true);
    expect(readFileSync(path.join(r.root, pages().find((f) => f.includes('jaarverslag'))!), 'utf8')).toBe(before);
  }, 180_000);
});
