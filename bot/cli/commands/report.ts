import { writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { cli as t } from '../../../core/locales/zh-CN/cli.ts';
import { reportColumns, summaryColumns } from '../../../core/locales/zh-CN/report.ts';
import { buildReport, completionText, examsText, missingText, reportCells, summaryCells, type ComplianceReport } from '../../../core/report/build.ts';
import { reportStore } from '../../../db/stores/report.ts';
import { reportCsv, reportXlsx } from '../../files/write-report.ts';
import { levelOption, parse } from '../args.ts';
import { withDatabase } from '../context.ts';
import { UsageError, println, type CliCommand } from '../io.ts';
import { textTable } from '../text-table.ts';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(format: string | undefined, out: string | undefined): Format {
  if (format) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(t.badFormat(format));
    return format as Format;
  }
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  return (FORMATS as readonly string[]).includes(ext) ? (ext as Format) : 'table';
}

function asJson(r: ComplianceReport): string {
  return JSON.stringify(
    {
      campaignId: r.campaignId,
      generatedAt: r.generatedAt,
      levels: r.levels,
      total: r.total,
      rows: r.rows.map((row) => ({ ...row, examsText: examsText(row), completion: completionText(row), missingText: missingText(row) })),
    },
    null,
    2,
  );
}

export const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parse(args, { level: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
    if (positionals.length) throw new UsageError(t.unknownOption(positionals[0]));
    const level = levelOption(values.level);
    const format = formatOf(values.format, values.out);
    if (format === 'xlsx' && !values.out) throw new UsageError(t.xlsxNeedsOut);
    const report = await withDatabase(io, ({ ctx, database }) => buildReport(ctx, reportStore(database.db), { level }));

    let body: string | Buffer;
    if (format === 'xlsx') body = await reportXlsx(report);
    else if (format === 'csv') body = await reportCsv(report);
    else if (format === 'json') body = `${asJson(report)}\n`;
    else
      body = report.rows.length
        ? `${textTable(reportColumns, report.rows.map(reportCells))}\n\n${textTable(summaryColumns, [...report.levels, report.total].map(summaryCells))}\n`
        : `${t.reportEmpty}\n`;

    if (values.out) {
      const file = resolve(io.cwd, values.out);
      await writeFile(file, body);
      println(io.stdout, t.reportWritten(values.out, report.rows.length));
    } else io.stdout.write(body);
    return 0;
  },
};
