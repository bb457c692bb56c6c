/**
 * Disclosure control: the one place where figures leave the indicator store for a public output
 * (../shared/domain/indicators.md, last section).
 *
 * - Primary: a count of 1 .. min_cel-1 is suppressed (shown as "<min_cel"). Zero is published.
 * - Rates (per_1000, procent): suppressed when the denominator is below min_noemer, or when the
 *   numerator is itself a suppressable count (1 .. min_cel-1), since rate × noemer would reveal it.
 * - Medians (dagen): suppressed when based on fewer than min_cel cases.
 * - Secondary: more cells are hidden until the audit (disclosure-audit.ts) proves that no hidden count can be
 *   narrowed by an outsider beyond its protection interval, using every relation of the release
 *   (disclosure-relations.ts). Each complement is the cheapest cell that gives the relation the room its hidden
 *   cells need (see `protect`).
 * - Rates follow their counts: a rate whose numerator or denominator count (catalog `teller`/`noemer`, same
 *   area, year and breakdown) ends up suppressed is suppressed too, since it is published with both.
 */
import { loadCatalog } from './catalog.ts';
import { InputError } from './errors.ts';
import { type Db, sqlString, textAsEnums } from './db.ts';
import { COUNT_UNITS, DIMENSIONS, dimKey, RATE_UNITS, type StoreRow } from './store.ts';
import { audit, components, relationsOf, repair, trace, type AuditInput, type Exposure } from './disclosure-audit.ts';
import { relations, type Relation } from './disclosure-relations.ts';

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

/** For each rate indicator, the count indicators it is computed from (from the catalog). */
export type RateLinks = Record<string, { teller?: string; noemer?: string }>;

const lexLess = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
};


/**
 * Secondary suppression until the audit (disclosure-audit.ts) finds no hidden count that an outsider can pin
 * down more tightly than its protection interval, in three steps, each cheaper than the next and each run to
 * its end before the next:
 * 1. settle: an equation whose hidden cells lack room (one alone has none; small counts need min_cel − 2)
 *    gets the cheapest complement that gives it the room (a worklist; a total when every other part is 0);
 * 2. interval propagation around what changed finds what follows from several relations together;
 * 3. the LP audit finds the rest.
 * After 2 and 3 every exposed cell gets one complement in the relation that leaves it least room, and settle
 * runs again on what that changed. Only published non-zero counts are ever hidden (an outsider knows a
 * hidden count is ≥ 1).
 */
