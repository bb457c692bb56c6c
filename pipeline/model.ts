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

/** Orders intermediate models so each runs after the int_* models it mentions. */
export function orderByDependencies(files: string[]): string[] {
  const name = (f: string) => path.basename(f, '.sql');
  const byName = new Map(files.map((f) => [name(f), f]));
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string, chain: string[]) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') throw new Error(`cycle in queries/intermediate: ${[...chain, n].join(' → ')}`);
    state.set(n, 'visiting');
    const sql = stripComments(readQuery(byName.get(n)!));
    for (const dep of new Set(sql.match(/\bint_\w+/g) ?? [])) {
      if (dep !== n && byName.has(dep)) visit(dep, [...chain, n]);
    }
    state.set(n, 'done');
    ordered.push(byName.get(n)!);
  };
  for (const n of [...byName.keys()].sort()) visit(n, []);
  return ordered;
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
  for (const f of [...sqlFiles('macros'), ...sqlFiles('staging'), ...orderByDependencies(sqlFiles('intermediate'))]) {
    opts.onStep?.(f);
    await db.runFile(f, params);
  }
  await db.run(storeDdl());
  for (const f of sqlFiles('indicators')) {
    opts.onStep?.(f);
    await runIndicatorFile(db, f, params);
  }
}

/** An indicator file is one SELECT producing store columns by name; it is appended to the store. */
export async function runIndicatorFile(db: Db, file: string, params: Params): Promise<void> {
  const select = readQuery(file).trim().replace(/;\s*$/, '');
  await db.runStatement(`INSERT INTO indicator_store BY NAME (${select}\n)`, params, file);
}
