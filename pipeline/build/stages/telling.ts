/**
 * Stages of the Leerplichttelling: the form, its consistency checks and the sign-off PDFs (telling); the
 * submission CSVs and workbooks (tellingFiles, written while the PDFs print).
 */
import { renderTemplate } from '../../render/html.ts';
import { buildTellingForm, formRowsPerGemeente, formTable, runTellingChecks, TELLING_BUCKETS, tellingRegioSheet, tellingSheet, workbookSql } from '../../reports/telling.ts';
import { writeCsv } from '../../csv.ts';
import type { XlsxSheet } from '../../format/xlsx.ts';
import { type BuildContext, need, timed } from '../context.ts';
import { writeCsvPerFile } from '../partitioned.ts';
import { paths } from '../paths.ts';
import { documentMetadata, xlsxOptions } from '../identity.ts';
import { writeWorkbooks } from '../workbooks.ts';

export async function telling(ctx: BuildContext): Promise<void> {
  const { db, config, schooljaar, selection } = ctx;
  const colofon = need(ctx.colofon, 'colofon');
  const { forms, checks } = await timed(ctx, 'telling: form + checks', async () => {
    await buildTellingForm(db);
    return { forms: (ctx.tellingForms = await formRowsPerGemeente(db)), checks: await runTellingChecks(db) };
  });
  for (const c of checks.filter((x) => selection.gemeenten.some((g) => g.code === x.gemeentecode))) {
    const where = `${c.gemeentecode} ${c.item}${c.onderwijssoort ? ` (${c.onderwijssoort})` : ''}`;
    if (c.ernst === 'fout') ctx.failedChecks.push(`${where}: ${c.toelichting}`);
    else ctx.warnings.push(`telling ${where}: ${c.toelichting}`);
  }
  for (const g of selection.gemeenten) {
    const title = `Leerplichttelling ${schooljaar.label} – ${g.naam} (vertrouwelijk)`;
    const rows = formTable(forms.get(g.code) ?? []);
    const own = checks.filter((c) => c.gemeentecode === g.code);
    ctx.documents.add({
      id: `telling ${g.code}`,
      title,
      rel: paths.tellingPdf(g, schooljaar),
      metadata: documentMetadata.telling(title, schooljaar.label, g, config.regio, ctx.datum.moment),
      quick: true,
      render: async () => renderTemplate('telling.njk', {
        title, gemeente: { code: g.code, naam: g.naam }, regio: config.regio, schooljaar: schooljaar.label,
        buckets: TELLING_BUCKETS, rows, checks: own, colofon,
      }),
    }, { g, rows, own });
  }
}

export async function tellingFiles(ctx: BuildContext): Promise<void> {
  const { db, fx, config, schooljaar, selection } = ctx;
  const forms = need(ctx.tellingForms, 'the telling forms');
  await timed(ctx, 'telling CSV + xlsx', async () => {
    await writeCsvPerFile(db, fx, 'outputs/telling_csv.sql', ['item_volgorde', 'bucket_volgorde'],
      new Map(selection.gemeenten.map((g) => [g.code, paths.tellingCsv(g, schooljaar)])));
    // The workbooks in the worker thread (export/workbooks.ts), which has exceljs loaded already.
    const files: [string, XlsxSheet[]][] = selection.gemeenten.map((g) => [fx.outputPath(paths.tellingXlsx(g, schooljaar)), [tellingSheet(forms.get(g.code) ?? [])]]);
    if (selection.regionLevel) {
      await writeCsv(db, await workbookSql(db), fx.outputPath(paths.tellingRegioCsv(config.regio, schooljaar)));
      files.push([fx.outputPath(paths.tellingRegioXlsx(config.regio, schooljaar)), [await tellingRegioSheet(db)]]);
    }
    await writeWorkbooks(ctx, { kind: 'sheets', files, options: xlsxOptions(ctx) });
  });
}
