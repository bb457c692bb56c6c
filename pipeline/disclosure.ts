/**
 * Disclosure control: the one place where figures leave the indicator store for a public output
 * (../shared/domain/indicators.md, last section).
 *
 * - Primary: a count of 1 .. min_cel-1 is suppressed (shown as "<min_cel"). Zero is published.
 * - Rates (per_1000, procent): suppressed when the denominator is below min_noemer, or when the
 *   numerator is itself a suppressable count (1 .. min_cel-1), since rate × noemer would reveal it.
 * - Medians (dagen): suppressed when based on fewer than min_cel cases.
 * - Secondary: a suppressed cell that could be recovered from its row or column total gets a second
 *   cell suppressed. A "table" is a set of cells that add up to a total: cells that differ in exactly
 *   one breakdown dimension (the total has NULL there), and gemeenten against their region total.
 *   Repeated (a worklist of tables whose cells changed) until no table has exactly one suppressed cell;
 *   the smallest published non-zero cell of the table is the one suppressed, so as little is hidden as possible.
 * - Rates follow their counts: a rate whose numerator or denominator count (catalog `teller`/`noemer`, same
 *   area, year and breakdown) ends up suppressed is suppressed too, since it is published with both.
 */
import { loadCatalog } from './catalog.ts';
import type { Db } from './db.ts';
import { COUNT_UNITS, DIMENSIONS, dimKey, RATE_UNITS, type StoreRow } from './store.ts';

export type SuppressionReason = 'klein_aantal' | 'kleine_noemer' | 'secundair';

export interface PublicRow extends StoreRow {
  onderdrukt: boolean;
  reden_onderdrukking: SuppressionReason | null;
}

export interface DisclosureParams {
  min_cel: number;
  min_noemer: number;
}

function primary(r: StoreRow, p: DisclosureParams): SuppressionReason | null {
  const small = (n: number | null) => n !== null && n > 0 && n < p.min_cel;
  if (COUNT_UNITS.has(r.eenheid)) return small(r.waarde) ? 'klein_aantal' : null;
  if (RATE_UNITS.has(r.eenheid)) {
    if (r.noemer === null || r.noemer < p.min_noemer) return 'kleine_noemer';
    return small(r.teller) ? 'klein_aantal' : null;
  }
  if (r.eenheid === 'dagen') return r.teller !== null && r.teller < p.min_cel ? 'klein_aantal' : null;
  return null;
}

/**
 * Groups of cells that add up to a total: [total, ...members]. Only count cells take part.
 * `rmcOf` maps a gemeentecode to its RMC region, so gemeenten are also checked against their RMC-region total.
 */
function tables(rows: PublicRow[], rmcOf: Record<string, string> = {}): PublicRow[][] {
  const groups = new Map<string, { total?: PublicRow; members: PublicRow[] }>();
  const add = (key: string, r: PublicRow, isTotal: boolean) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { members: [] }));
    if (isTotal) g.total = r;
    else g.members.push(r);
  };
  // Only the dimensions an indicator breaks down by can form tables (most use one or two of the nine).
  const used = new Map<string, Set<string>>();
  for (const r of rows) {
    let u = used.get(r.indicator);
    if (!u) used.set(r.indicator, (u = new Set()));
    for (const d of DIMENSIONS) if (r[d] !== null) u.add(d);
  }
  for (const r of rows) {
    if (!COUNT_UNITS.has(r.eenheid)) continue;
    const base = `${r.indicator}|${r.schooljaar}|${r.eenheid}`;
    const all = dimKey(r);
    // Along each breakdown dimension: the cell is a member where the dimension is set, the total where NULL.
    for (const d of used.get(r.indicator)!) {
      const key = `${base}|${r.gebiedsniveau}|${r.gebied}|${dimKey(r, d)}|${d}`;
      add(key, r, r[d] === null);
    }
    // Gemeenten against their region total and their RMC-region total (same breakdown cell).
    if (r.gebiedsniveau === 'gemeente' || r.gebiedsniveau === 'regio') {
      add(`${base}|gebied|${all}`, r, r.gebiedsniveau === 'regio');
    }
    const rmc = r.gebiedsniveau === 'rmc_regio' ? r.gebied : r.gebiedsniveau === 'gemeente' ? rmcOf[r.gebied] : undefined;
    if (rmc) add(`${base}|rmc|${rmc}|${all}`, r, r.gebiedsniveau === 'rmc_regio');
  }
  const out: PublicRow[][] = [];
  for (const g of groups.values()) {
    if (g.total && g.members.length > 0) out.push([g.total, ...g.members]);
  }
  return out;
}

/** For each rate indicator, the count indicators it is computed from (from the catalog). */
export type RateLinks = Record<string, { teller?: string; noemer?: string }>;

