import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../bot/files/read.ts';
import { importRoster } from '../../core/imports/roster.ts';
import { auditLog, trainees } from '../../db/schema/index.ts';
import type { Database } from '../../db/types.ts';
import { testDatabase } from '../support/db.ts';
import { contextOn } from './context.ts';
import { idAt, phoneAt, rosterRows, ROSTER_HEADERS, writeCsv, writeXlsx, type Cell } from './make-files.ts';

let d: Database;
let ctx: ReturnType<typeof contextOn>;
const dir = mkdtempSync(join(tmpdir(), 'cebot-roster-'));
const actor = 'test:admin';

beforeAll(async () => {
  d = await testDatabase();
  ctx = contextOn(d);
});
afterAll(async () => {
  await d.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = async () => (await d.db.select().from(trainees)).length;

/** 100 rows of which rows 3, 48 and 101 (spreadsheet numbering) are bad. */
function hundredWithThreeBad(): Cell[][] {
  const rows = rosterRows(100);
  rows[1][3] = '12345'; // spreadsheet row 3: phone too short
  rows[46][2] = '高级'; // row 48: not a level of the notice
  rows[99][4] = `${idAt(99).slice(0, 17)}${idAt(99)[17] === '1' ? '2' : '1'}`; // row 101: wrong ID check character
  return rows;
}

describe('importing a roster', () => {
  it('reports every bad row of 100 by row number and writes nothing', async () => {
    const f = join(dir, 'bad3.xlsx');
    await writeXlsx(f, ROSTER_HEADERS, hundredWithThreeBad(), { textColumns: [4, 5] });
    const r = await importRoster(ctx, await readSheet(f), { actor });
    expect(r.ok).toBe(false);
    expect(r.applied).toBe(false);
    expect(r.rows).toBe(100);
    expect(r.valid).toBe(97);
    expect(r.errors.map((e) => e.row)).toEqual([3, 48, 101]);
    expect(r.errors[0].reason).toMatch(/手机号格式不对/);
    expect(r.errors[1].reason).toMatch(/级别无法识别/);
    expect(r.errors[2].reason).toMatch(/身份证号校验位不对/);
    // Reasons never echo the numbers themselves.
    expect(JSON.stringify(r.errors)).not.toContain(idAt(99).slice(0, 10));
    expect(await count()).toBe(0);
  });

  it('writes the 97 good rows when asked to skip bad ones, and still lists the bad', async () => {
    const f = join(dir, 'bad3-skip.xlsx');
    await writeXlsx(f, ROSTER_HEADERS, hundredWithThreeBad(), { textColumns: [4, 5] });
    const r = await importRoster(ctx, await readSheet(f), { actor, skipBad: true, source: 'bad3-skip.xlsx' });
    expect(r.ok).toBe(true);
    expect(r.applied).toBe(true);
    expect(r.written).toEqual({ inserted: 97, updated: 0, unchanged: 0 });
    expect(r.errors.map((e) => e.row)).toEqual([3, 48, 101]);
    expect(await count()).toBe(97);
    const audit = await ctx.stores.audit.list({ action: 'import.roster' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor, target: 'bad3-skip.xlsx', after: { inserted: 97, skippedBad: 3 } });
  });

  it('changes nothing when the same file is imported again', async () => {
    const f = join(dir, 'full.xlsx');
    await writeXlsx(f, ROSTER_HEADERS, rosterRows(100), { textColumns: [4, 5] });
    const first = await importRoster(ctx, await readSheet(f), { actor });
    expect(first.written).toEqual({ inserted: 3, updated: 0, unchanged: 97 });
    const before = await d.db.select().from(trainees);
    const auditsBefore = (await d.db.select().from(auditLog)).length;
    const again = await importRoster(ctx, await readSheet(f), { actor });
    expect(again.written).toEqual({ inserted: 0, updated: 0, unchanged: 100 });
    expect(await d.db.select().from(trainees)).toEqual(before);
    expect((await d.db.select().from(auditLog)).length).toBe(auditsBefore);
  });

  it('stores the phone tail and the masked ID only — never the full numbers', async () => {
    const rows = await d.db.select().from(trainees);
    const dump = JSON.stringify([rows, await d.db.select().from(auditLog)]);
    for (let i = 0; i < 100; i++) {
      expect(dump).not.toContain(phoneAt(i));
      expect(dump).not.toContain(idAt(i));
    }
    const first = rows.find((r) => r.phoneTail === phoneAt(0).slice(-4))!;
    expect(first.idMasked).toBe(`**************${idAt(0).slice(-4)}`);
  });

  it('reads other column names, a title row, a CSV, and the level given for the whole file', async () => {
    const f = join(dir, 'other-headers.csv');
    writeCsv(f, ['序号', '学员姓名', '单位名称', '联系电话'], [
      [1, '古丽娜尔·吐尔逊', '和田地区网信办', '0903-2021234'],
      [2, '买买提•艾力', '喀什地区网信办', ''],
    ]);
    const r = await importRoster(ctx, await readSheet(f), { actor, level: '副高级' });
    expect(r.errors).toEqual([]);
    expect(r.preview).toEqual([
      { row: 2, name: '古丽娜尔·吐尔逊', unit: '和田地区网信办', level: '副高级', phoneTail: '1234', idMasked: '' },
      { row: 3, name: '买买提•艾力', unit: '喀什地区网信办', level: '副高级', phoneTail: '', idMasked: '' },
    ]);
    const [m] = await ctx.stores.roster.findByNameKeys(ctx.campaign.id, ['买买提·艾力']);
    expect(m).toMatchObject({ level: '副高级', unit: '喀什地区网信办' });
  });

  it('refuses a row whose level contradicts the level given for the file', async () => {
    const f = join(dir, 'level-conflict.xlsx');
    await writeXlsx(f, ['姓名', '级别'], [['甲乙', '中级'], ['丙丁', '']]);
    const r = await importRoster(ctx, await readSheet(f), { actor, level: '初级' });
    expect(r.errors).toEqual([{ row: 2, reason: '级别与导入时指定的“初级”不一致。' }]);
    expect(r.preview.map((p) => [p.name, p.level])).toEqual([['丙丁', '初级']]);
  });

  it('refuses a file without a name or level column, naming the accepted headers', async () => {
    const f = join(dir, 'no-level.xlsx');
    await writeXlsx(f, ['姓名', '单位'], [['张三', '网信办']]);
    const r = await importRoster(ctx, await readSheet(f), { actor, skipBad: true });
    expect(r).toMatchObject({ ok: false, applied: false, fileError: true });
    expect(r.errors).toEqual([{ row: 1, reason: expect.stringMatching(/^缺少“级别”列（可用的列名：级别、申报级别/) }]);
  });

  it('reports the same person listed twice, and empty names', async () => {
    const f = join(dir, 'dupes.xlsx');
    await writeXlsx(f, ROSTER_HEADERS, [
      ['赵 六', '网信办', '初级', '13900001111', ''],
      ['', '网信办', '初级', '', ''],
      ['赵六', '网信办', '初级', '139 0000 1111', ''],
      ['赵六', '信息中心', '初级', '', ''],
    ]);
    const r = await importRoster(ctx, await readSheet(f), { actor, dryRun: true });
    expect(r.errors).toEqual([
      { row: 3, reason: '姓名为空。' },
      { row: 4, reason: '与第 2 行是同一人（姓名、单位、手机后四位都相同）。' },
    ]);
    expect(r.preview.map((p) => p.name)).toEqual(['赵六', '赵六']);
  });

  it('writes nothing on a dry run', async () => {
    const n = await count();
    const f = join(dir, 'dry.xlsx');
    await writeXlsx(f, ['姓名', '级别'], [['钱七', '中级']]);
    const r = await importRoster(ctx, await readSheet(f), { actor, dryRun: true });
    expect(r).toMatchObject({ ok: true, applied: false, dryRun: true, valid: 1 });
    expect(await count()).toBe(n);
  });
});
