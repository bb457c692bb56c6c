/**
 * Hand-built extracts for indicator tests: rows per table (only the columns you need; the rest are NULL),
 * loaded into typed src_* tables exactly as the loader leaves them, then the whole SQL model is run.
 *
 *   const db = await buildFixture({ personen: [{ bsn: P1, geboortedatum: '2010-08-01', geslacht: 'M' }], … },
 *                                 { schooljaar: '2024/2025', gemeenten: ['0392', '0375'] });
 *   await db.all("SELECT * FROM indicator_store WHERE indicator = 'LT-AV-TOT'")
 */
import type { RegionConfig } from '../../pipeline/config/load.ts';
import { TABLES, type TableName } from '../../pipeline/contract.ts';
import { Db } from '../../pipeline/db.ts';
import { allSourceDDL } from '../../pipeline/load/schema.ts';
import { runModel } from '../../pipeline/model.ts';
import { DIMENSIONS, type Dimension } from '../../pipeline/store.ts';

export type FixtureRows = Partial<Record<TableName, Record<string, unknown>[]>>;

export interface FixtureOptions {
  schooljaar?: string;
  extractdatum?: string;
  /** gemeentecodes of the test region (default 0392 Haarlem, 0375 Beverwijk). */
  gemeenten?: string[];
  parameters?: Partial<RegionConfig['parameters']>;
  rmcRegio?: Record<string, { code: string; naam: string }>;
}

export const DEFAULT_PARAMETERS: RegionConfig['parameters'] = {
  peildatum: '10-01',
  av_min_dagen: 1,
  zomervakantie_van: '08-01',
  zomervakantie_tot_en_met: '08-31',
  thuiszitter_definitie: 'LRV_AV',
  min_cel: 5,
  min_noemer: 20,
};

export function fixtureConfig(opts: FixtureOptions = {}): RegionConfig {
  const codes = opts.gemeenten ?? ['0392', '0375'];
  return {
    schema_version: 1,
    regio: { code: 'testregio', naam: 'Testregio', jaar: 2025, rmc_regio: { code: '25', naam: 'Test-RMC' } },
    contactgemeente: codes[0],
    gemeenten: codes.map((code, i) => ({ code, naam: `Gemeente ${code}`, percelen: i === 0 ? [1, 2, 3] : [1, 3] })),
    parameters: { ...DEFAULT_PARAMETERS, ...opts.parameters },
    file: '(fixture)',
  };
}

/** Loads rows into src_* tables (typed by the contract) without running the model. */
export async function loadFixture(db: Db, rows: FixtureRows, extractdatum = '2025-10-15'): Promise<void> {
  await db.run(allSourceDDL());
  await db.run('INSERT INTO extract_meta VALUES (CAST($d AS DATE), $b)', { d: extractdatum, b: 'fixture' });
  for (const t of TABLES) {
    for (const r of rows[t.name] ?? []) {
      const unknown = Object.keys(r).filter((k) => !t.columns.some((c) => c.name === k));
      if (unknown.length) throw new Error(`fixture ${t.name}: unknown column(s) ${unknown.join(', ')}`);
      const cols = t.columns.map((c) => c.name);
      const params: Record<string, string | number | boolean | null> = {};
      cols.forEach((c) => {
        const v = r[c];
        params[c] = v === undefined || v === null ? null : (v as string | number | boolean);
      });
      const values = t.columns.map((c) => `CAST($${c.name} AS ${c.type === 'date' ? 'DATE' : c.type === 'integer' ? 'INTEGER' : c.type === 'boolean' ? 'BOOLEAN' : 'VARCHAR'})`);
      await db.run(`INSERT INTO src_${t.name} VALUES (${values.join(', ')})`, params);
    }
  }
}

/** A database with the fixture loaded and the whole model (staging → intermediate → indicators) run. */
export async function buildFixture(rows: FixtureRows, opts: FixtureOptions = {}): Promise<Db> {
  const db = await Db.open({ threads: 1 });
  await loadFixture(db, rows, opts.extractdatum);
  await runModel(db, { config: fixtureConfig(opts), schooljaar: opts.schooljaar ?? '2024/2025', rmcRegio: opts.rmcRegio });
  return db;
}

/** Valid BSNs for tests (pass the 11-proef), P[0] … P[29]. */
export const P: string[] = (() => {
  const out: string[] = [];
  for (let n = 10000000; out.length < 30; n++) {
    const s = String(n).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(s[i]);
    const check = sum % 11; // 9·d1+…+2·d8 − d9 ≡ 0 (mod 11) → d9 = sum mod 11
    if (check < 10) out.push(s + String(check));
  }
  return out;
})();

/** A fixture build takes well under a second on an idle machine; generous for a busy one. */
export const FIXTURE_TIMEOUT = 60_000;

export type Cel = Partial<Record<Dimension, string | number>> & { gebied?: string; schooljaar?: string };

/** The one store row of an indicator cell (dimensions not given are NULL = total; gebied 'testregio' = region). */
export async function cel(db: Db, indicator: string, c: Cel = {}) {
  const gebied = c.gebied ?? '0392';
  const where = DIMENSIONS.map((d) => (c[d] === undefined ? `${d} IS NULL` : `${d} = $${d}`));
  const params: Record<string, string | number> = {
    indicator, schooljaar: c.schooljaar ?? '2024/2025', gebied,
    niveau: gebied === 'testregio' ? 'regio' : 'gemeente',
  };
  for (const d of DIMENSIONS) if (c[d] !== undefined) params[d] = c[d]!;
  return db.one<{ waarde: number | null; teller: number | null; noemer: number | null }>(
    `SELECT waarde, teller, noemer FROM indicator_store
     WHERE indicator = $indicator AND schooljaar = $schooljaar AND gebiedsniveau = $niveau AND gebied = $gebied
       AND ${where.join(' AND ')}`, params);
}

export const waarde = async (db: Db, indicator: string, c: Cel = {}) => (await cel(db, indicator, c)).waarde;