export function applyDisclosure(rows: StoreRow[], p: DisclosureParams, rmcOf: Record<string, string> = {}, links: RateLinks = {}): PublicRow[] {
  // The rows are extended in place (they are read from the store for this purpose only).
  const out = rows as PublicRow[];
  for (const r of out) {
    const reason = primary(r, p);
    r.onderdrukt = reason !== null;
    r.reden_onderdrukking = reason;
  }
  const groups = tables(out, rmcOf);
  // Worklist: a table is (re)examined only when one of its cells was hidden, not in repeated full passes.
  const groupsOf = new Map<PublicRow, number[]>();
  groups.forEach((cells, i) => {
    for (const c of cells) {
      const list = groupsOf.get(c);
      if (list) list.push(i);
      else groupsOf.set(c, [i]);
    }
  });
  const queue = groups.map((_, i) => groups.length - 1 - i); // popped in table order
  const queued = new Uint8Array(groups.length).fill(1);
  while (queue.length) {
    const i = queue.pop()!;
    queued[i] = 0;
    const cells = groups[i];
    let hidden = 0;
    for (const c of cells) if (c.onderdrukt) hidden++;
    if (hidden !== 1) continue;
    // Exactly one hidden cell: it follows from the others. Hide the smallest published non-zero member too.
    const candidates = cells.slice(1).filter((c) => !c.onderdrukt && (c.waarde ?? 0) > 0);
    if (candidates.length === 0) continue;
    candidates.sort((a, b) => (a.waarde ?? 0) - (b.waarde ?? 0) || dimKey(a).localeCompare(dimKey(b)) || a.gebied.localeCompare(b.gebied));
    const pick = candidates[0];
    pick.onderdrukt = true;
    pick.reden_onderdrukking = 'secundair';
    for (const j of groupsOf.get(pick)!) {
      if (!queued[j]) {
        queued[j] = 1;
        queue.push(j);
      }
    }
  }
  followCounts(out, links);
  return out;
}

/** A published rate whose numerator or denominator count is hidden would give that count away: hide it too. */
function followCounts(rows: PublicRow[], links: RateLinks): void {
  if (!Object.keys(links).length) return;
  const cellKey = (indicator: string, r: PublicRow) => `${indicator}|${r.schooljaar}|${r.gebiedsniveau}|${r.gebied}|${dimKey(r)}`;
  const hidden = new Set<string>();
  for (const r of rows) if (r.onderdrukt && COUNT_UNITS.has(r.eenheid)) hidden.add(cellKey(r.indicator, r));
  for (const r of rows) {
    const link = links[r.indicator];
    if (!link || r.onderdrukt) continue;
    if ([link.teller, link.noemer].some((c) => c !== undefined && hidden.has(cellKey(c, r)))) {
      r.onderdrukt = true;
      r.reden_onderdrukking = 'secundair';
    }
  }
}

/**
 * Reads the store, applies disclosure control and writes `public_indicators`: the store's columns
 * plus `onderdrukt` and `reden_onderdrukking`, with waarde/teller/noemer set to NULL where suppressed.
 * Every public output (PDF, CSV, Parquet) reads this table and nothing else. Only the columns the
 * rules need are read (a national store has ~700k cells), and suppressed cells are written back by
 * the store's rowid.
 */
export async function publishIndicators(db: Db, p: DisclosureParams): Promise<{ cells: number; suppressed: number }> {
  // A fixed order makes the choice of secondary cells, and so every output, reproducible.
  // Numbers as DOUBLE and no DATE columns: the rows come back as plain JS values without conversion.
  const reader = await db.conn.runAndReadAll(`SELECT rowid AS id, indicator, schooljaar, gebiedsniveau, gebied, ${DIMENSIONS.join(', ')},
      CAST(waarde AS DOUBLE) AS waarde, CAST(teller AS DOUBLE) AS teller, CAST(noemer AS DOUBLE) AS noemer, eenheid
    FROM indicator_store ORDER BY indicator, schooljaar, gebiedsniveau, gebied, ${DIMENSIONS.map((d) => `${d} NULLS FIRST`).join(', ')}`);
  const rows = reader.getRowObjectsJS() as unknown as (StoreRow & { id: bigint })[];
  const rmcOf = Object.fromEntries((await db.all<{ gemeentecode: string; rmc_regio: string | null }>(
    'SELECT gemeentecode, rmc_regio FROM report_gemeenten')).filter((g) => g.rmc_regio).map((g) => [g.gemeentecode, g.rmc_regio!]));
  const links: RateLinks = Object.fromEntries(loadCatalog().filter((d) => d.teller || d.noemer).map((d) => [d.code, { teller: d.teller, noemer: d.noemer }]));
  const pub = applyDisclosure(rows, p, rmcOf, links) as (PublicRow & { id: bigint })[];
  await db.run('CREATE OR REPLACE TEMP TABLE disclosure_flags (id BIGINT PRIMARY KEY, reden VARCHAR NOT NULL)');
  const flagged = pub.filter((r) => r.onderdrukt);
  if (flagged.length) {
    const appender = await db.conn.createAppender('disclosure_flags', 'main', 'temp');
    for (const r of flagged) {
      appender.appendBigInt(r.id);
      appender.appendVarchar(r.reden_onderdrukking!);
      appender.endRow();
    }
    appender.closeSync();
  }
  await db.run(`CREATE OR REPLACE TABLE public_indicators AS
    SELECT s.* EXCLUDE (waarde, teller, noemer),
      CASE WHEN f.reden IS NULL THEN s.waarde END AS waarde,
      CASE WHEN f.reden IS NULL THEN s.teller END AS teller,
      CASE WHEN f.reden IS NULL THEN s.noemer END AS noemer,
      f.reden IS NOT NULL AS onderdrukt,
      f.reden AS reden_onderdrukking
    FROM indicator_store s
    LEFT JOIN disclosure_flags f ON f.id = s.rowid`);
  return { cells: pub.length, suppressed: flagged.length };
}
