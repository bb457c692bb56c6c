/**
 * What happens to a pupil in the event history window [W, extract date]: verzuimmeldingen and the zaken
 * and zaakacties they lead to, absoluut-verzuim zaken for enrollment gaps, verlofaanvragen, and RMC
 * trajecten for leavers without startkwalificatie, JIKP leavers and 18+ verzuim.
 */
import { CODES } from '../contract.ts';
import { ageAt, aug1, day, iso, isoOrEmpty, MONTH, OPEN, schooljaarStart, YEAR } from './dates.ts';
import { N_MBO1, N_PRO, N_VMBO_B, N_VMBO_K, S_HO, S_MBO, S_PO, S_SO, S_VAVO, S_VO, S_VSO, type Ctx, type Person } from './person.ts';
import type { Rng } from './prng.ts';

const ix = <T extends readonly string[]>(l: T) => (c: T[number]) => l.indexOf(c);
const ms = ix(CODES.meldingSoort), st = ix(CODES.meldingStatus), rd = ix(CODES.redenAfsluiting);
const zs = ix(CODES.zaakSoort), acs = ix(CODES.actieSoort), dg = ix(CODES.doelgroep), rs = ix(CODES.trajectResultaat);

const M_16 = ms('16_UUR'), M_LRV = ms('LRV'), M_LUXE = ms('LUXE'), M_SIGNAAL = ms('SIGNAAL'), M_18 = ms('18_PLUS'), M_OVERIG = ms('OVERIG');
const ST_GEREG = st('GEREGISTREERD'), ST_INBEH = st('IN_BEHANDELING'), ST_AFGESL = st('AFGESLOTEN'), ST_INGETR = st('INGETROKKEN'), ST_TK = st('TER_KENNISGEVING');
const RD_TERUG = rd('TERUG_NAAR_SCHOOL'), RD_ANDERE = rd('ANDERE_OPLEIDING'), RD_WERK = rd('WERK'), RD_OVERIG = rd('BEEINDIGD_OVERIG');
const RD_OVERLEDEN = rd('OVERLEDEN'), RD_ZIEK = rd('LANGDURIG_ZIEK'), RD_LEGITIEM = rd('LEGITIEM_AFWEZIG');
const Z_ABS = zs('ABSOLUUT'), Z_REL = zs('RELATIEF'), Z_LUXE = zs('LUXE'), Z_THUIS = zs('THUISZITTER'), Z_RMC = zs('RMC');
const A_GESPREK = acs('GESPREK'), A_HUIS = acs('HUISBEZOEK'), A_WAARSCH = acs('WAARSCHUWING'), A_HALT = acs('HALT');
const A_PVO = acs('PV_OUDERS'), A_PVJ = acs('PV_JONGERE'), A_OM = acs('DOORGELEIDING_OM'), A_ZORG = acs('ZORG'), A_RVDK = acs('RVDK'), A_VT = acs('VEILIG_THUIS');
const DG_NIEUW = dg('NIEUW_VSV'), DG_OUD = dg('OUD_VSV'), DG_JIKP = dg('JIKP'), DG_18 = dg('VERZUIM_18_PLUS');
const R_OND = rs('ONDERWIJS'), R_WMO = rs('WERK_MET_OPLEIDING'), R_WERK = rs('WERK'), R_ZORG = rs('ZORG'), R_SK = rs('STARTKWALIFICATIE');
const R_LEEFTIJD = rs('LEEFTIJD'), R_VERHUISD = rs('VERHUISD'), R_NB = rs('NIET_BEREIKBAAR'), R_GHG = rs('GEEN_HULP_GEWENST'), R_OVERIG = rs('OVERIG');

/** Per onderwijssoort rate table → array indexed by onderwijssoort index. */
function bySoort(r: Partial<Record<(typeof CODES.onderwijssoort)[number], number>>): Float64Array {
  const out = new Float64Array(CODES.onderwijssoort.length);
  for (const [k, v] of Object.entries(r)) out[CODES.onderwijssoort.indexOf(k as never)] = v;
  return out;
}

