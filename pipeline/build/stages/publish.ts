/**
 * Stage publish: disclosure control (the one way figures leave the store), the public dataset every CSV is a
 * slice of, the colofon every document shows, and what each document depends on for the incremental cache.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { readQuery } from '../../db.ts';
import { publishIndicators } from '../../disclosure.ts';
import { indelingsdatum } from '../../herindelingen.ts';
import { Figures } from '../../reports/figures.ts';
import { openNarratives } from '../../reports/narrative.ts';
import { type BuildContext, need, timed } from '../context.ts';

export async function publish(ctx: BuildContext): Promise<void> {
  const { db, o, config } = ctx;
  const load = need(ctx.load, 'load');
  const disclosure = await timed(ctx, 'disclosure control', async () => {
    const r = await publishIndicators(db, config.parameters);
    await db.runFile('outputs/dataset.sql');
    return r;
  });
  ctx.colofon = {
    extractdatum: load.meta!.extractdatum,
    bron: load.meta!.bron ?? '',
    parameters: config.parameters,
    config: path.relative(process.cwd(), config.file),
    buildId: createHash('sha256').update(`${ctx.started.toISOString()}|${process.pid}|${o.extract}`).digest('hex').slice(0, 12),
    datum: o.datum ?? new Date().toISOString().slice(0, 10),
    suppressed: disclosure.suppressed,
    indeling: indelingsdatum(ctx.schooljaar.label),
  };
  const digests = await db.all<{ gebied: string; d: string }>(readQuery('outputs/digests.sql'));
  ctx.digests = new Map(digests.map((r) => [r.gebied, r.d]));
  ctx.narratives = openNarratives(config.regio.code, ctx.schooljaar.label, o.narrativeRoot);
}

/** The published figures, read once for every report that shows them (a national store is large). */
export async function figures(ctx: BuildContext): Promise<Figures> {
  return (ctx.figures ??= await timed(ctx, 'figures for the reports', () => Figures.load(ctx.db, `<${ctx.config.parameters.min_cel}`)));
}
