/**
 * Exemptions (vrijstellingen, art. 5a/5b/5c/15 Lpw) and vervangende leerplicht (3a/3b). Decided per person
 * before the career, because a granted exemption means no enrollment during it.
 */
import { CODES } from '../contract.ts';
import { addYears, aug1, day, isoOrEmpty, iso, OPEN, schooljaarStart, YEAR } from './dates.ts';
import type { Ctx, Person } from './person.ts';

const A = (code: (typeof CODES.vrijstellingArtikel)[number]) => CODES.vrijstellingArtikel.indexOf(code);
const A_3A = A('3A'), A_3B = A('3B'), A_5A = A('5A'), A_5B = A('5B'), A_5C = A('5C'), A_5AT = A('5A_TREKKEND'), A_15 = A('15');
const B_TOEGEKEND = CODES.vrijstellingBesluit.indexOf('TOEGEKEND');
const B_AFGEWEZEN = CODES.vrijstellingBesluit.indexOf('AFGEWEZEN');
const B_INGETROKKEN = CODES.vrijstellingBesluit.indexOf('INGETROKKEN');

/** Share of persons with an exemption of each kind at some time (see README.md). */
export const RATES_VRIJSTELLING = {
  '5A': 0.008,
  '5B': 0.0006,
  '5C': 0.001,
  '5A_TREKKEND': 0.0004,
  '15': 0.002,
  '3A': 0.0005,
  '3B': 0.0005,
  /** besluit shares for a single request: toegekend, afgewezen (rest: ingetrokken) */
  toegekend: 0.85,
  afgewezen: 0.09,
  /** yearly requests (5B, 5C, trekkend): share afgewezen */
  yearlyAfgewezen: 0.05,
};
const R = RATES_VRIJSTELLING;
const CUM = (() => {
  let acc = 0;
  return (['5A', '5B', '5C', '5A_TREKKEND', '15', '3A', '3B'] as const).map((k) => (acc += R[k]));
})();

export interface Profile {
  /** No school during leerplicht (5B, 5C, trekkend). */
  skipLeerplicht: boolean;
  /** Enrolls in MBO after leerplicht (5B, trekkend). */
  schoolAfter: boolean;
}
const profile: Profile = { skipLeerplicht: false, schoolAfter: false };

/** Adds a vrijstelling row (if it can be in the extract) and its block. */
function row(p: Person, ctx: Ctx, art: number, aanvraag: number, besluit: number, besluitDag: number, van: number, tot: number, blocks: boolean): void {
  if (aanvraag > ctx.E || besluitDag > ctx.E || besluitDag > p.limit + 30) return;
  if (p.activeAt(aanvraag) < 0) return;
  if (van >= 0 && (van > ctx.E || (tot !== OPEN && tot <= van))) return;
  const i = p.vrs.push(van, tot, art, besluit, aanvraag);
  if (i < 0) return;
  p.vrsBesluit[i] = besluitDag;
  if (blocks && besluit === B_TOEGEKEND && van >= 0) p.blocked.push(van, tot);
}

function decision(ctx: Ctx): number {
  const v = ctx.rng.next();
  return v < R.toegekend ? B_TOEGEKEND : v < R.toegekend + R.afgewezen ? B_AFGEWEZEN : B_INGETROKKEN;
}

/** Single request: 5A, 15, 3A, 3B. */
function single(p: Person, ctx: Ctx, art: number, aanvraag: number, vanFrom: number, tot: number, blocks: boolean): void {
  const rng = ctx.rng;
  const besluitDag = aanvraag + 10 + rng.int(46);
  const besluit = decision(ctx);
  if (besluit === B_TOEGEKEND) {
    const van = Math.max(vanFrom, besluitDag);
    row(p, ctx, art, aanvraag, besluit, besluitDag, van, tot === OPEN || tot > van ? tot : OPEN, blocks);
  } else if (besluit === B_INGETROKKEN && rng.chance(0.5)) {
    // granted, then withdrawn
    const van = Math.max(vanFrom, besluitDag);
    row(p, ctx, art, aanvraag, besluit, besluitDag, van, van + 30 + rng.int(270), false);
  } else row(p, ctx, art, aanvraag, besluit, besluitDag, -1, OPEN, false);
}

