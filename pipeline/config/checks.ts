/**
 * What a configuration must satisfy to build reports (beyond its schema), and what is only worth a
 * warning. The README's "What is refused, what is warned" table lists these with their reasons.
 */
import { InputError } from '../errors.ts';
import { gemeentecodes } from '../reference.ts';
import type { RegionConfig } from './load.ts';

/**
 * A build needs every gemeente in the reference list (current CBS codes): without it the gemeente has no
 * RMC region and its reports would be built against nothing. (Older configurations, such as a 2014 budget
 * with a gemeente merged since, still work for `leerplicht kosten`.)
 */
export function checkBuildConfig(config: RegionConfig, gemeenten = config.gemeenten): void {
  const known = gemeentecodes();
  const unknown = gemeenten.filter((g) => !known.has(g.code));
  if (unknown.length) {
    throw new InputError(`${config.file}: gemeente ${unknown.map((g) => `${g.code} (${g.naam})`).join(', ')} is not in the reference list of current gemeenten (data/reference/gemeenten.csv). Correct the gemeentecode, or use a configuration of the current gemeenten (after a herindeling: the new gemeente).`);
  }
}

/** Settings that are allowed but weaken what the reports promise. */
export function configWarnings(config: RegionConfig): string[] {
  const out: string[] = [];
  const p = config.parameters;
  if (p.min_cel < 5) {
    out.push(`parameters.min_cel is ${p.min_cel} (below 5): disclosure control is weakened${p.min_cel <= 1 ? ' (with 1 it is switched off: every count is published)' : ''}; counts of ${p.min_cel} and more are published. Use 5 or more unless the office decided otherwise.`);
  }
  return out;
}
