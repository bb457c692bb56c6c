/**
 * datasetRows / datasetRowsPerGemeente (export/dataset.ts): the rows of the dataset table as a plain query
 * gives them (text columns read as ENUMs, which arrive as their text), in order, and per gemeente with the
 * region's rows merged in.
 */
import { describe, expect, test } from 'vitest';
import { Db } from '../pipeline/db.ts';
import { datasetRows, datasetRowsPerGemeente, readableColumnsReset } from '../pipeline/export/dataset.ts';

async function table(db: Db, rows: [number, string, string | null, string, number | null][]): Promise<void> {
  await db.run('CREATE OR REPLACE TABLE dataset (volgorde BIGINT, gebiedscode VARCHAR, label VARCHAR, rapport VARCHAR, waarde DOUBLE, periode_van DATE)');
  for (const [v, g, l, r, w] of rows) await db.run(`INSERT INTO dataset VALUES (${v}, '${g}', ${l === null ? 'NULL' : `'${l.replaceAll("'", "''")}'`}, '${r}', ${w ?? 'NULL'}, DATE '2024-08-01')`);
}

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('datasetRows', () => {
  test('the same rows and values as a plain query, in volgorde order; a dataset made again is read again', async () => {
    const db = await Db.open({ threads: 1 });
    await table(db, [[3, '0392', 'Verzuim, "absoluut"', 'jaarverslag', 1.5], [1, 'regio', null, 'jaarverslag|rmc', null], [2, '0392', 'Ééntje', 'rmc', 7]]);
    const plain = (await db.conn.runAndReadAll('SELECT * FROM dataset ORDER BY volgorde')).getRowObjectsJS();
    expect(await collect(datasetRows(db))).toEqual(plain);
    expect((await collect(datasetRows(db, "rapport LIKE '%rmc%'"))).map((r) => r.volgorde)).toEqual([1n, 2n]);
    // The table made again with other texts (as createDatasetTable does in a later build of the same Db).
    await table(db, [[1, '0375', 'Nieuw label', 'telling', 2]]);
    readableColumnsReset(db);
    expect((await collect(datasetRows(db))).map((r) => [r.gebiedscode, r.label])).toEqual([['0375', 'Nieuw label']]);
    db.close();
  });

  test('per gemeente: its rows and the region\'s, merged by volgorde; a gemeente without rows gets the region\'s', async () => {
    const db = await Db.open({ threads: 1 });
    await table(db, [[1, '0392', 'a', 'jaarverslag', 1], [2, 'regio', 'b', 'jaarverslag', 2], [3, '0375', 'c', 'jaarverslag', 3], [4, '0392', 'd', 'rmc', 4], [5, 'regio', 'e', 'jaarverslag', 5], [6, '0392', 'f', 'jaarverslag', 6]]);
    const got = await collect(datasetRowsPerGemeente(db, ['0392', '0375', '0450'], 'regio', "rapport LIKE '%jaarverslag%'"));
    expect(got.map(([code, rows]) => [code, rows.map((r) => r.label)])).toEqual([
      ['0375', ['b', 'c', 'e']],
      ['0392', ['a', 'b', 'e', 'f']],
      ['0450', ['b', 'e']],
    ]);
    db.close();
  });
});