async function protect(rows: PublicRow[], rels: Relation[], p: DisclosureParams, rmcOf: Record<string, string>): Promise<void> {
  const relsOf = relationsOf(rels);
  /** Cells hidden since the last audit round (it audits them). */
  const recent: number[] = [];
  const hide = (c: number) => {
    rows[c].onderdrukt = true;
    rows[c].reden_onderdrukking = 'secundair';
    recent.push(c);
  };
  /** Relations of cell c (but `via`) without a hidden cell: each would pin c once it is hidden. */
  const pinned = (c: number, via: number) => relsOf.of(c).filter((ri) => ri !== via && !rels[ri].cells.some((x) => rows[x].onderdrukt)).length;
  /**
   * What a relation's hidden cells leave an outsider (an equation, each hidden count known to be ≥ 1): with two
   * or more hidden, each can range over Σ (value − 1) of them (`spare`; one alone is pinned); a small count
   * needs min_cel − 2 of that range, another hidden count 1 (`need`).
   */
  const roomOf = (ri: number) => {
    let spare = 0, need = 0, hidden = 0;
    for (const x of rels[ri].cells) {
      if (!rows[x].onderdrukt) continue;
      hidden++;
      spare += (rows[x].waarde ?? 0) - 1;
      need = Math.max(need, rows[x].reden_onderdrukking === 'klein_aantal' ? p.min_cel - 2 : 1);
    }
    return { spare, need, hidden, ok: hidden === 0 || (hidden > 1 && spare >= need) };
  };
  /**
   * The best published non-zero cell of these relations to hide next to the given ones, if any: one that its other
   * relations do not pin down at once (they already have a hidden cell) and that gives its relation the room its
   * hidden cells need (τ-ARGUS: a complement covers the protection level at the least cost), a part before a
   * total, a gemeente before a region, then the smallest.
   */
  const complement = (relIdx: Iterable<number>): number | undefined => {
    let best: { c: number; cost: number[] } | undefined;
    for (const ri of relIdx) {
      const rel = rels[ri];
      const { spare, need } = roomOf(ri);
      rel.cells.forEach((c, k) => {
        if (rows[c].onderdrukt || !(rows[c].waarde ?? 0)) return;
        const short = spare + rows[c].waarde! - 1 < need ? 1 : 0;
        const cost = [pinned(c, ri) + short, rel.coef[k] > 0 ? 1 : 0, rows[c].gebiedsniveau === 'gemeente' ? 0 : 1, rows[c].waarde ?? 0, c];
        if (!best || lexLess(cost, best.cost)) best = { c, cost };
      });
    }
    return best?.c;
  };
  /**
   * The quick part: an equation whose hidden cells lack room (one hidden cell has none) gets one more, until none
   * does (a worklist of relations, each examined again when one of its cells is hidden). Run at the start and
   * after every round of the audit, on the relations of the cells it hid.
   */
  const queued = new Uint8Array(rels.length);
  const settle = (start: Iterable<number>) => {
    const queue: number[] = [];
    for (const i of start) if (!queued[i]) queue.push(i), (queued[i] = 1);
    while (queue.length) {
      const i = queue.pop()!;
      queued[i] = 0;
      if (rels[i].kind !== 'eq') continue;
      if (roomOf(i).ok) continue;
      const c = complement([i]);
      if (c === undefined) continue;
      hide(c);
      for (const j of relsOf.of(c)) if (!queued[j]) queue.push(j), (queued[j] = 1);
    }
  };
  const t0 = performance.now();
  const hiddenCount = () => rows.reduce((n, r) => n + (r.onderdrukt ? 1 : 0), 0);
  trace(() => `relations ${rels.length}, primary ${hiddenCount()}`);
  settle(rels.map((_, i) => rels.length - 1 - i));
  trace(() => `settle: hidden ${hiddenCount()} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // The audit's input as typed arrays (it reads them cell by cell, a million cells), filled by plain loops.
  const isCount = new Uint8Array(rows.length);
  const values = new Float64Array(rows.length), sensitive = new Uint8Array(rows.length);
  rows.forEach((r, c) => {
    if (!COUNT_UNITS.has(r.eenheid)) return;
    isCount[c] = 1;
    values[c] = r.waarde ?? 0;
    if (r.reden_onderdrukking === 'klein_aantal') sensitive[c] = 1;
  });
  /** The hidden count cells as they are now. */
  const hiddenCounts = () => {
    const hidden = new Uint8Array(rows.length);
    for (let c = 0; c < rows.length; c++) if (isCount[c] && rows[c].onderdrukt) hidden[c] = 1;
    return hidden;
  };
  const input: AuditInput = {
    values,
    hidden: { length: rows.length } as ArrayLike<boolean>,
    sensitive,
    relations: rels,
    minCel: p.min_cel,
    ...areas(rows, rmcOf),
  };
  // Interval propagation first (fast, each exposed cell one complement at a time), then the LP audit, whose
  // exposed cells get their complements from the LP (repair), which proves them at once.
  let only: Set<number> | undefined;
  for (let fewest = Infinity, idle = 0; ; ) {
    input.hidden = hiddenCounts();
    const t1 = performance.now();
    const exposed = await audit(input, { only, quick: true, intervals: false });
    trace(() => `propagation: ${only?.size ?? 'all'} cells, exposed ${exposed.length}, ${((performance.now() - t1) / 1000).toFixed(1)} s, hidden ${hiddenCount()}`);
    if (!exposed.length) break;
    // Cells still exposed after two more rounds of one complement each are left to the LP audit, whose repair
    // finds the complements that work.
    idle = exposed.length < fewest ? 0 : idle + 1;
    fewest = Math.min(fewest, exposed.length);
    if (idle >= 2) break;
    only = complementFor(exposed);
  }
  only = undefined;
  for (;;) {
    input.hidden = hiddenCounts();
    const t1 = performance.now();
    const exposed = await audit(input, { only, intervals: false });
    trace(() => `LP audit: ${only?.size ?? 'all'} cells, exposed ${exposed.length}, ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    if (!exposed.length) break;
    const t2 = performance.now();
    const fixed = await repair(input, exposed.map((e) => e.cell));
    for (const c of fixed.hide) hide(c);
    recent.length = 0;
    trace(() => `repair: ${fixed.hide.length} complements, ${fixed.unfixed.length} unfixed, ${fixed.unproved.length} unproved, ${((performance.now() - t2) / 1000).toFixed(1)} s, hidden ${hiddenCount()}`);
    const unfixed = new Set(fixed.unfixed);
    only = new Set(fixed.unproved);
    if (unfixed.size) for (const c of complementFor(exposed.filter((e) => unfixed.has(e.cell)))) only.add(c);
    if (!only.size) break;
  }

  /** For each exposed cell one more hidden cell; returns the cells whose components must be audited again. */
  function complementFor(exposed: Exposure[]): Set<number> {
    const only = new Set<number>();
    const touched = new Set<number>();
    let compOf: Map<number, number[]> | undefined;
    const componentRelations = (c: number) => {
      if (!compOf) {
        compOf = new Map();
        for (const k of components(input)) for (const x of k.cells) compOf.set(x, k.relations);
      }
      return compOf.get(c) ?? [];
    };
    for (const e of exposed) {
      only.add(e.cell);
      // A relation that got a new hidden cell this round is audited again before it gets another.
      const own = Array.from(relsOf.of(e.cell));
      if (own.some((ri) => touched.has(ri))) continue;
      // One more hidden cell in the relation that leaves it least room (most likely the one that pins it),
      // else the next; failing all, in the relations of its component.
      const tight = own.map((ri) => ({ ri, r: roomOf(ri) })).sort((a, b) => a.r.spare - a.r.need - (b.r.spare - b.r.need) || a.ri - b.ri);
      let c: number | undefined;
      for (const { ri } of tight) if ((c = complement([ri])) !== undefined) break;
      // All of them hidden (or 0): give room to the hidden cells around it, through their other relations.
      if (c === undefined) {
        const ring = new Set<number>();
        for (const ri of own) for (const x of rels[ri].cells) if (x !== e.cell && rows[x].onderdrukt) for (const rj of relsOf.of(x)) if (!own.includes(rj)) ring.add(rj);
        c = complement(ring) ?? complement(componentRelations(e.cell));
      }
      if (c === undefined) continue;
      hide(c);
      only.add(c);
      for (const ri of relsOf.of(c)) touched.add(ri);
    }
    settle(touched);
    for (const c of recent.splice(0)) only.add(c);
    // Every cell around an exposed one is hidden and it is still exposed: cannot happen (all hidden leaves
    // every total free), but would otherwise loop for ever.
    if (!touched.size) throw new Error(`disclosure: no cell left to protect ${describe(rows[exposed[0].cell])}`);
    return only;
  }
}