/** Rates per pupil per schooljaar (see README.md). */
export const RATES_EVENTS = {
  m16: bySoort({ PO: 0.0092, SO: 0.017, VSO: 0.035, VO: 0.035, MBO: 0.058, VAVO: 0.058 }),
  /** 16_UUR is this much more frequent in PRO and VMBO basis/kader */
  m16VmboFactor: 1.5,
  lrv: bySoort({ PO: 0.0005, SO: 0.002, VSO: 0.004, VO: 0.0015, MBO: 0.003, VAVO: 0.003 }),
  luxe: bySoort({ PO: 0.005, SO: 0.002, VSO: 0.002, VO: 0.003 }),
  signaal: 0.008,
  overig: 0.002,
  m18: bySoort({ VSO: 0.02, VO: 0.04, MBO: 0.05, VAVO: 0.04 }),
  /** further meldingen of the same soort in the same year */
  repeat: 0.2,
  ingetrokken: 0.03,
  terKennisgeving: [0.1, 0.02, 0.05, 0.1, 0.08, 0.1] as readonly number[],
  stillOpen: 0.02,
  zaakFromMelding: [0.75, 0.95, 0.85, 0.25, 0.7, 0.4] as readonly number[],
  absoluutZaak: 0.8,
  verlof13a: 0.006,
  verlof14: 0.02,
  nieuwVsvTraject: 0.8,
  oudVsvTraject: 0.5,
  jikpTraject: 0.3,
  verzuim18Traject: 0.5,
  eersteContact: 0.85,
};
const R = RATES_EVENTS;

function count(rng: Rng, rate: number): number {
  if (!(rng.next() < rate)) return 0;
  let n = 1;
  while (n < 4 && rng.next() < R.repeat) n++;
  return n;
}

// ---- verzuimmeldingen ---------------------------------------------------------------------------

function reden(p: Person, rng: Rng, soort: number, c: number): number {
  const v = rng.next();
  const adult = ageAt(p.birth, c) >= 16;
  if (soort === M_LRV) {
    if (v < 0.5) return RD_TERUG;
    if (v < 0.65) return RD_ANDERE;
    if (v < 0.8) return RD_ZIEK;
    if (v < 0.9) return RD_OVERIG;
    if (v < 0.95) return adult ? RD_WERK : RD_TERUG;
    return RD_LEGITIEM;
  }
  if (v < 0.62) return RD_TERUG;
  if (v < 0.74) return RD_LEGITIEM;
  if (v < 0.84) return RD_OVERIG;
  if (v < 0.91) return RD_ANDERE;
  if (v < 0.95) return RD_ZIEK;
  return adult ? RD_WERK : RD_TERUG;
}

const DOORLOOP_MEDIAN = [45, 0, 30, 25, 60, 30];

