/**
 * Stages of the RMC effectrapportage, per RMC region of the selection (region level: unsharded or shard 1):
 * the PDF document (rmc) and its figures as CSV and xlsx (rmcFiles, written while the PDFs print).
 */
import { writeCsv } from '../../csv.ts';
import { readQuery, sqlString } from '../../db.ts';
import { rmcRegios } from '../../reference.ts';
import { renderTemplate } from '../../render/html.ts';
import { definitions } from '../../reports/definitions.ts';
import { rmcChapters, rmcRegions, rmcTitle } from '../../reports/rmc.ts';
import { type BuildContext, need, stopIfAborted, timed } from '../context.ts';
import { paths } from '../paths.ts';
import { documentMetadata, xlsxOptions } from '../identity.ts';
import { writeWorkbooks } from '../workbooks.ts';
import { figures } from './publish.ts';

/** The RMC regions of the build: from the whole choice of gemeenten (not a shard's part), with their layout. */
function regionsOf(ctx: BuildContext) {
  const { config, selection } = ctx;
  const regions = rmcRegions(config, rmcRegios()).filter((r) => r.gemeenten.some((g) => selection.region.some((x) => x.code === g.code)));
  return { regions, several: regions.length > 1 };
}

export async function rmcFiles(ctx: BuildContext): Promise<void> {
  const { db, fx, schooljaar, selection } = ctx;
  if (!selection.regionLevel) return;
  const { regions, several } = regionsOf(ctx);
  await timed(ctx, 'rmc CSV + xlsx', async () => {
    for (const r of regions) {
      stopIfAborted();
      await writeCsv(db, readQuery('outputs/rmc_csv.sql'), fx.outputPath(paths.rmc(r, schooljaar, several, 'csv')), 'volgorde', { rmc_regio: r.code });
      const gemeenten = (await db.all<{ g: string }>('SELECT gemeentecode AS g FROM report_gemeenten WHERE rmc_regio = $r', { r: r.code })).map((x) => x.g);
      await writeWorkbooks(ctx, {
        kind: 'sheet', file: fx.outputPath(paths.rmc(r, schooljaar, several, 'xlsx')), options: xlsxOptions(ctx),
        where: `rapport LIKE '%rmc%' AND gebiedscode IN (${[r.code, ...gemeenten].map(sqlString).join(', ')})`,
      });
    }
  });
}

export async function rmc(ctx: BuildContext): Promise<void> {
  const { config, schooljaar, selection } = ctx;
  if (!selection.regionLevel) return;
  const F = await figures(ctx);
  const colofon = need(ctx.colofon, 'colofon');
  const { regions, several } = regionsOf(ctx);
  for (const r of regions) {
    const title = rmcTitle(r, schooljaar.label);
    ctx.documents.add({
      id: `rmc ${r.code}`,
      title,
      rel: paths.rmc(r, schooljaar, several, 'pdf'),
      metadata: documentMetadata.rmc(title, schooljaar.label, r, config.regio, ctx.datum.moment),
      web: true,
      render: async () => {
        const { samenvatting, chapters } = await rmcChapters(F, r, schooljaar.label, config.regio.naam);
        return renderTemplate('rmc.njk', { title, rmc: r, regio: config.regio, schooljaar: schooljaar.label, sj: schooljaar, samenvatting, chapters, definities: definitions([...chapters, { ...samenvatting, title: 'Kerncijfers' }]), colofon });
      },
    }, { r, figures: [r.code, ...r.gemeenten.map((g) => g.code)].map((c) => ctx.digests?.get(c)) });
  }
}
