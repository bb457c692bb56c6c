/**
 * Stage kwartaal: the kwartaalrapportage of the region for every quarter of the build (region level:
 * unsharded or shard 1). The quarters were chosen and checked against the extract date by the model stage;
 * their figures are in the store like every other figure (queries/indicators/kwartaal/).
 */
import { renderTemplate } from '../../render/html.ts';
import { definitions } from '../../reports/definitions.ts';
import { doelen, kwartaalChapters, type KwartaalPerioden } from '../../reports/kwartaal.ts';
import { fteLeerplicht, kwartaalNaam, parseKwartaal, STATUS_REGEL } from '../../kwartaal.ts';
import { type BuildContext, need } from '../context.ts';
import { documentMetadata } from '../identity.ts';
import { paths } from '../paths.ts';
import { figures } from './publish.ts';

interface Periode { jaar: number; schooljaar: string; voorlopig: boolean }

export async function kwartaal(ctx: BuildContext): Promise<void> {
  const { db, config, selection } = ctx;
  if (!selection.regionLevel || !ctx.kwartalen?.length) return;
  const F = await figures(ctx);
  const colofon = need(ctx.colofon, 'colofon');
  const perioden = new Map((await db.all<Periode>('SELECT DISTINCT jaar, schooljaar, voorlopig FROM int_kwartaal_gebieden')).map((p) => [p.jaar, p]));
  const at = (jaar: number) => need(perioden.get(jaar), `period ${jaar}`);
  for (const label of ctx.kwartalen) {
    const k = parseKwartaal(label);
    const vorig = parseKwartaal(`${k.jaar - 1}-K${k.k}`);
    const key = k.jaar * 100 + k.k * 10;
    const p: KwartaalPerioden = {
      kwartaal: at(key + 1).schooljaar, schooljaar: at(key + 2).schooljaar,
      kwartaalVorigJaar: at(key - 100 + 1).schooljaar, schooljaarVorigJaar: at(key - 100 + 2).schooljaar,
      voorlopig: at(key + 1).voorlopig,
    };
    const sj = k.schooljaar;
    const sjVorig = vorig.schooljaar;
    const tot = (schooljaar: string) => (k.k === 3 ? `${schooljaar}, augustus en september` : `${schooljaar} t/m ${k.k}e kwartaal`);
    const namen = {
      kwartaal: kwartaalNaam(k).kort, vorig: kwartaalNaam(vorig).kort,
      // The third quarter (July–September) holds only its schooljaar's first two months: said so in the heading.
      schooljaar: tot(sj), schooljaarVorig: tot(sjVorig),
      periode: `${kwartaalNaam(k).kort} (${kwartaalNaam(k).maanden})`, schooljaarJaar: sj,
    };
    const title = `Kwartaalrapportage ${namen.kwartaal} – ${config.regio.naam}`;
    ctx.documents.add({
      id: `kwartaal ${k.label}`,
      title,
      rel: paths.kwartaalPdf(k.label, config.regio),
      metadata: documentMetadata.kwartaal(title, namen.periode, config.regio, ctx.datum.moment),
      web: true,
      render: async () => {
        const chapters = kwartaalChapters(F, config, p, namen);
        return renderTemplate('kwartaal.njk', {
          title, regio: config.regio, namen, voorlopig: p.voorlopig, doelen: doelen(F, config, p, sj), statusRegel: STATUS_REGEL,
          fte: fteLeerplicht(config), chapters, definities: definitions(chapters), colofon,
        });
      },
    }, { k: k.label, p, jaarplan: config.jaarplan, figures: [config.regio.code, ...config.gemeenten.map((g) => g.code)].map((c) => ctx.digests?.get(c)) });
  }
}
