/**
 * A `dataset` table as the workbooks' copy holds it (export/workbooks.ts), from a hand-built SELECT: every
 * published column (EXPORT_COLUMNS, cast to its type; a column the SELECT lacks is empty) and `volgorde`,
 * stored in volgorde order.
 */
import type { Db } from '../../pipeline/db.ts';
import { EXPORT_COLUMNS } from '../../pipeline/export/dataset.ts';

export async function datasetTable(db: Db, select: string): Promise<void> {
  const present = new Set((await db.all<{ c: string }>(`SELECT column_name AS c FROM (DESCRIBE ${select})`)).map((r) => r.c));
  const cols = EXPORT_COLUMNS.map((c) => `CAST(${present.has(c.name) ? c.name : 'NULL'} AS ${c.type}) AS ${c.name}`);
  await db.run(`CREATE OR REPLACE TABLE dataset AS SELECT ${cols.join(', ')}, volgorde FROM (${select}) ORDER BY volgorde`);
}

/** The rows of `dataset` matching `where` as plain JavaScript rows (DuckDB's JS conversion), in the published order. */
export async function plainRows(db: Db, where = 'TRUE'): Promise<Record<string, unknown>[]> {
  return (await db.conn.runAndReadAll(`SELECT * FROM dataset WHERE ${where} ORDER BY volgorde`)).getRowObjectsJS();
}
