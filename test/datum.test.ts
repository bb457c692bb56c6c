/** The build's date: Dutch calendar date (Europe/Amsterdam), --datum, SOURCE_DATE_EPOCH. */
import { describe, expect, test } from 'vitest';
import { dutchDate, dutchMidnight, resolveDatum } from '../pipeline/datum.ts';
import { UsageError } from '../pipeline/errors.ts';

describe('dates in Europe/Amsterdam', () => {
  test('between midnight and 02:00 (summer) or 01:00 (winter) Dutch time it is already the next day', () => {
    expect(dutchDate(new Date('2025-10-19T22:30:00Z'))).toBe('2025-10-20'); // 00:30 CEST
    expect(dutchDate(new Date('2025-10-19T21:59:59Z'))).toBe('2025-10-19'); // 23:59 CEST
    expect(dutchDate(new Date('2025-01-15T23:30:00Z'))).toBe('2025-01-16'); // 00:30 CET
    expect(dutchDate(new Date('2025-01-15T22:30:00Z'))).toBe('2025-01-15'); // 23:30 CET
  });

  test('a Dutch day begins at 22:00 or 23:00 UTC the day before, also on the days the clock changes', () => {
    expect(dutchMidnight('2025-10-20').toISOString()).toBe('2025-10-19T22:00:00.000Z');
    expect(dutchMidnight('2025-01-16').toISOString()).toBe('2025-01-15T23:00:00.000Z');
    expect(dutchMidnight('2025-03-30').toISOString()).toBe('2025-03-29T23:00:00.000Z'); // CET until 02:00
    expect(dutchMidnight('2025-10-26').toISOString()).toBe('2025-10-25T22:00:00.000Z'); // CEST until 03:00
  });

  test('today is the Dutch date, not the UTC date', () => {
    const r = resolveDatum({ env: {}, now: new Date('2025-07-31T23:15:00Z') });
    expect(r).toEqual({ datum: '2025-08-01', moment: new Date('2025-07-31T23:15:00Z') });
  });

  test('SOURCE_DATE_EPOCH is honoured when no --datum is given, and --datum wins over it', () => {
    const env = { SOURCE_DATE_EPOCH: String(Date.parse('2025-10-19T22:30:00Z') / 1000) };
    expect(resolveDatum({ env, now: new Date('2030-01-01T12:00:00Z') })).toEqual({ datum: '2025-10-20', moment: new Date('2025-10-19T22:30:00Z') });
    expect(resolveDatum({ datum: '2025-11-01', env })).toEqual({ datum: '2025-11-01', moment: new Date('2025-10-31T23:00:00Z') });
    expect(resolveDatum({ env: { SOURCE_DATE_EPOCH: '' }, now: new Date('2025-01-01T12:00:00Z') }).datum).toBe('2025-01-01');
  });

  test('a malformed --datum or SOURCE_DATE_EPOCH is a usage error', () => {
    for (const datum of ['2025-02-30', '20-10-2025', '2025-10-1', 'gisteren']) {
      expect(() => resolveDatum({ datum, env: {} }), datum).toThrow(UsageError);
    }
    expect(() => resolveDatum({ env: { SOURCE_DATE_EPOCH: '1.5e9' } })).toThrow(/SOURCE_DATE_EPOCH=1\.5e9: expected whole seconds/);
    expect(() => resolveDatum({ env: { SOURCE_DATE_EPOCH: '-1' } })).toThrow(UsageError);
  });
});