/**
 * Each cell's area for the audit's blocks (a number per gemeente, −1 above gemeente level), and each area's group:
 * its gemeente's RMC region as a number, −1 without one.
 */
function areas(rows: StoreRow[], rmcOf: Record<string, string>): Pick<AuditInput, 'area' | 'group'> {
  const ids = new Map<string, number>();
  const group: number[] = [];
  const regions = new Map<string, number>();
  const area = rows.map((r) => {
    if (r.gebiedsniveau !== 'gemeente') return -1;
    let id = ids.get(r.gebied);
    if (id === undefined) {
      ids.set(r.gebied, (id = ids.size));
      const rmc = rmcOf[r.gebied];
      group.push(rmc === undefined ? -1 : (regions.get(rmc) ?? (regions.set(rmc, regions.size), regions.size - 1)));
    }
    return id;
  });
  return { area, group };
}

/** The RMC region of each gemeente of the report that has one. */
async function rmcRegions(db: Db): Promise<Record<string, string>> {
  const rows = await db.all<{ gemeentecode: string; rmc_regio: string | null }>('SELECT gemeentecode, rmc_regio FROM report_gemeenten');
  return Object.fromEntries(rows.filter((g) => g.rmc_regio).map((g) => [g.gemeentecode, g.rmc_regio!]));
}

