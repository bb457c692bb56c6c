/**
 * The YAML headers of queries/indicators/rmc/*.sql (the data dictionary's source of truth) against what the
 * files put in the store: every code declared once, every stored code declared, eenheid, tijdvak and the
 * breakdown columns as declared, and the store is unique per cell.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { headerYaml } from '../../pipeline/catalog.ts';
import { type Db, QUERIES_ROOT } from '../../pipeline/db.ts';
import { buildFixture, P } from '../helpers/fixture.ts';
import { DIMENSIONS } from '../../pipeline/store.ts';

interface Decl { code: string; label: string; eenheid: string; rapporten: string[]; tijdvak: string; parameters: string[]; dimensies: string[]; definitie: string }

const DIR = path.join(QUERIES_ROOT, 'indicators/rmc');
const DIMENSIES: readonly string[] = DIMENSIONS;

/** The header as the catalog (pipeline/catalog.ts) reads it. */
const header = (file: string): Decl[] =>
  (headerYaml(readFileSync(path.join(DIR, file), 'utf8')) as { indicators: Decl[] }).indicators;

const files = readdirSync(DIR).filter((f) => f.endsWith('.sql')).sort();
const decls = files.flatMap(header);

describe('RMC data dictionary headers', () => {
  test('valid YAML, complete, codes unique', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const d of decls) {
      expect(d.code).toMatch(/^RMC-[A-Z0-9-]+$/);
      expect(d.label).toBeTruthy();
      expect(d.rapporten).toEqual(['rmc']);
      expect(['vsv-teljaar', 'verslagperiode']).toContain(d.tijdvak);
      expect(d.parameters).toEqual([]);
      expect(d.dimensies.every((x) => DIMENSIES.includes(x))).toBe(true);
      expect(d.definitie.length).toBeGreaterThan(80);
    }
    expect(new Set(decls.map((d) => d.code)).size).toBe(decls.length);
  });

  let db: Db;
  beforeAll(async () => {
    // Just enough data for every code to have rows (percentages need a denominator).
    db = await buildFixture({
      personen: [{ bsn: P[0], geboortedatum: '2007-01-01', geslacht: 'V' }],
      verblijfplaatsen: [{ bsn: P[0], gemeentecode: '0392', van: '2007-01-01' }],
      scholen: [{ brin: '01AA', naam: 'ROC', gemeentecode: '0392', bekostigd: true }],
      inschrijvingen: [{ inschrijving_id: 'i', bsn: P[0], brin: '01AA', onderwijssoort: 'MBO', niveau: '1', van: '2022-08-01', tot: '2025-03-01' }],
      rmc_trajecten: [{ traject_id: 't', bsn: P[0], doelgroep: 'NIEUW_VSV', van: '2025-04-01' }],
    });
  });
  afterAll(() => db.close());

  test('every stored RMC code is declared with its eenheid, tijdvak and dimensions', async () => {
    const rows = await db.all<Record<string, unknown>>("SELECT * FROM indicator_store WHERE indicator LIKE 'RMC-%'");
    expect([...new Set(rows.map((r) => r.indicator))].sort()).toEqual(decls.map((d) => d.code).sort());
    const byCode = new Map(decls.map((d) => [d.code, d]));
    for (const r of rows) {
      const d = byCode.get(r.indicator as string)!;
      expect(r.eenheid).toBe(d.eenheid);
      const [van, tot] = [r.periode_van as string, r.periode_tot as string];
      const maand = d.tijdvak === 'vsv-teljaar' ? '10-01' : '08-01';
      expect(van.slice(5)).toBe(maand);
      expect(tot.slice(5)).toBe(maand);
      expect(r.schooljaar).toBe(`${van.slice(0, 4)}/${tot.slice(0, 4)}`);
      for (const dim of DIMENSIES) if (r[dim] !== null) expect(d.dimensies).toContain(dim);
      expect(r.teller === null).toBe(d.eenheid !== 'procent');
    }
  });

  test('one row per cell', async () => {
    const dup = await db.all(
      `SELECT indicator, schooljaar, gebiedsniveau, gebied, soort, reden, status, count(*) AS n FROM indicator_store
       WHERE indicator LIKE 'RMC-%' GROUP BY ALL HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  });
});
