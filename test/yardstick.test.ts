/**
 * The national yardstick of the jaarverslag (pipeline/reports/landelijk.ts) and a trend without two shown years
 * (pipeline/reports/blocks.ts), on hand-made published figures.
 */
import { describe, expect, test } from 'vitest';
import { trend, type Scope } from '../pipeline/reports/blocks.ts';
import { type Cell, type Figures, MISSING } from '../pipeline/reports/figures.ts';
import { nationalYardstick } from '../pipeline/reports/landelijk.ts';

/** Published cells by "indicator|gebied|schooljaar"; 'x' is a hidden one. */
function figures(cells: Record<string, number | 'x'>, schooljaren = ['2023/2024', '2024/2025']): Figures {
  const get = (indicator: string, gebied: string, schooljaar: string): Cell => {
    const v = cells[`${indicator}|${gebied}|${schooljaar}`];
    const eenheid = indicator.endsWith('1000') ? 'per_1000' : indicator.endsWith('PCT') ? 'procent' : 'personen';
    if (v === undefined) return MISSING;
    if (v === 'x') return { ...MISSING, suppressed: true, label: 'x', eenheid };
    return { ...MISSING, value: v, eenheid };
  };
  return { schooljaren, get } as unknown as Figures;
}

const s: Scope = { gebied: { code: '0392', naam: 'Haarlem' }, vergelijk: { code: 'wk', naam: 'Regio West Kennemerland' }, schooljaar: '2024/2025' };

describe('national yardstick', () => {
  // data/reference/landelijk.csv, latest up to 2024/2025: 6,3; 27; 5,7; 2,4% (all 2022/2023)
  const F = figures({
    'JV-AV-1000|0392|2024/2025': 6.54, 'JV-AV-1000|wk|2024/2025': 5.4,
    'JV-RV-1000|0392|2024/2025': 'x', 'JV-RV-1000|wk|2024/2025': 25.3,
    'JV-THUIS-1000|0392|2024/2025': 7.6, 'JV-THUIS-1000|wk|2024/2025': 6.7,
    'RMC-VSV-PCT|0392|2024/2025': 2.3, 'RMC-VSV-PCT|wk|2024/2025': 2.1,
  });

  test('rates beside rates: the gemeente, the region and the latest national figure, its year in the head', () => {
    const { block, bronnen } = nationalYardstick(F, s);
    expect(block.kind).toBe('table');
    if (block.kind !== 'table') return;
    expect(block.head).toEqual(['', 'Haarlem 2024/2025', 'Regio West Kennemerland 2024/2025', 'Nederland 2022/2023']);
    expect(block.rows.map((r) => [r.label, ...r.cells.map((c) => (c.suppressed ? 'x' : c.value))])).toEqual([
      ['Absoluut verzuimers per 1.000', 6.54, 5.4, 6.3],
      ['Relatief verzuimers per 1.000', 'x', 25.3, 27],
      ['Thuiszitters per 1.000', 7.6, 6.7, 5.7],
      ['Percentage nieuwe voortijdig schoolverlaters', 2.3, 2.1, 2.4],
    ]);
    // the sources of the figures shown, once each: Waadhoeke's table and the computed thuiszitters rate
    expect(bronnen).toHaveLength(2);
    expect(bronnen.join(' ')).toMatch(/Waadhoeke[\s\S]*Thuiszitters per 1\.000, berekend/);
  });

  test('the samenvatting sentences: one per rate the gemeente publishes, none for a hidden one', () => {
    expect(nationalYardstick(F, s).zinnen).toEqual([
      'Absoluut verzuimers per 1.000: Haarlem 6,5, Nederland 6,3 (2022/2023).',
      'Thuiszitters per 1.000: Haarlem 7,6, Nederland 5,7 (2022/2023).',
      'Percentage nieuwe voortijdig schoolverlaters: Haarlem 2,3%, Nederland 2,4% (2022/2023).',
    ]);
  });

  test('an earlier schooljaar gets the national figure of its own time, the year beside each label when they differ', () => {
    const sj = '2020/2021';
    const { block } = nationalYardstick(figures({}, ['2019/2020', sj]), { ...s, schooljaar: sj });
    if (block.kind !== 'table') throw new Error('table expected');
    expect(block.head.at(-1)).toBe('Nederland (laatst gepubliceerd)');
    // absoluut and relatief 2020/2021 (Neder-Betuwe), thuiszitters none before 2021/2022, vsv 1,87% (2020/2021)
    expect(block.rows.map((r) => [r.label, r.cells.at(-1)!.value])).toEqual([
      ['Absoluut verzuimers per 1.000 (Nederland: 2020/2021)', 2.7],
      ['Relatief verzuimers per 1.000 (Nederland: 2020/2021)', 20],
      ['Thuiszitters per 1.000', null],
      ['Percentage nieuwe voortijdig schoolverlaters (Nederland: 2020/2021)', 1.87],
    ]);
  });
});

describe('trend', () => {
  test('no area with two shown years: the years as a table, not an empty chart', async () => {
    const F = figures({ 'LT-PV-OUDERS|0392|2023/2024': 'x', 'LT-PV-OUDERS|0392|2024/2025': 'x', 'LT-PV-OUDERS|wk|2023/2024': 53, 'LT-PV-OUDERS|wk|2024/2025': 'x' });
    const b = await trend(F, s, { code: 'LT-PV-OUDERS', title: 'Processen-verbaal tegen ouders' });
    expect(b.kind).toBe('table');
    if (b.kind !== 'table') return;
    expect(b.head).toEqual(['', '2023/2024', '2024/2025']);
    expect(b.rows.map((r) => [r.label, ...r.cells.map((c) => (c.suppressed ? 'x' : c.value))])).toEqual([
      ['Haarlem', 'x', 'x'],
      ['Regio West Kennemerland', 53, 'x'],
    ]);
  });

  test('two shown years in one area: a chart', async () => {
    const F = figures({ 'LT-PV-OUDERS|0392|2023/2024': 'x', 'LT-PV-OUDERS|0392|2024/2025': 'x', 'LT-PV-OUDERS|wk|2023/2024': 53, 'LT-PV-OUDERS|wk|2024/2025': 48 });
    expect((await trend(F, s, { code: 'LT-PV-OUDERS', title: 'Processen-verbaal tegen ouders' })).kind).toBe('chart');
  });
});
