/**
 * Db.plainRows: the rows of a result as `all`'s JS conversion gives them, read straight from the vectors, over
 * several chunks (DuckDB hands out 2,048 rows a chunk); types it cannot read as they are are refused.
 */
import { describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';

describe('plainRows', () => {
  test('the same rows, values and order as the JS conversion, text ENUM, numbers, BIGINT, BOOLEAN and NULL included', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      await db.run(`CREATE TYPE kleur AS ENUM ('blauw', 'rood'); CREATE TABLE t AS SELECT i AS id,
          CASE WHEN i % 3 = 0 THEN NULL ELSE 'gemeente ' || (i % 7) END AS naam,
          CAST(CASE WHEN i % 2 = 0 THEN 'rood' ELSE 'blauw' END AS kleur) AS k,
          CASE WHEN i % 5 = 0 THEN NULL ELSE i / 4 END AS w, CAST(i % 100 AS INTEGER) AS leeftijd, i % 2 = 0 AS even
        FROM range(5000) r(i)`);
      const sql = 'SELECT * FROM t ORDER BY id DESC';
      const plain = await db.plainRows(sql);
      expect(plain).toHaveLength(5000);
      expect(plain).toEqual((await db.conn.runAndReadAll(sql)).getRowObjectsJS());
      expect(plain[0]).toEqual({ id: 4999n, naam: 'gemeente 1', k: 'blauw', w: 1249.75, leeftijd: 99, even: false });
      expect(plain[4998]).toEqual({ id: 1n, naam: 'gemeente 1', k: 'blauw', w: 0.25, leeftijd: 1, even: false });
      expect(await db.plainRows('SELECT * FROM t WHERE id < 0')).toEqual([]);
    } finally {
      db.close();
    }
  });

  test('a type it would not give as JS gives it (DATE, DECIMAL) is refused, naming the column', async () => {
    const db = await Db.open({ threads: 1 });
    try {
      await expect(db.plainRows("SELECT DATE '2024-08-01' AS peildatum")).rejects.toThrow(/peildatum is DATE/);
      await expect(db.plainRows('SELECT CAST(1.5 AS DECIMAL(4,1)) AS bedrag')).rejects.toThrow(/bedrag is DECIMAL/);
    } finally {
      db.close();
    }
  });
});

describe('withThreads', () => {
  const threads = (db: Db) => db.threads();

  test('runs the function on the threads asked for, given the threads before, and sets them back after', async () => {
    const db = await Db.open({ threads: 2 });
    try {
      const seen: number[] = [];
      const out = await db.withThreads((now) => (seen.push(now), now - 1), async () => threads(db));
      expect(seen).toEqual([2]);
      expect(out).toBe(1);
      expect(await threads(db)).toBe(2);
    } finally {
      db.close();
    }
  });

  test('sets them back when the function fails, and reports its error', async () => {
    const db = await Db.open({ threads: 2 });
    try {
      await expect(db.withThreads(() => 1, async () => {
        throw new Error('the files failed');
      })).rejects.toThrow('the files failed');
      expect(await threads(db)).toBe(2);
    } finally {
      db.close();
    }
  });
});
