/**
 * What a build's documents say about themselves: the office that publishes them (the PDFs' Author), each
 * PDF's metadata (title as on the cover, Dutch subject and keywords, the build's date), and the build id.
 * (Their file names: paths.ts.)
 */
import { createHash } from 'node:crypto';
import type { XlsxOptions } from '../format/xlsx.ts';
import type { PdfMetadata } from '../render/pdf-metadata.ts';

interface Gebied {
  code: string;
  naam: string;
}

/** Options of every workbook of a build: the office as author, the build's date (reproducible bytes). */
export function xlsxOptions(ctx: { config: { regio: { naam: string } }; datum: { moment: Date } }): XlsxOptions {
  return { creator: office(ctx.config.regio), created: ctx.datum.moment };
}

/** The office that publishes the reports (the PDFs' Author). */
export function office(regio: { naam: string }): string {
  return `Regionaal Bureau Leerplicht ${regio.naam}`;
}

const BASE_KEYWORDS = ['leerplicht', 'kwalificatieplicht'];

/** PDF metadata of each document kind (title as on the cover; Dutch subject and keywords). */
export const documentMetadata = {
  jaarverslag: (title: string, sj: string, g: Gebied, regio: { naam: string }, date: Date): PdfMetadata => ({
    title, author: office(regio), date,
    subject: `Jaarverslag over de uitvoering van de Leerplichtwet 1969 in schooljaar ${sj} in de gemeente ${g.naam}`,
    keywords: [...BASE_KEYWORDS, 'jaarverslag', 'verzuim', `schooljaar ${sj}`, g.naam, `gemeentecode ${g.code}`, regio.naam],
  }),
  telling: (title: string, sj: string, g: Gebied, regio: { naam: string }, date: Date): PdfMetadata => ({
    title, author: office(regio), date,
    subject: `Leerplichttelling (kengetallen leerplicht voor DUO) over schooljaar ${sj} van de gemeente ${g.naam}, ter ondertekening; vertrouwelijk`,
    keywords: [...BASE_KEYWORDS, 'leerplichttelling', 'DUO', 'vertrouwelijk', `schooljaar ${sj}`, g.naam, `gemeentecode ${g.code}`],
  }),
  kwartaal: (title: string, periode: string, regio: { naam: string }, date: Date): PdfMetadata => ({
    title, author: office(regio), date,
    subject: `Kwartaalrapportage over ${periode} van de regio ${regio.naam}: uitvoering van leerplicht en RMC tegen het jaarplan`,
    keywords: [...BASE_KEYWORDS, 'kwartaalrapportage', 'RMC', periode, regio.naam],
  }),
  kosten: (title: string, soort: 'begroting' | 'jaarrekening', jaar: number, regio: { naam: string }, date: Date): PdfMetadata => ({
    title, author: office(regio), date,
    subject: soort === 'begroting'
      ? `Begroting ${jaar} van het ${office(regio)}: de kosten en hun verdeling over de gemeenten`
      : `Jaarrekening ${jaar} van het ${office(regio)}: de realisatie en de afrekening met de gemeenten`,
    keywords: [...BASE_KEYWORDS, 'RMC', soort, 'kostenverdeling', String(jaar), regio.naam],
  }),
  rmc: (title: string, sj: string, rmc: Gebied, regio: { naam: string }, date: Date): PdfMetadata => ({
    title, author: office(regio), date,
    subject: `Effectrapportage van de RMC-functie (voortijdig schoolverlaten) over ${sj} in RMC-regio ${rmc.naam}`,
    keywords: [...BASE_KEYWORDS, 'RMC', 'voortijdig schoolverlaten', 'vsv', `schooljaar ${sj}`, rmc.naam, `RMC-regio ${rmc.code}`],
  }),
};

/**
 * The id of a build (12 hex digits), in the dataset, the manifest and the colofon: a digest of what the
 * build is made from (tool version, extract files' hashes, the region configuration, schooljaar, date).
 * Two builds from the same inputs share it, and their files are byte-identical; any change gives another.
 */
export function buildId(inputs: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 12);
}
