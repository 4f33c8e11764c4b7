/**
 * Real spreadsheet files for import tests and benchmarks, written with exceljs (and plain text for CSV
 * encodings). Names, phones and ID numbers are made up; ID numbers carry a valid check character.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../../core/imports/identity-numbers.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞红建文辉力宁波斌志鹏晨阳雪梅琳欣怡浩宇轩然';

/** The i-th made-up name, unique for i < 50 × 50 × 50. */
export function nameAt(i: number): string {
  const s = SURNAMES[i % SURNAMES.length];
  const a = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
  const b = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length];
  return `${s}${a}${b}`;
}

export function phoneAt(i: number): string {
  return `139${String(10_000_000 + i * 7919).slice(-8)}`;
}

/** A syntactically valid 18-character ID number (Urumqi area code, born 1980–1999). */
export function idAt(i: number): string {
  const birth = `19${80 + (i % 20)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}`;
  const first17 = `650102${birth}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

export const LEVEL_AT = (i: number) => (['初级', '中级', '副高级'] as const)[i % 3];

export type Cell = string | number | Date | null;

export async function writeXlsx(path: string, headers: string[], rows: Cell[][], opts: { titleRow?: string; textColumns?: number[] } = {}) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  if (opts.titleRow) ws.addRow([opts.titleRow]);
  ws.addRow(headers);
  ws.addRows(rows);
  for (const c of opts.textColumns ?? []) ws.getColumn(c).numFmt = '@';
  await wb.xlsx.writeFile(path);
}

const csvCell = (v: Cell) => {
  const s = v === null ? '' : v instanceof Date ? v.toISOString() : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV as Excel would save it: UTF-8 with BOM, UTF-8 without, or GB18030 ("CSV" on Chinese Windows). */
export function writeCsv(path: string, headers: string[], rows: Cell[][], encoding: 'utf8-bom' | 'utf8' | 'gb18030' = 'utf8-bom') {
  const text = [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gb18030') writeFileSync(path, encodeGb18030(text));
  else writeFileSync(path, (encoding === 'utf8-bom' ? '\uFEFF' : '') + text, 'utf8');
}

/** Node can decode GB18030 but not encode it; build the table for the characters we use from the decoder. */
function encodeGb18030(text: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`cannot encode ${ch} in GB18030 test helper`);
      out.push(...b);
    }
  }
  return Buffer.from(out);
}

export const ROSTER_HEADERS = ['姓名', '工作单位', '申报级别', '手机号', '身份证号'];

/** n roster rows: name, unit, level, phone, ID number. */
export function rosterRows(n: number): Cell[][] {
  return Array.from({ length: n }, (_, i) => [nameAt(i), `单位${(i % 50) + 1}`, LEVEL_AT(i), phoneAt(i), idAt(i)]);
}
