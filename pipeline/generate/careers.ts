/**
 * School careers: the raw career from the 4th birthday on (PO/SO, VO/VSO, MBO/VAVO/HO, diplomas,
 * dropouts, school switches, absoluut-verzuim gaps), then clipped to the periods the person lived in
 * the area and was not exempted, and written as inschrijvingen and diplomas.
 */
import { CODES } from '../contract.ts';
import { addYears, aug1, day, firstOfNextMonth, iso, isoOrEmpty, MONTH, OPEN, schooljaarStart, YEAR } from './dates.ts';
import {
  D_HAVO, D_PRO, D_VMBO, D_VWO, isStartkwalificatie, mboDiploma, mboNiveau, N_HAVO, N_PRO, N_VMBO_B, N_VMBO_GT,
  N_VMBO_K, N_VSO_ARBEID, N_VSO_DAG, N_VSO_VERVOLG, N_VWO, S_HO, S_MBO, S_PO, S_SO, S_VAVO, S_VO, S_VSO,
  type Ctx, type Person,
} from './person.ts';
import { T_HO, T_MBO, T_PO, T_SVO, T_VO } from './schools.ts';

/** Rates (see README.md). */
export const RATES_CAREER = {
  kleuterverlenging: 0.05,
  versnelling: 0.01,
  soTrack: 0.025,
  vsoAfterPo: 0.02,
  /** VO niveau shares at entry: PRO, VMBO_B, VMBO_K, VMBO_GT, HAVO, VWO */
  voShares: [0.03, 0.09, 0.1, 0.22, 0.29, 0.27],
  /** VSO uitstroomprofiel shares: VERVOLGONDERWIJS, ARBEID, DAGBESTEDING */
  vsoShares: [0.35, 0.4, 0.25],
  switchPerYear: { po: 0.015, vo: 0.015, so: 0.03 },
  /** share of school changes with a gap of 1–5 days (the rest: same day) */
  switchGap: 0.03,
  /** absoluut verzuim: a gap of 2 weeks to 8 months between two schools, per leerplichtig year */
  avPerYear: 0.0005,
  moveChangesSchool: 0.85,
  afstroomVwoHavo: 0.1,
  afstroomHavoVmbo: 0.07,
  repeatYear: { vmbo: 0.08, havo: 0.15, vwo: 0.12 },
  voDropoutPerYear: 0.001,
  examPass: { pro: 0.5, vmbo: 0.95, havo: 0.88, vwo: 0.9, retry: 0.85 },
  mboDropoutPerYear: [0, 0.15, 0.075, 0.045, 0.0375],
  /** dropout hazard factor while under 18 (kwalificatieplichtig pupils leave less often) */
  mboDropoutMinorFactor: 0.067,
  mboPass: [0, 0.65, 0.7, 0.72, 0.75],
  /** who fails the MBO diploma tries one more year with this chance (and then passes at mboPass) */
  mboRetry: 0.4,
  /** chance that a dropout without startkwalificatie re-enrolls (within 3–24 months) */
  returnAfterDropout: 0.15,
  /** the same for a leaver under 18 (kwalificatieplichtig), within 2–10 weeks */
  returnMinor: 0.8,
  hoDropoutFirstYear: 0.25,
};
const R = RATES_CAREER;

// ---- raw enrollments ----------------------------------------------------------------------------

const splitDay = new Int32Array(16);
const splitKind = new Int8Array(16);
const K_MOVE = 1, K_SWITCH = 2, K_AV = 3;
let nSplit = 0;

function addSplit(d: number, k: number, from: number, to: number): void {
  if (d <= from || d >= to || nSplit >= 16) return;
  let i = nSplit++;
  while (i > 0 && splitDay[i - 1] > d) { splitDay[i] = splitDay[i - 1]; splitKind[i] = splitKind[i - 1]; i--; }
  splitDay[i] = d; splitKind[i] = k;
}

function pushRaw(p: Person, van: number, tot: number, soort: number, niveau: number, school: number): void {
  if (van < tot && van <= p.limit) p.raw.push(van, tot, soort, niveau, school);
}

/**
 * Enrollment in one kind of education over [from, to), split at school changes (moves, random switches,
 * absoluut-verzuim gaps). Returns the school of the last part.
 */