/** "indicator schooljaar gebied (breakdown)" for messages. */
export function describe(r: StoreRow): string {
  const dims = DIMENSIONS.filter((d) => r[d] !== null).map((d) => `${d} ${r[d]}`);
  return `${r.indicator} ${r.schooljaar} ${r.gebiedsniveau} ${r.gebied}${dims.length ? ` (${dims.join(', ')})` : ''}`;
}

export async function applyDisclosure(rows: StoreRow[], p: DisclosureParams, rmcOf: Record<string, string> = {}, links: RateLinks = {}): Promise<PublicRow[]> {
  // The rows are extended in place (they are read from the store for this purpose only).
  const out = rows as PublicRow[];
  for (const r of out) {
    const reason = primary(r, p);
    r.onderdrukt = reason !== null;
    r.reden_onderdrukking = reason;
  }
  const rels = relations(out, rmcOf);
  trace(() => `relations built`);
  await protect(out, rels, p, rmcOf);
  followCounts(out, links);
  return out;
}

/** A published rate whose numerator or denominator count is hidden would give that count away: hide it too. */
function followCounts(rows: PublicRow[], links: RateLinks): void {
  if (!Object.keys(links).length) return;
  const cellKey = (indicator: string, r: PublicRow) => `${indicator}|${r.schooljaar}|${r.gebiedsniveau}|${r.gebied}|${dimKey(r)}`;
  // Only the hidden counts that some rate is computed from are looked up.
  const linked = new Set(Object.values(links).flatMap((l) => [l.teller, l.noemer]));
  const hidden = new Set<string>();
  for (const r of rows) if (r.onderdrukt && linked.has(r.indicator) && COUNT_UNITS.has(r.eenheid)) hidden.add(cellKey(r.indicator, r));
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
 * plus `onderdrukt`, with waarde/teller/noemer set to NULL where suppressed.
 * Every public output (PDF, CSV, Parquet) reads this table and nothing else. Only the columns the
 * rules need are read (a national store has ~700k cells), and suppressed cells are written back by
 * the store's rowid.
 */
export async function publishIndicators(db: Db, p: DisclosureParams): Promise<{ cells: number; suppressed: number }> {
  // A fixed order makes the choice of secondary cells, and so every output, reproducible.
  // Numbers as DOUBLE and no DATE columns: the rows come back as plain JS values without conversion.
  // Text columns as ENUMs (textAsEnums): a national store has a million rows.
  const columns = ['indicator', 'schooljaar', 'gebiedsniveau', 'gebied', ...DIMENSIONS, 'eenheid'];
  const { select, types } = await textAsEnums(db, 'indicator_store', 'disclosure', { columns, alias: 's.' });
  // Each row with the properties applyDisclosure sets (PublicRow) from the start.
  const rows = await db.plainRows<PublicRow & { id: bigint }>(`SELECT s.rowid AS id, ${select.join(', ')},
      CAST(s.waarde AS DOUBLE) AS waarde, CAST(s.teller AS DOUBLE) AS teller, CAST(s.noemer AS DOUBLE) AS noemer
    FROM indicator_store s ORDER BY s.indicator, s.schooljaar, s.gebiedsniveau, s.gebied, ${DIMENSIONS.map((d) => `s.${d} NULLS FIRST`).join(', ')}`,
  { onderdrukt: false, reden_onderdrukking: null });
  trace(() => `read ${rows.length} cells`);
  for (const t of types) await db.run(`DROP TYPE ${t}`);
  const rmcOf = await rmcRegions(db);
  const links: RateLinks = Object.fromEntries(loadCatalog().filter((d) => d.teller || d.noemer).map((d) => [d.code, { teller: d.teller, noemer: d.noemer }]));
  const pub = (await applyDisclosure(rows, p, rmcOf, links)) as (PublicRow & { id: bigint })[];
  // Why each cell is hidden stays in the database (never published: the reason would help an outsider).
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
      f.reden IS NOT NULL AS onderdrukt
    FROM indicator_store s
    LEFT JOIN disclosure_flags f ON f.id = s.rowid`);
  return { cells: pub.length, suppressed: flagged.length };
}

/** At most this many exposed cells are named in the message of a refused publication. */
const NAMED = 10;

/**
 * The audit on exactly what a build is about to publish: the `dataset` table (every CSV is a slice of it; the
 * PDFs read the same public_indicators), against the real figures in the store. Refuses (InputError, exit 1)
 * when a small count is shown, a hidden count shows a value, a rate gives away a hidden count, or the LP
 * audit finds a hidden count that an outsider can narrow more than its protection allows. With `proved` (the
 * build: publishIndicators has just proved its pattern by LP on the same figures and relations) the LP is not
 * run twice: the published pattern must then be that pattern, cell by cell. The message names indicator, year
 * and area, never a value.
 */
export async function auditPublication(db: Db, p: DisclosureParams, o: { proved?: boolean } = {}): Promise<{ hidden: number }> {
  // Each published row with its cell in the store (the dataset marks a total "totaal" and its breakdowns are text).
  const same = [...['indicator', 'schooljaar', 'gebiedsniveau'].map((c) => `d.${c} = s.${c}`),
    ...DIMENSIONS.map((c) => `coalesce(NULLIF(CAST(d.${c} AS VARCHAR), 'totaal'), '∅') = coalesce(CAST(s.${c} AS VARCHAR), '∅')`)].join(' AND ');
  await db.run(`CREATE OR REPLACE TEMP TABLE published_cells AS
    SELECT s.indicator, s.schooljaar, s.gebiedsniveau, s.gebied, ${DIMENSIONS.map((d) => `s.${d}`).join(', ')},
      CAST(s.waarde AS DOUBLE) AS waarde, s.eenheid, d.onderdrukt, ${o.proved ? 'f.id IS NOT NULL' : 'NULL'} AS audited,
      CAST(d.waarde AS DOUBLE) AS gepubliceerd, CAST(d.teller AS DOUBLE) AS teller, CAST(d.noemer AS DOUBLE) AS noemer
    FROM dataset d JOIN indicator_store s ON ${same} AND d.gebiedscode = s.gebied
    ${o.proved ? 'LEFT JOIN disclosure_flags f ON f.id = s.rowid' : ''}`);
  const problems: string[] = [];
  // Every published row must be audited: one that cannot be matched to the store is a fault too.
  const [{ published, matched, hidden }] = await db.all<{ published: number; matched: number; hidden: number }>(`SELECT
      (SELECT CAST(count(*) AS DOUBLE) FROM dataset) AS published, CAST(count(*) AS DOUBLE) AS matched,
      CAST(count(*) FILTER (WHERE onderdrukt) AS DOUBLE) AS hidden FROM published_cells`);
  if (published !== matched) problems.push(`${published - matched} published row(s) could not be matched to the indicator store`);
  // Row by row, in SQL (a national release has a million rows): only the rows at fault come back.
  const orderBy = (t = '') => `ORDER BY ${['indicator', 'schooljaar', 'gebiedsniveau', 'gebied'].map((c) => t + c).join(', ')}, ${DIMENSIONS.map((d) => `${t}${d} NULLS FIRST`).join(', ')}`;
  const faults = await db.all<StoreRow & { fault: string }>(`SELECT * FROM (SELECT *, CASE
      WHEN onderdrukt AND (gepubliceerd IS NOT NULL OR teller IS NOT NULL OR noemer IS NOT NULL) THEN 'hidden, but a value is published'
      WHEN NOT onderdrukt AND is_count(eenheid) AND gepubliceerd > 0 AND gepubliceerd < ${Number(p.min_cel)} THEN 'a count below ${Number(p.min_cel)} is published'
      ${o.proved ? "WHEN onderdrukt AND NOT audited THEN 'hidden, unlike the pattern the disclosure audit proved safe' WHEN audited AND NOT onderdrukt THEN 'published, unlike the pattern the disclosure audit proved safe'" : ''}
    END AS fault FROM published_cells) WHERE fault IS NOT NULL ${orderBy()}`);
  for (const r of faults) problems.push(`${describe(r)}: ${r.fault}`);
  // A published rate shows its teller and noemer: the linked counts must be published too.
  const links = loadCatalog().flatMap((d) => [d.teller, d.noemer].filter(Boolean).map((c) => `(${sqlString(d.code)}, ${sqlString(c!)})`));
  if (links.length) {
    const key = ['schooljaar', 'gebiedsniveau', 'gebied', ...DIMENSIONS].map((c) => `r.${c} IS NOT DISTINCT FROM c.${c}`).join(' AND ');
    const rates = await db.all<StoreRow>(`SELECT DISTINCT r.* EXCLUDE (audited) FROM published_cells r
      JOIN (VALUES ${links.join(', ')}) l(rate, count) ON l.rate = r.indicator
      JOIN published_cells c ON c.indicator = l.count AND ${key}
      WHERE NOT r.onderdrukt AND c.onderdrukt AND is_count(c.eenheid) ${orderBy('r.')}`);
    for (const r of rates) problems.push(`${describe(r)}: a published rate gives a hidden count away`);
  }
  // The pattern publishIndicators proved safe by LP (on the same figures, with the same relations) needs no
  // second LP: the published pattern must be that pattern, cell by cell (checked above).
  if (o.proved) return refuseIf(problems, hidden);
  const rows = (await db.conn.runAndReadAll(`SELECT * FROM published_cells ${orderBy()}`)).getRowObjectsJS() as unknown as (StoreRow & { onderdrukt: boolean })[];
  const count = (r: StoreRow) => COUNT_UNITS.has(r.eenheid);
  const rmcOf = await rmcRegions(db);
  const input: AuditInput = {
    values: rows.map((r) => (count(r) ? r.waarde ?? 0 : 0)),
    hidden: rows.map((r) => r.onderdrukt && count(r)),
    sensitive: rows.map((r) => count(r) && (r.waarde ?? 0) > 0 && r.waarde! < p.min_cel),
    relations: relations(rows, rmcOf),
    minCel: p.min_cel,
    ...areas(rows, rmcOf),
  };
  for (const e of await audit(input, { intervals: false })) problems.push(`${describe(rows[e.cell])}: hidden, but it can be worked back from the published figures`);
  return refuseIf(problems, hidden);
}

function refuseIf(problems: string[], hidden: number): { hidden: number } {
  if (problems.length) {
    throw new InputError(`Disclosure audit: not published, ${problems.length} figure(s) would give away what disclosure control hides:\n${problems.slice(0, NAMED).map((x) => `  ${x}`).join('\n')}${problems.length > NAMED ? `\n  … and ${problems.length - NAMED} more` : ''}\nThis is a fault in the disclosure control, not in the extract: please report it.`);
  }
  return { hidden };
}
