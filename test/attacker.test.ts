/**
 * The outsider's attack on a whole build: every published CSV of a generated West Kennemerland build (a seed
 * no other test uses), interval propagation over every sum the definitions state (test/helpers/attacker.ts).
 * Disclosure control must leave it nothing: no hidden count pinned to one value.
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../pipeline/build/index.ts';
import { loadConfig } from '../pipeline/config/load.ts';
import { generateExtract } from '../pipeline/generate/index.ts';
import { Progress } from '../pipeline/progress.ts';
import { Db } from '../pipeline/db.ts';
import { loadExtract } from '../pipeline/load/index.ts';
import { runModel } from '../pipeline/model.ts';
import { rmcRegios } from '../pipeline/reference.ts';
import { DIMENSIONS } from '../pipeline/store.ts';
import { attack, cellKey, readPublished, type PublishedCell } from './helpers/attacker.ts';
import { tempDir } from './helpers/extract-dir.ts';

const config = loadConfig('west-kennemerland');
const work = tempDir('lp-attack-');
const extract = path.join(work, 'extract');
const out = path.join(work, 'out');
/** The real figures (what the attacker is after), by cell. */
const truth = new Map<string, number>();

beforeAll(async () => {
  await generateExtract({ config, seed: 20261201, out: extract, format: 'csv', extractdatum: '2025-10-15', personsPerCohort: 300 });
  await build({ extract, config, schooljaar: '2024/2025', out, pdf: false, concept: true, progress: new Progress({ quiet: true }) });
  const db = await Db.open({ threads: 1 });
  await loadExtract(db, extract);
  await runModel(db, { config, schooljaar: '2024/2025', rmcRegio: rmcRegios() });
  for (const r of await db.all<Record<string, string | number | null>>(`SELECT indicator, schooljaar, gebied, ${DIMENSIONS.map((d) => `CAST(${d} AS VARCHAR) AS ${d}`).join(', ')}, CAST(waarde AS DOUBLE) AS waarde FROM indicator_store`)) {
    truth.set(cellKey({ indicator: String(r.indicator), schooljaar: String(r.schooljaar), gebiedscode: String(r.gebied), dims: DIMENSIONS.map((d) => String(r[d] ?? '')) }), Number(r.waarde));
  }
  db.close();
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const c = (indicator: string, gebiedscode: string, dims: Record<number, string>, waarde: number | null): PublishedCell => ({
  indicator, schooljaar: '2024/2025', gebiedsniveau: gebiedscode === 'wk' ? 'regio' : 'gemeente', gebiedscode,
  dims: Array.from({ length: 9 }, (_, i) => dims[i] ?? ''), waarde, onderdrukt: waarde === null, eenheid: 'personen',
});

describe('the attacker', () => {
  test('recovers a hidden count that a published total and the other parts give away (the attack works)', () => {
    // total 10 = PO hidden + VO 7; and region 12 = 0392 10 + 0375 hidden → 0375 = 2.
    const found = attack([c('LT-AV-TOT', '0392', {}, 10), c('LT-AV-TOT', '0392', { 0: 'PO' }, null), c('LT-AV-TOT', '0392', { 0: 'VO' }, 7),
      c('LT-AV-TOT', 'wk', {}, 12), c('LT-AV-TOT', '0375', {}, null)]);
    expect(found.map((f) => [f.key.split('|').slice(0, 4).join('|'), f.value])).toEqual([['LT-AV-TOT|2024/2025|0392|PO', 3], ['LT-AV-TOT|2024/2025|0375|', 2]]);
  });
  test('recovers nothing from all public CSVs of a build', { timeout: 600_000 }, async () => {
    const cells = await readPublished(path.join(out, 'west-kennemerland', '2024-2025'));
    expect(cells.filter((x) => x.onderdrukt).length).toBeGreaterThan(100);
    // The attacker assumes every sum is exact, also where categories may overlap (a person in two soorten):
    // what it finds is checked against the real figures; a wrong guess is no recovery.
    const found = attack(cells);
    expect(found.filter((f) => truth.get(f.key) === f.value)).toEqual([]);
  });
});