function span(p: Person, ctx: Ctx, soort: number, niveau: number, type: number, from: number, to: number, school: number): number {
  const rng = ctx.rng;
  if (from >= to || from > p.limit) return school;
  let cur = school >= 0 ? school : ctx.schools.pick(type, p.gemAt(from), rng);
  nSplit = 0;
  for (let i = 1; i < p.res.n; i++) {
    if (p.res.a[i] >= 0 && p.res.a[i - 1] >= 0 && p.res.a[i] !== p.res.a[i - 1]) addSplit(p.res.van[i], K_MOVE, from, to);
  }
  const years = (to - from) / 365;
  const sw = type === T_PO ? R.switchPerYear.po : type === T_SVO ? R.switchPerYear.so : type === T_VO ? R.switchPerYear.vo : 0;
  if (sw && rng.chance(sw * years)) addSplit(from + rng.int(to - from), K_SWITCH, from, to);
  if (type !== T_MBO && type !== T_HO) {
    const a = Math.max(from, p.lpStart), b = Math.min(to, p.lpEnd);
    if (b > a && rng.chance((R.avPerYear * (b - a)) / 365)) addSplit(a + rng.int(b - a), K_AV, from, to);
  }
  let segVan = from;
  const n = nSplit;
  for (let k = 0; k < n; k++) {
    const d = splitDay[k];
    if (d <= segVan) continue;
    if (splitKind[k] === K_MOVE && !rng.chance(R.moveChangesSchool)) continue;
    pushRaw(p, segVan, d, soort, niveau, cur);
    let gap: number;
    if (splitKind[k] === K_AV) gap = 14 + Math.min(226, Math.floor(rng.logNormal(40, 0.8)));
    else gap = rng.chance(R.switchGap) ? 1 + rng.int(5) : 0;
    const prev = cur;
    cur = ctx.schools.pick(type, p.gemAt(d), rng);
    if (cur === prev) cur = ctx.schools.pick(type, p.gemAt(d), rng);
    segVan = d + gap;
    if (segVan >= to) return cur;
  }
  pushRaw(p, segVan, to, soort, niveau, cur);
  return cur;
}

function diploma(p: Person, d: number, soort: number): void {
  p.dip.push(d, d, soort);
}

function hasSk(p: Person, d: number): boolean {
  for (let i = 0; i < p.dip.n; i++) if (p.dip.van[i] <= d && isStartkwalificatie(p.dip.a[i])) return true;
  return false;
}

/** Start of the next programme after one ending on `end` (summer gaps, some late starters). */
function nextStart(ctx: Ctx, end: number): number {
  const rng = ctx.rng;
  if (MONTH[end] === 8 || MONTH[end] === 7) {
    const a = aug1(YEAR[end]);
    const v = rng.next();
    if (v < 0.6) return Math.max(end, a);
    if (v < 0.995) return Math.max(end, a + 14 + rng.int(18));
    return Math.max(end, a + 32 + rng.int(45));
  }
  return end + (rng.chance(0.95) ? 0 : rng.int(10));
}

/** Exam day of the schooljaar ending in July of year y. */
const examDay = (ctx: Ctx, y: number) => day(y, 6, 10 + ctx.rng.int(14));

// next-step codes
const NX_NONE = 0, NX_MBO = 1, NX_HO = 2, NX_VAVO = 3, NX_HAVO4 = 4, NX_VWO5 = 5;
let nextKind = NX_NONE;
let nextLevel = 0;
let nextSchool = -1;
/** niveau or diploma the VAVO pupil aims at */
let vavoTarget = 0;

function chooseAfterVmbo(ctx: Ctx, niveau: number, passed: boolean): void {
  const v = ctx.rng.next();
  nextKind = NX_MBO;
  if (!passed) {
    if (v < 0.7) nextLevel = 1; else if (v < 0.85) nextLevel = 2; else nextKind = NX_NONE;
  } else if (niveau === N_VMBO_B) {
    if (v < 0.74) nextLevel = 2; else if (v < 0.92) nextLevel = 1; else if (v < 0.985) nextLevel = 3; else nextKind = NX_NONE;
  } else if (niveau === N_VMBO_K) {
    if (v < 0.34) nextLevel = 2; else if (v < 0.74) nextLevel = 3; else if (v < 0.99) nextLevel = 4; else nextKind = NX_NONE;
  } else {
    if (v < 0.65) nextLevel = 4; else if (v < 0.82) nextLevel = 3; else if (v < 0.99) nextKind = NX_HAVO4; else nextKind = NX_NONE;
  }
}

