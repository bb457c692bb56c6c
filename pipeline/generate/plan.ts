/** Which gemeenten a run covers and how many persons each gets (the same per-gemeente sizes in every run). */
import { UsageError } from '../errors.ts';
import { MAX_PERSONS } from './identity.ts';
import { readGemeenten } from './reference.ts';
import type { GemeenteInfo } from './schools.ts';
import { cohortSizeOf, cohortSizes, COHORTS } from './sizes.ts';

export interface PlanInput {
  scale: 'region' | 'national';
  /** The region's gemeenten (from its configuration); required for scale 'region'. */
  gemeenten?: readonly { code: string; naam: string }[];
  personsPerCohort?: number;
}

export interface Plan {
  /** Every gemeente of the country (plus configured ones not in the reference list), sorted by code. */
  national: GemeenteInfo[];
  /** The gemeenten generated, in run order. */
  area: GemeenteInfo[];
  /** Persons per area gemeente. */
  persons: number[];
  total: number;
}

export function planRun(input: PlanInput): Plan {
  const ref = readGemeenten();
  const refCodes = ref.map((g) => g.code);
  const sizes = cohortSizes(refCodes);
  const national: GemeenteInfo[] = ref.map((g) => ({ code: g.code, naam: g.naam, provincie: g.provincie, cohort: sizes.get(g.code)! }));
  for (const g of input.gemeenten ?? []) {
    if (!sizes.has(g.code)) national.push({ code: g.code, naam: g.naam, provincie: '', cohort: cohortSizeOf(g.code, refCodes) });
  }
  national.sort((a, b) => a.code.localeCompare(b.code));
  let area: GemeenteInfo[];
  if (input.scale === 'region') {
    if (!input.gemeenten?.length) throw new UsageError('--scale region needs --config (a region code such as west-kennemerland, or a file)');
    const byCode = new Map(national.map((g) => [g.code, g]));
    area = input.gemeenten.map((g) => ({ ...byCode.get(g.code)!, naam: g.naam }));
  } else area = national.filter((g) => sizes.has(g.code));
  const ppc = input.personsPerCohort;
  if (ppc !== undefined && !(Number.isInteger(ppc) && ppc > 0)) {
    throw new UsageError(`--persons-per-cohort must be a positive whole number, got ${ppc}`);
  }
  const areaCohort = area.reduce((s, g) => s + g.cohort, 0);
  const factor = ppc ? ppc / areaCohort : 1;
  const persons = area.map((g) => Math.max(1, Math.round(g.cohort * COHORTS * factor)));
  const total = persons.reduce((s, n) => s + n, 0);
  if (total > MAX_PERSONS) throw new UsageError(`${total} persons is more than one extract can hold (${MAX_PERSONS}); lower --persons-per-cohort`);
  return { national, area, persons, total };
}