/** One melding at enrollment `e` starting in [from, to); may open a zaak and an RMC traject. */
function melding(p: Person, ctx: Ctx, soort: number, e: number, from: number, to: number): void {
  const rng = ctx.rng;
  const E = ctx.E;
  let d = from + rng.int(to - from);
  let vt = OPEN;
  let uren = -1;
  let dm: number;
  if (soort === M_16 || soort === M_18) {
    vt = d + 7 + rng.int(22);
    uren = 16 + rng.int(soort === M_18 ? 45 : 25);
    dm = vt + rng.int(6);
  } else if (soort === M_LRV) {
    vt = d + 28 + Math.min(470, Math.floor(rng.logNormal(70, 0.8)));
    if (rng.chance(0.3)) uren = Math.round(((vt - d) / 7) * (18 + rng.int(10)));
    dm = d + 28 + rng.int(12);
  } else if (soort === M_LUXE) {
    // around a holiday: just before or after the summer, Christmas, the May holiday
    const y = YEAR[schooljaarStart(d)];
    const v = rng.int(4);
    const h = v === 0 ? day(y + 1, 7, 3 + rng.int(16)) : v === 1 ? day(y, 8, 25 + rng.int(16)) : v === 2 ? day(y, 12, 14 + rng.int(8)) : day(y + 1, 4, 20 + rng.int(14));
    if (h >= from && h < to) d = h;
    const dagen = 1 + rng.int(10);
    vt = d + dagen;
    uren = dagen * 5 + rng.int(3);
    dm = d + 1 + rng.int(10);
  } else if (soort === M_SIGNAAL) {
    if (rng.chance(0.5)) vt = d + 1 + rng.int(14);
    uren = 4 + rng.int(12);
    dm = d + 1 + rng.int(14);
  } else {
    if (rng.chance(0.7)) vt = d + 1 + rng.int(30);
    dm = d + rng.int(15);
  }
  if (dm > E) return;
  if (vt > E) vt = OPEN;
  // status
  let status: number;
  let c = OPEN;
  let r = -1;
  const u = rng.next();
  if (u < R.ingetrokken) status = ST_INGETR;
  else if (u < R.ingetrokken + R.terKennisgeving[soort]) status = ST_TK;
  else {
    c = soort === M_LRV ? (vt !== OPEN ? vt + rng.int(30) : OPEN) : dm + 1 + Math.floor(rng.logNormal(DOORLOOP_MEDIAN[soort], 0.7));
    if (p.death < c) { c = Math.max(dm, p.death) + rng.int(8); r = RD_OVERLEDEN; }
    if (c <= E && !rng.chance(R.stillOpen)) {
      status = ST_AFGESL;
      if (r < 0) r = reden(p, rng, soort, c);
    } else {
      status = dm > E - 21 && rng.chance(0.6) ? ST_GEREG : ST_INBEH;
      c = OPEN;
      r = -1;
    }
  }
  const k = ++p.nMelding;
  const id = `MLD${p.id}-${k}`;
  ctx.out.verzuimmeldingen.add(
    `${id},${p.bsn},${ctx.brins[p.enr.c[e]]},${CODES.meldingSoort[soort]},${iso(dm)},${iso(d)},${isoOrEmpty(vt)},${uren >= 0 ? uren : ''},${CODES.meldingStatus[status]},${r >= 0 ? CODES.redenAfsluiting[r] : ''},${status === ST_AFGESL ? iso(c) : ''}\n`,
  );
  if (status === ST_INGETR || status === ST_TK || status === ST_GEREG || r === RD_OVERLEDEN) return;
  if (rng.chance(R.zaakFromMelding[soort])) {
    const zv = dm + rng.int(8);
    if (zv <= E) {
      let zt = status === ST_AFGESL ? Math.max(zv, c + rng.int(15)) : OPEN;
      if (zt > E) zt = OPEN;
      const zsoort = soort === M_LUXE ? Z_LUXE : soort === M_18 ? Z_RMC
        : soort === M_LRV && (vt === OPEN || vt - d > 90) && rng.chance(0.6) ? Z_THUIS : Z_REL;
      zaak(p, ctx, zsoort, id, zv, zt);
    }
  }
  if (soort === M_18 && rng.chance(R.verzuim18Traject)) traject(p, ctx, DG_18, dm + rng.int(15), OPEN);
}

/** The melding a school makes when a pupil dies. */
function deathMelding(p: Person, ctx: Ctx): void {
  const rng = ctx.rng;
  if (p.death > ctx.E || p.death < ctx.W) return;
  const age = ageAt(p.birth, p.death);
  if (age < 5 || age > 22) return;
  for (let e = 0; e < p.enr.n; e++) {
    if (p.enr.tot[e] !== p.death || p.enr.a[e] === S_HO || !rng.chance(0.5)) continue;
    const d = Math.max(p.enr.van[e], p.death - 1 - rng.int(20));
    const dm = Math.min(ctx.E, d + rng.int(5));
    const c = p.death + 1 + rng.int(14);
    const k = ++p.nMelding;
    const closed = c <= ctx.E;
    ctx.out.verzuimmeldingen.add(
      `MLD${p.id}-${k},${p.bsn},${ctx.brins[p.enr.c[e]]},${CODES.meldingSoort[M_OVERIG]},${iso(dm)},${iso(d)},${iso(p.death)},,${CODES.meldingStatus[closed ? ST_AFGESL : ST_INBEH]},${closed ? CODES.redenAfsluiting[RD_OVERLEDEN] : ''},${closed ? iso(c) : ''}\n`,
    );
  }
}

// ---- zaken and zaakacties -----------------------------------------------------------------------

/** Per zaak soort (ABSOLUUT, RELATIEF, LUXE, THUISZITTER, RMC): chance of each action. */
export const RATES_ACTIES = {
  huisbezoek: [0.5, 0.12, 0.05, 0.4, 0.1],
  waarschuwing: [0.2, 0.2, 0.3, 0.15, 0],
  halt: [0.02, 0.04, 0.05, 0.01, 0],
  pvOuders: [0.15, 0.025, 0.1, 0.05, 0],
  pvJongere: [0.05, 0.02, 0.01, 0.03, 0.01],
  omAfterPv: 0.3,
  om: 0.003,
  zorg: [0.2, 0.12, 0.02, 0.45, 0.2],
  rvdk: [0.05, 0.01, 0.005, 0.05, 0.005],
  veiligThuis: [0.02, 0.008, 0.002, 0.03, 0.005],
};
const RA = RATES_ACTIES;
const acDay = new Int32Array(16);
const acSoort = new Int8Array(16);
let nAc = 0;