/** Yearly requests for every schooljaar of [from, to) (5B, 5C, trekkend). */
function yearly(p: Person, ctx: Ctx, art: number, from: number, to: number): void {
  const rng = ctx.rng;
  for (let y = YEAR[schooljaarStart(from)]; aug1(y) < to; y++) {
    const van = Math.max(from, aug1(y));
    const tot = Math.min(to, aug1(y + 1));
    const aanvraag = van === from ? van - 30 - rng.int(90) : day(y, 4, 1) + rng.int(90);
    const besluitDag = aanvraag + 7 + rng.int(35);
    const besluit = rng.chance(R.yearlyAfgewezen) ? B_AFGEWEZEN : B_TOEGEKEND;
    row(p, ctx, art, aanvraag, besluit, besluitDag, besluit === B_TOEGEKEND ? van : -1, besluit === B_TOEGEKEND ? tot : OPEN, true);
  }
}

/** Draws the person's exemption profile; fills p.vrs and p.blocked. */
export function vrijstellingen(p: Person, ctx: Ctx): Profile {
  const rng = ctx.rng;
  profile.skipLeerplicht = false;
  profile.schoolAfter = false;
  const u = rng.next();
  if (u < CUM[0]) {
    const lpDays = Math.max(1, p.lpEnd - 180 - p.lpStart);
    const fromStart = rng.chance(0.4);
    const aanvraag = fromStart ? p.lpStart - 30 - rng.int(60) : p.lpStart + rng.int(lpDays);
    const v = rng.next();
    const vanGuess = fromStart ? p.lpStart : aanvraag + 30;
    const tot = v < 0.4 ? p.b18 : v < 0.8 ? aug1(YEAR[vanGuess] + 1 + rng.int(3)) : OPEN;
    single(p, ctx, A_5A, aanvraag, fromStart ? p.lpStart : 0, tot, true);
  } else if (u < CUM[1]) {
    yearly(p, ctx, A_5B, p.lpStart, p.lpEnd);
    profile.skipLeerplicht = true;
    profile.schoolAfter = true;
  } else if (u < CUM[2]) {
    yearly(p, ctx, A_5C, p.lpStart, p.b18);
    profile.skipLeerplicht = true;
  } else if (u < CUM[3]) {
    yearly(p, ctx, A_5AT, p.lpStart, p.lpEnd);
    profile.skipLeerplicht = true;
    profile.schoolAfter = true;
  } else if (u < CUM[4]) {
    if (p.lpEnd < p.b18 - 60) single(p, ctx, A_15, p.lpEnd + rng.int(p.b18 - 60 - p.lpEnd), 0, p.b18, true);
  } else if (u < CUM[5]) {
    single(p, ctx, A_3A, addYears(p.birth, 14) + rng.int(300), 0, p.lpEnd, false);
  } else if (u < CUM[6]) {
    single(p, ctx, A_3B, addYears(p.birth, 15) + rng.int(250), 0, p.lpEnd, false);
  }
  return profile;
}

export function writeVrijstellingen(p: Person, ctx: Ctx): void {
  const v = p.vrs;
  for (let i = 0; i < v.n; i++) {
    const van = v.van[i] >= 0 ? iso(v.van[i]) : '';
    const tot = v.van[i] >= 0 ? isoOrEmpty(v.tot[i] > ctx.E ? OPEN : v.tot[i]) : '';
    ctx.out.vrijstellingen.add(
      `VRS${p.id}-${i + 1},${p.bsn},${CODES.vrijstellingArtikel[v.a[i]]},${iso(v.c[i])},${CODES.vrijstellingBesluit[v.b[i]]},${iso(p.vrsBesluit[i])},${van},${tot}\n`,
    );
  }
}
