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

export const paths = {
  jaarverslagCsv: (g: Gemeente) => `${gemeenteDir(g)}/jaarverslag-leerplicht.csv`,
  jaarverslagPdf: (g: Gemeente) => `${gemeenteDir(g)}/jaarverslag-leerplicht.pdf`,
  tellingCsv: (g: Gemeente, sj: Schooljaar) => `${gemeenteDir(g)}/leerplichttelling-${sj.folder}-vertrouwelijk.csv`,
  tellingPdf: (g: Gemeente, sj: Schooljaar) => `${gemeenteDir(g)}/leerplichttelling-${sj.folder}-ondertekening-vertrouwelijk.pdf`,
  tellingRegioCsv: (sj: Schooljaar) => `leerplichttelling-${sj.folder}-regio-vertrouwelijk.csv`,
  /** One RMC region: at the top; several: each in `rmc/<code>-<naam>/`. */
  rmcDir: (r: { code: string; naam: string }, several: boolean) => (several ? `rmc/${r.code}-${slug(r.naam)}/` : ''),
  kwartaalPdf: (kwartaal: string) => `kwartaal/kwartaalrapportage-${kwartaal}.pdf`,
  rejectedRows: 'rejected-rows.csv',
  dataset: {
    csv: 'data/indicatoren.csv',
    parquet: 'data/indicatoren.parquet',
    excel: 'data/indicatoren-excel.csv',
    dictionary: 'data/indicatoren-woordenboek.csv',
  },
} as const;
