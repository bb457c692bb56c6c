/** Stage load: the extract into DuckDB, validated; rejected rows listed when --drop-invalid. */
import { checkBuildConfig, configWarnings } from '../../config/checks.ts';
import { InputError } from '../../errors.ts';
import { allRowErrors, loadExtract } from '../../load/index.ts';
import { formatProblems, rejectionCsv } from '../../load/report.ts';
import { type BuildContext, timed } from '../context.ts';
import { paths } from '../paths.ts';

export async function load(ctx: BuildContext): Promise<void> {
  const { o, db, schooljaar } = ctx;
  checkBuildConfig(ctx.config);
  ctx.warnings.push(...configWarnings(ctx.config));
  const load = (ctx.load = await timed(ctx, 'load + validate', () => loadExtract(db, o.extract, { dropInvalid: o.dropInvalid, extractdatum: o.extractdatum })));
  if (!load.ok) {
    throw new InputError(`${formatProblems(load)}\n\nThe extract in ${o.extract} was rejected and nothing was built: fix the problems above, or pass --drop-invalid to build from the valid rows only.`);
  }
  if (Object.keys(load.errorCounts).length) {
    await ctx.fx.writeFile(paths.rejectedRows, rejectionCsv(await allRowErrors(db)));
    const dropped = Object.entries(load.dropped).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`).join(', ');
    ctx.warnings.push(`--drop-invalid: rows not loaded: ${dropped}; see rejected-rows.csv`);
  }
  const extractdatum = load.meta!.extractdatum;
  // A kwartaalrapportage (and its data) can be made while the schooljaar runs; every other report needs it ended.
  const duringYear = [...ctx.reports].every((r) => r === 'kwartaal' || r === 'data');
  if (schooljaar.tot > extractdatum && !duringYear) {
    throw new InputError(`schooljaar ${schooljaar.label} ends on 31 July ${schooljaar.end}, after the extract date ${extractdatum}: its figures are not yet available. Use an earlier --schooljaar or a newer extract.`);
  }
}