/** VO from `start` with niveau `niv`; sets the next step. Returns the end day. */
function vo(p: Person, ctx: Ctx, start: number, niv: number, school: number, yearsLeft?: number): number {
  const rng = ctx.rng;
  const sy = YEAR[schooljaarStart(start)];
  const base = niv === N_PRO ? 6 : niv === N_HAVO ? 5 : niv === N_VWO ? 6 : 4;
  let years = yearsLeft ?? base;
  let niv2 = niv;
  let k = years; // years in the first niveau
  if (yearsLeft === undefined) {
    if (niv === N_VWO && rng.chance(R.afstroomVwoHavo)) { k = 2 + rng.int(3); niv2 = N_HAVO; years = k + (5 - k); }
    else if (niv === N_HAVO && rng.chance(R.afstroomHavoVmbo)) { k = 2 + rng.int(2); niv2 = N_VMBO_GT; years = k + Math.max(1, 4 - k); }
    const rep = niv2 === N_HAVO ? R.repeatYear.havo : niv2 === N_VWO ? R.repeatYear.vwo : niv2 === N_PRO ? 0 : R.repeatYear.vmbo;
    if (rng.chance(rep)) { years++; k++; if (niv2 !== niv && k > years - 1) k = years - 1; }
  }
  school = school >= 0 ? school : ctx.schools.pick(T_VO, p.gemAt(start), rng);
  let end = aug1(sy + years);
  // dropout while in VO (from 15 on, not PRO)
  if (niv2 !== N_PRO) {
    for (let y = 0; y < years; y++) {
      const ys = aug1(sy + y);
      if (ys < addYears(p.birth, 15)) continue;
      if (rng.chance(R.voDropoutPerYear)) {
        const d = Math.max(start + 1, ys + rng.int(365));
        const mid = k < years ? aug1(sy + k) : end;
        if (d <= mid) school = span(p, ctx, S_VO, niv, T_VO, start, d, school);
        else {
          school = span(p, ctx, S_VO, niv, T_VO, start, mid, school);
          span(p, ctx, S_VO, niv2, T_VO, mid, d, school);
        }
        afterDropout(p, ctx, d, 2);
        return d;
      }
    }
  }
  // exam
  const lastNiv = niv2;
  let passed = false;
  let exam = examDay(ctx, sy + years);
  if (lastNiv === N_PRO) passed = rng.chance(R.examPass.pro);
  else {
    const pass = lastNiv === N_HAVO ? R.examPass.havo : lastNiv === N_VWO ? R.examPass.vwo : R.examPass.vmbo;
    passed = rng.chance(pass);
    if (!passed && rng.chance(0.55)) {
      end = aug1(sy + years + 1);
      exam = examDay(ctx, sy + years + 1);
      passed = rng.chance(R.examPass.retry);
    }
  }
  // the next step first: who leaves education altogether may be deregistered at the exam
  nextSchool = -1;
  let gapYear = false;
  if (lastNiv === N_PRO) {
    if (passed) diploma(p, exam, D_PRO);
    const v = rng.next();
    nextKind = v < 0.55 ? NX_MBO : NX_NONE;
    nextLevel = v < 0.45 ? 1 : 2;
  } else if (lastNiv === N_HAVO || lastNiv === N_VWO) {
    if (passed) {
      diploma(p, exam, lastNiv === N_HAVO ? D_HAVO : D_VWO);
      const v = rng.next();
      if (lastNiv === N_HAVO) {
        if (v < 0.75) nextKind = NX_HO;
        else if (v < 0.9) { nextKind = NX_MBO; nextLevel = 4; }
        else if (v < 0.93) nextKind = NX_VWO5;
        else nextKind = NX_NONE;
      } else nextKind = v < 0.88 ? NX_HO : NX_NONE;
      // a gap year: half of those start HO a year later
      if (nextKind === NX_NONE && rng.chance(0.5)) { nextKind = NX_HO; gapYear = true; }
    } else {
      const v = rng.next();
      if (v < 0.55) {
        nextKind = NX_VAVO;
        vavoTarget = lastNiv === N_HAVO ? D_HAVO : D_VWO;
      } else if (v < 0.8) { nextKind = NX_MBO; nextLevel = 4; }
      else afterDropout(p, ctx, end, 2);
    }
  } else {
    if (passed) diploma(p, exam, D_VMBO);
    chooseAfterVmbo(ctx, lastNiv, passed);
    if (nextKind === NX_NONE) afterDropout(p, ctx, end, 2);
  }
  const leaves = nextKind === NX_NONE || nextKind === NX_HO;
  const tot = passed && leaves && rng.chance(0.2) ? exam + 5 + rng.int(26) : end;
  if (k < years) {
    school = span(p, ctx, S_VO, niv, T_VO, start, aug1(sy + k), school);
    school = span(p, ctx, S_VO, niv2, T_VO, aug1(sy + k), tot, school);
  } else school = span(p, ctx, S_VO, niv, T_VO, start, tot, school);
  if (nextKind === NX_HAVO4 || nextKind === NX_VWO5) nextSchool = school;
  return gapYear ? tot + 365 : tot;
}

