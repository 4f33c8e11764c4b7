import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet } from '../../bot/files/read.ts';
import { importWatchTime } from '../../core/imports/watchtime.ts';
import type { Session } from '../../core/ports.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import { attendance } from '../../db/schema/index.ts';
import { attendanceWriter } from '../../db/stores/imports.ts';
import type { Database } from '../../db/types.ts';
import { testDatabase } from '../support/db.ts';
import { contextOn } from './context.ts';
import { writeCsv, writeXlsx } from './make-files.ts';

let d: Database;
let ctx: ReturnType<typeof contextOn>;
let session: Session;
let ids: Record<string, number>;
const dir = mkdtempSync(join(tmpdir(), 'cebot-watch-'));
const actor = 'test:admin';
const importFile = async (sessionId: number, f: string, extra: { skipBad?: boolean; dryRun?: boolean } = {}) =>
  importWatchTime(ctx, attendanceWriter(d.db), await readSheet(f), { actor, sessionId, source: 'watch.xlsx', ...extra });

/** A 120-minute, 3-hour professional session for 初级 (Beijing 10:00–12:00). */
const newSession = (over: Partial<Session> = {}) =>
  ctx.stores.ledger.createSession({
    campaignId: ctx.campaign.id,
    title: '网络安全法解读',
    level: '初级',
    subject: 'professional',
    startsAt: new Date('2021-09-26T02:00:00Z'),
    endsAt: new Date('2021-09-26T04:00:00Z'),
    hours: 3,
    creditRule: 'watchtime',
    thresholdPercent: null,
    platform: null,
    chatId: null,
    createdBy: actor,
    ...over,
  });

beforeAll(async () => {
  d = await testDatabase();
  ctx = contextOn(d);
  const people: Array<[string, string, string, string]> = [
    ['张三', '初级', '网信办', '1111'],
    ['李四', '初级', '信息中心', ''],
    ['买买提·艾力', '初级', '喀什地区网信办', ''],
    ['钱七', '初级', '', ''],
    ['王五', '初级', '单位A', ''],
    ['王五', '初级', '单位B', ''],
    ['赵六', '初级', '网信办', ''],
    ['赵六', '中级', '信息中心', ''],
  ];
  await ctx.stores.roster.upsertMany(
    people.map(([name, level, unit, phoneTail]) => ({ campaignId: ctx.campaign.id, name, nameKey: normaliseName(name), level, unit, phoneTail, idMasked: '' })),
  );
  const all = await ctx.stores.roster.list(ctx.campaign.id);
  ids = Object.fromEntries(all.map((t) => [`${t.name}/${t.level}/${t.unit}`, t.id]));
  session = await newSession();
});
afterAll(async () => {
  await d.close();
  rmSync(dir, { recursive: true, force: true });
});

const credits = async (sessionId: number) =>
  Object.fromEntries(
    (await d.db.select().from(attendance))
      .filter((a) => a.sessionId === sessionId)
      .map((a) => [a.traineeId, { hours: a.hours, minutes: a.minutes, source: a.source }]),
  );

