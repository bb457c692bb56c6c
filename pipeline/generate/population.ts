/**
 * Who the person is and where they live: birth date, geslacht, death, and the BRP address history
 * (verblijfplaatsen) with moves within the area, moves out of it, emigration (RNI) and immigration.
 */
import { RNI } from '../contract.ts';
import { addYears, firstAug1After, firstOfNextMonth, isoOrEmpty, iso, OPEN } from './dates.ts';
import type { Ctx, Person } from './person.ts';

/** Rates (see README.md). */
export const RATES_POPULATION = {
  geslachtO: 0.003,
  geslachtV: 0.488,
  deathFirstYear: 0.0035,
  deathPerYearAfter: 0.00015,
  immigrant: 0.07,
  /** region runs only: moved in from elsewhere in the country */
  inMover: 0.05,
  moveWithinArea: 0.1,
  secondMove: 0.25,
  leaveArea: 0.05,
  emigrate: 0.025,
  emigrantReturns: 0.25,
  /** young adults (18+ on the extract date) move this much more often */
  adultMoveFactor: 2,
};
const R = RATES_POPULATION;

/** Birth date, geslacht, death; `span` = days in 26 years before the extract date. */
export function basics(p: Person, ctx: Ctx, span: number): void {
  const rng = ctx.rng;
  const E = ctx.E;
  p.birth = E - rng.int(span);
  const u = rng.next();
  p.geslacht = u < R.geslachtO ? 'O' : u < R.geslachtO + R.geslachtV ? 'V' : 'M';
  const ageDays = E - p.birth;
  const ageY = ageDays / 365.25;
  const pInfant = R.deathFirstYear * Math.min(1, ageY);
  const pLater = R.deathPerYearAfter * Math.max(0, ageY - 1);
  const v = rng.next();
  if (v < pInfant) p.death = p.birth + 1 + rng.int(Math.min(365, ageDays));
  else if (v < pInfant + pLater) p.death = p.birth + 366 + rng.int(Math.max(1, ageDays - 366));
  if (p.death !== OPEN && p.death > E) p.death = E;
  if (p.death <= p.birth) p.death = OPEN;
  p.limit = Math.min(p.death, E);
  p.lpStart = firstOfNextMonth(addYears(p.birth, 5));
  p.lpEnd = firstAug1After(addYears(p.birth, 16));
  p.b18 = addYears(p.birth, 18);
  p.b23 = addYears(p.birth, 23);
}

const EV_MOVE = 1, EV_LEAVE = 2, EV_EMIGRATE = 3;
// up to four events, kept sorted by date
const evDay = new Int32Array(4);
const evType = new Int8Array(4);
let nEv = 0;

function addEvent(ctx: Ctx, type: number, start: number, lastMove: number): void {
  if (lastMove <= start || nEv >= 4) return;
  const d = start + 1 + ctx.rng.int(lastMove - start);
  let i = nEv++;
  while (i > 0 && evDay[i - 1] > d) { evDay[i] = evDay[i - 1]; evType[i] = evType[i - 1]; i--; }
  evDay[i] = d; evType[i] = type;
}

/** Builds p.res (BRP periods) and p.act (merged resident intervals with the first possible school day). */
export function residence(p: Person, ctx: Ctx): void {
  const rng = ctx.rng;
  const L = p.limit;
  const dead = p.death !== OPEN;
  // last day a move can happen on (a period of at least one day before death)
  const lastMove = dead ? L - 1 : L;
  let start = p.birth;
  const u = rng.next();
  if (u < R.immigrant) {
    start = p.birth + rng.int(Math.max(1, lastMove - p.birth + 1));
    p.fromAbroad = start > p.birth;
  } else if (ctx.isRegion && u < R.immigrant + R.inMover) {
    start = p.birth + rng.int(Math.max(1, lastMove - p.birth + 1));
    p.inMover = start > p.birth;
  }
  const adult = L - p.birth > 18 * 365 ? R.adultMoveFactor : 1;
  nEv = 0;
  if (ctx.area.length > 1 && rng.chance(R.moveWithinArea * adult)) {
    addEvent(ctx, EV_MOVE, start, lastMove);
    if (rng.chance(R.secondMove)) addEvent(ctx, EV_MOVE, start, lastMove);
  }
  if (ctx.isRegion && rng.chance(R.leaveArea * adult)) addEvent(ctx, EV_LEAVE, start, lastMove);
  if (rng.chance(R.emigrate)) addEvent(ctx, EV_EMIGRATE, start, lastMove);

  let g = p.home;
  let van = start;
  let open = true; // a period is running
  for (let k = 0; k < nEv && open; k++) {
    const d = evDay[k];
    if (d <= van) continue;
    if (evType[k] === EV_MOVE) {
      let h = g;
      for (let tries = 0; tries < 4 && h === g; tries++) h = rng.pickCum(ctx.moveCum);
      if (h === g) continue;
      p.res.push(van, d, g);
      g = h;
      van = d;
    } else if (evType[k] === EV_LEAVE) {
      p.res.push(van, d, g);
      open = false;
    } else {
      p.res.push(van, d, g);
      van = d;
      if (rng.chance(R.emigrantReturns)) {
        const back = d + 60 + rng.int(1500);
        if (back < lastMove) {
          p.res.push(van, back, -1);
          van = back;
          continue;
        }
      }
      // stays abroad: an open RNI period (closed by death)
      p.res.push(van, dead ? L : OPEN, -1);
      open = false;
    }
  }
  if (open) p.res.push(van, dead ? L : OPEN, g);
  // no later event may follow a move-out or emigration
  buildActive(p, ctx);
}

/** Merges adjacent resident periods; sets the first school day after an arrival. */
function buildActive(p: Person, ctx: Ctx): void {
  const rng = ctx.rng;
  const r = p.res;
  for (let i = 0; i < r.n; i++) {
    if (r.a[i] < 0) continue;
    const last = p.act.n - 1;
    if (last >= 0 && p.act.tot[last] === r.van[i]) {
      p.act.tot[last] = r.tot[i];
      continue;
    }
    let first = r.van[i];
    if (r.van[i] > p.birth) {
      // an arrival: newcomers from abroad take longer to be placed than movers within the country
      const v = rng.next();
      if (p.fromAbroad || i > 0) first += v < 0.94 ? 0 : v < 0.98 ? 1 + rng.int(10) : 14 + rng.int(77);
      else first += v < 0.9 ? 0 : 1 + rng.int(5);
    }
    p.act.push(r.van[i], r.tot[i], first);
  }
}

export function writePerson(p: Person, ctx: Ctx): void {
  ctx.out.personen.add(`${p.bsn},${iso(p.birth)},${p.geslacht},${isoOrEmpty(p.death)}\n`);
  const r = p.res;
  const codes = ctx.area;
  for (let i = 0; i < r.n; i++) {
    const code = r.a[i] < 0 ? RNI : codes[r.a[i]].code;
    ctx.out.verblijfplaatsen.add(`${p.bsn},${code},${iso(r.van[i])},${isoOrEmpty(r.tot[i])}\n`);
  }
}