/** A leaver without startkwalificatie: sometimes re-enrolls in MBO 3–24 months later (under 18: mostly within weeks). */
function afterDropout(p: Person, ctx: Ctx, d: number, level: number): void {
  const rng = ctx.rng;
  nextKind = NX_NONE;
  if (hasSk(p, d) || d - p.birth > 21 * 365) return;
  // Under 18 the leerplichtambtenaar brings most kwalificatieplichtige leavers back within weeks.
  const minor = d - p.birth < 18 * 365;
  if (rng.chance(minor ? R.returnMinor : R.returnAfterDropout)) {
    nextKind = NX_MBO;
    nextLevel = Math.max(1, Math.min(level, 2));
    nextSchool = -1;
    pendingStart = d + (minor ? 14 + rng.int(56) : 90 + rng.int(640));
  }
}
let pendingStart = -1;

/** One MBO programme; sets the next step; returns the end day. */
function mbo(p: Person, ctx: Ctx, level: number, start: number, school: number): number {
  const rng = ctx.rng;
  const years = level === 1 ? 1 : level === 2 ? 2 : level === 3 ? 3 : rng.chance(0.6) ? 3 : 4;
  school = school >= 0 ? school : ctx.schools.pick(T_MBO, p.gemAt(start), rng);
  const sy = YEAR[schooljaarStart(start)];
  let end = Math.max(aug1(sy + years), start + 200);
  for (let y = 0; y < years; y++) {
    const minor = aug1(sy + y) < p.b18;
    if (rng.chance(R.mboDropoutPerYear[level] * (minor ? R.mboDropoutMinorFactor : 1))) {
      const d = Math.max(start + 1, aug1(sy + y) + rng.int(365));
      if (d < end) {
        span(p, ctx, S_MBO, mboNiveau(level), T_MBO, start, d, school);
        afterDropout(p, ctx, d, level);
        return d;
      }
    }
  }
  let passed = rng.chance(R.mboPass[level]);
  if (!passed && rng.chance(R.mboRetry)) {
    end = aug1(YEAR[end] + 1);
    passed = rng.chance(R.mboPass[level]);
  }
  if (passed) {
    const dd = Math.max(start + 30, end - 20 - rng.int(60));
    diploma(p, dd, mboDiploma(level));
    const v = rng.next();
    nextSchool = school;
    nextKind = NX_NONE;
    if (level === 1 && v < 0.7) { nextKind = NX_MBO; nextLevel = 2; }
    else if (level === 2 && v < 0.35) { nextKind = NX_MBO; nextLevel = 3; }
    else if (level === 3 && v < 0.25) { nextKind = NX_MBO; nextLevel = 4; }
    else if (level === 4 && v < 0.35) nextKind = NX_HO;
    // deregistered at the diploma only when leaving (a continuing student stays enrolled over the summer)
    const tot = nextKind !== NX_MBO && rng.chance(0.4) ? dd + 1 + rng.int(14) : end;
    span(p, ctx, S_MBO, mboNiveau(level), T_MBO, start, tot, school);
    return tot;
  }
  span(p, ctx, S_MBO, mboNiveau(level), T_MBO, start, end, school);
  afterDropout(p, ctx, end, level);
  return end;
}

