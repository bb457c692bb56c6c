// An independent check of the disclosure control at any scale (a verification script, not part of the product):
// loads the extract, runs the SQL model and publishIndicators (the build's suppression), then audits the pattern
// it produced afresh, reusing nothing of its proofs: the LP audit in blocks of gemeenten over every hidden cell,
// and the whole LP of their components for any cell the blocks cannot prove. Prints counts and timings only.
//
//   npm run build
//   LEERPLICHT_TRACE=1 node test/perf/disclosure-check.mjs .cache/bench/nederland nederland 2024/2025
//
// National extract (2026-12-02, quiet): publishIndicators 188 s; then 331,888 hidden counts, 143 not proved by the
// block audit (88 s), all 143 proved by the whole LP of their components (23 s): nothing exposed.
import path from 'node:path';
const [extract, configName, schooljaar = '2024/2025'] = process.argv.slice(2);
const D = (m) => import(path.resolve(import.meta.dirname, '../../dist/pipeline', m));
const { openSession } = await D('build/session.js');
const { load } = await D('build/stages/load.js');
const { model } = await D('build/stages/model.js');
const { loadConfig } = await D('config/load.js');
const { Progress } = await D('progress.js');
const { publishIndicators } = await D('disclosure.js');
const { audit } = await D('disclosure-audit.js');
const { relations } = await D('disclosure-relations.js');
const { COUNT_UNITS, DIMENSIONS } = await D('store.js');

const config = loadConfig(configName);
const session = await openSession({ extract, config, schooljaar, out: '/tmp/disclosure-check-out', progress: new Progress({ quiet: true }), pdf: false });
const { ctx } = session;
try {
  await load(ctx);
  await model(ctx);
  const { db } = ctx;
  let t0 = performance.now();
  const r = await publishIndicators(db, config.parameters);
  console.log(`publishIndicators: ${r.cells} cells, ${r.suppressed} hidden, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const rows = (await db.conn.runAndReadAll(`SELECT s.indicator, s.schooljaar, s.gebiedsniveau, s.gebied, ${DIMENSIONS.map((d) => `s.${d}`).join(', ')},
      CAST(s.waarde AS DOUBLE) AS waarde, s.eenheid, f.id IS NOT NULL AS hidden
    FROM indicator_store s LEFT JOIN disclosure_flags f ON f.id = s.rowid ORDER BY 1, 2, 3, 4`)).getRowObjectsJS();
  const rmcOf = Object.fromEntries((await db.all('SELECT gemeentecode, rmc_regio FROM report_gemeenten')).filter((g) => g.rmc_regio).map((g) => [g.gemeentecode, g.rmc_regio]));
  const count = (x) => COUNT_UNITS.has(x.eenheid);
  const min = config.parameters.min_cel;
  const ids = new Map();
  const input = {
    values: rows.map((x) => (count(x) ? x.waarde ?? 0 : 0)),
    hidden: rows.map((x) => x.hidden && count(x)),
    sensitive: rows.map((x) => count(x) && x.waarde > 0 && x.waarde < min),
    relations: relations(rows, rmcOf),
    minCel: min,
    area: rows.map((x) => (x.gebiedsniveau === 'gemeente' ? (ids.get(x.gebied) ?? (ids.set(x.gebied, ids.size), ids.size - 1)) : -1)),
  };
  t0 = performance.now();
  const open = await audit(input, { intervals: false });
  console.log(`hidden counts ${input.hidden.filter(Boolean).length}; not proved by the block audit: ${open.length} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (open.length) {
    const exposed = await audit(input, { intervals: false, only: new Set(open.map((e) => e.cell)), blocks: { whole: Infinity, size: 1 } });
    console.log(`exposed by the whole LP of their components: ${exposed.length} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    process.exitCode = exposed.length ? 1 : 0;
  }
} finally {
  await session.close();
}
