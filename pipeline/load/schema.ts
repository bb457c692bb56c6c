/** DDL of the typed source tables (src_<table>) that the loader fills and the staging views read. */
import { type Table, TABLES, sqlType } from '../contract.ts';

export function sourceTableDDL(t: Table): string {
  // A person is an integer key from the load on (a validated BSN is 9 digits): joins and the model's
  // person keys (pid) then need no text hashing or casts.
  const cols = t.columns.map((c) => `${c.name} ${c.bsn ? 'INTEGER' : sqlType(c.type)}`).join(', ');
  return `CREATE OR REPLACE TABLE src_${t.name} (${cols});`;
}

export const EXTRACT_META_DDL = 'CREATE OR REPLACE TABLE extract_meta (extractdatum DATE NOT NULL, bron VARCHAR);';

export function allSourceDDL(): string {
  return [EXTRACT_META_DDL, ...TABLES.map(sourceTableDDL)].join('\n');
}
