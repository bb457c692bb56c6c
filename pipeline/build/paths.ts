/** Where a build's outputs go: `<out>/<regio>/<schooljaar>/`, and each output's name inside that folder. */
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
const jaarverslag = (g: Gemeente, sj: Schooljaar) => `${gemeenteDir(g)}/jaarverslag-leerplicht-${sj.folder}-${gemeenteDir(g)}`;
const telling = (g: Gemeente, sj: Schooljaar) => `${gemeenteDir(g)}/leerplichttelling-${sj.folder}-${gemeenteDir(g)}`;
const tellingRegio = (regio: { code: string }, sj: Schooljaar) => `leerplichttelling-${sj.folder}-${slug(regio.code)}-regio-vertrouwelijk`;
const rmc = (r: { code: string; naam: string }, sj: Schooljaar, several: boolean) =>
  `${several ? `rmc/${r.code}-${slug(r.naam)}/` : ''}rmc-effectrapportage-${sj.folder}-${r.code}-${slug(r.naam)}`;

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
  kwartaalPdf: (kwartaal: string) => `kwartaal/kwartaalrapportage-${kwartaal}.pdf`,
  rejectedRows: 'rejected-rows.csv',
  /** The dataset for monitors keeps its documented names (README "The dataset for monitors"). */
  dataset: {
    dir: 'data',
    csv: 'data/indicatoren.csv',
    parquet: 'data/indicatoren.parquet',
    excel: 'data/indicatoren-excel.csv',
    xlsx: 'data/indicatoren.xlsx',
    dictionary: 'data/indicatoren-woordenboek.csv',
    codelist: 'data/indicatoren-codelijst.csv',
    datapackage: 'data/datapackage.json',
  },
} as const;
