/** A small hand-computable region for the kosten tests. */
import type { RegionConfig } from '../../pipeline/config/load.ts';
import { type Begroting, readBegroting } from '../../pipeline/kosten/begroting.ts';
import type { Sleutel, Sleutels } from '../../pipeline/kosten/compute.ts';
import type { TextTable } from '../../pipeline/kosten/tables.ts';
import { expect } from 'vitest';
import { DEFAULT_PARAMETERS } from '../helpers/fixture.ts';

/** A printed Dutch figure ("1.234,56", "12,4789%", "−96,24") in units of 10^-4. */
export const dutch = (c: string) => Math.round(Number(c.replace(/[%.]/g, '').replace(',', '.').replace('\u2212', '-')) * 10000);

/** Every right-aligned column's total row is the sum of the printed rows above it. */
export function expectColumnTotals(t: TextTable): void {
  const tot = t.rijen.findIndex((r) => r.soort === 'totaal');
  t.kolommen.forEach((k, j) => {
    if (!k.rechts || j === 0 || tot < 0) return;
    const cells = t.rijen.slice(0, tot).map((r) => r.cellen[j]).filter((c) => c !== '' && c !== '–');
    if (!cells.length || t.rijen[tot].cellen[j] === '') return;
    expect(cells.reduce((a, c) => a + dutch(c), 0), `${t.id} ${k.label}`).toBe(dutch(t.rijen[tot].cellen[j]));
  });
}

/**
 * Three gemeenten: A (0001) in percelen 1-2-3 and contactgemeente, B (0002) in 1 and 3, C (0003) in 1 and 2.
 * Normbedragen: schaal 6 € 40.000, 9 € 60.000, 11 € 80.000. Staff: perceel 1 administratie 1,5 fte (6);
 * perceel 2 leerplichtambtenaar 2 fte (9); perceel 3 trajectbegeleider 1 fte (9) and RMC-coördinator
 * 0,5 fte (11, contactgemeente). Overhead 20%, system € 10.000, RMC share of perceel 1 25%, index
 * personnel 1%, overhead 2%.
 */
export function smallConfig(overrides: Record<string, unknown> = {}): RegionConfig {
  return {
    schema_version: 1,
    regio: { code: 'klein', naam: 'Klein', jaar: 2014 },
    contactgemeente: '0001',
    gemeenten: [
      { code: '0001', naam: 'Aadorp', percelen: [1, 2, 3] },
      { code: '0002', naam: 'Beekdorp', percelen: [1, 3] },
      { code: '0003', naam: 'Cedorp', percelen: [1, 2] },
    ],
    formatie: [
      { rol: 'administratie', perceel: 1, fte: 1.5, schaal: 6 },
      { rol: 'leerplichtambtenaar', perceel: 2, fte: 2, schaal: 9 },
      { rol: 'trajectbegeleider', perceel: 3, fte: 1, schaal: 9 },
      { rol: 'RMC-coördinator', perceel: 3, fte: 0.5, schaal: 11, contactgemeente: true },
    ],
    parameters: { ...DEFAULT_PARAMETERS },
    begroting: {
      normbedragen: { 6: 40000, 9: '60000', 11: 80000 },
      overhead_pct: 20,
      systeemkosten: 10000,
      rmc_aandeel_perceel_1_pct: 25,
      indexatie: { personeel_pct: 1, overhead_pct: 2 },
      jaren: 3,
      inkomsten: [{ code: 'rmc', naam: 'RMC-rijksbijdrage', bedrag: 150000, per_jaar: { 2016: 140000 } }],
      uitgaven: [{ code: 'projecten', naam: 'Projecten', bedrag: 5000, indexatie: 'overhead' }],
      kwalificatieplicht: { '0001': 5000, '0002': 2000, '0003': '1000.50' },
      reserve_rmc_begin: 10000,
      formatie_norm: {
        functies: [
          { perceel: 1, rol: 'administratie', functie: 'administratie' },
          { perceel: 2, rol: 'leerplichtambtenaar', functie: 'leerplichtambtenaar' },
          { perceel: 3, rol: 'trajectbegeleider', functie: 'trajectbegeleiding' },
          { perceel: 3, rol: 'RMC-coördinator', functie: 'rmc_coordinatie' },
        ],
      },
      ...overrides,
    },
    file: '(test)',
  };
}

export function smallBegroting(overrides: Record<string, unknown> = {}): Begroting {
  return readBegroting(smallConfig(overrides));
}

/** Keys: A 5–22 600 (5–17 450, 18–22 150), B 300 (5–17 not given, 18–22 100), C 100 (50, 50). */
export function smallSleutels(extra: Partial<Record<string, Sleutel>> = {}): Sleutels {
  const base: Record<string, Sleutel> = {
    '0001': { l5_22: 600, l5_17: 450, l18_22: 150 },
    '0002': { l5_22: 300, l18_22: 100 },
    '0003': { l5_22: 100, l5_17: 50, l18_22: 50 },
  };
  for (const [k, v] of Object.entries(extra)) base[k] = { ...base[k], ...v };
  return { bron: '(test)', omschrijving: 'test', peildatum: '2013-01-01', perGemeente: new Map(Object.entries(base)) };
}
