/**
 * Stages of the jaarverslag: per gemeente the jaarverslag leerplicht (a PDF document: jaarverslag) and its
 * figures (CSV, xlsx: jaarverslagFiles, written while the PDFs print).
 */
import { variant } from '../../config/load.ts';
import { renderTemplate } from '../../render/html.ts';
import { definitions } from '../../reports/definitions.ts';
import { jaarverslagChapters, regionScope } from '../../reports/jaarverslag.ts';
import { narrativeTexts, openNarratives, requireNarratives } from '../../reports/narrative.ts';
import { checkNarrativeFigures } from '../../reports/narrative-figures.ts';
import { type BuildContext, type BuildOptions, need, timed } from '../context.ts';
import { writeCsvPerFile } from '../partitioned.ts';
import { paths } from '../paths.ts';
import { documentMetadata, xlsxOptions } from '../identity.ts';
import { writeWorkbooks } from '../workbooks.ts';
import type { Selection } from '../shard.ts';
import { figures } from './publish.ts';

export async function jaarverslagFiles(ctx: BuildContext): Promise<void> {
  const { config, schooljaar, selection } = ctx;
  await timed(ctx, 'jaarverslag CSV + xlsx', async () => {
    await writeCsvPerFile(ctx.db, ctx.fx, 'outputs/jaarverslag_csv.sql', ['volgorde'], new Map(selection.gemeenten.map((g) => [g.code, paths.jaarverslagCsv(g, schooljaar)])));
    // Each gemeente's figures and the region's, which every workbook shows too (in the worker thread).
    await writeWorkbooks(ctx, {
      kind: 'perGemeente', files: selection.gemeenten.map((g) => [g.code, ctx.fx.outputPath(paths.jaarverslagXlsx(g, schooljaar))]),
      shared: config.regio.code, where: "rapport LIKE '%jaarverslag%'", options: xlsxOptions(ctx),
    });
  });
}

export async function jaarverslag(ctx: BuildContext): Promise<void> {
  const { config, schooljaar, selection } = ctx;
  const F = await figures(ctx);
  const colofon = need(ctx.colofon, 'colofon');
  const narratives = need(ctx.narratives, 'narratives');
  // No narrative may name a figure this build hides (also in a concept).
  const year = F.schooljaren.indexOf(schooljaar.label);
  await checkNarrativeFigures(ctx.db, narratives, selection.gemeenten.filter((g) => variant(g) === 'inhoudelijk'), config.regio.code, F.schooljaren.slice(Math.max(0, year - 1), year + 1));
  for (const g of selection.gemeenten) {
    const title = `Jaarverslag leerplicht ${schooljaar.label} – ${g.naam}`;
    const v = variant(g);
    ctx.documents.add({
      id: `jaarverslag ${g.code}`,
      title,
      rel: paths.jaarverslagPdf(g, schooljaar),
      metadata: documentMetadata.jaarverslag(title, schooljaar.label, g, config.regio, ctx.datum.moment),
      web: true,
      render: async () => {
        const { kerncijfers, chapters, voorwoord, samenvatting, vergelijking, landelijkeBronnen } = await jaarverslagChapters(F, regionScope(config, g, schooljaar.label), v === 'inhoudelijk' ? narratives : undefined, config);
        return renderTemplate('jaarverslag.njk', {
          title, gemeente: g, regio: config.regio, schooljaar: schooljaar.label, variant: v, kerncijfers, chapters, voorwoord, samenvatting, vergelijking, landelijkeBronnen, concept: ctx.o.concept,
          definities: definitions([...chapters, { ...kerncijfers, title: 'Kerncijfers en vergelijking met Nederland' }]), colofon,
        });
      },
    }, { g, v, figures: [ctx.digests?.get(g.code), ctx.digests?.get(config.regio.code)], narrative: v === 'inhoudelijk' ? narrativeTexts(narratives, g.code) : null, concept: ctx.o.concept ?? false });
  }
}

/** Before anything is built: a final (not --concept) build refuses inhoudelijk jaarverslagen whose narrative is missing or unfinished. */
export function checkNarratives(o: BuildOptions, selection: Selection): void {
  if (o.reports && !o.reports.includes('jaarverslag')) return;
  if (o.concept) return;
  requireNarratives(openNarratives(o.config.regio.code, o.schooljaar, o.narrativeRoot), selection.gemeenten.filter((g) => variant(g) === 'inhoudelijk').map((g) => g.code));
}
