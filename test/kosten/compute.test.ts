/**
 * The perceel rules on a small region computed by hand (test/kosten/helpers.ts describes it):
 * exact amounts first, then what is printed after rounding.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../pipeline/errors.ts';
import { readBegroting } from '../../pipeline/kosten/begroting.ts';
import { computeKosten, perceelJaar, type PerceelJaar } from '../../pipeline/kosten/compute.ts';
import { Exact } from '../../pipeline/kosten/money.ts';
import { buildUitkomst, csvTables, gemeentenDeel, perceelRegels, roundPerceel } from '../../pipeline/kosten/tables.ts';
import { smallBegroting, smallConfig, smallSleutels } from './helpers.ts';

const b = smallBegroting();
const s = smallSleutels();

/** Exact row totals of a perceel matrix by payer (gemeentecode, or 'RMC'), as decimal strings. */
function payers(pj: PerceelJaar): Record<string, string> {
  return Object.fromEntries(pj.betalers.map((x, i) => [x.code ?? 'RMC', pj.matrix[i].reduce((a, c) => a.add(c), Exact.ZERO).toString()]));
}
const total = (pj: PerceelJaar) => pj.bedragen.reduce((a, c) => a.add(c), Exact.ZERO).toString();

describe('perceel 1: 25% RMC, the rest by inhabitants 5–22', () => {
  const pj = perceelJaar(b, s, 1, 2014);
  it('costs fte × normbedrag, 20% overhead, system cost', () => {
    // 1,5 × 40.000 = 60.000; overhead 12.000; system 10.000
    expect(pj.bedragen.map(String)).toEqual(['60000', '12000', '10000']);
    expect(total(pj)).toBe('82000');
  });
  it('divides 75% over all three gemeenten by 600 : 300 : 100', () => {
    // 82.000 × 25% = 20.500; 61.500 × 0,6 / 0,3 / 0,1
    expect(payers(pj)).toEqual({ '0001': '36900', '0002': '18450', '0003': '6150', RMC: '20500' });
    // the gemeente's share of each line: A 60.000 × 0,75 × 0,6 = 27.000, 12.000 → 5.400, 10.000 → 4.500
    expect(pj.matrix[0].map(String)).toEqual(['27000', '5400', '4500']);
  });
});

describe('perceel 2: by inhabitants 5–17 of its own gemeenten, minus kwalificatieplicht money', () => {
  const pj = perceelJaar(b, s, 2, 2014);
  it('only A and C pay, 450 : 50', () => {
    // 2 × 60.000 = 120.000 + 24.000 overhead = 144.000; A 90%, C 10%
    expect(total(pj)).toBe('144000');
    expect(payers(pj)).toEqual({ '0001': '129600', '0003': '14400' });
  });
  it('subtracts each gemeente\'s own kwalificatieplicht money; B keeps its money (not in perceel 2)', () => {
    const u = buildUitkomst(computeKosten(b, s));
    const g = Object.fromEntries(u.gemeenten[0].map((x) => [x.code, x]));
    expect(g['0001'].p2netto).toBe(12460000n); // 129.600 − 5.000
    expect(g['0003'].p2netto).toBe(1339950n); // 14.400 − 1.000,50
    expect(g['0002'].p2).toBeUndefined();
    expect(g['0002'].kwalificatieplicht).toBeUndefined();
    expect(g['0001'].teBetalen).toBe(3690000n + 12460000n); // perceel 1 + perceel 2 netto
  });
  it('needs 5–17 only of the perceel 2 gemeenten', () => {
    expect(() => perceelJaar(b, smallSleutels({ '0003': { l5_17: undefined } }), 2, 2014)).toThrow(InputError);
    expect(() => perceelJaar(b, smallSleutels({ '0003': { l5_17: undefined } }), 2, 2014)).toThrow(/5–17 jaar for Cedorp/);
  });
});