function addActie(rng: Rng, van: number, len: number, s: number, first: boolean): void {
  if (nAc >= 16) return;
  const d = first ? van + rng.int(Math.min(14, len)) : van + rng.int(len);
  let i = nAc++;
  while (i > 0 && acDay[i - 1] > d) { acDay[i] = acDay[i - 1]; acSoort[i] = acSoort[i - 1]; i--; }
  acDay[i] = d; acSoort[i] = s;
}

function zaak(p: Person, ctx: Ctx, soort: number, meldingId: string, van: number, tot: number): void {
  const rng = ctx.rng;
  const k = ++p.nZaak;
  const id = `ZAK${p.id}-${k}`;
  ctx.out.zaken.add(`${id},${p.bsn},${CODES.zaakSoort[soort]},${meldingId},${iso(van)},${isoOrEmpty(tot)}\n`);
  const end = tot === OPEN ? ctx.E : tot;
  const len = end - van + 1;
  const age = ageAt(p.birth, van);
  nAc = 0;
  if (rng.chance(0.92)) { addActie(rng, van, len, A_GESPREK, true); if (rng.chance(0.3)) addActie(rng, van, len, A_GESPREK, false); }
  if (rng.chance(RA.huisbezoek[soort])) addActie(rng, van, len, A_HUIS, false);
  if (rng.chance(RA.waarschuwing[soort])) addActie(rng, van, len, A_WAARSCH, false);
  if (age >= 12 && age < 18 && rng.chance(RA.halt[soort])) addActie(rng, van, len, A_HALT, false);
  let pv = false;
  if (age < 18 && rng.chance(RA.pvOuders[soort])) { addActie(rng, van, len, A_PVO, false); pv = true; }
  if (age >= 12 && rng.chance(RA.pvJongere[soort])) { addActie(rng, van, len, A_PVJ, false); pv = true; }
  if (rng.chance(pv ? RA.omAfterPv : RA.om)) addActie(rng, van, len, A_OM, false);
  if (rng.chance(RA.zorg[soort])) addActie(rng, van, len, A_ZORG, false);
  if (rng.chance(RA.rvdk[soort])) addActie(rng, van, len, A_RVDK, false);
  if (rng.chance(RA.veiligThuis[soort])) addActie(rng, van, len, A_VT, false);
  for (let i = 0; i < nAc; i++) {
    const a = ++p.nActie;
    ctx.out.zaakacties.add(`ACT${p.id}-${a},${id},${iso(acDay[i])},${CODES.actieSoort[acSoort[i]]}\n`);
  }
}

/** First day of an enrollment (any kind) starting on or after d, or OPEN. */
function nextEnrollmentAfter(p: Person, d: number): number {
  let best = OPEN;
  for (let i = 0; i < p.enr.n; i++) if (p.enr.van[i] >= d && p.enr.van[i] < best) best = p.enr.van[i];
  return best;
}

/** Absoluut verzuim: gaps in enrollment while in beeld (leer- or kwalificatieplichtig), not exempted. */
function absoluut(p: Person, ctx: Ctx): void {
  for (let j = 0; j < p.act.n; j++) {
    let t = p.act.a[j];
    const tEnd = Math.min(p.act.tot[j], p.limit + 1, ctx.E + 1);
    for (let i = 0; i < p.enr.n && t < tEnd; i++) {
      if (p.enr.a[i] === S_HO || p.enr.tot[i] <= t) continue;
      if (p.enr.van[i] >= tEnd) break;
      if (p.enr.van[i] > t) gap(p, ctx, t, p.enr.van[i]);
      t = Math.max(t, p.enr.tot[i]);
    }
    if (t < tEnd) gap(p, ctx, t, tEnd);
  }
}

function gap(p: Person, ctx: Ctx, g0: number, g1: number): void {
  const rng = ctx.rng;
  const obligEnd = Math.max(p.lpEnd, Math.min(p.b18, p.sk));
  g0 = Math.max(g0, p.lpStart, ctx.W - 120);
  g1 = Math.min(g1, obligEnd);
  if (g1 - g0 < 14 || p.blockedAt(g0)) return;
  if (MONTH[g0] === 8 && g1 <= day(YEAR[g0], 9, 1)) return; // changing school over the summer
  if (!rng.chance(R.absoluutZaak)) return;
  const zv = g0 + 7 + rng.int(Math.min(30, (g1 - g0) >> 1));
  if (zv > ctx.E || zv >= g1) return;
  let zt = g1 + rng.int(15);
  if (zt > ctx.E) zt = OPEN;
  zaak(p, ctx, Z_ABS, '', zv, zt);
}

