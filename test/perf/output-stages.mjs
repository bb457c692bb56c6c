// Output stages measured on their own (a measurement script, not part of the product): the first run loads
// the extract and runs the SQL model, STUBS disclosure control (primary suppression of counts 1-4 only, no
// secondary suppression, no audit: the real one takes ~20 minutes on the national extract) and saves the
// database to SNAPDIR; later runs restore it (seconds) and time the output stages as the build runs them:
// jaarverslag, telling, rmc, kwartaal, data (export), print, web, manifest, BSN scan.
//
//   npm run build
//   node test/perf/output-stages.mjs "$PWD/dist" .cache/bench/nederland nederland /tmp/snap-nl /tmp/out-nl
//   node test/perf/output-stages.mjs "$PWD/dist" .cache/bench/nederland nederland /tmp/snap-nl /tmp/out-nl --stages jaarverslag,data
//   node test/perf/output-stages.mjs "$PWD/dist" … --serial     (the data files, then the PDFs: not alongside)
//
// DIST may be another checkout's dist/ (compare two versions on the same snapshot, interleaved). The
// outputs use a fixed build id, so two versions' outputs can be compared file by file.
import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
const [dist, extract, configName, snapDir, out] = process.argv.slice(2);
const D = (m) => import(path.join(dist, 'pipeline', m));
const { openSession } = await D('build/session.js');
const { load } = await D('build/stages/load.js');
const { model } = await D('build/stages/model.js');
const { jaarverslag, jaarverslagFiles } = await D('build/stages/jaarverslag.js');
const { telling, tellingFiles } = await D('build/stages/telling.js');
const { rmc, rmcFiles } = await D('build/stages/rmc.js');
const { kwartaal } = await D('build/stages/kwartaal.js');
const { datasets } = await D('build/stages/datasets.js');
const { print } = await D('build/stages/print.js');
const { webIndex } = await D('build/stages/web.js');
const { manifestFor } = await D('build/manifest.js');
const { assertNoBsn } = await D('output/bsn-scan.js');
const { timed, alongside } = await D('build/context.js');
const { closeWorkbooks } = alongside ? await D('build/workbooks.js') : {};
const { loadConfig } = await D('config/load.js');
const { Progress } = await D('progress.js');
const { createDatasetTable } = await D('export/dataset.js');
const { readQuery } = await D('db.js');
const { openNarratives } = await D('reports/narrative.js');
const { stageRows } = await D('metrics.js');
const { textTable } = await D('load/report.js');
const only = process.argv.includes('--stages') ? process.argv[process.argv.indexOf('--stages') + 1].split(',') : null;
const config = loadConfig(configName);
const T0 = performance.now();
rmSync(out, { recursive: true, force: true });
const o = { extract, config, schooljaar: '2024/2025', out, progress: new Progress({ quiet: true }), datum: '2025-10-20', concept: true };
const session = await openSession(o);
const { ctx } = session;
const snapDb = path.join(snapDir, 'snap.duckdb');
const snapJson = path.join(snapDir, 'snap.json');
try {
  if (!existsSync(snapJson)) {
    mkdirSync(snapDir, { recursive: true });
    await load(ctx);
    await model(ctx);
    await ctx.db.run(`CREATE OR REPLACE TABLE public_indicators AS SELECT s.* EXCLUDE (waarde, teller, noemer),
      CASE WHEN NOT (eenheid NOT IN ('procent','per_1000','dagen','per_fte') AND waarde BETWEEN 1 AND 4) THEN s.waarde END AS waarde,
      CASE WHEN NOT (eenheid NOT IN ('procent','per_1000','dagen','per_fte') AND waarde BETWEEN 1 AND 4) THEN s.teller END AS teller,
      CASE WHEN NOT (eenheid NOT IN ('procent','per_1000','dagen','per_fte') AND waarde BETWEEN 1 AND 4) THEN s.noemer END AS noemer,
      (eenheid NOT IN ('procent','per_1000','dagen','per_fte') AND waarde BETWEEN 1 AND 4) AS onderdrukt FROM indicator_store s`);
    await createDatasetTable(ctx.db, { extractdatum: ctx.load.meta.extractdatum, buildId: 'benchbench01' });
    await ctx.db.run(`ATTACH '${snapDb}' AS snap`);
    await ctx.db.run('COPY FROM DATABASE memory TO snap');
    await ctx.db.run('DETACH snap');
    writeFileSync(snapJson, JSON.stringify({ load: ctx.load, kwartalen: ctx.kwartalen, stages: ctx.stages }));
    console.error('snapshot saved', ((performance.now() - T0) / 1000).toFixed(1));
  } else {
    const t = performance.now();
    await ctx.db.run(`ATTACH '${snapDb}' AS snap (READ_ONLY)`);
    await ctx.db.run('COPY FROM DATABASE snap TO memory');
    await ctx.db.run('DETACH snap');
    await ctx.db.run("SET memory_limit = '1GB'");
    console.error('snapshot restored', ((performance.now() - t) / 1000).toFixed(1));
  }
  const s = JSON.parse(readFileSync(snapJson, 'utf8'));
  ctx.load = s.load; ctx.kwartalen = s.kwartalen;
  ctx.extractFiles = s.load.files.map((f) => ({ table: f.table, file: path.basename(f.file), bytes: f.bytes, rows: f.rows, sha256: 'x' }));
  ctx.colofon = { extractdatum: s.load.meta.extractdatum, bron: '', parameters: config.parameters, config: 'c', buildId: 'benchbench01', datum: ctx.datum.datum, suppressed: 0, indeling: '2025-01-01' };
  ctx.digests = new Map((await ctx.db.all(readQuery('outputs/digests.sql'))).map((r) => [r.gebied, r.d]));
  ctx.narratives = openNarratives(config.regio.code, ctx.schooljaar.label, undefined);
  ctx.stages.length = 0;
  const want = (n) => !only || only.includes(n);
  const T1 = performance.now();
  if (!alongside) {
    // A version before the data files were written alongside the PDFs: its stages as it ran them.
    for (const [n, st] of [['jaarverslag', jaarverslag], ['telling', telling], ['rmc', rmc], ['kwartaal', kwartaal], ['data', datasets]]) if (want(n)) await st(ctx);
    if (want('print')) await print(ctx);
  } else {
    for (const [n, st] of [['jaarverslag', jaarverslag], ['telling', telling], ['rmc', rmc], ['kwartaal', kwartaal]]) if (want(n)) await st(ctx);
    const files = [['data', datasets], ['jaarverslag', jaarverslagFiles], ['rmc', rmcFiles], ['telling', tellingFiles]].filter(([n]) => want(n)).map(([, st]) => st);
    if (process.argv.includes('--serial')) {
      for (const st of files) await st(ctx);
      if (want('print')) await print(ctx);
    } else {
      await alongside(ctx, 'PDF ∥ CSV + xlsx', [want('print') ? [print] : [], files]);
    }
    await closeWorkbooks(ctx);
  }
  if (want('web')) await webIndex(ctx);
  const manifest = await manifestFor(ctx, await ctx.fx.outputs(), session.previous);
  await ctx.fx.writeFile(ctx.selection.manifestName, `${JSON.stringify(manifest, null, 2)}\n`);
  if (want('bsn')) await timed(ctx, 'BSN scan of the outputs', async () => assertNoBsn(ctx.db, (rel) => ctx.fx.outputPath(rel), await ctx.fx.outputs(), ctx.pdfScan));
  await session.commit();
  const t = stageRows(ctx.stages);
  console.log(textTable(t.header, t.rows));
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; cpu ${((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(1)} s (this process)`);
  console.log(`output stages total ${((performance.now() - T1) / 1000).toFixed(1)} s; process ${((performance.now() - T0) / 1000).toFixed(1)} s`);
} finally {
  await session.close();
}
