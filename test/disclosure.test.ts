import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../pipeline/catalog.ts';
import { applyDisclosure, describe as describeCell, type PublicRow } from '../pipeline/disclosure.ts';
import { COUNT_UNITS, type StoreRow } from '../pipeline/store.ts';
import { audit, repair } from '../pipeline/disclosure-audit.ts';
import { relations } from '../pipeline/disclosure-relations.ts';

const P = { min_cel: 5, min_noemer: 20 };
function cell(over: Partial<StoreRow>): StoreRow {
  return {
    indicator: 'LT-AV-TOT', schooljaar: '2024/2025', gebiedsniveau: 'gemeente', gebied: '0392',
    onderwijssoort: null, leeftijd: null, soort: null, artikel: null, beslisser: null, besluit: null,
    reden: null, duur: null, status: null, waarde: 0, teller: null, noemer: null, eenheid: 'personen', ...over,
  };
}
/** What the LP audit finds an outsider can narrow down in these published cells ("indicator year area"). */
async function exposed(rows: PublicRow[], rmcOf: Record<string, string> = {}): Promise<string[]> {
  const count = (r: StoreRow) => COUNT_UNITS.has(r.eenheid);
  const found = await audit({
    values: rows.map((r) => r.waarde ?? 0),
    hidden: rows.map((r) => r.onderdrukt && count(r)),
    sensitive: rows.map((r) => count(r) && (r.waarde ?? 0) > 0 && r.waarde! < P.min_cel),
    relations: relations(rows, rmcOf),
    minCel: P.min_cel,
  });
  return found.map((e) => describeCell(rows[e.cell]));
}
/** The old suppression of these cells (no LP): hidden as given, to show the audit finds the leak. */
function hiddenAs(rows: StoreRow[], hidden: number[]): PublicRow[] {
  return rows.map((r, i) => ({ ...r, onderdrukt: hidden.includes(i), reden_onderdrukking: null }));
}
const find = (rows: PublicRow[], o: string | null) => rows.find((r) => r.onderwijssoort === o)!;

describe('primary suppression', () => {
  test('counts 1..4 are suppressed, 0 and 5 are published', async () => {
    const rows = await applyDisclosure([0, 1, 4, 5].map((w, i) => cell({ waarde: w, gebied: `000${i}` })), P);
    expect(rows.map((r) => r.onderdrukt)).toEqual([false, true, true, false]);
    expect(rows[1].reden_onderdrukking).toBe('klein_aantal');
  });
  test('a rate with a denominator below min_noemer, or a small numerator, is suppressed', async () => {
    const rows = await applyDisclosure([
      cell({ eenheid: 'per_1000', waarde: 50, teller: 1 * 5, noemer: 19 }),
      cell({ eenheid: 'per_1000', waarde: 2, teller: 2, noemer: 1000, gebied: '0375' }),
      cell({ eenheid: 'per_1000', waarde: 6, teller: 6, noemer: 1000, gebied: '0377' }),
    ], P);
    expect(rows.map((r) => r.reden_onderdrukking)).toEqual(['kleine_noemer', 'klein_aantal', null]);
  });
  test('a median based on fewer than min_cel cases is suppressed', async () => {
    const rows = await applyDisclosure([cell({ eenheid: 'dagen', waarde: 30, teller: 4 }), cell({ eenheid: 'dagen', waarde: 30, teller: 5, gebied: '0375' })], P);
    expect(rows.map((r) => r.onderdrukt)).toEqual([true, false]);
  });
});

