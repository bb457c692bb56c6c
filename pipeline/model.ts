/**
 * Runs the SQL model in layers, as a dbt project would:
 *   store macros                      is_count, is_rate, … from pipeline/store.ts
 *   queries/macros/*.sql              DuckDB macros that need no table (int_schooljaar, int_leeftijd, …)
 *   queries/staging/stg_<table>.sql   views 1:1 over the validated extract tables (src_<table>)
 *   queries/intermediate/{shared,leerplicht,rmc}/int_*.sql
 *                                     predicates and periods (woonperiodes, leerplicht, spells …), ordered by
 *                                     the int_* names each file mentions; each header states its grain. A
 *                                     table macro over a model table lives here too (DuckDB binds a table
 *                                     macro when it is created, so it runs after the tables it reads)
 *   indicator_store                   created from pipeline/store.ts
 *   queries/indicators/**.sql         one SELECT per indicator family, appended to the store
 * Every object is named after its file. Parameters are bound, never spliced into SQL text.
 */
import path from 'node:path';
import type { RegionConfig } from './config/load.ts';
import { variant } from './config/load.ts';
import { type Db, type Params, readQuery, sqlFiles } from './db.ts';
import { loadHerindelingen } from './herindelingen.ts';
import { Schooljaar } from './schooljaar.ts';
import { storeDdl, storeMacrosSql } from './store.ts';
import { fteLeerplicht } from './kwartaal.ts';

/** The schooljaren a build reports on: the requested one and up to 4 before it (for trends). */
export const TREND_JAREN = 5;

export interface ModelOptions {
  config: RegionConfig;
  /** `2024/2025` */
  schooljaar: string;
  /** RMC region of each gemeente (from the reference data), for RMC figures. */
  rmcRegio?: Record<string, { code: string; naam: string }>;
  /** The quarters of the kwartaalrapportages (`2025-K1`); none: the kwartaal indicators have no rows. */
  kwartalen?: string[];
  /** Called before each file runs. */
  onStep?: (file: string) => void;
}

/** Parameters bound into every query file that asks for them. */
export function modelParams(opts: ModelOptions): Params {
  const p = opts.config.parameters;
  const start = Schooljaar.parse(opts.schooljaar).start;
  return {
    eerste_jaar: start - (TREND_JAREN - 1),
    laatste_jaar: start,
    peildatum: p.peildatum,
    av_min_dagen: p.av_min_dagen,
    zomervakantie_van: p.zomervakantie_van,
    zomervakantie_tot_en_met: p.zomervakantie_tot_en_met,
    thuiszitter_definitie: p.thuiszitter_definitie,
    regio: opts.config.regio.code,
    kwartalen: opts.kwartalen?.length ? opts.kwartalen.join(',') : null,
    fte_leerplicht: fteLeerplicht(opts.config),
  };
}

/**
 * Puts the configuration into tables (data, so inserted with bound values): `report_regio(code, naam)` and
 * `report_gemeenten(gemeentecode, naam, regio, rmc_regio, rmc_regio_naam, variant)`.
 */
export async function loadReportGemeenten(db: Db, opts: ModelOptions): Promise<void> {
  const { regio } = opts.config;
  await db.run('CREATE OR REPLACE TABLE report_regio AS SELECT $code AS code, $naam AS naam', { code: regio.code, naam: regio.naam });
  await db.run(`CREATE OR REPLACE TABLE report_gemeenten (
    gemeentecode VARCHAR PRIMARY KEY, naam VARCHAR NOT NULL, regio VARCHAR NOT NULL,
    rmc_regio VARCHAR, rmc_regio_naam VARCHAR, variant VARCHAR NOT NULL)`);
  for (const g of opts.config.gemeenten) {
    const rmc = opts.rmcRegio?.[g.code] ?? regio.rmc_regio;
    await db.run('INSERT INTO report_gemeenten VALUES ($code, $naam, $regio, $rmc, $rmcNaam, $variant)', {
      code: g.code,
      naam: g.naam,
      regio: regio.code,
      rmc: rmc?.code ?? null,
      rmcNaam: rmc?.naam ?? null,
      variant: variant(g),
    });
  }
}

/** Orders intermediate models so each runs after the int_* models it mentions (`needs`: dependencies(files)). */
export function orderByDependencies(files: string[], needs = dependencies(files)): string[] {
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (f: string, chain: string[]) => {
    const n = modelName(f);
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') throw new Error(`cycle in queries/intermediate: ${[...chain, n].join(' → ')}`);
    state.set(n, 'visiting');
    for (const dep of needs.get(f)!) visit(dep, [...chain, n]);
    state.set(n, 'done');
    ordered.push(f);
  };
  const byName = new Map(files.map((f) => [modelName(f), f]));
  for (const n of [...byName.keys()].sort()) visit(byName.get(n)!, []);
  return ordered;
}

