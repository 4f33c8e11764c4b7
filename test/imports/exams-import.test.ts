import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../bot/files/read.ts';
import { importExams } from '../../core/imports/exams.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import { exams } from '../../db/schema/index.ts';
import type { Database } from '../../db/types.ts';
import { testDatabase } from '../support/db.ts';
import { contextOn } from './context.ts';
import { writeCsv, writeXlsx } from './make-files.ts';

let d: Database;
let ctx: ReturnType<typeof contextOn>;
let ids: Record<string, number>;
const dir = mkdtempSync(join(tmpdir(), 'cebot-exams-'));
const actor = 'test:admin';

beforeAll(async () => {
  d = await testDatabase();
  ctx = contextOn(d);
  const people: Array<[string, string, string, string]> = [
    ['张三', '初级', '网信办', '1111'],
    ['李四', '中级', '信息中心', ''],
    ['王五', '中级', '单位A', '2222'],
    ['王五', '中级', '单位B', '3333'],
    ['阿依古丽·买买提', '副高级', '和田地区网信办', ''],
  ];
  await ctx.stores.roster.upsertMany(
    people.map(([name, level, unit, phoneTail]) => ({ campaignId: ctx.campaign.id, name, nameKey: normaliseName(name), level, unit, phoneTail, idMasked: '' })),
  );
  ids = Object.fromEntries((await ctx.stores.roster.list(ctx.campaign.id)).map((t) => [`${t.name}/${t.unit}`, t.id]));
});
afterAll(async () => {
  await d.close();
  rmSync(dir, { recursive: true, force: true });
});

const stored = async () =>
  Object.fromEntries((await d.db.select().from(exams)).map((e) => [`${e.traineeId}/${e.subject}`, { score: e.score, passed: e.passed }]));

describe('importing exam results', () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, 'scores.xlsx');
    await writeXlsx(file, ['姓名', '工作单位', '科目', '考试成绩'], [
      ['张三', '网信办', '专业', 60],
      ['张三', '网信办', '公需科目', '59.5'],
      ['王五', '单位B', '专业', 88],
      ['阿依古丽•买买提', '', '专业', '100分'],
    ]);
  });

  it('records scores, passing at the pass mark of the notice (60)', async () => {
    const r = await importExams(ctx, await readSheet(file), { actor, source: 'scores.xlsx' });
    expect(r).toMatchObject({ ok: true, applied: true, errors: [] });
    expect(r.written).toEqual({ inserted: 4, updated: 0, unchanged: 0 });
    expect(await stored()).toEqual({
      [`${ids['张三/网信办']}/professional`]: { score: 60, passed: true },
      [`${ids['张三/网信办']}/public`]: { score: 59.5, passed: false },
      [`${ids['王五/单位B']}/professional`]: { score: 88, passed: true },
      [`${ids['阿依古丽·买买提/和田地区网信办']}/professional`]: { score: 100, passed: true },
    });
  });

  it('writes an audit row for each recorded score and one for the import', async () => {
    const rows = await ctx.stores.audit.list({ action: 'exam.import' });
    expect(rows).toHaveLength(4);
    expect(rows.find((a) => a.target === `trainee:${ids['王五/单位B']}`)).toMatchObject({
      actor,
      before: undefined,
      after: { subject: 'professional', score: 88, passed: true, source: 'scores.xlsx' },
    });
    expect(await ctx.stores.audit.list({ action: 'import.exams' })).toMatchObject([{ after: { inserted: 4 } }]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await d.db.select().from(exams);
    const audits = (await ctx.stores.audit.list({ limit: 1000 })).length;
    const r = await importExams(ctx, await readSheet(file), { actor });
    expect(r.written).toEqual({ inserted: 0, updated: 0, unchanged: 4 });
    expect(await d.db.select().from(exams)).toEqual(before);
    expect((await ctx.stores.audit.list({ limit: 1000 })).length).toBe(audits);
  });

  it('reads 公需成绩 / 专业成绩 columns and audits a changed score with before and after', async () => {
    const f = join(dir, 'wide.csv');
    writeCsv(f, ['姓名', '公需成绩', '专业成绩'], [['张三', 75, ''], ['李四', '', 45]]);
    const r = await importExams(ctx, await readSheet(f), { actor });
    expect(r.written).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const s = await stored();
    expect(s[`${ids['张三/网信办']}/public`]).toEqual({ score: 75, passed: true });
    expect(s[`${ids['李四/信息中心']}/professional`]).toEqual({ score: 45, passed: false });
    const [a] = await ctx.stores.audit.list({ action: 'exam.import', target: `trainee:${ids['张三/网信办']}` });
    expect(a).toMatchObject({ before: { subject: 'public', score: 59.5, passed: false }, after: { subject: 'public', score: 75, passed: true } });
  });

  it('takes the subject for the whole file when there is no subject column', async () => {
    const f = join(dir, 'no-subject.csv');
    writeCsv(f, ['姓名', '成绩'], [['李四', 61]]);
    const refused = await importExams(ctx, await readSheet(f), { actor });
    expect(refused).toMatchObject({ ok: false, fileError: true, errors: [{ row: 1, reason: expect.stringMatching(/没有“科目”列/) }] });
    const r = await importExams(ctx, await readSheet(f), { actor, subject: 'public' });
    expect(r.preview).toMatchObject([{ name: '李四', subject: 'public', score: 61, passed: true }]);
  });

  it('reports unknown people, unresolved namesakes, bad scores and repeats by row, writing nothing', async () => {
    const before = await d.db.select().from(exams);
    const f = join(dir, 'bad.xlsx');
    await writeXlsx(f, ['姓名', '手机', '科目', '分数'], [
      ['张三', '', '专业', 70],
      ['赵六', '', '专业', 70],
      ['王五', '', '专业', 70],
      ['王五', '13900002222', '专业', 'A'],
      ['王五', '13900003333', '数学', 70],
      ['张三', '', '专业', 71],
    ]);
    const r = await importExams(ctx, await readSheet(f), { actor });
    expect(r).toMatchObject({ ok: false, applied: false });
    expect(r.errors).toEqual([
      { row: 3, reason: '花名册中没有此人。' },
      { row: 4, reason: '花名册中有 2 位同名人员，请加上“单位”或“手机号”列以区分。' },
      { row: 5, reason: '成绩应为 0–100 之间的数字。' },
      { row: 6, reason: '科目应为“公需”或“专业”。' },
      { row: 7, reason: '与第 2 行是同一人同一科目（专业）的成绩。' },
    ]);
    expect(await d.db.select().from(exams)).toEqual(before);
  });

  it('tells namesakes apart by phone tail', async () => {
    const f = join(dir, 'phones.csv');
    writeCsv(f, ['姓名', '手机号', '科目', '成绩'], [['王五', '13900002222', '专业', 66]]);
    const r = await importExams(ctx, await readSheet(f), { actor, dryRun: true });
    expect(r.preview).toMatchObject([{ traineeId: ids['王五/单位A'], score: 66 }]);
  });
});