/** Builds p.raw and p.dip. `skipLeerplicht`: exempted from school during leerplicht (5B/5C/trekkend). */
export function career(p: Person, ctx: Ctx, skipLeerplicht: boolean, schoolAfterLeerplicht: boolean): void {
  const rng = ctx.rng;
  const b = p.birth;
  const poStart = firstOfNextMonth(addYears(b, 4));
  if (poStart > p.limit) return;
  let voYear = YEAR[b] + (MONTH[b] <= 9 ? 12 : 13);
  const u = rng.next();
  if (u < R.kleuterverlenging) voYear++;
  else if (u < R.kleuterverlenging + R.versnelling) voYear--;
  const voStart = aug1(voYear);
  let t: number;
  nextKind = NX_NONE;
  nextSchool = -1;
  pendingStart = -1;
  if (skipLeerplicht) {
    if (!schoolAfterLeerplicht || !rng.chance(0.7)) return;
    nextKind = NX_MBO;
    nextLevel = 2;
    t = p.lpEnd;
  } else {
    const path = rng.next();
    if (path < R.soTrack) {
      // speciaal onderwijs, from the start or after some years of PO
      let soFrom = poStart;
      if (rng.chance(0.5)) {
        soFrom = aug1(YEAR[poStart] + 1 + rng.int(Math.max(1, voYear - YEAR[poStart] - 2)));
        span(p, ctx, S_PO, -1, T_PO, poStart, soFrom, -1);
      }
      const so = span(p, ctx, S_SO, -1, T_SVO, soFrom, voStart, -1);
      if (rng.chance(0.85)) t = vso(p, ctx, voStart, so);
      else t = vo(p, ctx, voStart, N_PRO, -1);
    } else {
      span(p, ctx, S_PO, -1, T_PO, poStart, voStart, -1);
      if (rng.chance(R.vsoAfterPo)) t = vso(p, ctx, voStart, -1);
      else t = vo(p, ctx, voStart, VO_NIVEAUS[rng.pickCum(VO_CUM)], -1);
    }
  }
  for (let step = 0; step < 8 && t <= p.limit; step++) {
    const kind = nextKind;
    if (kind === NX_NONE) break;
    const start = pendingStart >= 0 ? pendingStart : nextStart(ctx, t);
    pendingStart = -1;
    if (start > p.limit || start > addYears(b, 25)) break;
    const school = nextSchool;
    nextSchool = -1;
    if (kind === NX_MBO) t = mbo(p, ctx, nextLevel, start, school);
    else if (kind === NX_HAVO4) t = vo(p, ctx, start, N_HAVO, school, 2);
    else if (kind === NX_VWO5) t = vo(p, ctx, start, N_VWO, school, 2);
    else if (kind === NX_VAVO) t = vavo(p, ctx, start);
    else t = ho(p, ctx, start);
  }
}

const VO_NIVEAUS = [N_PRO, N_VMBO_B, N_VMBO_K, N_VMBO_GT, N_HAVO, N_VWO];
const VO_CUM = (() => {
  let s = 0;
  return R.voShares.map((x) => (s += x));
})();

function vso(p: Person, ctx: Ctx, start: number, school: number): number {
  const rng = ctx.rng;
  const v = rng.next() * (R.vsoShares[0] + R.vsoShares[1] + R.vsoShares[2]);
  const niv = v < R.vsoShares[0] ? N_VSO_VERVOLG : v < R.vsoShares[0] + R.vsoShares[1] ? N_VSO_ARBEID : N_VSO_DAG;
  const endYear = Math.max(YEAR[start] + 2, YEAR[p.b18] + rng.int(3));
  const end = aug1(endYear);
  span(p, ctx, S_VSO, niv, T_SVO, start, end, school);
  nextKind = NX_NONE;
  nextSchool = -1;
  if (niv === N_VSO_VERVOLG && rng.chance(0.35)) {
    diploma(p, examDay(ctx, endYear), D_VMBO);
    if (rng.chance(0.5)) { nextKind = NX_MBO; nextLevel = 2; }
  }
  return end;
}

