/** The generated text of narrative drafts and the samenvatting: direction and size of change, against the region. */
import { describe, expect, test } from 'vitest';
import type { Scope } from '../pipeline/reports/blocks.ts';
import { type Cell, type Figures, MISSING } from '../pipeline/reports/figures.ts';
import { MARKER } from '../pipeline/reports/narrative.ts';
import { chapterFacts, describe as describeFigure, draftText, keyMovements } from '../pipeline/reports/narrative-draft.ts';

/** Published cells by "indicator|gebied|schooljaar". */
function figures(cells: Record<string, number | 'klein'>): Figures {
  const get = (indicator: string, gebied: string, schooljaar: string): Cell => {
    const v = cells[`${indicator}|${gebied}|${schooljaar}`];
    if (v === undefined) return MISSING;
    if (v === 'klein') return { ...MISSING, suppressed: true, label: 'x', eenheid: 'personen' };
    return { ...MISSING, value: v, eenheid: indicator.endsWith('1000') ? 'per_1000' : 'personen' };
  };
  return { schooljaren: ['2023/2024', '2024/2025'], get } as unknown as Figures;
}

const s: Scope = { gebied: { code: '0392', naam: 'Haarlem' }, vergelijk: { code: 'wk', naam: 'Regio West Kennemerland' }, schooljaar: '2024/2025' };

describe('what the figures show', () => {
  test('a count against last year (difference and percentage) and its rate against the region', () => {
    const F = figures({ 'LT-AV-TOT|0392|2023/2024': 100, 'LT-AV-TOT|0392|2024/2025': 111, 'JV-AV-1000|0392|2024/2025': 6.4, 'JV-AV-1000|wk|2024/2025': 5.4 });
    expect(chapterFacts(F, s, 'absoluut-verzuim')).toEqual([
      'In 2024/2025 telde Haarlem 111 absoluut verzuimers, 11 meer dan in 2023/2024 (+11%). Dat zijn 6,4 absoluut verzuimers per 1.000 leer- en kwalificatieplichtigen, hoger dan in de regio (5,4).',
    ]);
  });

  test('a rate compared with the region as the reader sees both: 25,3 against 25,3 is "even hoog als"', () => {
    const F = figures({ 'LT-RV-TOT|0396|2024/2025': 300, 'JV-RV-1000|0396|2024/2025': 25.34, 'JV-RV-1000|wk|2024/2025': 25.26 });
    const h: Scope = { ...s, gebied: { code: '0396', naam: 'Heemskerk' } };
    expect(describeFigure(F, h, { code: 'LT-RV-TOT', wat: 'relatief verzuimers', rate: { code: 'JV-RV-1000', wat: 'per 1.000' } })?.zin)
      .toBe('In 2024/2025 telde Heemskerk 300 relatief verzuimers. Dat zijn 25,3 per 1.000, even hoog als in de regio (25,3).');
  });

  test('a fall, no change, and a hidden small count (never a number behind "<5")', () => {
    const F = figures({ 'LT-LUXE|0392|2023/2024': 72, 'LT-LUXE|0392|2024/2025': 43, 'JV-THUIS|0392|2023/2024': 20, 'JV-THUIS|0392|2024/2025': 20, 'LT-PV-OUDERS|0392|2023/2024': 8, 'LT-PV-OUDERS|0392|2024/2025': 'klein' });
    expect(describeFigure(F, s, { code: 'LT-LUXE', wat: 'leerlingen met luxeverzuim' })?.zin).toBe('In 2024/2025 telde Haarlem 43 leerlingen met luxeverzuim, 29 minder dan in 2023/2024 (−40%).');
    expect(describeFigure(F, s, { code: 'JV-THUIS', wat: 'thuiszitters' })?.zin).toBe('In 2024/2025 telde Haarlem 20 thuiszitters, evenveel als in 2023/2024.');
    // A hidden figure: the draft says nothing about it (not even that it is small: the mark does not tell).
    expect(describeFigure(F, s, { code: 'LT-PV-OUDERS', wat: 'processen-verbaal tegen ouders' })).toBeUndefined();
  });

  test('the samenvatting takes the largest relative changes first', () => {
    const F = figures({
      'LT-LUXE|0392|2023/2024': 72, 'LT-LUXE|0392|2024/2025': 43, // −40%
      'LT-AV-TOT|0392|2023/2024': 100, 'LT-AV-TOT|0392|2024/2025': 111, // +11%
      'JV-POP-LP|0392|2023/2024': 15000, 'JV-POP-LP|0392|2024/2025': 15010, // +0%
    });
    const m = keyMovements(F, s, 2);
    expect(m).toHaveLength(2);
    expect(m[0]).toContain('luxeverzuim');
    expect(m[1]).toContain('absoluut verzuimers');
  });

  test('a figure that did not change is no "largest change" (a small gemeente: "0 …, evenveel")', () => {
    const F = figures({ 'JV-VRIJ-TOEGEKEND|0392|2023/2024': 0, 'JV-VRIJ-TOEGEKEND|0392|2024/2025': 0, 'JV-THUIS|0392|2023/2024': 0, 'JV-THUIS|0392|2024/2025': 6 });
    expect(keyMovements(F, s)).toEqual(['In 2024/2025 telde Haarlem 6 thuiszitters, 6 meer dan in 2023/2024.']);
    expect(keyMovements(figures({ 'JV-THUIS|0392|2023/2024': 7, 'JV-THUIS|0392|2024/2025': 7 }), s)).toEqual([]);
  });

  test('a draft states the facts and marks every place for the office\'s own text', () => {
    const F = figures({ 'JV-THUIS|0392|2023/2024': 20, 'JV-THUIS|0392|2024/2025': 25 });
    const text = draftText(F, s, 'thuiszitters', MARKER);
    expect(text).toMatch(/^\*\*Wat de cijfers laten zien\.\*\* In 2024\/2025 telde Haarlem 25 thuiszitters, 5 meer dan in 2023\/2024 \(\+25%\)\./);
    expect(text.split(MARKER)).toHaveLength(3);
    expect(draftText(F, s, 'voorwoord', MARKER).split(MARKER)).toHaveLength(2);
  });
});
