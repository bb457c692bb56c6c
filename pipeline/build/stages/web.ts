/**
 * Stage web (`build --html`, region level): `index.html`, linking every gemeente's jaarverslag page, PDF and
 * CSV, the RMC reports, the kwartaalrapportages and the public dataset. The pages themselves are written beside their PDFs when
 * printed (documents.ts, render/web.ts). Only public outputs are linked, never a vertrouwelijk file.
 */
import path from 'node:path';
import { renderTemplate } from '../../render/html.ts';
import { webPage, webPath } from '../../render/web.ts';
import { type BuildContext, need } from '../context.ts';
import { paths } from '../paths.ts';


export async function webIndex(ctx: BuildContext): Promise<void> {
  const { o, config, schooljaar, selection } = ctx;
  if (!o.html || !selection.regionLevel) return;
  const title = `Jaarverslagen leerplicht ${schooljaar.label} – regio ${config.regio.naam}`;
  const gemeenten = ctx.reports.has('jaarverslag')
    ? selection.region.map((g) => ({
      naam: g.naam, code: g.code, pdf: paths.jaarverslagPdf(g, schooljaar), html: webPath(paths.jaarverslagPdf(g, schooljaar)),
      csv: paths.jaarverslagCsv(g, schooljaar), xlsx: paths.jaarverslagXlsx(g, schooljaar),
    }))
    : [];
  const pagesOf = (kind: string) => ctx.documents.webPages.filter((p) => p.id.startsWith(`${kind} `)).map((p) => ({ title: p.title, pdf: p.pdf, html: p.html }));
  const rmc = pagesOf('rmc');
  const kwartaal = pagesOf('kwartaal');
  const data = ctx.reports.has('data')
    ? [
      { label: 'Alle cijfers (Excel)', file: paths.dataset.xlsx },
      { label: 'Alle cijfers (CSV)', file: paths.dataset.csv },
      { label: 'Alle cijfers voor Excel (CSV met puntkomma)', file: paths.dataset.excel },
      { label: 'Alle cijfers (Parquet)', file: paths.dataset.parquet },
      { label: 'Woordenboek: kolommen en indicatoren (CSV)', file: paths.dataset.dictionary },
      { label: 'Codelijst: de labels van alle codes (CSV)', file: paths.dataset.codelist },
      { label: 'Beschrijving van de bestanden (Data Package, JSON)', file: paths.dataset.datapackage },
    ]
    : [];
  // Links relative to the index page (publiek/index.html).
  const rel = (f: string) => path.posix.relative(path.posix.dirname(paths.webIndex), f);
  for (const g of gemeenten) Object.assign(g, { pdf: rel(g.pdf), html: rel(g.html), csv: rel(g.csv), xlsx: rel(g.xlsx) });
  for (const p of [...rmc, ...kwartaal]) Object.assign(p, { pdf: rel(p.pdf), html: rel(p.html) });
  const links = data.map((d) => ({ ...d, file: rel(d.file) }));
  const html = renderTemplate('index.njk', { title, regio: config.regio, schooljaar: schooljaar.label, gemeenten, rmc, kwartaal, data: links, colofon: need(ctx.colofon, 'colofon') });
  await ctx.fx.writeFile(paths.webIndex, webPage(html, { title }));
}