describe('secondary suppression', () => {
  test('a single suppressed cell that follows from its total gets the smallest other non-zero cell suppressed', async () => {
    // total 40 = PO 3 + VO 12 + MBO 25 + SO/VSO 0: hiding PO alone would leave 40 - 12 - 25 = 3.
    const rows = await applyDisclosure([
      cell({ waarde: 40 }),
      cell({ onderwijssoort: 'PO', waarde: 3 }),
      cell({ onderwijssoort: 'VO', waarde: 12 }),
      cell({ onderwijssoort: 'MBO', waarde: 25 }),
      cell({ onderwijssoort: 'SO/VSO', waarde: 0 }),
    ], P);
    expect(find(rows, 'PO').reden_onderdrukking).toBe('klein_aantal');
    expect(find(rows, 'VO').reden_onderdrukking).toBe('secundair');
    expect(find(rows, 'MBO').onderdrukt).toBe(false);
    expect(find(rows, 'SO/VSO').onderdrukt).toBe(false);
    expect(find(rows, null).onderdrukt).toBe(false);
  });
  test('two suppressed cells in a table need nothing more', async () => {
    const rows = await applyDisclosure([
      cell({ waarde: 30 }), cell({ onderwijssoort: 'PO', waarde: 2 }), cell({ onderwijssoort: 'VO', waarde: 3 }),
      cell({ onderwijssoort: 'MBO', waarde: 25 }),
    ], P);
    expect(rows.filter((r) => r.onderdrukt).map((r) => r.onderwijssoort)).toEqual(['PO', 'VO']);
  });
  test('a suppressed gemeente that follows from the region total gets a second gemeente suppressed', async () => {
    const rows = await applyDisclosure([
      cell({ gebiedsniveau: 'regio', gebied: 'testregio', waarde: 31 }),
      cell({ gebied: '0392', waarde: 20 }), cell({ gebied: '0375', waarde: 2 }), cell({ gebied: '0377', waarde: 9 }),
    ], P);
    expect(rows.filter((r) => r.onderdrukt).map((r) => [r.gebied, r.reden_onderdrukking])).toEqual([['0375', 'klein_aantal'], ['0377', 'secundair']]);
  });
  test('secondary suppression cascades: a cell hidden for one table is checked in the crossing table', async () => {
    // soort × onderwijssoort: row LRV (total 14) = PO 2 + VO 12; column VO (total 30) = LRV 12 + 16_UUR 18.
    const rows = await applyDisclosure([
      cell({ soort: 'LRV', waarde: 14 }), cell({ soort: 'LRV', onderwijssoort: 'PO', waarde: 2 }),
      cell({ soort: 'LRV', onderwijssoort: 'VO', waarde: 12 }),
      cell({ onderwijssoort: 'VO', waarde: 30 }), cell({ soort: '16_UUR', onderwijssoort: 'VO', waarde: 18 }),
      cell({ onderwijssoort: 'PO', waarde: 2 }),
    ], P);
    // LRV/PO (2) is hidden; protecting it hides another cell of the LRV row, and that one in turn is protected
    // in the VO column: no hidden cell can be narrowed down.
    expect(rows.find((r) => r.soort === 'LRV' && r.onderwijssoort === 'PO')!.onderdrukt).toBe(true);
    expect(rows.filter((r) => r.reden_onderdrukking === 'secundair').length).toBeGreaterThanOrEqual(1);
    expect(await exposed(rows)).toEqual([]);
  });
});