describe('perceel 3: fictief by 18–22, the RMC coordinator wholly at the contactgemeente', () => {
  const pj = perceelJaar(b, s, 3, 2014);
  it('gives the coordinator and its overhead to the contactgemeente', () => {
    // trajectbegeleider 60.000 + 12.000 overhead shared 150 : 100 (60% / 40%);
    // coördinator 0,5 × 80.000 = 40.000 + 8.000 overhead to A alone
    expect(total(pj)).toBe('120000');
    expect(payers(pj)).toEqual({ '0001': String(36000 + 7200 + 40000 + 8000), '0002': String(24000 + 4800) });
    expect(pj.fictief).toBe(true);
  });
  it('is not in what the gemeenten pay', () => {
    const u = buildUitkomst(computeKosten(b, s));
    const a = u.gemeenten[0].find((g) => g.code === '0001')!;
    expect(a.p3).toBe(9120000n);
    expect(a.teBetalen).toBe(a.p1! + a.p2netto!);
  });
  it('moves the coordinator when the contactgemeente changes', () => {
    const other = smallBegroting();
    other.contactgemeente = '0002';
    expect(payers(perceelJaar(other, s, 3, 2014))).toEqual({ '0001': '43200', '0002': String(28800 + 48000) });
  });
  it('refuses a contactgemeente role when the contactgemeente is not in the perceel', () => {
    const c = smallConfig();
    c.contactgemeente = '0003';
    expect(() => readBegroting(c)).toThrow(/does not take part in perceel 3/);
  });
});

describe('indexation over 3 years', () => {
  const k = computeKosten(b, s);
  it('compounds personnel by 1% and overhead and system by 2% a year', () => {
    expect(k.jaren.map((j) => j.jaar)).toEqual([2014, 2015, 2016]);
    const p1 = k.jaren.map((j) => j.percelen[0].bedragen.map(String));
    expect(p1).toEqual([
      ['60000', '12000', '10000'],
      ['60600', '12240', '10200'],
      ['61206', '12484.8', '10404'],
    ]);
    expect(payers(k.jaren[2].percelen[0]).RMC).toBe('21023.7'); // 84.094,80 × 25%
  });
  it('carries income forward, with a per-year override, and indexes spending as configured', () => {
    expect(k.jaren.map((j) => j.inkomsten[0].bedrag.toString())).toEqual(['150000', '150000', '140000']);
    expect(k.jaren.map((j) => j.uitgaven[0].bedrag.toString())).toEqual(['5000', '5100', '5202']);
  });
  it('adds income minus spending to the RMC reserve', () => {
    const u = buildUitkomst(k);
    const line = (r: string) => u.meerjaren.find((x) => x.regel === r)!.bedragen;
    // 2014: 150.000 − 20.500 (perceel 1 RMC share) − 120.000 (perceel 3) − 5.000 = 4.500
    // 2015: 150.000 − 20.760 − 121.400 − 5.100 = 2.740
    // 2016: 140.000 − 21.023,70 − 122.818 − 5.202 = −9.043,70
    expect(line('saldo')).toEqual([450000n, 274000n, -904370n]);
    expect(line('reserve_rmc_einde')).toEqual([1450000n, 1724000n, 819630n]);
    expect(line('reserve_rmc_begin')).toEqual([1000000n, 1450000n, 1724000n]);
    // 2015: 83.040 + 145.680 + 121.400 + 5.100; 2016: 84.094,80 + 147.381,60 + 122.818 + 5.202
    expect(line('totaal_lasten')).toEqual([35100000n, 35522000n, 35949640n]);
  });
  it('starts later years from the configuration by indexation (--jaar)', () => {
    const later = computeKosten(b, s, { jaar: 2015, jaren: 1 });
    expect(later.jaren[0].percelen[0].bedragen.map(String)).toEqual(['60600', '12240', '10200']);
    expect(() => computeKosten(b, s, { jaar: 2013 })).toThrow(InputError);
  });
});

