import type ExcelJS from 'exceljs';
import { reportCells, summaryCells, type ComplianceReport } from '../../core/report/build.ts';
import { report as t, reportColumns, summaryColumns } from '../../core/locales/zh-CN/report.ts';
import { loadExcel } from './exceljs.ts';

const REPORT_WIDTHS = [12, 28, 8, 10, 8, 8, 8, 26, 16, 36];
const SUMMARY_WIDTHS = [10, 8, 8, 8, 8, 8, 8, 8, 8, 12];

function addSheet(wb: ExcelJS.Workbook, name: string, header: readonly string[], widths: number[], rows: Array<Array<string | number>>) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h, i) => ({ header: h, width: widths[i] }));
  ws.getRow(1).font = { bold: true };
  ws.addRows(rows);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
}

/** The compliance report as a workbook: a summary sheet, then one sheet per level. */
export async function reportXlsx(r: ComplianceReport): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.created = r.generatedAt;
  addSheet(wb, t.summarySheet, summaryColumns, SUMMARY_WIDTHS, [...r.levels, r.total].map(summaryCells));
  for (const l of r.levels)
    addSheet(wb, l.level!, reportColumns, REPORT_WIDTHS, r.rows.filter((row) => row.level === l.level).map(reportCells));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A text cell Excel would run as a formula (a unit typed as "=…") is opened as text instead. */
const inert = (v: string | number) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** The compliance report as CSV, UTF-8 with a BOM so Excel on Windows opens the Chinese correctly. */
export async function reportCsv(r: ComplianceReport): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  const ws = wb.addWorksheet('report');
  ws.addRow([...reportColumns]);
  ws.addRows(r.rows.map((row) => reportCells(row).map(inert)));
  const body = Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { rowDelimiter: '\r\n' } } as never));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]);
}
