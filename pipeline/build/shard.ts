/** Which gemeenten a build makes (--gemeente, --shard K/N), and whether it writes the region-level outputs. */
import type { Gemeente, RegionConfig } from '../config/load.ts';
import type { Db } from '../db.ts';
import { InputError } from '../errors.ts';

export interface Shard { k: number; n: number }

export interface Selection {
  gemeenten: Gemeente[];
  /** Region-level outputs (datasets, region workbook, RMC reports): written by an unsharded run or shard 1. */
  regionLevel: boolean;
  manifestName: string;
  /** The gemeenten region-level outputs cover: the whole --gemeente choice, never one shard's part. */
  region: Gemeente[];
}

/** Shard K of N: the gemeenten at positions K-1, K-1+N, … in gemeentecode order (deterministic). */
export function shardOf<T extends { code: string }>(gemeenten: T[], shard: Shard): T[] {
  return [...gemeenten].sort((a, b) => a.code.localeCompare(b.code)).filter((_, i) => i % shard.n === shard.k - 1);
}

export function selectGemeenten(config: RegionConfig, codes: string[] = [], shard?: Shard): Selection {
  const unknown = codes.filter((c) => !config.gemeenten.some((g) => g.code === c));
  if (unknown.length) throw new InputError(`--gemeente ${unknown.join(', ')}: not in ${config.file} (has ${config.gemeenten.map((g) => g.code).join(', ')})`);
  const chosen = codes.length ? config.gemeenten.filter((g) => codes.includes(g.code)) : config.gemeenten;
  return {
    gemeenten: shard ? shardOf(chosen, shard) : chosen,
    regionLevel: !shard || shard.k === 1,
    manifestName: shard ? `manifest-shard-${shard.k}-of-${shard.n}.json` : 'manifest.json',
    region: chosen,
  };
}

/** `build_gemeenten(gemeentecode)`: the selection as a table, for queries to join on (codes are bound, not spliced). */
export async function selectionTable(db: Db, s: Selection): Promise<void> {
  await db.run('CREATE OR REPLACE TABLE build_gemeenten (gemeentecode VARCHAR PRIMARY KEY)');
  for (const g of s.gemeenten) await db.run('INSERT INTO build_gemeenten VALUES ($code)', { code: g.code });
}
