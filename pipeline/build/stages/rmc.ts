/** Stage rmc: per RMC region of the selection its effectrapportage CSV and PDF (region level: unsharded or shard 1). */
import { writeCsv } from '../../csv.ts';
import { readQuery, sqlString } from '../../db.ts';
import { measure, type StageMetrics } from '../../metrics.ts';
import { rmcRegios } from '../../reference.ts';
import { renderTemplate } from '../../render/html.ts';
import { definitions } from '../../reports/definitions.ts';
import { rmcChapters, rmcRegions, rmcTitle } from '../../reports/rmc.ts';
import { type BuildContext, need } from '../context.ts';
import { paths } from '../paths.ts';
import { documentMetadata, xlsxOptions } from '../identity.ts';
import { datasetSheet } from '../../export/dataset.ts';
import { writeXlsx } from '../../format/xlsx.ts';
import { figures } from './publish.ts';

export async function rmc(ctx: BuildContext): Promise<void> {
  const { db, fx, config, schooljaar, selection } = ctx;
  if (!selection.regionLevel) return;
  const F = await figures(ctx);
  const colofon = need(ctx.colofon, 'colofon');
  // From the whole choice of gemeenten (not a shard's part): every RMC region, and the same layout.
  const regions = rmcRegions(config, rmcRegios()).filter((r) => r.gemeenten.some((g) => selection.region.some((x) => x.code === g.code)));
  const csv: StageMetrics[] = [];
  for (const r of regions) {
    const several = regions.length > 1;
    await measure('rmc CSV + xlsx', async () => {
      await writeCsv(db, readQuery('outputs/rmc_csv.sql'), fx.outputPath(paths.rmc(r, schooljaar, several, 'csv')), 'volgorde', { rmc_regio: r.code });
      await writeXlsx(fx.outputPath(paths.rmc(r, schooljaar, several, 'xlsx')), [datasetSheet(db, `rapport LIKE '%rmc%'
        AND (gebiedscode = ${sqlString(r.code)} OR gebiedscode IN (SELECT gemeentecode FROM report_gemeenten WHERE rmc_regio = ${sqlString(r.code)}))`)], xlsxOptions(ctx));
    }, csv);
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
  ctx.stages.push({
    name: 'rmc CSV + xlsx', ms: csv.reduce((a, x) => a + x.ms, 0), cpuMs: csv.reduce((a, x) => a + x.cpuMs, 0),
    peakRssMb: Math.max(0, ...csv.map((x) => x.peakRssMb)),
  });
}
