/**
 * Generates the persons numbered [from, to) of a run into one set of table files. The whole run is one
 * part; a large run is split into parts generated in parallel (worker.ts) and concatenated in order.
 * Every person's rows depend only on (seed, gemeente, index in the gemeente, number in the run), so the
 * split never changes the output.
 */
import { TABLE_NAMES } from '../contract.ts';
import { career, clip, writeCareer } from './careers.ts';
import { addYears, aug1, schooljaarStart, YEAR } from './dates.ts';
import { events } from './events.ts';
import { bsnFactory } from './identity.ts';
import { Person, type Ctx } from './person.ts';
import { planRun, type PlanInput } from './plan.ts';
import { basics, residence, writePerson } from './population.ts';
import { cumulative, Rng } from './prng.ts';
import { SchoolIndex } from './schools.ts';
import { COHORTS } from './sizes.ts';
import { vrijstellingen, writeVrijstellingen } from './vrijstellingen.ts';
import { csvField } from '../csv.ts';
import { closeAll, drainAll, openTables } from './writer.ts';

export interface PartJob {
  plan: PlanInput;
  seed: number;
  /** Extract date as a day number. */
  E: number;
  dir: string;
  /** File name suffix of this part ('' = the final files, with header). */
  suffix: string;
  from: number;
  to: number;
}

export type PartRows = Record<string, number>;

/** Progress is reported every this many persons. */
export const PROGRESS_EVERY = 1 << 15;

export async function runPart(job: PartJob, onProgress: (done: number) => void = () => {}): Promise<PartRows> {
  const { seed, E } = job;
  const { national, area, persons } = planRun(job.plan);
  const schools = new SchoolIndex(national, area, seed);
  const header = job.suffix === '';
  const tables = openTables(job.dir, job.suffix, header);
  if (job.from === 0) {
    for (const s of schools.schools) tables.scholen.add(`${s.brin},${csvField(s.naam)},${s.gemeente},${s.bekostigd}\n`);
  }
  const ctx: Ctx = {
    E,
    W: aug1(YEAR[schooljaarStart(E)] - 6),
    seed,
    area,
    moveCum: cumulative(area.map((g) => g.cohort)),
    isRegion: job.plan.scale === 'region',
    schools,
    brins: schools.schools.map((s) => s.brin),
    rng: new Rng(seed),
    out: tables,
  };
  const span = E - addYears(E, -COHORTS);
  const bsn = bsnFactory(seed);
  const p = new Person();
  let num = 0;
  let done = 0;
  for (let gi = 0; gi < area.length && num < job.to; gi++) {
    if (num + persons[gi] <= job.from) {
      num += persons[gi];
      continue;
    }
    const codeNum = Number(area[gi].code);
    for (let i = 0; i < persons[gi] && num < job.to; i++, num++) {
      if (num < job.from) continue;
      ctx.rng.reseed(seed, codeNum, i);
      p.reset();
      p.num = num;
      p.id = String(num + 1);
      p.bsn = bsn(num);
      p.home = gi;
      basics(p, ctx, span);
      residence(p, ctx);
      const prof = vrijstellingen(p, ctx);
      career(p, ctx, prof.skipLeerplicht, prof.schoolAfter);
      clip(p, ctx);
      writePerson(p, ctx);
      writeCareer(p, ctx);
      writeVrijstellingen(p, ctx);
      events(p, ctx);
      if ((++done & 4095) === 0) {
        await drainAll(tables);
        if ((done & (PROGRESS_EVERY - 1)) === 0) onProgress(PROGRESS_EVERY);
      }
    }
  }
  onProgress(done & (PROGRESS_EVERY - 1));
  await closeAll(tables);
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, tables[t].rows]));
}
