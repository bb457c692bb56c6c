/**
 * Formatie and caseload (inhoudelijk jaarverslag): the office's fte for leerplicht execution (perceel 2, from
 * the region config) and the zaken of the gemeenten it serves (from the store), as zaken per fte
 * leerplichtambtenaar. The caseload is a ratio of a config value and published counts; it is stated in the
 * text with both of its parts, so a reader can check it.
 */
import type { RegionConfig } from '../config/load.ts';
import { getal } from '../format/index.ts';
import type { Chapter, Scope } from './blocks.ts';
import type { Figures } from './figures.ts';

export function formatieChapter(F: Figures, s: Scope, config: RegionConfig): Chapter | undefined {
  const rollen = (config.formatie ?? []).filter((f) => f.perceel === 2);
  const lpa = rollen.filter((f) => /leerplicht/i.test(f.rol));
  const fte = lpa.reduce((a, f) => a + f.fte, 0);
  if (!rollen.length || fte === 0) return undefined;
  const gemeenten = config.gemeenten.filter((g) => g.percelen.includes(2));
  const cellen = gemeenten.map((g) => F.get('JV-INTERVENTIES-ZAKEN', g.code, s.schooljaar));
  const zaken = cellen.every((c) => c.value !== null && !c.suppressed) ? cellen.reduce((a, c) => a + (c.value ?? 0), 0) : undefined;
  const namen = gemeenten.map((g) => g.naam);
  const lijst = namen.length > 1 ? `${namen.slice(0, -1).join(', ')} en ${namen.at(-1)}` : namen[0];
  const formatie = rollen.map((f) => `${getal(f.fte, 2)} fte ${f.rol}`).join(', ');
  return {
    id: 'formatie',
    title: 'Formatie en caseload',
    intro: `Het bureau voert de leerplicht uit voor ${lijst} met ${formatie}.${zaken !== undefined
      ? ` In ${s.schooljaar} hadden deze gemeenten samen ${getal(zaken)} zaken met minstens één interventie: ${getal(zaken / fte, 0)} zaken per fte leerplichtambtenaar.`
      : ''} Een zaak telt mee bij de gemeente waar de jongere woonde; een jongere die in het jaar verhuisde tussen deze gemeenten kan dus twee keer meetellen.`,
    blocks: [],
  };
}