/** A model's name: its file's. */
const modelName = (f: string) => path.basename(f, '.sql');

/** Per file of `files`: the files of `files` whose int_* model it mentions. */
function dependencies(files: string[]): Map<string, string[]> {
  const byName = new Map(files.map((f) => [modelName(f), f]));
  return new Map(files.map((f) => {
    const mentioned = new Set(stripComments(readQuery(f)).match(/\bint_\w+/g) ?? []);
    return [f, [...mentioned].filter((dep) => dep !== modelName(f) && byName.has(dep)).map((dep) => byName.get(dep)!)];
  }));
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** Runs staging, intermediate and indicator layers; leaves `indicator_store` filled. */
export async function runModel(db: Db, opts: ModelOptions): Promise<void> {
  const params = modelParams(opts);
  await loadReportGemeenten(db, opts);
  await loadHerindelingen(db, opts.schooljaar);
  await db.run(storeMacrosSql());
  for (const f of [...sqlFiles('macros'), ...sqlFiles('staging')]) {
    opts.onStep?.(f);
    await db.runFile(f, params);
  }
  const needs = dependencies(sqlFiles('intermediate'));
  const intermediate = orderByDependencies([...needs.keys()], needs);
  const indicators = sqlFiles('indicators');
  const { threads } = await db.one<{ threads: number }>("SELECT CAST(current_setting('threads') AS INTEGER) AS threads");
  if (threads > 1) {
    // DuckDB parallelises each query itself: one file at a time (a second connection would only add memory).
    for (const f of intermediate) {
      opts.onStep?.(f);
      await db.runFile(f, params);
    }
    await db.run(storeDdl());
    for (const f of indicators) {
      opts.onStep?.(f);
      await db.runStatement(`INSERT INTO indicator_store BY NAME (${indicatorSelect(f)}\n)`, params, f);
    }
    return;
  }
  // DuckDB on one thread (a region's extract: session.ts): its queries are too small to gain from more
  // threads, but the files are largely independent, so two connections each run a file at a time, the
  // second core otherwise idle. A file starts when the int_* models it mentions are done; the indicators go
  // into a table each and are appended to the store in file order, so the store's rows (and their rowids,
  // by which disclosure control numbers the cells) are in the same order as one file after another.
  const second = await db.connect();
  const tables = new Map(indicators.map((f, k) => [f, `model_indicator_${k}`]));
  try {
    await onConnections([db, second], intermediate, needs, (c, f) => {
      opts.onStep?.(f);
      return c.runFile(f, params);
    });
    await db.run(storeDdl());
    await onConnections([db, second], indicators, new Map(), (c, f) => {
      opts.onStep?.(f);
      return c.runStatement(`CREATE OR REPLACE TABLE ${tables.get(f)} AS (${indicatorSelect(f)}\n)`, params, f);
    });
  } finally {
    second.close();
  }
  for (const [f, t] of tables) {
    await db.runStatement(`INSERT INTO indicator_store BY NAME (SELECT * FROM ${t})`, {}, f);
    await db.run(`DROP TABLE ${t}`);
  }
}

/** An indicator file is one SELECT producing store columns by name, to be appended to the store. */
function indicatorSelect(file: string): string {
  return readQuery(file).trim().replace(/;\s*$/, '');
}

/**
 * Runs every file of `files` (ordered so that each comes after what it needs) with `run`, each connection of
 * `conns` one file at a time: the first of the files left whose `needs` are done. After a failure no file is
 * started; the others are waited for, and the first error is thrown.
 */
async function onConnections(conns: Db[], files: string[], needs: Map<string, string[]>, run: (c: Db, file: string) => Promise<void>): Promise<void> {
  const left = [...files];
  const done = new Set<string>();
  let failed = false;
  const waiting: (() => void)[] = [];
  const wake = () => waiting.splice(0).forEach((w) => w());
  const work = async (c: Db) => {
    while (left.length && !failed) {
      const i = left.findIndex((f) => (needs.get(f) ?? []).every((d) => done.has(d)));
      if (i < 0) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const [f] = left.splice(i, 1);
      try {
        await run(c, f);
      } catch (e) {
        failed = true;
        throw e;
      } finally {
        done.add(f);
        wake();
      }
    }
  };
  const results = await Promise.allSettled(conns.map(work));
  const error = results.find((r) => r.status === 'rejected');
  if (error) throw (error as PromiseRejectedResult).reason;
}