describe('importing a watch-time export for a session', () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, 'watch.xlsx');
    await writeXlsx(file, ['序号', '用户名', '观看时长'], [
      [1, '张三-网信办', 96], // exactly the 80 % threshold of 120 minutes
      [2, '李四', '1小时'], // with row 8: 60 + 36 = 96 minutes
      [3, '买买提•艾力', '02:00:00'], // above
      [4, '王五', 100], // two 王五 of 初级: ambiguous
      [5, '小明', 50], // nobody
      [6, '王五-单位B', 50], // the suffix picks one; 50/120 of 3 h = 1.25 → 1.0
      [7, '赵六', 30], // 初级 and 中级 both have 赵六; the session is 初级
      [8, '李四', '36分钟'],
      [9, '钱七', 59], // 1.475 h → 1.0
    ]);
  });

  it('credits full hours at and above the threshold and rounds down below it', async () => {
    const r = await importFile(session.id, file);
    expect(r).toMatchObject({ ok: true, applied: true, rows: 9, valid: 9, errors: [] });
    expect(r.written).toEqual({ inserted: 6, updated: 0, unchanged: 0 });
    const c = await credits(session.id);
    expect(c[ids['张三/初级/网信办']]).toEqual({ hours: 3, minutes: 96, source: 'import' });
    expect(c[ids['李四/初级/信息中心']]).toEqual({ hours: 3, minutes: 96, source: 'import' });
    expect(c[ids['买买提·艾力/初级/喀什地区网信办']]).toEqual({ hours: 3, minutes: 120, source: 'import' });
    expect(c[ids['王五/初级/单位B']]).toEqual({ hours: 1, minutes: 50, source: 'import' });
    expect(c[ids['赵六/初级/网信办']]).toEqual({ hours: 0.5, minutes: 30, source: 'import' });
    expect(c[ids['钱七/初级/']]).toEqual({ hours: 1, minutes: 59, source: 'import' });
    expect(c[ids['赵六/中级/信息中心']]).toBeUndefined();
    expect(r.preview.find((p) => p.name === '李四')).toMatchObject({ rows: [3, 9], minutes: 96, hours: 3 });
  });

  it('lists nicknames that match nobody, or several people, and writes nothing for them', async () => {
    const r = await importFile(session.id, file, { dryRun: true });
    expect(r.unmatched).toEqual([
      { row: 5, nickname: '王五', reason: '昵称可能对应多人：王五（单位A）、王五（单位B）。', candidates: ['王五（单位A）', '王五（单位B）'] },
      { row: 6, nickname: '小明', reason: '花名册中没有与此昵称对应的人。', candidates: [] },
    ]);
    expect((await credits(session.id))[ids['王五/初级/单位A']]).toBeUndefined();
  });

  it('changes nothing when the same export is imported again', async () => {
    const before = await d.db.select().from(attendance);
    const audits = (await ctx.stores.audit.list({ action: 'import.attendance' })).length;
    const r = await importFile(session.id, file);
    expect(r.written).toEqual({ inserted: 0, updated: 0, unchanged: 6 });
    expect(await d.db.select().from(attendance)).toEqual(before);
    expect((await ctx.stores.audit.list({ action: 'import.attendance' })).length).toBe(audits);
  });

  it('writes one audit row per import with the counts', async () => {
    const [a] = await ctx.stores.audit.list({ action: 'import.attendance' });
    expect(a).toMatchObject({ actor, target: `session:${session.id}`, after: { inserted: 6, updated: 0, unchanged: 0, unmatched: 2, rows: 9 } });
  });

  it('raises a smaller credit and keeps a larger one', async () => {
    const f = join(dir, 'second.csv');
    writeCsv(f, ['昵称', '时长'], [['钱七', 100], ['赵六', 10]]);
    const r = await importFile(session.id, f);
    expect(r.written).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const c = await credits(session.id);
    expect(c[ids['钱七/初级/']]).toMatchObject({ hours: 3, minutes: 100 });
    expect(c[ids['赵六/初级/网信办']]).toMatchObject({ hours: 0.5, minutes: 30 });
  });

  it('never lowers a check-in credit', async () => {
    const s = await newSession({ title: '签到课', creditRule: 'checkin' });
    await ctx.stores.ledger.checkIn({ sessionId: s.id, traineeId: ids['张三/初级/网信办'], source: 'checkin', minutes: null, hours: 3, recordedAt: new Date(), recordedBy: 'self' });
    const f = join(dir, 'after-checkin.csv');
    writeCsv(f, ['昵称', '时长'], [['张三', 20]]);
    const r = await importFile(s.id, f);
    expect(r.written).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await credits(s.id))[ids['张三/初级/网信办']]).toEqual({ hours: 3, minutes: null, source: 'checkin' });
  });

  it("uses the session's own threshold when it has one", async () => {
    const s = await newSession({ title: '半场即满', thresholdPercent: 50 });
    const f = join(dir, 'half.csv');
    writeCsv(f, ['昵称', '观看时长(秒)'], [['李四', 3600], ['钱七', 3540]]);
    await importFile(s.id, f);
    const c = await credits(s.id);
    expect(c[ids['李四/初级/信息中心']].hours).toBe(3);
    expect(c[ids['钱七/初级/']].hours).toBe(1); // 59 of 120 minutes: below 50 %, 1.475 h → 1.0
  });

  it('prefers the given level when the session is for every level', async () => {
    const s = await newSession({ title: '公需课', level: null, subject: 'public' });
    const f = join(dir, 'all-levels.csv');
    writeCsv(f, ['昵称', '时长'], [['赵六', 120]]);
    const r = await importWatchTime(ctx, attendanceWriter(d.db), await readSheet(f), { actor, sessionId: s.id, level: '中级' });
    expect(r.preview.map((p) => p.traineeId)).toEqual([ids['赵六/中级/信息中心']]);
  });

  it('reports bad rows by number and writes nothing, unless asked to skip them', async () => {
    const s = await newSession({ title: '有错行' });
    const f = join(dir, 'bad.xlsx');
    await writeXlsx(f, ['昵称', '观看时长(分钟)'], [['张三', 90], ['', 30], ['李四', '一小时'], ['钱七', 2000]]);
    const r = await importFile(s.id, f);
    expect(r).toMatchObject({ ok: false, applied: false, fileError: false });
    expect(r.errors).toEqual([
      { row: 3, reason: '昵称为空。' },
      { row: 4, reason: expect.stringMatching(/^观看时长无法识别/) },
      { row: 5, reason: '观看时长超过 24 小时，请核对。' },
    ]);
    expect(await credits(s.id)).toEqual({});
    const skipped = await importFile(s.id, f, { skipBad: true });
    expect(skipped.written).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(Object.keys(await credits(s.id))).toEqual([String(ids['张三/初级/网信办'])]);
  });

  it('refuses an unknown session and a file without a duration column', async () => {
    const f = join(dir, 'no-minutes.csv');
    writeCsv(f, ['昵称', '备注'], [['张三', '']]);
    expect((await importFile(99_999, f)).errors).toEqual([{ row: 0, reason: '找不到编号为 99999 的课次。' }]);
    const r = await importFile(session.id, f);
    expect(r).toMatchObject({ ok: false, fileError: true });
    expect(r.errors[0].reason).toMatch(/^缺少“观看时长”列/);
  });
});
