/** Stage datasets: the public dataset for monitors (CSV, Parquet, Excel copy, dictionary); region level only. */
import { toCsv, writeCsv } from '../../csv.ts';
import { dictionaryRows, writeDatasetExcelCsv, writeParquet } from '../../export/dataset.ts';
import { type BuildContext, timed } from '../context.ts';
import { paths } from '../paths.ts';

export async function datasets(ctx: BuildContext): Promise<void> {
  const { db, fx } = ctx;
  if (!ctx.selection.regionLevel) return;
  await timed(ctx, 'export', async () => {
    const select = 'SELECT * EXCLUDE (volgorde) FROM dataset ORDER BY volgorde';
    await writeCsv(db, 'SELECT * FROM dataset', fx.outputPath(paths.dataset.csv), 'volgorde');
    await writeParquet(db, select, fx.outputPath(paths.dataset.parquet));
    await writeDatasetExcelCsv(db, select, fx.outputPath(paths.dataset.excel));
    await fx.writeFile(paths.dataset.dictionary, toCsv(dictionaryRows()));
  });
}
