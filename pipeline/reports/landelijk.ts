/**
 * The national yardstick of the jaarverslag: the gemeente and the region beside the latest published national
 * figure (data/reference/landelijk.csv; every number with its source, printed in the colofon). Only published
 * numbers are shown: nothing national is derived here.
 */
import { type Landelijk, landelijk } from '../reference.ts';
import type { Scope, TableBlock } from './blocks.ts';
import { type Cell, type Figures, MISSING } from './figures.ts';

const ROWS: { code: string; label: string }[] = [
  { code: 'LT-AV-TOT', label: 'Absoluut verzuimers' },
  { code: 'JV-THUIS', label: 'Thuiszitters' },
  { code: 'RMC-VSV-NIEUW', label: 'Nieuwe voortijdig schoolverlaters' },
  { code: 'RMC-VSV-PCT', label: 'Percentage nieuwe voortijdig schoolverlaters' },
];

/** The latest published national figure of an indicator up to the report's schooljaar. */
function latest(all: Landelijk[], code: string, schooljaar: string): Landelijk | undefined {
  return all.filter((r) => r.indicator === code && r.schooljaar <= schooljaar).sort((a, b) => b.schooljaar.localeCompare(a.schooljaar))[0];
}

export function nationalYardstick(F: Figures, s: Scope): { block: TableBlock; bronnen: string[] } {
  const all = landelijk();
  const bronnen = new Set<string>();
  const cell = (r: Landelijk | undefined): Cell => (r ? { ...MISSING, value: r.waarde, eenheid: r.eenheid } : MISSING);
  const rows = ROWS.map((row) => {
    const nl = latest(all, row.code, s.schooljaar);
    if (nl) bronnen.add(nl.bron);
    return {
      label: nl ? `${row.label} (Nederland: ${nl.schooljaar})` : row.label,
      cells: [F.get(row.code, s.gebied.code, s.schooljaar), ...(s.vergelijk ? [F.get(row.code, s.vergelijk.code, s.schooljaar)] : []), cell(nl)],
    };
  });
  return {
    block: {
      kind: 'table',
      title: 'Vergelijking met Nederland',
      head: ['', `${s.gebied.naam} ${s.schooljaar}`, ...(s.vergelijk ? [`${s.vergelijk.naam} ${s.schooljaar}`] : []), 'Nederland (laatst gepubliceerd)'],
      rows,
      note: 'Landelijk zijn alleen aantallen gepubliceerd (en het percentage voortijdig schoolverlaters), geen cijfers per 1.000; landelijke cijfers over relatief verzuim zijn niet gepubliceerd. Bronnen: zie de colofon.',
      codes: ROWS.map((r) => r.code),
    },
    bronnen: [...bronnen],
  };
}