describe('rates follow their counts', () => {
  const links = { 'JV-AV-1000': { teller: 'LT-AV-TOT' } };
  const rate = (over: Partial<StoreRow>) => cell({ indicator: 'JV-AV-1000', eenheid: 'per_1000', noemer: 1000, ...over });
  test('a rate whose numerator count is hidden (here: secondarily) is hidden too, since it is published with its teller', async () => {
    // Region 40 = 0392 3 + 0375 37: 0392 is hidden (primary), so 0375 is hidden to protect it (secondary).
    const rows = await applyDisclosure([
      cell({ gebiedsniveau: 'regio', gebied: 'wk', waarde: 40 }),
      cell({ gebied: '0392', waarde: 3 }),
      cell({ gebied: '0375', waarde: 37 }),
      rate({ gebied: '0375', waarde: 37, teller: 37 }),
      rate({ gebiedsniveau: 'regio', gebied: 'wk', waarde: 20, teller: 40, noemer: 2000 }),
    ], P, {}, links);
    const r0375 = rows.find((r) => r.indicator === 'JV-AV-1000' && r.gebied === '0375')!;
    expect(rows.find((r) => r.indicator === 'LT-AV-TOT' && r.gebied === '0375')!.reden_onderdrukking).toBe('secundair');
    expect(r0375.onderdrukt).toBe(true);
    expect(r0375.reden_onderdrukking).toBe('secundair');
    // The region's count is published, so its rate is too.
    expect(rows.find((r) => r.indicator === 'JV-AV-1000' && r.gebied === 'wk')!.onderdrukt).toBe(false);
  });
  test('without a link in the catalog a rate is judged on its own numbers only', async () => {
    const rows = await applyDisclosure([cell({ gebied: '0392', waarde: 3 }), rate({ gebied: '0392', waarde: 30, teller: 30 })], P);
    expect(rows[1].onderdrukt).toBe(false);
  });
  test('every teller/noemer link in the catalog points at a count indicator with the same breakdown', async () => {
    const defs = loadCatalog();
    const linked = defs.filter((d) => d.teller || d.noemer);
    expect(linked.map((d) => d.code).sort()).toEqual(['JV-AV-1000', 'JV-RV-1000', 'JV-THUIS-1000', 'KW-AV-1000', 'KW-BINNEN-3M', 'RMC-BEREIKT-PCT', 'RMC-VSV-PCT']);
    for (const d of linked) {
      for (const c of [d.teller, d.noemer].filter(Boolean)) {
        const target = defs.find((x) => x.code === c)!;
        expect(COUNT_UNITS.has(target.eenheid), `${d.code} → ${c}`).toBe(true);
        for (const dim of d.dimensies) expect(target.dimensies, `${d.code} → ${c}`).toContain(dim);
      }
    }
  });
});

describe('RMC-region totals', () => {
  test('a suppressed gemeente that follows from its RMC-region total gets a second gemeente suppressed', async () => {
    const rows = await applyDisclosure([
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebiedsniveau: 'rmc_regio', gebied: '25', waarde: 30 }),
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebied: '0392', waarde: 19 }),
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebied: '0473', waarde: 4 }),
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebied: '0375', waarde: 7 }),
    ], P, { '0392': '25', '0473': '25', '0375': '25' });
    expect(rows.filter((r) => r.onderdrukt).map((r) => [r.gebied, r.reden_onderdrukking])).toEqual([['0473', 'klein_aantal'], ['0375', 'secundair']]);
  });
});

