import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on the first import or export rather than at start-up: it is ~19 MB of resident
 * memory that a running bot needs only when an admin reads or writes a spreadsheet.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