describe('formatie herverdeeld and the norm', () => {
  const k = computeKosten(b, s);
  it('shares fte by key, the contactgemeente role to the contactgemeente', () => {
    const p1 = k.formatie.find((f) => f.perceel === 1)!;
    expect(p1.matrix.map((r) => r.map(String))).toEqual([['0.9'], ['0.45'], ['0.15']]);
    const p3 = k.formatie.find((f) => f.perceel === 3)!;
    expect(p3.matrix.map((r) => r.map(String))).toEqual([['0.6', '0.5'], ['0.4', '0']]);
  });
  it('computes the Ingrado norm, the caseload variant and the old RMC guideline', () => {
    const nb = smallBegroting({ formatie_norm: { leerlingen_per_fte: 100, rmc_2006: { trajectbegeleiding: 100, rmc_coordinatie: 1000, administratie: 500, applicatiebeheer: 5000 }, functies: [{ perceel: 2, rol: 'leerplichtambtenaar', functie: 'leerplichtambtenaar' }] } });
    const ns = smallSleutels({ '0001': { l16_22: 250 } });
    ns.meldingen = { van: '2012-01-01', tot: '2013-01-01', perGemeente: new Map([['0001', 270], ['0002', 0], ['0003', 3]]) };
    const kk = computeKosten(nb, ns);
    const row = (code: string, f: string) => kk.norm.find((n) => n.gemeente.code === code && n.functie === f)!;
    // A: 450 inhabitants 5–17 / 100 = 4,5 fte function; 60% leerplichtambtenaar = 2,7, 25% administratie = 1,125
    expect(row('0001', 'leerplichtambtenaar').ingrado!.toString()).toBe('2.7');
    expect(row('0001', 'administratie').ingrado!.toString()).toBe('1.125');
    // caseload: 270 / 135 = 2 fte leerplichtambtenaar; the function 2 / 60% = 3,333…; administratie 25% of it
    expect(row('0001', 'leerplichtambtenaar').caseload!.toString()).toBe('2');
    expect(row('0001', 'administratie').caseload!.eq(Exact.frac(5n, 6n))).toBe(true);
    // RMC 2006: 250 inhabitants 16–22 / 100 = 2,5 fte trajectbegeleiding
    expect(row('0001', 'trajectbegeleiding').rmc!.toString()).toBe('2.5');
    // configured: 2 fte × 90% key share
    expect(row('0001', 'leerplichtambtenaar').formatie!.toString()).toBe('1.8');
    // B has no 5–17 and no leerplicht role at the office: unknown, not zero
    expect(row('0002', 'leerplichtambtenaar').ingrado).toBeUndefined();
    expect(row('0002', 'leerplichtambtenaar').formatie).toBeUndefined();

    const u = buildUitkomst(kk);
    const csv = csvTables(u).find((t) => t.name === 'formatie_norm')!.rows;
    const a = csv.find((r) => r.gemeentecode === '0001' && r.functie === 'leerplichtambtenaar')!;
    expect([a.formatie_fte, a.norm_ingrado_fte, a.norm_fte, a.verschil_fte]).toEqual(['1.80', '2.70', '2.70', '-0.90']);
    // administratie is in both guidelines: norm = Ingrado part + RMC part (250 / 500 = 0,5)
    const adm = csv.find((r) => r.gemeentecode === '0001' && r.functie === 'administratie')!;
    expect([adm.norm_ingrado_fte, adm.norm_rmc2006_fte, adm.norm_fte]).toEqual(['1.13', '0.50', '1.63']);
    // C has 3 meldingen (< min_cel 5): its caseload is suppressed, and A's as the other non-zero one
    const c = csv.find((r) => r.gemeentecode === '0003' && r.functie === 'leerplichtambtenaar')!;
    expect([c.norm_caseload_fte, c.caseload_onderdrukt]).toEqual([null, 'true']);
    expect([a.norm_caseload_fte, a.caseload_onderdrukt]).toEqual([null, 'true']);
    const tot = csv.find((r) => r.regel === 'totaal' && r.functie === 'leerplichtambtenaar')!;
    expect(tot.norm_caseload_fte).toBe('2.02'); // (270 + 0 + 3) / 135
    const sl = csvTables(u).find((t) => t.name === 'sleutels')!.rows;
    expect(sl.find((r) => r.gemeentecode === '0003')!.curatieve_meldingen).toBeNull();
    expect(sl.find((r) => r.gemeentecode === '0002')!.curatieve_meldingen).toBe('0');
  });
});