describe('the leaks of issue 13, each with the pattern the old suppression published', () => {
  test('every other part is 0: the total is hidden instead of giving up', async () => {
    // Verlof of Velsen: total 3 = artikel 14 (3) + 13A (0): hiding only the 3 leaves it equal to the total.
    const cells = [
      cell({ indicator: 'JV-VERLOF', eenheid: 'aanvragen', waarde: 3 }),
      cell({ indicator: 'JV-VERLOF', eenheid: 'aanvragen', artikel: '14', waarde: 3 }),
      cell({ indicator: 'JV-VERLOF', eenheid: 'aanvragen', artikel: '13A', waarde: 0 }),
    ];
    expect(await exposed(hiddenAs(cells, [1]))).toEqual(['JV-VERLOF 2024/2025 gemeente 0392 (artikel 14)']);
    const rows = await applyDisclosure(cells, P);
    expect(rows.map((r) => r.onderdrukt)).toEqual([true, true, false]);
    expect(await exposed(rows)).toEqual([]);
  });
  test('two hidden cells with a small published sum are protected by a third', async () => {
    // Interventies: 70 = PV_OUDERS 1 + PV_JONGERE 1 + GESPREK 68: the two hidden cells add up to 2, so both are 1.
    const cells = [
      cell({ indicator: 'JV-INTERVENTIES', eenheid: 'acties', waarde: 70 }),
      cell({ indicator: 'JV-INTERVENTIES', eenheid: 'acties', soort: 'GESPREK', waarde: 68 }),
      cell({ indicator: 'JV-INTERVENTIES', eenheid: 'acties', soort: 'PV_JONGERE', waarde: 1 }),
      cell({ indicator: 'JV-INTERVENTIES', eenheid: 'acties', soort: 'PV_OUDERS', waarde: 1 }),
    ];
    expect((await exposed(hiddenAs(cells, [2, 3]))).length).toBe(2);
    const rows = await applyDisclosure(cells, P);
    expect(rows[1].onderdrukt).toBe(true);
    expect(await exposed(rows)).toEqual([]);
  });
  test('the office region is the sum of its RMC-region parts', async () => {
    // Region 98 = RMC 25 (94: 0392 60 + 0375 34) + RMC 24 part (Uitgeest 0450: 4). Hiding Uitgeest and, for the
    // region total, Beverwijk leaves 98 − 94 = 4.
    const g = (gebiedsniveau: string, gebied: string, waarde: number) => cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebiedsniveau, gebied, waarde });
    const cells = [g('gemeente', '0375', 34), g('gemeente', '0392', 60), g('gemeente', '0450', 4), g('regio', 'wk', 98), g('rmc_regio', '24', 4), g('rmc_regio', '25', 94)];
    const rmcOf = { '0375': '25', '0392': '25', '0450': '24' };
    expect(await exposed(hiddenAs(cells, [0, 2, 4]), rmcOf)).toContain('RMC-18PLUS 2024/2025 gemeente 0450');
    const rows = await applyDisclosure(cells, P, rmcOf);
    expect(rows[2].onderdrukt).toBe(true);
    expect(await exposed(rows, rmcOf)).toEqual([]);
  });
  test('thuiszitters = absoluut verzuim + langdurig relatief verzuim', async () => {
    // Zandvoort: 29 thuiszitters = 28 absoluut verzuimers + 1 LRV (start) + 0 LRV (nieuw): 29 − 28 = 1.
    const cells = [
      cell({ indicator: 'JV-THUIS', waarde: 29 }), cell({ indicator: 'LT-AV-TOT', waarde: 28 }),
      cell({ indicator: 'LT-LRV-START', waarde: 1 }), cell({ indicator: 'LT-LRV-NIEUW', waarde: 0 }),
    ];
    expect(await exposed(hiddenAs(cells, [2]))).toEqual(['LT-LRV-START 2024/2025 gemeente 0392']);
    const rows = await applyDisclosure(cells, P);
    expect(rows.filter((r) => r.onderdrukt).length).toBe(2);
    expect(await exposed(rows)).toEqual([]);
  });
  test('kwartaal periods: the schooljaar up to a quarter is the schooljaar up to the quarter before plus the quarter', async () => {
    // 2025-K1: 2 interventies; up to K4 40, up to K1 42, all published: 42 − 40 = 2 gives the quarter away.
    const k = (schooljaar: string, waarde: number) => cell({ indicator: 'KW-INTERVENTIES', eenheid: 'acties', schooljaar, waarde });
    const cells = [k('2025-K1', 2), k('2024/2025 t/m K4', 40), k('2024/2025 t/m K1', 42), k('2024-K4', 30)];
    expect(await exposed(hiddenAs(cells, [0]))).toEqual(['KW-INTERVENTIES 2025-K1 gemeente 0392']);
    const rows = await applyDisclosure(cells, P);
    expect(rows[0].onderdrukt).toBe(true);
    expect(rows.filter((r) => r.onderdrukt).length).toBeGreaterThan(1);
    expect(await exposed(rows)).toEqual([]);
  });
  test('a small count is not narrowed below its protection width: "<5" tells no more than 1 to 4', async () => {
    // 2 = PO 1 + VO 1 with both hidden: each hidden count is at least 1, so both are exactly 1.
    const rows = hiddenAs([cell({ waarde: 2 }), cell({ onderwijssoort: 'PO', waarde: 1 }), cell({ onderwijssoort: 'VO', waarde: 1 })], [1, 2]);
    expect((await exposed(rows)).length).toBe(2);
  });
});

