import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../pipeline/catalog.ts';
import { applyDisclosure } from '../pipeline/disclosure.ts';
import { COUNT_UNITS, type StoreRow } from '../pipeline/store.ts';

const P = { min_cel: 5, min_noemer: 20 };
function cell(over: Partial<StoreRow>): StoreRow {
  return {
    indicator: 'LT-AV-TOT', schooljaar: '2024/2025', gebiedsniveau: 'gemeente', gebied: '0392',
    onderwijssoort: null, leeftijd: null, soort: null, artikel: null, beslisser: null, besluit: null,
    reden: null, duur: null, status: null, waarde: 0, teller: null, noemer: null, eenheid: 'personen', ...over,
  };
}
const find = (rows: ReturnType<typeof applyDisclosure>, o: string | null) => rows.find((r) => r.onderwijssoort === o)!;

describe('primary suppression', () => {
  test('counts 1..4 are suppressed, 0 and 5 are published', () => {
    const rows = applyDisclosure([0, 1, 4, 5].map((w, i) => cell({ waarde: w, gebied: `000${i}` })), P);
    expect(rows.map((r) => r.onderdrukt)).toEqual([false, true, true, false]);
    expect(rows[1].reden_onderdrukking).toBe('klein_aantal');
  });
  test('a rate with a denominator below min_noemer, or a small numerator, is suppressed', () => {
    const rows = applyDisclosure([
      cell({ eenheid: 'per_1000', waarde: 50, teller: 1 * 5, noemer: 19 }),
      cell({ eenheid: 'per_1000', waarde: 2, teller: 2, noemer: 1000, gebied: '0375' }),
      cell({ eenheid: 'per_1000', waarde: 6, teller: 6, noemer: 1000, gebied: '0377' }),
    ], P);
    expect(rows.map((r) => r.reden_onderdrukking)).toEqual(['kleine_noemer', 'klein_aantal', null]);
  });
  test('a median based on fewer than min_cel cases is suppressed', () => {
    const rows = applyDisclosure([cell({ eenheid: 'dagen', waarde: 30, teller: 4 }), cell({ eenheid: 'dagen', waarde: 30, teller: 5, gebied: '0375' })], P);
    expect(rows.map((r) => r.onderdrukt)).toEqual([true, false]);
  });
});

describe('secondary suppression', () => {
  test('a single suppressed cell that follows from its total gets the smallest other non-zero cell suppressed', () => {
    // total 40 = PO 3 + VO 12 + MBO 25 + SO/VSO 0: hiding PO alone would leave 40 - 12 - 25 = 3.
    const rows = applyDisclosure([
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
  test('two suppressed cells in a table need nothing more', () => {
    const rows = applyDisclosure([
      cell({ waarde: 30 }), cell({ onderwijssoort: 'PO', waarde: 2 }), cell({ onderwijssoort: 'VO', waarde: 3 }),
      cell({ onderwijssoort: 'MBO', waarde: 25 }),
    ], P);
    expect(rows.filter((r) => r.onderdrukt).map((r) => r.onderwijssoort)).toEqual(['PO', 'VO']);
  });
  test('a suppressed gemeente that follows from the region total gets a second gemeente suppressed', () => {
    const rows = applyDisclosure([
      cell({ gebiedsniveau: 'regio', gebied: 'testregio', waarde: 31 }),
      cell({ gebied: '0392', waarde: 20 }), cell({ gebied: '0375', waarde: 2 }), cell({ gebied: '0377', waarde: 9 }),
    ], P);
    expect(rows.filter((r) => r.onderdrukt).map((r) => [r.gebied, r.reden_onderdrukking])).toEqual([['0375', 'klein_aantal'], ['0377', 'secundair']]);
  });
  test('secondary suppression cascades: a cell hidden for one table is checked in the crossing table', () => {
    // soort × onderwijssoort: row LRV (total 14) = PO 2 + VO 12; column VO (total 30) = LRV 12 + 16_UUR 18.
    const rows = applyDisclosure([
      cell({ soort: 'LRV', waarde: 14 }), cell({ soort: 'LRV', onderwijssoort: 'PO', waarde: 2 }),
      cell({ soort: 'LRV', onderwijssoort: 'VO', waarde: 12 }),
      cell({ onderwijssoort: 'VO', waarde: 30 }), cell({ soort: '16_UUR', onderwijssoort: 'VO', waarde: 18 }),
      cell({ onderwijssoort: 'PO', waarde: 2 }),
    ], P);
    const lrvVo = rows.find((r) => r.soort === 'LRV' && r.onderwijssoort === 'VO')!;
    const uurVo = rows.find((r) => r.soort === '16_UUR' && r.onderwijssoort === 'VO')!;
    expect(lrvVo.reden_onderdrukking).toBe('secundair');
    expect(uurVo.reden_onderdrukking).toBe('secundair');
  });
});

describe('rates follow their counts', () => {
  const links = { 'JV-AV-1000': { teller: 'LT-AV-TOT' } };
  const rate = (over: Partial<StoreRow>) => cell({ indicator: 'JV-AV-1000', eenheid: 'per_1000', noemer: 1000, ...over });
  test('a rate whose numerator count is hidden (here: secondarily) is hidden too, since it is published with its teller', () => {
    // Region 40 = 0392 3 + 0375 37: 0392 is hidden (primary), so 0375 is hidden to protect it (secondary).
    const rows = applyDisclosure([
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
  test('without a link in the catalog a rate is judged on its own numbers only', () => {
    const rows = applyDisclosure([cell({ gebied: '0392', waarde: 3 }), rate({ gebied: '0392', waarde: 30, teller: 30 })], P);
    expect(rows[1].onderdrukt).toBe(false);
  });
  test('every teller/noemer link in the catalog points at a count indicator with the same breakdown', () => {
    const defs = loadCatalog();
    const linked = defs.filter((d) => d.teller || d.noemer);
    expect(linked.map((d) => d.code).sort()).toEqual(['JV-AV-1000', 'JV-RV-1000', 'KW-AV-1000', 'KW-BINNEN-3M', 'RMC-BEREIKT-PCT', 'RMC-VSV-PCT']);
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
  test('a suppressed gemeente that follows from its RMC-region total gets a second gemeente suppressed', () => {
    const rows = applyDisclosure([
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebiedsniveau: 'rmc_regio', gebied: '25', waarde: 30 }),
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebied: '0392', waarde: 19 }),
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebied: '0473', waarde: 4 }),
      cell({ indicator: 'RMC-18PLUS', eenheid: 'meldingen', gebied: '0375', waarde: 7 }),
    ], P, { '0392': '25', '0473': '25', '0375': '25' });
    expect(rows.filter((r) => r.onderdrukt).map((r) => [r.gebied, r.reden_onderdrukking])).toEqual([['0473', 'klein_aantal'], ['0375', 'secundair']]);
  });
});

describe('what a hidden cell shows', () => {
  test('"<5" only for a count of 1 to 4; "x" for a larger count hidden to protect another, or a rate or median', async () => {
    const { suppressionMark } = await import('../pipeline/reports/figures.ts');
    expect(suppressionMark({ eenheid: 'personen', reden_onderdrukking: 'klein_aantal' }, '<5')).toBe('<5');
    expect(suppressionMark({ eenheid: 'personen', reden_onderdrukking: 'secundair' }, '<5')).toBe('x');
    expect(suppressionMark({ eenheid: 'dagen', reden_onderdrukking: 'klein_aantal' }, '<5')).toBe('x');
    expect(suppressionMark({ eenheid: 'per_1000', reden_onderdrukking: 'kleine_noemer' }, '<5')).toBe('x');
  });
});
