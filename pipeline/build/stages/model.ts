/** Stage model: the SQL model (staging → intermediate → indicator store), the catalog, the selected gemeenten. */
import { loadCatalogTable } from '../../export/dataset.ts';
import { checkCoverage } from '../../load/coverage.ts';
import { loadCatalog } from '../../catalog.ts';
import { InputError } from '../../errors.ts';
import { kwartalenVan, parseKwartaal } from '../../kwartaal.ts';
import { runModel } from '../../model.ts';
import { rmcRegios } from '../../reference.ts';
import { BUILD_CHECKS, requireConsistency } from '../../reports/consistency.ts';
import { type BuildContext, need, timed } from '../context.ts';
import { selectionTable } from '../shard.ts';

/** DuckDB's memory limit after the SQL model (disclosure, datasets, reports), when none was chosen. */
const REPORT_MEMORY_LIMIT = '1GB';

export async function model(ctx: BuildContext): Promise<void> {
  const { db, config } = ctx;
  ctx.kwartalen = ctx.reports.has('kwartaal') ? quarters(ctx) : [];
  await timed(ctx, 'SQL model', async () => {
    await runModel(db, { config, schooljaar: ctx.schooljaar.label, rmcRegio: rmcRegios(), kwartalen: ctx.kwartalen });
    await loadCatalogTable(db);
    await checkCoverage(db, ctx.selection.gemeenten, ctx.schooljaar.label, ctx.schooljaar.start);
    await requireConsistency(db, BUILD_CHECKS);
    await selectionTable(db, ctx.selection);
  });
  // What follows (disclosure, datasets, CSVs) needs little of DuckDB's memory and much of Node's (the
  // published figures, the documents): DuckDB evicts down to a smaller limit, unless one was chosen.
  if (!ctx.o.memoryLimit) await db.run(`SET memory_limit = '${REPORT_MEMORY_LIMIT}'`);
}

/**
 * The quarters of the kwartaalrapportage: those asked for, each of which must have ended by the extract date
 * and belong to the build's schooljaar; by default every quarter of the schooljaar that has ended by then.
 */
function quarters(ctx: BuildContext): string[] {
  const kw = new Set(loadCatalog().filter((d) => d.rapporten.includes('kwartaal')).map((d) => d.code));
  for (const j of ctx.config.jaarplan ?? []) {
    const unknown = j.doelen.filter((d) => !kw.has(d.indicator)).map((d) => d.indicator);
    if (unknown.length) throw new InputError(`${ctx.config.file}: jaarplan ${j.schooljaar}: ${unknown.join(', ')} is not a kwartaal indicator (known: ${[...kw].join(', ')}).`);
  }
  const extractdatum = need(ctx.load, 'load').meta!.extractdatum;
  const sj = ctx.schooljaar;
  if (!ctx.o.kwartalen?.length) return kwartalenVan(sj.start).filter((k) => k.laatsteDag <= extractdatum).map((k) => k.label);
  return ctx.o.kwartalen.map((s) => {
    const k = parseKwartaal(s);
    if (k.schooljaar !== sj.label) throw new InputError(`--kwartaal ${k.label} belongs to schooljaar ${k.schooljaar}, not to ${sj.label}: build it with --schooljaar ${k.schooljaar}, or leave --schooljaar out.`);
    if (k.laatsteDag > extractdatum) throw new InputError(`--kwartaal ${k.label} ends on ${k.laatsteDag}, after the extract date ${extractdatum}: the quarter has not ended in this extract. Use an earlier quarter or a newer extract.`);
    return k.label;
  });
}