describe('what a hidden cell shows', () => {
  test('every hidden cell shows the same mark, whatever the reason', async () => {
    const { Db } = await import('../pipeline/db.ts');
    const { Figures, HIDDEN_MARK } = await import('../pipeline/reports/figures.ts');
    const db = await Db.open({ threads: 1 });
    await db.run(`CREATE TABLE int_schooljaren AS SELECT '2024/2025' AS schooljaar, 2024 AS jaar`);
    await db.run(`CREATE TABLE extract_meta AS SELECT DATE '2025-10-15' AS extractdatum`);
    await db.run(`CREATE TABLE stg_verzuimmeldingen AS SELECT DATE '2020-01-01' AS datum_melding`);
    await db.run(`CREATE TABLE stg_zaakacties AS SELECT DATE '2020-01-01' AS datum`);
    await db.run(`CREATE TABLE public_indicators AS SELECT * FROM (VALUES
      ('LT-AV-TOT', '2024/2025', '0392', 'PO', NULL::DOUBLE, 'personen', true),
      ('LT-AV-TOT', '2024/2025', '0392', 'VO', NULL::DOUBLE, 'personen', true),
      ('LT-AV-TOT', '2024/2025', '0392', 'MBO', 40, 'personen', false))
      t(indicator, schooljaar, gebied, onderwijssoort, waarde, eenheid, onderdrukt)`);
    for (const d of ['leeftijd', 'soort', 'artikel', 'beslisser', 'besluit', 'reden', 'duur', 'status', 'teller', 'noemer']) await db.run(`ALTER TABLE public_indicators ADD COLUMN ${d} VARCHAR`);
    const F = await Figures.load(db);
    // PO was a small count, VO hidden to protect it: they look the same.
    expect(F.get('LT-AV-TOT', '0392', '2024/2025', { onderwijssoort: 'PO' }).label).toBe(HIDDEN_MARK);
    expect(F.get('LT-AV-TOT', '0392', '2024/2025', { onderwijssoort: 'VO' }).label).toBe(HIDDEN_MARK);
    db.close?.();
  });
});

/**
 * Region R = gemeenten A, B, C, D; each gemeente's total = PO + VO + MBO; the region's cells the sums. One such
 * table per indicator of `indicators` (independent of each other).
 */
function regionTable(indicators = ['LT-AV-TOT']) {
  const values: Record<string, number[]> = { A: [2, 10, 20], B: [8, 3, 20], C: [30, 30, 30], D: [30, 30, 30] };
  const soorten = ['PO', 'VO', 'MBO'];
  const rows: StoreRow[] = [];
  for (const indicator of indicators) {
    for (const [g, v] of Object.entries(values)) {
      rows.push(cell({ indicator, gebied: g, waarde: v[0] + v[1] + v[2] }));
      soorten.forEach((s, k) => rows.push(cell({ indicator, gebied: g, onderwijssoort: s, waarde: v[k] })));
    }
    const sum = (k: number) => Object.values(values).reduce((t, v) => t + v[k], 0);
    rows.push(cell({ indicator, gebiedsniveau: 'regio', gebied: 'R', waarde: sum(0) + sum(1) + sum(2) }));
    soorten.forEach((s, k) => rows.push(cell({ indicator, gebiedsniveau: 'regio', gebied: 'R', onderwijssoort: s, waarde: sum(k) })));
  }
  const rels = relations(rows);
  const at = (g: string, s: string | null) => rows.findIndex((r) => r.gebied === g && r.onderwijssoort === s);
  const inputOf = (hidden: number[]) => ({
    values: rows.map((r) => r.waarde ?? 0),
    hidden: rows.map((_, i) => hidden.includes(i)),
    sensitive: rows.map((r) => (r.waarde ?? 0) > 0 && r.waarde! < P.min_cel),
    relations: rels,
    minCel: P.min_cel,
    area: rows.map((r) => (r.gebiedsniveau === 'gemeente' ? 'ABCD'.indexOf(r.gebied) : -1)),
  });
  /** `n` patterns of hidden cells: each non-zero cell hidden with chance `share` (a fixed seed: always the same). */
  const randomPatterns = (seed: number, share: number, n: number) => {
    const candidates = rows.map((_, i) => i).filter((i) => (rows[i].waarde ?? 0) > 0);
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    return Array.from({ length: n }, () => candidates.filter(() => random() < share));
  };
  /** The cells the LP audit finds an outsider can narrow down with these cells hidden. */
  const exposedIn = async (hidden: number[], o: Parameters<typeof audit>[1] = {}, group?: number[]) =>
    (await audit({ ...inputOf(hidden), group }, { ...o, intervals: false })).map((e) => e.cell).sort((a, b) => a - b);
  return { rows, at, inputOf, randomPatterns, exposedIn };
}

