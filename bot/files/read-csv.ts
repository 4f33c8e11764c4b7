import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { SheetRow } from '../../core/imports/table.ts';
import { loadExcel } from './exceljs.ts';

/**
 * Text of a CSV file in whatever encoding Excel on a Chinese Windows left it: UTF-8 with or without BOM,
 * UTF-16 ("Unicode text"), or GBK/GB18030 (the default "CSV" save).
 */
export function decodeCsv(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** Comma unless the header line is clearly tab- or semicolon-separated. */
function sniffDelimiter(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => first.split(c).length - 1;
  const [best] = [',', '\t', ';'].sort((a, b) => count(b) - count(a));
  return count(best) > 0 ? best : ',';
}

/** Rows of a CSV file, every cell kept as text (no number or date guessing: ID and phone numbers stay intact).
 *  Blank lines are kept while parsing so row numbers match what Excel shows. */
export async function readCsv(buf: Buffer): Promise<SheetRow[]> {
  const text = decodeCsv(buf).replace(/^\uFEFF/, '');
  const wb = new (await loadExcel()).Workbook();
  const ws = await wb.csv.read(Readable.from([text]), {
    map: (v: string) => v,
    parserOptions: { delimiter: sniffDelimiter(text), ignoreEmpty: false, trim: false },
  } as never);
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const raw = row.values as unknown[];
    const values: string[] = [];
    for (let i = 1; i < raw.length; i++) values.push(raw[i] == null ? '' : String(raw[i]));
    if (values.some((v) => v.trim() !== '')) rows.push({ rowNumber, values });
  });
  return rows;
}
