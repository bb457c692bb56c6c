/**
 * Where a build's outputs go: `<out>/<regio>/<schooljaar>/`, and each output's name inside that folder.
 * Outputs that may be published (disclosure-controlled reports, their figures, the dataset, the web pages)
 * are under `publiek/`; the DUO submission, its sign-off, the regional workbook and the rejected rows
 * (unsuppressed or about rows of the extract) under `vertrouwelijk/`. Nothing else but the manifest sits at
 * the top, so an office can hand over `publiek/` as it is.
 */
import path from 'node:path';
import type { Gemeente, RegionConfig } from '../config/load.ts';
import type { Schooljaar } from '../schooljaar.ts';

/** Lower-case ASCII with dashes: `Súdwest-Fryslân` → `sudwest-fryslan`. */
export function slug(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function outputRoot(out: string, config: RegionConfig, schooljaar: Schooljaar): string {
  return path.resolve(out, config.regio.code, schooljaar.folder);
}

/** A gemeente's folder: `0392-haarlem`. */
export function gemeenteDir(g: Pick<Gemeente, 'code' | 'naam'>): string {
  return `${g.code}-${slug(g.naam)}`;
}

/**
 * Every file's name says what it is, so files mailed or downloaded side by side do not collide: report,
 * schooljaar, gemeente (code and name) or region, and "vertrouwelijk" for the restricted ones. A document's
 * figures sit beside it with the same name (.csv for tools, .xlsx for people).
 */
export const PUBLIEK = 'publiek';
export const VERTROUWELIJK = 'vertrouwelijk';

const jaarverslag = (g: Gemeente, sj: Schooljaar) => `${PUBLIEK}/${gemeenteDir(g)}/jaarverslag-leerplicht-${sj.folder}-${gemeenteDir(g)}`;
const telling = (g: Gemeente, sj: Schooljaar) => `${VERTROUWELIJK}/${gemeenteDir(g)}/leerplichttelling-${sj.folder}-${gemeenteDir(g)}`;
const tellingRegio = (regio: { code: string }, sj: Schooljaar) => `${VERTROUWELIJK}/leerplichttelling-${sj.folder}-${slug(regio.code)}-regio-vertrouwelijk`;
const rmc = (r: { code: string; naam: string }, sj: Schooljaar, several: boolean) =>
  `${PUBLIEK}/${several ? `rmc/${r.code}-${slug(r.naam)}/` : ''}rmc-effectrapportage-${sj.folder}-${r.code}-${slug(r.naam)}`;

export const paths = {
  jaarverslagCsv: (g: Gemeente, sj: Schooljaar) => `${jaarverslag(g, sj)}.csv`,
  jaarverslagXlsx: (g: Gemeente, sj: Schooljaar) => `${jaarverslag(g, sj)}.xlsx`,
  jaarverslagPdf: (g: Gemeente, sj: Schooljaar) => `${jaarverslag(g, sj)}.pdf`,
  tellingCsv: (g: Gemeente, sj: Schooljaar) => `${telling(g, sj)}-vertrouwelijk.csv`,
  tellingXlsx: (g: Gemeente, sj: Schooljaar) => `${telling(g, sj)}-vertrouwelijk.xlsx`,
  tellingPdf: (g: Gemeente, sj: Schooljaar) => `${telling(g, sj)}-ondertekening-vertrouwelijk.pdf`,
  tellingRegioCsv: (regio: { code: string }, sj: Schooljaar) => `${tellingRegio(regio, sj)}.csv`,
  tellingRegioXlsx: (regio: { code: string }, sj: Schooljaar) => `${tellingRegio(regio, sj)}.xlsx`,
  /** One RMC region: at the top; several: each in `rmc/<code>-<naam>/`. `ext`: pdf, csv or xlsx. */
  rmc: (r: { code: string; naam: string }, sj: Schooljaar, several: boolean, ext: 'pdf' | 'csv' | 'xlsx') => `${rmc(r, sj, several)}.${ext}`,
  kwartaalPdf: (kwartaal: string, regio: { code: string }) => `${PUBLIEK}/kwartaal/kwartaalrapportage-${kwartaal}-${slug(regio.code)}.pdf`,
  rejectedRows: `${VERTROUWELIJK}/rejected-rows.csv`,
  /** The region's web index (`build --html`). */
  webIndex: `${PUBLIEK}/index.html`,
  /** The dataset for monitors keeps its documented names (README "The dataset for monitors"). */
  dataset: {
    dir: `${PUBLIEK}/data`,
    csv: `${PUBLIEK}/data/indicatoren.csv`,
    parquet: `${PUBLIEK}/data/indicatoren.parquet`,
    excel: `${PUBLIEK}/data/indicatoren-excel.csv`,
    xlsx: `${PUBLIEK}/data/indicatoren.xlsx`,
    dictionary: `${PUBLIEK}/data/indicatoren-woordenboek.csv`,
    codelist: `${PUBLIEK}/data/indicatoren-codelijst.csv`,
    datapackage: `${PUBLIEK}/data/datapackage.json`,
  },
} as const;
