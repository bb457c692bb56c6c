/** The definitions appendix of a report: every indicator it uses, from the catalog (the SQL headers). */
import { loadCatalog } from '../catalog.ts';

export function definitions(rapport: string): { code: string; label: string; definitie: string; eenheid: string }[] {
  return loadCatalog()
    .filter((d) => d.rapporten.includes(rapport))
    .map(({ code, label, definitie, eenheid }) => ({ code, label, definitie, eenheid }));
}
