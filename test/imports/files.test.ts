import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readSheet, readTable, FileReadError } from '../../bot/files/read.ts';
import { idAt, nameAt, writeCsv, writeXlsx } from './make-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'cebot-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading .xlsx files', () => {
  it('reads headers and rows with the row numbers Excel shows', async () => {
    const f = join(dir, 'plain.xlsx');
    await writeXlsx(f, ['姓名', '单位'], [['张三', '网信办'], [null, null], ['买买提·艾力', '喀什地区网信办']]);
    expect(await readTable(f)).toEqual({
      headers: ['姓名', '单位'],
      headerRow: 1,
      rows: [
        { rowNumber: 2, cells: { 姓名: '张三', 单位: '网信办' } },
        { rowNumber: 4, cells: { 姓名: '买买提·艾力', 单位: '喀什地区网信办' } },
      ],
    });
  });

  it('keeps many Chinese names intact (no character garbled between chunks)', async () => {
    const f = join(dir, 'many.xlsx');
    const names = Array.from({ length: 3000 }, (_, i) => nameAt(i));
    await writeXlsx(f, ['姓名'], names.map((n) => [n]));
    const rows = await readSheet(f);
    expect(rows.slice(1).map((r) => r.values[0])).toEqual(names);
  });

  it('turns numbers, times, dates, formulas and rich text into the text an admin sees', async () => {
    const f = join(dir, 'types.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['姓名', '时长', '日期', '成绩', '手机']);
    const r = ws.addRow([
      { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] },
      new Date(Date.UTC(1899, 11, 30, 1, 20, 0)),
      new Date(Date.UTC(2021, 9, 10)),
      { formula: 'A1', result: 85.5 },
      13912345678,
    ]);
    r.getCell(2).numFmt = 'hh:mm:ss';
    r.getCell(3).numFmt = 'yyyy-mm-dd';
    ws.addRow(['李四', new Date(Date.UTC(1899, 11, 31, 2, 0, 0))]).getCell(2).numFmt = '[h]:mm:ss';
    await wb.xlsx.writeFile(f);
    const rows = await readSheet(f);
    expect(rows[1].values).toEqual(['张三', '1:20:00', '2021-10-10', '85.5', '13912345678']);
    expect(rows[2].values).toEqual(['李四', '26:00:00']);
  });

  it('reads the first worksheet that has data', async () => {
    const f = join(dir, 'sheets.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明');
    wb.addWorksheet('名单').addRows([['姓名'], ['张三']]);
    await wb.xlsx.writeFile(f);
    expect((await readTable(f)).rows).toEqual([{ rowNumber: 2, cells: { 姓名: '张三' } }]);
  });
});

describe('reading .csv files', () => {
  const rows = [[nameAt(1), '网信办', idAt(1), '01:20:00']];
  const headers = ['姓名', '单位', '身份证号', '时长'];

  it.each(['utf8-bom', 'utf8', 'gb18030'] as const)('reads %s and keeps every cell as text', async (enc) => {
    const f = join(dir, `roster-${enc}.csv`);
    writeCsv(f, headers, rows, enc);
    const t = await readTable(f);
    expect(t.headers).toEqual(headers);
    // An 18-digit ID stays exact (no number guessing), a time stays a time.
    expect(t.rows).toEqual([{ rowNumber: 2, cells: { 姓名: nameAt(1), 单位: '网信办', 身份证号: idAt(1), 时长: '01:20:00' } }]);
  });

  it('reads quoted cells with commas and keeps row numbers across blank lines', async () => {
    const f = join(dir, 'quoted.csv');
    writeFileSync(f, '\uFEFF姓名,单位\r\n"张三","网信办,信息中心"\r\n\r\n李四,"说""明"""\r\n');
    expect((await readTable(f)).rows).toEqual([
      { rowNumber: 2, cells: { 姓名: '张三', 单位: '网信办,信息中心' } },
      { rowNumber: 4, cells: { 姓名: '李四', 单位: '说"明"' } },
    ]);
  });

  it('reads tab-separated UTF-16 text saved by Excel', async () => {
    const f = join(dir, 'unicode.csv');
    writeFileSync(f, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t时长\r\n张三\t95\r\n', 'utf16le')]));
    expect((await readTable(f)).rows).toEqual([{ rowNumber: 2, cells: { 姓名: '张三', 时长: '95' } }]);
  });
});

describe('file problems are explained in Chinese', () => {
  it('refuses other file types', async () => {
    await expect(readSheet(join(dir, 'a.xls'))).rejects.toThrow(/不支持的文件类型：a\.xls/);
  });

  it('names a missing file', async () => {
    await expect(readSheet(join(dir, 'missing.xlsx'))).rejects.toThrow(/找不到文件/);
  });

  it('says a broken .xlsx cannot be read', async () => {
    const f = join(dir, 'broken.xlsx');
    writeFileSync(f, 'not a zip');
    const err = await readSheet(f).catch((e) => e);
    expect(err).toBeInstanceOf(FileReadError);
    expect(err.message).toMatch(/无法读取文件 broken\.xlsx/);
  });
});