function vavo(p: Person, ctx: Ctx, start: number): number {
  const rng = ctx.rng;
  const sy = YEAR[schooljaarStart(start)];
  const end = aug1(sy + 1);
  span(p, ctx, S_VAVO, -1, T_MBO, start, end, -1);
  nextSchool = -1;
  if (rng.chance(0.7)) {
    diploma(p, examDay(ctx, sy + 1), vavoTarget);
    nextKind = rng.chance(0.6) ? NX_HO : NX_NONE;
  } else afterDropout(p, ctx, end, 2);
  return end;
}

function ho(p: Person, ctx: Ctx, start: number): number {
  const rng = ctx.rng;
  const sy = YEAR[schooljaarStart(start)];
  nextKind = NX_NONE;
  nextSchool = -1;
  if (rng.chance(R.hoDropoutFirstYear)) {
    const end = aug1(sy + 1) - rng.int(200);
    span(p, ctx, S_HO, -1, T_HO, start, Math.max(start + 30, end), -1);
    const v = rng.next();
    if (v < 0.3) nextKind = NX_HO;
    else if (v < 0.55) { nextKind = NX_MBO; nextLevel = 4; }
    return Math.max(start + 30, end);
  }
  const end = aug1(sy + 3 + rng.int(4));
  span(p, ctx, S_HO, -1, T_HO, start, end, -1);
  return end;
}

// ---- clipping -----------------------------------------------------------------------------------

/**
 * Final enrollments: the raw career within the resident intervals (from their first school day), minus
 * granted exemptions, up to death; dates after the extract date cut off (an end after it = still running).
 */
export function clip(p: Person, ctx: Ctx): void {
  const E = ctx.E;
  const end = Math.min(p.death, OPEN);
  for (let i = 0; i < p.raw.n; i++) {
    for (let j = 0; j < p.act.n; j++) {
      let v = Math.max(p.raw.van[i], p.act.a[j]);
      const t = Math.min(p.raw.tot[i], p.act.tot[j], end);
      // subtract blocked intervals (sorted by van, few)
      for (let k = 0; k < p.blocked.n && v < t; k++) {
        const bv = p.blocked.van[k], bt = p.blocked.tot[k];
        if (bt <= v || bv >= t) continue;
        if (bv > v) addFinal(p, E, v, bv, i);
        v = bt;
      }
      if (v < t) addFinal(p, E, v, t, i);
    }
  }
  // diplomas: only those obtained while resident (or before moving in from elsewhere in the country)
  let w = 0;
  const firstAct = p.act.n ? p.act.van[0] : OPEN;
  for (let i = 0; i < p.dip.n; i++) {
    const d = p.dip.van[i];
    if (d > E || d > p.death) continue;
    if (!(p.activeAt(d) >= 0 || (p.inMover && d < firstAct))) continue;
    p.dip.van[w] = d; p.dip.tot[w] = d; p.dip.a[w] = p.dip.a[i];
    w++;
    if (isStartkwalificatie(p.dip.a[i]) && d < p.sk) p.sk = d;
  }
  p.dip.n = w;
}

function addFinal(p: Person, E: number, v: number, t: number, i: number): void {
  if (v > E || v >= t) return;
  p.enr.push(v, t > E ? OPEN : t, p.raw.a[i], p.raw.b[i], p.raw.c[i]);
}

export function writeCareer(p: Person, ctx: Ctx): void {
  const out = ctx.out;
  const e = p.enr;
  for (let i = 0; i < e.n; i++) {
    const niv = e.b[i] >= 0 ? CODES.niveau[e.b[i]] : '';
    out.inschrijvingen.add(`INS${p.id}-${i + 1},${p.bsn},${ctx.brins[e.c[i]]},${CODES.onderwijssoort[e.a[i]]},${niv},${iso(e.van[i])},${isoOrEmpty(e.tot[i])}\n`);
  }
  for (let i = 0; i < p.dip.n; i++) out.diplomas.add(`${p.bsn},${CODES.diploma[p.dip.a[i]]},${iso(p.dip.van[i])}\n`);
}

