/**
 * Stage datasets: the public dataset for monitors (CSV, Parquet, Excel copy, xlsx, dictionary, code list,
 * datapackage.json); region level only. What each file is: export/package.ts and the README.
 */
import { toCsv, writeCsv } from '../../csv.ts';
import { codelistRows, dictionaryRows, writeDatasetExcelCsv, writeParquet } from '../../export/dataset.ts';
import { dataPackage } from '../../export/package.ts';
import { type BuildContext, need, stopIfAborted, timed } from '../context.ts';
import { xlsxOptions } from '../identity.ts';
import { paths } from '../paths.ts';
import { copyDatasetForWorkbooks, writeWorkbooks } from '../workbooks.ts';

export async function datasets(ctx: BuildContext): Promise<void> {
  const { db, fx, config, schooljaar } = ctx;
  if (!ctx.selection.regionLevel) return;
  const colofon = need(ctx.colofon, 'colofon');
  await timed(ctx, 'export', async () => {
    // indicatoren.xlsx is written by the worker thread while DuckDB writes the other files (the main thread,
    // busy with the PDFs' charts, is needed only between DuckDB's statements).
    await copyDatasetForWorkbooks(ctx);
    const xlsx = writeWorkbooks(ctx, { kind: 'indicatoren', file: fx.outputPath(paths.dataset.xlsx), options: { ...xlsxOptions(ctx), title: `Indicatoren leerplicht en RMC ${schooljaar.label}, ${config.regio.naam}` } });
    xlsx.catch(() => undefined); // awaited below
    const select = 'SELECT * EXCLUDE (volgorde) FROM dataset ORDER BY volgorde';
    await writeCsv(db, 'SELECT * FROM dataset_csv', fx.outputPath(paths.dataset.csv), 'volgorde');
    await writeParquet(db, select, fx.outputPath(paths.dataset.parquet),
      { build_id: colofon.buildId, extractdatum: colofon.extractdatum, regio: config.regio.code, schooljaar: schooljaar.label });
    stopIfAborted();
    await writeDatasetExcelCsv(db, 'SELECT * EXCLUDE (volgorde) FROM dataset_csv ORDER BY volgorde', fx.outputPath(paths.dataset.excel));
    await fx.writeFile(paths.dataset.dictionary, toCsv(dictionaryRows()));
    await fx.writeFile(paths.dataset.codelist, toCsv(await codelistRows(db)));
    await xlsx;
    const descriptor = await dataPackage(fx.outputPath(paths.dataset.dir), {
      buildId: colofon.buildId, extractdatum: colofon.extractdatum, regio: config.regio.code, schooljaar: schooljaar.label, xlsx: xlsxOptions(ctx),
    });
    await fx.writeFile(paths.dataset.datapackage, `${JSON.stringify(descriptor, null, 2)}\n`);
  });
}
