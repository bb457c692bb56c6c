/** The begroting section: schema (BEGROTING_SCHEMA, validated when kosten reads it) and consistency checks. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGION_CONFIG_SCHEMA } from '../../pipeline/config/schema.ts';
import { InputError } from '../../pipeline/errors.ts';
import { readBegroting } from '../../pipeline/kosten/begroting.ts';
import { BEGROTING_SCHEMA } from '../../pipeline/kosten/schema.ts';
import { JAARREKENING_COLUMNS } from '../../pipeline/kosten/jaarrekening-tables.ts';
import { CSV_COLUMNS } from '../../pipeline/kosten/tables.ts';
import { VOORSCHOT_COLUMNS } from '../../pipeline/kosten/voorschotten.ts';
import { smallConfig } from './helpers.ts';

function problems(overrides: Record<string, unknown>, edit?: (c: ReturnType<typeof smallConfig>) => void): string {
  const c = smallConfig(overrides);
  edit?.(c);
  try {
    readBegroting(c);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  return '';
}

describe('begroting configuration', () => {
  it('is validated by kosten against BEGROTING_SCHEMA (the region configuration schema does not import kosten)', () => {
    expect(REGION_CONFIG_SCHEMA.properties.begroting).toMatchObject({ type: 'object' });
    expect(problems({ normbedragen: { 6: 'veel' } })).toMatch(/begroting\/normbedragen/);
  });

  it('reads amounts exactly, whether written as numbers or as quoted decimals', () => {
    const b = readBegroting(smallConfig({ normbedragen: { 6: 43767.36, 9: '61813.32', 11: '78703.08' } }));
    expect(b.rollen[0].normbedrag.toString()).toBe('43767.36');
    expect(b.rollen[1].normbedrag.toString()).toBe('61813.32');
    expect(b.overhead.toString()).toBe('0.2');
    expect(b.kwalificatieplicht.get('0003')!.toString()).toBe('1000.5');
  });

  it('names every schema violation', () => {
    const m = problems({ overhead_pct: 'twintig', indexatie: { personeel_pct: 1 }, jaren: 0 });
    expect(m).toMatch(/begroting\/overhead_pct must match pattern/);
    expect(m).toMatch(/begroting\/indexatie must have required property 'overhead_pct'/);
    expect(m).toMatch(/begroting\/jaren must be >= 1/);
  });

  it('refuses a budget that does not fit its region', () => {
    const m = problems(
      { normbedragen: { 6: 1, 9: 1 }, kwalificatieplicht: { '0009': 1, '0001': '1.005' }, formatie_norm: { verdeling_pct: { leerplichtambtenaar: 60, administratie: 30 }, functies: [{ perceel: 2, rol: 'teamleider', functie: 'coordinatie' }] } },
      (c) => c.formatie!.push({ rol: 'administratie', perceel: 1, fte: 1, schaal: 6 }),
    );
    expect(m).toMatch(/no normbedrag for schaal 11/);
    expect(m).toMatch(/formatie\[4\] \(administratie, perceel 1\) is listed twice/);
    expect(m).toMatch(/kwalificatieplicht\.0009: not one of the configuration's gemeenten/);
    expect(m).toMatch(/kwalificatieplicht\.0001: an amount of money has at most 2 decimals/);
    expect(m).toMatch(/verdeling_pct adds up to 90%/);
    expect(m).toMatch(/no formatie entry with rol "teamleider" in perceel 2/);
  });

  it('says so when a configuration has no budget', () => {
    const c = smallConfig();
    delete c.begroting;
    expect(() => readBegroting(c)).toThrow(/has no `begroting` section/);
  });
});

describe('pipeline/kosten/README.md', () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '../../pipeline/kosten/README.md'), 'utf8');
  it('documents every budget key and every CSV column', () => {
    for (const key of Object.keys(BEGROTING_SCHEMA.properties)) expect(readme, key).toContain(`\`${key}`);
    for (const [table, cols] of Object.entries({ ...CSV_COLUMNS, voorschotten: VOORSCHOT_COLUMNS, ...JAARREKENING_COLUMNS })) {
      expect(readme, table).toContain(`### ${table}.csv`);
      const section = readme.slice(readme.indexOf(`### ${table}.csv`)).split('\n### ')[0];
      for (const c of cols) expect(section, `${table}.${c.name}`).toContain(`\`${c.name}\``);
    }
  });
});