describe('the audit of a large component, in blocks of gemeenten', () => {
  const { at, randomPatterns, exposedIn } = regionTable();
  /**
   * The cells an outsider can narrow down with these cells hidden: as one LP, in blocks of one gemeente, and in
   * blocks with a first pass over groups of gemeenten (A and B, C and D: as the gemeenten of two RMC regions).
   */
  async function both(hidden: number[]): Promise<{ whole: number[]; blocks: number[]; groups: number[] }> {
    const blocks = { blocks: { whole: 1, size: 1 } };
    // Blocks of 4 with groups: a group (at most 8 hidden cells) stays under the last pass's 16.
    return { whole: await exposedIn(hidden), blocks: await exposedIn(hidden, blocks), groups: await exposedIn(hidden, { blocks: { whole: 1, size: 4 } }, [0, 0, 1, 1]) };
  }

  test('a rectangle of hidden cells across two gemeenten is proved safe (the second pass puts both in one block)', async () => {
    // A.PO + d, A.VO − d, B.PO − d, B.VO + d keeps every total: A.PO anywhere in 1..9, B.VO in 1..10.
    const r = await both([at('A', 'PO'), at('A', 'VO'), at('B', 'PO'), at('B', 'VO')]);
    expect(r).toEqual({ whole: [], blocks: [], groups: [] });
  });
  test('a cell pinned by a published total is exposed in blocks as in the whole LP', async () => {
    // B.VO published: B.PO = B's total − 3 − 20, and then A.PO = the region's PO − B.PO − 30 − 30.
    const r = await both([at('A', 'PO'), at('A', 'VO'), at('B', 'PO')]);
    expect(r.whole).toEqual([at('A', 'PO'), at('A', 'VO'), at('B', 'PO')]);
    expect(r.blocks).toEqual(r.whole);
    expect(r.groups).toEqual(r.whole);
  });
  test('blocks are never more lenient than the whole LP: every cell the whole LP finds exposed, blocks find too', async () => {
    for (const hidden of randomPatterns(7, 0.4, 40)) {
      const r = await both(hidden);
      expect(r.whole.filter((c) => !r.blocks.includes(c))).toEqual([]);
      expect(r.whole.filter((c) => !r.groups.includes(c))).toEqual([]);
    }
  });
});

describe('the audit in worker threads', () => {
  test('finds what the audit in one thread finds, however many threads take the components in turn', async () => {
    // Two independent tables (two components or more per pattern), taken by whichever thread is free.
    const { inputOf, randomPatterns } = regionTable(['LT-AV-TOT', 'LT-HALT']);
    let found = 0;
    for (const hidden of randomPatterns(5, 0.4, 5)) {
      const input = inputOf(hidden);
      const one = await audit(input, { threads: 1 });
      expect(await audit(input, { threads: 2 })).toEqual(one);
      expect(await audit(input, { threads: 3 })).toEqual(one);
      found += one.length;
    }
    expect(found).toBeGreaterThan(0);
  });
});

describe('the repair in worker threads', () => {
  test('hides what the repair in one thread hides: each component is repaired on its own', async () => {
    const { inputOf, randomPatterns } = regionTable(['LT-AV-TOT', 'LT-HALT']);
    let hidden = 0;
    for (const pattern of randomPatterns(7, 0.4, 6)) {
      const input = inputOf(pattern);
      const exposed = (await audit(input, { threads: 1 })).map((e) => e.cell);
      const one = await repair(input, exposed, { threads: 1 });
      expect(await repair(input, exposed, { threads: 2 })).toEqual(one);
      hidden += one.hide.length;
    }
    expect(hidden).toBeGreaterThan(0);
  });
});

