import type ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { SheetRow } from '../../core/imports/table.ts';
import { cellText } from './cell-text.ts';
import { loadExcel } from './exceljs.ts';

/**
 * Rows of the first visible worksheet that has any content.
 * Not exceljs' streaming reader: in 4.4 it decodes each zip chunk on its own and garbles a Chinese character
 * split across two chunks ("徐���伟"). `load` decodes each part whole.
 */
export async function readXlsx(input: string | Buffer): Promise<SheetRow[]> {
  const wb = new (await loadExcel()).Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await wb.xlsx.load((typeof input === 'string' ? await readFile(input) : input) as unknown as ExcelJS.Buffer);
  for (const ws of wb.worksheets) {
    if (ws.state && ws.state !== 'visible') continue;
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      // row.values is 1-based (index 0 unused) and sparse.
      const raw = row.values as ExcelJS.CellValue[];
      const values: string[] = [];
      for (let i = 1; i < raw.length; i++) values.push(cellText(raw[i]));
      if (values.some((v) => v.trim() !== '')) rows.push({ rowNumber, values });
    });
    if (rows.length) return rows;
  }
  return [];
}