// ---- RMC trajecten ------------------------------------------------------------------------------

let tTot = 0;
let tRes = -1;
function take(van: number, d: number, r: number): void {
  if (d > van && d < tTot) { tTot = d; tRes = r; }
}

/** Opens a traject on `van` and closes it on the first of: re-enrollment, startkwalificatie, 23, moving, death, or a planned end. */
function traject(p: Person, ctx: Ctx, doelgroep: number, van: number, reEnroll: number): void {
  const rng = ctx.rng;
  const E = ctx.E;
  if (van > E || van > p.limit || van >= p.b23 || p.activeAt(van) < 0) return;
  let contact = rng.chance(R.eersteContact) ? van + rng.int(46) : OPEN;
  const planned = doelgroep === DG_JIKP ? van + 365 : doelgroep === DG_OUD ? van + 90 + rng.int(600) : van + 60 + rng.int(340);
  tTot = planned;
  tRes = -1;
  take(van, reEnroll === OPEN ? OPEN : reEnroll + rng.int(30), rng.chance(0.85) ? R_OND : R_WMO);
  if (p.sk !== OPEN) take(van, p.sk, R_SK);
  take(van, p.b23, R_LEEFTIJD);
  const a = p.activeAt(van);
  if (p.act.tot[a] !== OPEN && p.act.tot[a] !== p.death) take(van, p.act.tot[a], R_VERHUISD);
  if (p.death !== OPEN) take(van, p.death, R_OVERIG);
  let tot = tTot;
  let res = tRes;
  if (res < 0) {
    const v = rng.next();
    if (reEnroll <= van) res = v < 0.85 ? R_OND : R_WMO; // in education all along (JIKP followed for a year)
    else if (contact === OPEN || contact >= tot) res = v < 0.8 ? R_NB : R_GHG;
    else if (doelgroep === DG_18) res = v < 0.6 ? R_OND : v < 0.7 ? R_WERK : v < 0.8 ? R_ZORG : v < 0.9 ? R_GHG : R_OVERIG;
    else res = v < 0.35 ? R_WERK : v < 0.5 ? R_ZORG : v < 0.65 ? R_GHG : v < 0.75 ? R_OVERIG : v < 0.9 ? R_OND : R_WMO;
  }
  if (tot > E) { tot = OPEN; res = -1; }
  if (contact !== OPEN && (contact > E || (tot !== OPEN && contact > tot))) contact = OPEN;
  const k = ++p.nTraject;
  ctx.out.rmc_trajecten.add(
    `RMC${p.id}-${k},${p.bsn},${CODES.doelgroep[doelgroep]},${iso(van)},${isoOrEmpty(contact)},${isoOrEmpty(tot)},${res >= 0 ? CODES.trajectResultaat[res] : ''}\n`,
  );
  if ((doelgroep === DG_NIEUW || doelgroep === DG_OUD) && rng.chance(0.4)) zaak(p, ctx, Z_RMC, '', van, tot);
}

/** Leavers: new and old vsv'ers, JIKP. */
function leavers(p: Person, ctx: Ctx): void {
  const rng = ctx.rng;
  for (let i = 0; i < p.enr.n; i++) {
    const s = p.enr.a[i];
    if (s !== S_VO && s !== S_MBO && s !== S_VAVO && s !== S_VSO) continue;
    const t = p.enr.tot[i];
    if (t === OPEN || t < ctx.W - 365 || p.activeAt(t) < 0 || t + 30 >= p.death) continue;
    const age = ageAt(p.birth, t);
    if (age < 12 || age >= 23) continue;
    const next = nextEnrollmentAfter(p, t);
    const continues = next !== OPEN && next < t + 45;
    let opened = false;
    if (!continues && p.sk > t) {
      if (rng.chance(R.nieuwVsvTraject)) { traject(p, ctx, DG_NIEUW, t + 14 + rng.int(76), next); opened = true; }
      const later = t + 365 + rng.int(150);
      const a2 = ageAt(p.birth, later);
      if (next > later && a2 >= 18 && a2 < 23 && p.sk > later && rng.chance(R.oudVsvTraject)) traject(p, ctx, DG_OUD, later, next);
    }
    const n = p.enr.b[i];
    const jikp = s === S_VSO || n === N_PRO || n === N_VMBO_B || n === N_MBO1;
    if (jikp && !opened && age >= 16 && rng.chance(R.jikpTraject)) traject(p, ctx, DG_JIKP, t + rng.int(60), next);
  }
}