describe('complements chosen by LP (repair)', () => {
  const { at, inputOf, randomPatterns, exposedIn } = regionTable();

  test('the cheapest published cell that lets the exposed cells reach their protection is hidden, and the pattern is then safe', async () => {
    // Hidden A.PO 2, A.VO 10, B.PO 8: B.PO = B's total 31 − 3 − 20, so all three are pinned. For A.PO to reach
    // 2 + 3, A.VO goes to 7, B.PO to 5 (the region's PO), and B.VO (3, the cheapest) to 6, B.MBO (20) staying.
    const hidden = [at('A', 'PO'), at('A', 'VO'), at('B', 'PO')];
    const exposed = await exposedIn(hidden);
    expect(exposed).toEqual(hidden);
    const r = await repair(inputOf(hidden), exposed);
    expect(r).toEqual({ hide: [at('B', 'VO')], unfixed: [], unproved: [] });
    expect(await exposedIn([...hidden, ...r.hide])).toEqual([]);
  });
  test('on random patterns, in blocks of one gemeente too, nothing the repair claims to protect can be worked back', async () => {
    let repaired = 0;
    for (const hidden of randomPatterns(11, 0.3, 40)) {
      const exposed = await exposedIn(hidden);
      if (exposed.length) repaired++;
      for (const blocks of [undefined, { whole: 1, size: 1 }]) {
        const r = await repair(inputOf(hidden), exposed, { blocks });
        // Not proved by the repair: left for the audit (and another round of the suppression).
        const left = new Set([...r.unfixed, ...r.unproved]);
        expect((await exposedIn([...hidden, ...r.hide])).filter((c) => !left.has(c))).toEqual([]);
      }
    }
    expect(repaired).toBeGreaterThan(20);
  });
});

describe('relations enter as equalities wherever they hold', () => {
  test('a part equal to its total: an outsider may guess the equality, so the audit assumes it', () => {
    // absoluut verzuim > 3 maanden = absoluut verzuim = 2 here.
    const rows = [cell({ indicator: 'LT-AV-TOT', waarde: 2 }), cell({ indicator: 'LT-AV-3M', waarde: 2 })];
    expect(relations(rows).map((r) => r.kind)).toEqual(['eq']);
  });
  test('a part below its total is only at most the total', () => {
    const rows = [cell({ indicator: 'LT-AV-TOT', waarde: 3 }), cell({ indicator: 'LT-AV-3M', waarde: 2 })];
    expect(relations(rows).map((r) => r.kind)).toEqual(['ge']);
  });
});

describe('the LP of a block, reduced once for all its solves', () => {
  // Cells: 0 T1 = 7 and 1 T2 = 5 and 2 T3 = 6 published; a, b, c, d hidden (4, 3, 2, 2).
  // T1 = a + b, T2 = b + c, T3 = a + d: each an equation of two hidden cells, so the reduced LP has one column
  // (a) and every other cell is ± a + offset: b = 7 − a, c = 5 − b = a − 2, d = 6 − a. With every hidden cell
  // at least 1: a ≤ 6 (b), a ≥ 3 (c), a ≤ 5 (d), so a ∈ [3, 5], b ∈ [2, 4], c ∈ [1, 3], d ∈ [1, 3]: each holds
  // three whole numbers, fewer than the four of "1 to 4", so each is exposed, with exactly these intervals.
  const values = [7, 5, 6, 4, 3, 2, 2];
  const eq = (total: number, parts: number[]) => ({ cells: [total, ...parts], coef: [1, ...parts.map(() => -1)], kind: 'eq' as const });
  const input = {
    values, minCel: 5,
    hidden: [0, 0, 0, 1, 1, 1, 1],
    sensitive: [0, 0, 0, 1, 1, 1, 1],
    relations: [eq(0, [3, 4]), eq(1, [4, 5]), eq(2, [3, 6])],
  };
  test('each cell is worked back through the chain of equations, signs and offsets included', async () => {
    expect(await audit(input)).toEqual([
      { cell: 3, lo: 3, hi: 5 }, { cell: 4, lo: 2, hi: 4 }, { cell: 5, lo: 1, hi: 3 }, { cell: 6, lo: 1, hi: 3 },
    ]);
  });
  test('with one published total higher, the chain leaves each cell the room of "1 to 4": nothing exposed', async () => {
    // T3 = 8: d = 8 − a, so a ≤ 7 and a ∈ [3, 6] (b ≥ 1), four whole numbers; b ∈ [1, 4], c ∈ [1, 4], d ∈ [2, 5].
    expect(await audit({ ...input, values: [7, 5, 8, 4, 3, 2, 4] })).toEqual([]);
  });
});