describe('rounding: rows reconcile with the printed totals', () => {
  it('gives thirds of 100,00 as 33,33 + 33,33 + 33,34', () => {
    // 1 fte at € 100 (schaal 1), no overhead, no RMC share, three gemeenten with equal keys
    const eq = smallBegroting({ normbedragen: { 1: 100, 6: 1, 9: 1, 11: 1 }, overhead_pct: 0, systeemkosten: 0, rmc_aandeel_perceel_1_pct: 0 });
    eq.rollen = [{ ...eq.rollen[0], schaal: 1, fte: Exact.ONE, normbedrag: Exact.int(100) }];
    const keys = smallSleutels({ '0001': { l5_22: 7 }, '0002': { l5_22: 7 }, '0003': { l5_22: 7 } });
    const rp = roundPerceel(perceelJaar(eq, keys, 1, 2014));
    expect(rp.r.total).toBe(10000n);
    expect(rp.r.rows.at(-1)).toBe(0n); // the RMC row (0%)
    expect(rp.r.rows.slice(0, 3).sort()).toEqual([3333n, 3333n, 3334n]);
    expect(rp.aandeel.reduce((a, x) => a + x, 0n)).toBe(1_000_000n); // 33,3333% + 33,3333% + 33,3334%
  });

  it('keeps every printed table of the small region additive', () => {
    const u = buildUitkomst(computeKosten(b, smallSleutels({ '0001': { l5_22: 613 }, '0002': { l5_22: 291, l18_22: 97 }, '0003': { l5_17: 53 } })));
    for (const year of u.percelen) {
      for (const rp of year) {
        const { r } = rp;
        expect(r.rows.reduce((a, x) => a + x, 0n)).toBe(r.total);
        expect(r.cols.reduce((a, x) => a + x, 0n)).toBe(r.total);
        r.cells.forEach((row, i) => expect(row.reduce((a, x) => a + x, 0n)).toBe(r.rows[i]));
        const lines = perceelRegels(rp);
        const get = (c: string) => lines.find((l) => l.regel === c)?.bedrag ?? 0n;
        expect(get('personeel_totaal') + get('overhead') + get('systeemkosten')).toBe(get('totaal'));
        if (rp.rmc !== undefined) expect(get('rmc_rijksbijdrage') + gemeentenDeel(rp)).toBe(r.total);
        // the printed total is the exact total rounded
        const exact = rp.pj.bedragen.reduce((a, x) => a.add(x), Exact.ZERO);
        expect(r.total).toBe(exact.roundUnits(100n));
      }
    }
    for (const t of csvTables(u)) {
      if (!['bijdragen', 'gemeenten'].includes(t.name)) continue;
      const groups = new Map<string, Record<string, string | null>[]>();
      for (const row of t.rows) {
        const key = `${row.jaar}-${row.perceel ?? ''}`;
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
      for (const rows of groups.values()) {
        const tot = rows.find((r) => r.regel === 'totaal')!;
        for (const col of t.columns.filter((c) => c.type === 'decimal' && c.name !== 'aandeel_pct')) {
          const parts = rows.filter((r) => r.regel !== 'totaal' && r[col.name] !== null).map((r) => Math.round(Number(r[col.name]) * 100));
          if (tot[col.name] === null) continue;
          expect(parts.reduce((a, x) => a + x, 0)).toBe(Math.round(Number(tot[col.name]) * 100));
        }
      }
    }
  });
});
