/** Stage model: the SQL model (staging → intermediate → indicator store), the catalog, the selected gemeenten. */
import { loadCatalogTable } from '../../export/dataset.ts';
import { checkCoverage } from '../../load/coverage.ts';
import { runModel } from '../../model.ts';
import { rmcRegios } from '../../reference.ts';
import { BUILD_CHECKS, requireConsistency } from '../../reports/consistency.ts';
import { type BuildContext, timed } from '../context.ts';
import { selectionTable } from '../shard.ts';

/** DuckDB's memory limit after the SQL model (disclosure, datasets, reports), when none was chosen. */
const REPORT_MEMORY_LIMIT = '1GB';

export async function model(ctx: BuildContext): Promise<void> {
  const { db, config } = ctx;
  await timed(ctx, 'SQL model', async () => {
    await runModel(db, { config, schooljaar: ctx.schooljaar.label, rmcRegio: rmcRegios() });
    await loadCatalogTable(db);
    await checkCoverage(db, ctx.selection.gemeenten, ctx.schooljaar.label, ctx.schooljaar.start);
    await requireConsistency(db, BUILD_CHECKS);
    await selectionTable(db, ctx.selection);
  });
  // What follows (disclosure, datasets, CSVs) needs little of DuckDB's memory and much of Node's (the
  // published figures, the documents): DuckDB evicts down to a smaller limit, unless one was chosen.
  if (!ctx.o.memoryLimit) await db.run(`SET memory_limit = '${REPORT_MEMORY_LIMIT}'`);
}