// ---- verlof -------------------------------------------------------------------------------------

function verlof(p: Person, ctx: Ctx, from: number, to: number): void {
  const rng = ctx.rng;
  const f = (to - from) / 365;
  for (let art = 0; art < 2; art++) {
    if (!rng.chance((art === 0 ? R.verlof13a : R.verlof14) * f)) continue;
    const aanvraag = from + rng.int(to - from);
    const besluitDag = aanvraag + 1 + rng.int(20);
    if (besluitDag > ctx.E) continue;
    let dagen: number, lpa = false, afgewezen: boolean, bezwaar: boolean;
    if (art === 0) {
      dagen = 1 + rng.int(10);
      afgewezen = rng.chance(0.15);
      bezwaar = afgewezen && rng.chance(0.15);
    } else {
      lpa = rng.chance(0.15);
      dagen = lpa ? 11 + rng.int(30) : 1 + rng.int(10);
      afgewezen = rng.chance(lpa ? 0.25 : 0.08);
      bezwaar = afgewezen && rng.chance(lpa ? 0.25 : 0.08);
    }
    const k = ++p.nVerlof;
    ctx.out.verlofaanvragen.add(
      `VRL${p.id}-${k},${p.bsn},${CODES.verlofArtikel[art]},${dagen},${CODES.beslisser[lpa ? 1 : 0]},${CODES.verlofBesluit[afgewezen ? 1 : 0]},${iso(aanvraag)},${iso(besluitDag)},${bezwaar}\n`,
    );
  }
}

// ---- per person ---------------------------------------------------------------------------------

export function events(p: Person, ctx: Ctx): void {
  const rng = ctx.rng;
  const E = ctx.E;
  const e = p.enr;
  for (let i = 0; i < e.n; i++) {
    const soort = e.a[i];
    if (soort === S_HO) continue;
    const v0 = Math.max(e.van[i], ctx.W);
    const v1 = Math.min(e.tot[i], E + 1, p.limit + 1);
    if (v0 >= v1) continue;
    const vmbo = e.b[i] === N_PRO || e.b[i] === N_VMBO_B || e.b[i] === N_VMBO_K;
    for (let sy = schooljaarStart(v0); sy < v1; sy = aug1(YEAR[sy] + 1)) {
      const s0 = Math.max(v0, sy);
      const s1 = Math.min(v1, aug1(YEAR[sy] + 1));
      if (s1 <= s0) continue;
      const f = (s1 - s0) / 365;
      const mid = (s0 + s1) >> 1;
      if (mid < p.b18 && (mid < p.lpEnd || mid < p.sk)) {
        if (mid < p.lpStart) continue;
        let n = count(rng, R.m16[soort] * f * (vmbo ? R.m16VmboFactor : 1));
        for (let k = 0; k < n; k++) melding(p, ctx, M_16, i, s0, s1);
        n = count(rng, R.lrv[soort] * f);
        if (n) melding(p, ctx, M_LRV, i, s0, s1);
        if (mid < p.lpEnd) {
          n = count(rng, R.luxe[soort] * f);
          for (let k = 0; k < n; k++) melding(p, ctx, M_LUXE, i, s0, s1);
          if (soort === S_PO || soort === S_SO || soort === S_VO || soort === S_VSO) verlof(p, ctx, s0, s1);
        }
        if (rng.chance(R.signaal * f)) melding(p, ctx, M_SIGNAAL, i, s0, s1);
        if (rng.chance(R.overig * f)) melding(p, ctx, M_OVERIG, i, s0, s1);
      } else if (mid >= p.b18 && mid < p.b23 && mid < p.sk) {
        const n = count(rng, R.m18[soort] * f);
        for (let k = 0; k < n; k++) melding(p, ctx, M_18, i, s0, s1);
        if (rng.chance(0.003 * f)) melding(p, ctx, M_SIGNAAL, i, s0, s1);
        if (rng.chance(0.001 * f)) melding(p, ctx, M_OVERIG, i, s0, s1);
      }
    }
  }
  deathMelding(p, ctx);
  absoluut(p, ctx);
  leavers(p, ctx);
}

