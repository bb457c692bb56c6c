/**
 * Stage publish: disclosure control (the one way figures leave the store), the public dataset every CSV is a
 * slice of, the colofon every document shows, and what each document depends on for the incremental cache.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readQuery } from '../../db.ts';
import { auditPublication, publishIndicators } from '../../disclosure.ts';
import { indelingsdatum } from '../../herindelingen.ts';
import { Figures } from '../../reports/figures.ts';
import { openNarratives } from '../../reports/narrative.ts';
import { createDatasetTable } from '../../export/dataset.ts';
import { type BuildContext, need, timed } from '../context.ts';
import { buildId } from '../identity.ts';
import { toolVersion } from '../manifest.ts';
import { fileSha256 } from '../../output/cache.ts';

export async function publish(ctx: BuildContext): Promise<void> {
  const { db, o, config } = ctx;
  const load = need(ctx.load, 'load');
  const extractdatum = load.meta!.extractdatum;
  ctx.extractFiles = await Promise.all(load.files.map(async (f) => ({ table: f.table, file: path.basename(f.file), bytes: f.bytes, rows: f.rows, sha256: await fileSha256(f.file) })));
  // The same inputs, code and date give the same id (and so the same bytes); any change gives another.
  const id = buildId({ tool: toolVersion(), extract: ctx.extractFiles, config: readFileSync(config.file, 'utf8'), schooljaar: ctx.schooljaar.label, datum: ctx.datum.datum });
  const disclosure = await timed(ctx, 'disclosure control', async () => {
    const r = await publishIndicators(db, config.parameters);
    // The public dataset once, in its published order; every CSV, Parquet and xlsx file is a slice of it.
    await createDatasetTable(db, { extractdatum, buildId: id });
    // The audit on exactly what is published: refuses (exit 1) if a figure gives a hidden one away, or the
    // published pattern is not the one the LP proved safe.
    await auditPublication(db, config.parameters, { proved: true });
    return r;
  });
  ctx.colofon = {
    extractdatum,
    bron: load.meta!.bron ?? '',
    parameters: config.parameters,
    config: path.relative(process.cwd(), config.file),
    buildId: id,
    datum: ctx.datum.datum,
    suppressed: disclosure.suppressed,
    indeling: indelingsdatum(ctx.schooljaar.label),
  };
  const digests = await db.all<{ gebied: string; d: string }>(readQuery('outputs/digests.sql'));
  ctx.digests = new Map(digests.map((r) => [r.gebied, r.d]));
  ctx.narratives = openNarratives(config.regio.code, ctx.schooljaar.label, o.narrativeRoot);
}

/** The published figures, read once for every report that shows them (a national store is large). */
export async function figures(ctx: BuildContext): Promise<Figures> {
  return (ctx.figures ??= await timed(ctx, 'figures for the reports', () => Figures.load(ctx.db)));
}
