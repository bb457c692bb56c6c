/** Which trend years the extract holds completely (onvolledig years are left out of trends, with a note). */
import { describe, expect, test } from 'vitest';
import { firstCompleteYear } from '../pipeline/reports/figures.ts';

const JAREN = ['2020/2021', '2021/2022', '2022/2023', '2023/2024', '2024/2025'];
const H = { extractdatum: '2025-10-15', meldingenVanaf: '2019-08-01', actiesVanaf: '2021-03-01' };

describe('complete years of an extract', () => {
  test('leer- and kwalificatieplichtigen (at most 18) are complete for five years back', () => {
    // 2020/2021 ended 2021-08-01, 4.2 years before the extract: 18 + 1 + 4.2 = 23.2 <= 24
    expect(firstCompleteYear(JAREN, H, { maxLeeftijd: 18 })).toBeUndefined();
  });

  test('RMC groups (up to 22) are complete only for the last period: persons over 23 were removed at load', () => {
    // 2024/2025: 22 + 1 + 0.2 <= 24; 2023/2024: 22 + 1 + 1.2 > 24
    expect(firstCompleteYear(JAREN, H, { maxLeeftijd: 22 })).toBe('2024/2025');
    // the teljaar ends on 1 October: 2024/2025 is 0.04 years before the extract
    expect(firstCompleteYear(JAREN, H, { maxLeeftijd: 22, periodeEinde: '10-01' })).toBe('2024/2025');
  });

  test('a year that starts before the extract holds meldingen or acties is incomplete', () => {
    expect(firstCompleteYear(JAREN, H, { maxLeeftijd: 18, bron: 'meldingen' })).toBeUndefined();
    // acties from 2021-03-01: 2020/2021 (from 2020-08-01) lacks its first months; 2021/2022 is complete
    expect(firstCompleteYear(JAREN, H, { bron: 'acties' })).toBe('2021/2022');
  });
});
