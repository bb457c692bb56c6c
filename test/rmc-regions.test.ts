/** rmcRegions (reports/rmc.ts): the RMC regions of a configuration, its gemeenten by name as a reader looks them up. */
import { expect, test } from 'vitest';
import type { RegionConfig } from '../pipeline/config/load.ts';
import { rmcRegions } from '../pipeline/reports/rmc.ts';

test('gemeenten by name, not by code (a national configuration lists them by code); the contactgemeente from the reference data', () => {
  const config = {
    regio: { code: 'x', naam: 'X' },
    gemeenten: [{ code: '0415', naam: 'Landsmeer' }, { code: '0479', naam: 'Zaanstad' }, { code: '0852', naam: 'Waterland' }, { code: '0431', naam: 'Oostzaan' }],
  } as unknown as RegionConfig;
  const r21 = { code: '21', naam: 'Zaanstreek/Waterland', contactgemeente: { code: '0479', naam: 'Zaanstad' } };
  const regions = rmcRegions(config, { '0415': r21, '0479': r21, '0852': r21, '0431': r21 });
  expect(regions).toHaveLength(1);
  expect(regions[0].gemeenten.map((g) => g.naam)).toEqual(['Landsmeer', 'Oostzaan', 'Waterland', 'Zaanstad']);
  expect(regions[0].contactgemeente?.naam).toBe('Zaanstad');
  expect(regions[0].totaal).toBe(4);
});
