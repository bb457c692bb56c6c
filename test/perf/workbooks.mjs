// The dataset's workbooks on their own (a measurement script, not part of the product): the jobs the build's
// workbook worker runs (export/workbooks.ts) on a Parquet copy of a build's dataset table, timed one by one
// (wall, and CPU of the whole process: the worker thread, DuckDB's threads, zlib in libuv's pool).
//
//   node test/perf/workbooks.mjs DIST DATASET.parquet GEMEENTEN.json OUTDIR [indicatoren,jaarverslag,rmc]
//
// GEMEENTEN.json: {"g": [gemeentecodes], "rmc": [{"rmc_regio": "01", "g": [gemeentecodes]}, …]}; the region
// code is that of the rows with gebiedsniveau 'regio'. DIST may be another checkout's dist/ (compare two
// versions on the same dataset, interleaved); the workbooks have a fixed date, so outputs compare file by file.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
const [dist, parquet, gemeenten, out, only] = process.argv.slice(2);
const D = (m) => import(path.join(dist, 'pipeline', m));
const { Db, sqlString } = await D('db.js');
const { WorkbookWriter } = await D('export/workbooks.js');
const want = (n) => !only || only.split(',').includes(n);
const { g, rmc } = JSON.parse(readFileSync(gemeenten, 'utf8'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const db = await Db.open({ threads: 2 });
await db.run(`CREATE TABLE dataset AS SELECT * FROM read_parquet(${sqlString(parquet)})`);
const { regio } = await db.one("SELECT any_value(gebiedscode) AS regio FROM dataset WHERE gebiedsniveau = 'regio'");
const options = { creator: 'bench', created: new Date('2025-10-19T22:00:00Z'), title: 'bench' };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const t0 = [performance.now(), cpu()];
const wb = await WorkbookWriter.start(db, path.join(out, '.copy.parquet'), '/tmp');
const rows = [];
const step = async (name, job) => {
  if (!want(name)) return;
  const [w, c] = [performance.now(), cpu()];
  await wb.run(job);
  rows.push(`${name.padEnd(12)} wall ${((performance.now() - w) / 1000).toFixed(1).padStart(6)} s  cpu ${(cpu() - c).toFixed(1).padStart(6)} s`);
};
try {
  await step('indicatoren', { kind: 'indicatoren', file: path.join(out, 'indicatoren.xlsx'), options });
  await step('jaarverslag', { kind: 'perGemeente', files: g.map((c) => [c, path.join(out, `jv-${c}.xlsx`)]), shared: regio, where: "rapport LIKE '%jaarverslag%'", options });
  await step('rmc', {
    kind: 'sheet', file: path.join(out, 'rmc.xlsx'), options, where: `rapport LIKE '%rmc%' AND gebiedscode IN (${[rmc[0].rmc_regio, ...rmc[0].g].map(sqlString).join(', ')})`,
  });
} finally {
  await wb.close();
  db.close();
}
for (const r of rows) console.log(r);
console.log(`total        wall ${((performance.now() - t0[0]) / 1000).toFixed(1).padStart(6)} s  cpu ${(cpu() - t0[1]).toFixed(1).padStart(6)} s; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
