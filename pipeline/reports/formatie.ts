/**
 * Formatie and caseload (inhoudelijk jaarverslag): the office's fte for leerplicht execution (perceel 2, from
 * the region config) and the caseload of the gemeenten it serves, JV-CASELOAD from the store (curatieve
 * meldingen per fte leerplichtambtenaar, the measure of Ingrado's norm, as in the kwartaalrapportage and the
 * formatie norm of the begroting), stated with its count so a reader can check it.
 */
import type { RegionConfig } from '../config/load.ts';
import { decimalen, getal } from '../format/index.ts';
import type { Chapter, Scope } from './blocks.ts';
import type { Figures } from './figures.ts';

export function formatieChapter(F: Figures, s: Scope, config: RegionConfig): Chapter | undefined {
  const rollen = (config.formatie ?? []).filter((f) => f.perceel === 2);
  const lpa = rollen.filter((f) => /leerplicht/i.test(f.rol));
  const fte = lpa.reduce((a, f) => a + f.fte, 0);
  if (!rollen.length || fte === 0) return undefined;
  const gemeenten = config.gemeenten.filter((g) => g.percelen.includes(2));
  const caseload = F.get('JV-CASELOAD', config.regio.code, s.schooljaar);
  const shown = caseload.value !== null && !caseload.suppressed && caseload.teller !== null;
  const namen = gemeenten.map((g) => g.naam);
  const lijst = namen.length > 1 ? `${namen.slice(0, -1).join(', ')} en ${namen.at(-1)}` : namen[0];
  const formatie = rollen.map((f) => `${getal(f.fte, 2)} fte ${f.rol}`).join(', ');
  return {
    id: 'formatie',
    title: 'Formatie en caseload',
    intro: `Het bureau voert de leerplicht uit voor ${lijst} met ${formatie}.${shown
      ? ` In ${s.schooljaar} kwamen er voor deze gemeenten samen ${getal(caseload.teller)} curatieve meldingen binnen: ${getal(caseload.value, decimalen(caseload.eenheid), decimalen(caseload.eenheid))} per fte leerplichtambtenaar. De norm van Ingrado is 135 curatieve meldingen per fte per jaar.`
      : ''} Curatieve meldingen zijn meldingen van verzuim waarop de leerplichtambtenaar in actie moet komen (16 uur verzuim, langdurig relatief verzuim, luxeverzuim en overig verzuim) en zaken van absoluut verzuim die het bureau zelf vond; signaalverzuim telt niet mee.`,
    blocks: [],
  };
}
