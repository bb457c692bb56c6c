/**
 * The national yardstick of the jaarverslag: the gemeente's and the region's rates beside the latest national
 * rate (data/reference/landelijk.csv; every number with its source, printed in the colofon). Rates only, so the
 * columns compare: per 1.000 leerlingen, and the vsv percentage. The national figures are published ones,
 * except thuiszitters per 1.000, computed in the reference data from a published count and a published
 * number of pupils (data/reference/SOURCES.md); nothing national is derived here.
 */
import { type Landelijk, landelijk } from '../reference.ts';
import type { Scope, TableBlock } from './blocks.ts';
import { getal } from '../format/index.ts';
import { type Cell, type Figures, MISSING } from './figures.ts';

export const YARDSTICK_ROWS: { code: string; label: string }[] = [
  { code: 'JV-AV-1000', label: 'Absoluut verzuimers per 1.000' },
  { code: 'JV-RV-1000', label: 'Relatief verzuimers per 1.000' },
  { code: 'JV-THUIS-1000', label: 'Thuiszitters per 1.000' },
  { code: 'RMC-VSV-PCT', label: 'Percentage nieuwe voortijdig schoolverlaters' },
];

/** The latest published national figure of an indicator up to the report's schooljaar. */
export function latestNational(all: Landelijk[], code: string, schooljaar: string): Landelijk | undefined {
  return all.filter((r) => r.indicator === code && r.schooljaar <= schooljaar).sort((a, b) => b.schooljaar.localeCompare(a.schooljaar))[0];
}

/**
 * The table, the sources for the colofon, and for the samenvatting one sentence per rate the gemeente publishes
 * ("Absoluut verzuimers per 1.000: Haarlem 6,5, Nederland 6,3 (2022/2023)."); a hidden rate gets no sentence.
 */
export function nationalYardstick(F: Figures, s: Scope): { block: TableBlock; bronnen: string[]; zinnen: string[] } {
  const all = landelijk();
  const bronnen = new Set<string>();
  const cell = (r: Landelijk | undefined): Cell => (r ? { ...MISSING, value: r.waarde, eenheid: r.eenheid } : MISSING);
  const nls = YARDSTICK_ROWS.map((row) => latestNational(all, row.code, s.schooljaar));
  for (const nl of nls) if (nl) bronnen.add(nl.bron);
  // One schooljaar for every national figure: it goes in the column head, else beside each label.
  const jaren = new Set(nls.map((nl) => nl?.schooljaar));
  const eenJaar = jaren.size === 1 ? nls[0]?.schooljaar : undefined;
  const rows = YARDSTICK_ROWS.map((row, i) => {
    const nl = nls[i];
    return {
      label: nl && !eenJaar ? `${row.label} (Nederland: ${nl.schooljaar})` : row.label,
      cells: [F.get(row.code, s.gebied.code, s.schooljaar), ...(s.vergelijk ? [F.get(row.code, s.vergelijk.code, s.schooljaar)] : []), cell(nl)],
    };
  });
  const zinnen = YARDSTICK_ROWS.flatMap((row, i) => {
    const nl = nls[i];
    const c = F.get(row.code, s.gebied.code, s.schooljaar);
    if (!nl || c.suppressed || c.value === null) return [];
    const tekst = (v: number) => `${getal(v, 1, 1)}${nl.eenheid === 'procent' ? '%' : ''}`;
    return [`${row.label}: ${s.gebied.naam} ${tekst(c.value)}, Nederland ${tekst(nl.waarde)} (${nl.schooljaar}).`];
  });
  return {
    zinnen,
    block: {
      kind: 'table',
      title: 'Vergelijking met Nederland',
      head: ['', `${s.gebied.naam} ${s.schooljaar}`, ...(s.vergelijk ? [`${s.vergelijk.naam} ${s.schooljaar}`] : []), eenJaar ? `Nederland ${eenJaar}` : 'Nederland (laatst gepubliceerd)'],
      rows,
      note:
        'Per 1.000 leer- en kwalificatieplichtigen (landelijk: per 1.000 leerlingen van 5 tot 18 jaar); voortijdig schoolverlaters ' +
        'als percentage van de leerlingen van 12 tot en met 21 jaar in voortgezet onderwijs, mbo en vavo. Het landelijke cijfer voor ' +
        'thuiszitters is een benadering: het landelijke aantal gedeeld door het aantal schoolgaande kinderen en jongeren. ' +
        'Landelijk is het laatst gepubliceerde schooljaar getoond. Bronnen: zie de colofon.',
      codes: YARDSTICK_ROWS.map((r) => r.code),
    },
    bronnen: [...bronnen],
  };
}
