import { describe, expect, it } from 'vitest';
import { formatUnits, formatNl } from '../../pipeline/format/index.ts';
import { Exact, sum } from '../../pipeline/kosten/money.ts';
import { controlledRound, roundColumn } from '../../pipeline/kosten/rounding.ts';

const x = (s: string) => Exact.parse(s);

describe('Exact', () => {
  it('parses decimals exactly and keeps fractions exact', () => {
    expect(x('43767.36').mul(x('2.45')).toString()).toBe('107230.032');
    expect(x('0.1').add(x('0.2')).eq(x('0.3'))).toBe(true);
    expect(Exact.parse(0.1).eq(x('0.1'))).toBe(true);
    expect(Exact.frac(4979n, 78033n).mul(Exact.int(78033)).eq(Exact.int(4979))).toBe(true);
    expect(Exact.frac(1n, 3n).toString()).toBe('1/3');
    expect(Exact.percent('0.4').toString()).toBe('0.004');
    expect(() => Exact.parse('1e5')).toThrow();
    expect(() => Exact.parse(1e21)).toThrow();
    expect(() => Exact.parse('12,5')).toThrow();
  });

  it('rounds half away from zero, only when asked', () => {
    expect(x('0.005').roundUnits(100n)).toBe(1n);
    expect(x('0.004999').roundUnits(100n)).toBe(0n);
    expect(x('-0.005').roundUnits(100n)).toBe(-1n);
    expect(x('-0.0049').roundUnits(100n)).toBe(0n);
    expect(x('238663.7024').toFixed(2)).toBe('238663.70');
    expect(x('-2.5').floor()).toBe(-3n);
    expect(x('-2.5').ceil()).toBe(-2n);
    expect(x('2').ceil()).toBe(2n);
  });

  it('compounds indexation without losing digits', () => {
    const p = x('173844.752').mul(x('1.004').pow(2));
    expect(p.toString()).toBe('175238.291532032');
    expect(p.toFixed(2)).toBe('175238.29');
  });

  it('formats', () => {
    expect(formatUnits(23866370n, 2)).toBe('238663.70');
    expect(formatUnits(-5n, 2)).toBe('-0.05');
    expect(formatNl(23866370n, 2)).toBe('238.663,70');
    expect(formatNl(-123456789n, 2)).toBe('\u22121.234.567,89'); // a minus sign, not a hyphen
    expect(formatNl(7n, 0)).toBe('7');
    expect(sum([x('1.5'), x('2.25')]).toString()).toBe('3.75');
  });
});

describe('controlled rounding', () => {
  it('is the largest-remainder method for one column', () => {
    // three equal thirds of 100.00: 33.34 + 33.33 + 33.33
    const third = Exact.frac(100n, 3n);
    const r = roundColumn([third, third, third], 100n);
    expect(r.total).toBe(10000n);
    expect(r.values.reduce((a, b) => a + b, 0n)).toBe(10000n);
    expect([...r.values].sort()).toEqual([3333n, 3333n, 3334n]);
    // remainders .6, .3, .1 of a cent (sum 1): the .6 goes up
    const q = roundColumn([x('1.006'), x('2.003'), x('3.001')], 100n);
    expect(q.values).toEqual([101n, 200n, 300n]);
    expect(q.total).toBe(601n);
  });

  it('keeps rows, columns, groups and the total consistent on random tables', () => {
    let seed = 12345;
    const rnd = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    for (let t = 0; t < 200; t++) {
      const m = 1 + rnd(6);
      const n = 1 + rnd(5);
      const cells = Array.from({ length: m }, () => Array.from({ length: n }, () => (rnd(4) === 0 ? Exact.ZERO : Exact.frac(BigInt(rnd(1_000_000)), BigInt(1 + rnd(997))))));
      const rowGroups = m > 2 ? [[0, 1]] : [];
      const colGroups = n > 2 ? [[1, 2]] : [];
      const r = controlledRound({ cells, scale: 100n, rowGroups, colGroups });
      const exactTotal = cells.flat().reduce((a, b) => a.add(b), Exact.ZERO);
      expect(r.total).toBe(exactTotal.roundUnits(100n));
      const within = (got: bigint, exact: Exact) => {
        const e = exact.mul(Exact.int(100));
        expect(got === e.floor() || got === e.ceil()).toBe(true);
      };
      cells.forEach((row, i) => {
        row.forEach((c, j) => within(r.cells[i][j], c));
        expect(r.cells[i].reduce((a, b) => a + b, 0n)).toBe(r.rows[i]);
        within(r.rows[i], row.reduce((a, b) => a.add(b), Exact.ZERO));
      });
      for (let j = 0; j < n; j++) {
        expect(r.cells.reduce((a, row) => a + row[j], 0n)).toBe(r.cols[j]);
        within(r.cols[j], cells.reduce((a, row) => a.add(row[j]), Exact.ZERO));
      }
      expect(r.rows.reduce((a, b) => a + b, 0n)).toBe(r.total);
      expect(r.cols.reduce((a, b) => a + b, 0n)).toBe(r.total);
      if (rowGroups.length) expect(r.rowGroups[0]).toBe(r.rows[0] + r.rows[1]);
      if (colGroups.length) expect(r.colGroups[0]).toBe(r.cols[1] + r.cols[2]);
    }
  });
});