describe('quarters and their running totals: an equation of three hidden cells', () => {
  // Cells: 0 q1, 1 q2, 2 q3 (quarters), 3 c2 = q1 + q2 (up to the second quarter), all hidden; 4 c3 = c2 + q3
  // published. c3 = c2 + q3 has two hidden cells (c2 = c3 − q3), so c2 = q1 + q2 is q1 + q2 + q3 = c3: each
  // quarter at least 1, c2 = c3 − q3.
  const eq = (total: number, parts: number[]) => ({ cells: [total, ...parts], coef: [1, ...parts.map(() => -1)], kind: 'eq' as const });
  const input = (values: number[]) => ({
    values, minCel: 5, hidden: [1, 1, 1, 1, 0], sensitive: values.map((v, c) => (c < 4 && v < 5 ? 1 : 0)),
    relations: [eq(3, [0, 1]), eq(4, [3, 2])],
  });
  test('c3 = 6: each quarter can be 1 to 4 (the others at least 1), c2 2 to 5: nothing exposed', async () => {
    expect(await audit(input([2, 3, 1, 5, 6]))).toEqual([]);
  });
  test('c3 = 5: each quarter is 1 to 3 and c2 (4) is 2 to 4, fewer than the four whole numbers of "1 to 4": all exposed', async () => {
    expect(await audit(input([2, 2, 1, 4, 5]))).toEqual([{ cell: 0, lo: 1, hi: 3 }, { cell: 1, lo: 1, hi: 3 }, { cell: 2, lo: 1, hi: 3 }, { cell: 3, lo: 2, hi: 4 }]);
  });
});

describe('the reduced LP of a long chain of two-cell equations', () => {
  // k hidden cells of 5, each pair x_{i+1} + x_i = 10 published: one column after the reduction, every cell
  // in [1, 9] (safe). The union-find's chain is k deep (each equation hangs the older root under the newer).
  test('is reduced without running out of stack', async () => {
    const k = 10_000;
    const values = [...Array(k).fill(5), ...Array(k - 1).fill(10)];
    const relations = Array.from({ length: k - 1 }, (_, i) => ({ cells: [k + i, i + 1, i], coef: [1, -1, -1], kind: 'eq' as const }));
    expect(await audit({ values, hidden: values.map((_, c) => (c < k ? 1 : 0)), sensitive: values.map(() => 0), relations, minCel: 5 })).toEqual([]);
  });
});

describe('an interval that holds too few whole numbers is exposed, however wide', () => {
  // T = x + y = 5 published (x 3, y 2 hidden), x − y ≥ 0, x − y ≤ P = 2: x ∈ [2.5, 3.5] and y ∈ [1.5, 2.5], each
  // one wide but holding one whole number: counts are whole, so an outsider works both back exactly.
  test('x = 3 and y = 2 are exposed', async () => {
    const input = {
      values: [5, 3, 2, 2], hidden: [0, 1, 1, 0], sensitive: [0, 0, 0, 0], minCel: 5,
      relations: [
        { cells: [0, 1, 2], coef: [1, -1, -1], kind: 'eq' as const },
        { cells: [1, 2], coef: [1, -1], kind: 'ge' as const },
        { cells: [1, 2, 3], coef: [1, -1, -1], kind: 'le' as const },
      ],
    };
    expect(await audit(input)).toEqual([{ cell: 1, lo: 3, hi: 3 }, { cell: 2, lo: 2, hi: 2 }]);
  });
});
