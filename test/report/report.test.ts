import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCsv, reportXlsx } from '../../bot/files/write-report.ts';
import { buildReport, completionText, examsText, missingText, reportCells } from '../../core/report/build.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import { reportStore } from '../../db/stores/report.ts';
import type { Database } from '../../db/types.ts';
import { contextOn } from '../imports/context.ts';
import { testDatabase } from '../support/db.ts';

let d: Database;
let ctx: ReturnType<typeof contextOn>;
let id: Record<string, number>;
const t0 = new Date('2021-09-26T02:00:00Z');
const later = (min: number) => new Date(t0.getTime() + min * 60_000);

beforeAll(async () => {
  d = await testDatabase();
  ctx = contextOn(d);
  const s = ctx.stores;
  const people: Array<[string, string, string]> = [
    ['张三', '初级', '网信办'],
    ['李四', '初级', '信息中心'],
    ['王五', '中级', '网信办'],
    ['赵六', '中级', '公安厅'],
    ['钱七', '副高级', '网信办'],
    ['孙八', '副高级', '网信办'],
    ['周九', '副高级', '已调离'],
  ];
  await s.roster.upsertMany(people.map(([name, level, unit]) => ({ campaignId: ctx.campaign.id, name, nameKey: normaliseName(name), level, unit, phoneTail: '', idMasked: '' })));
  id = Object.fromEntries((await s.roster.list(ctx.campaign.id)).map((t) => [t.name, t.id]));
  await s.roster.update(id['周九'], { active: false });

  const session = (subject: 'public' | 'professional', hours: number) =>
    s.ledger.createSession({ campaignId: ctx.campaign.id, title: subject, level: null, subject, startsAt: t0, endsAt: later(120), hours, creditRule: 'checkin', thresholdPercent: null, platform: null, chatId: null, createdBy: 'test' });
  const pub = await session('public', 30);
  const prof = await session('professional', 60);
  const prof40 = await session('professional', 40);
  const credit = (sessionId: number, traineeId: number, hours: number) =>
    s.ledger.checkIn({ sessionId, traineeId, source: 'checkin', minutes: null, hours, recordedAt: t0, recordedBy: 'self' });
  await credit(pub.id, id['张三'], 30);
  await credit(prof.id, id['张三'], 60);
  await credit(prof40.id, id['李四'], 40);
  await credit(pub.id, id['王五'], 30);
  await credit(prof.id, id['王五'], 60);
  const exam = (traineeId: number, subject: 'public' | 'professional', score: number) =>
    s.ledger.upsertExam({ campaignId: ctx.campaign.id, traineeId, subject, score, passed: score >= 60, source: 'manual', recordedBy: 'test', recordedAt: t0 });
  await exam(id['张三'], 'professional', 80);
  await exam(id['张三'], 'public', 70);
  await exam(id['王五'], 'professional', 50);
  await s.ledger.upsertExemption({ campaignId: ctx.campaign.id, traineeId: id['赵六'], reason: '访惠聚驻村', approvalRef: '新网信〔2021〕1号', approvedBy: 'test', createdAt: t0 });

  // Nicknames: 张三 bound and renamed; 李四 bound in a private chat, never seen in a group; 王五 renamed, then
  // changed to a non-compliant nickname; 孙八 seen compliant before any binding; 钱七's account shows a
  // non-compliant nickname nobody can tie to them.
  const obs = (accountId: string, nickname: string, compliant: boolean, traineeId: number | null, at: Date) =>
    s.roster.observe({ platform: 'dingtalk', chatId: 'g1', accountId, nickname, compliant, traineeId, lastSeen: at });
  await s.roster.bind('dingtalk', 'u-zs', id['张三'], 'nickname');
  await obs('u-zs', '张三-网信办', true, id['张三'], later(1));
  await s.roster.bind('telegram', '42', id['李四'], 'self');
  await s.roster.bind('dingtalk', 'u-ww', id['王五'], 'nickname');
  await obs('u-ww', '王五', true, id['王五'], later(1));
  await s.roster.observe({ platform: 'dingtalk', chatId: 'g2', accountId: 'u-ww', nickname: '小王', compliant: false, traineeId: id['王五'], lastSeen: later(5) });
  await obs('u-sb', '孙八', true, id['孙八'], later(2));
  await obs('u-x', '七哥', false, null, later(3));
});
afterAll(() => d.close());

describe('the compliance report', () => {
  it('gives every active trainee their hours, exams, completion, what is missing and nickname state', async () => {
    const r = await buildReport(ctx, reportStore(d.db));
    expect(r.rows.map((row) => reportCells(row))).toEqual([
      ['张三', '网信办', '初级', '已改名', 30, 60, 90, '公需 70（合格）；专业 80（合格）', '已完成', ''],
      ['李四', '信息中心', '初级', '已绑定', 0, 40, 40, '—', '未完成', '公需 30 学时；专业 20 学时；专业考试'],
      ['王五', '网信办', '中级', '不合规', 30, 60, 90, '专业 50（不合格）', '未完成', '专业考试'],
      ['赵六', '公安厅', '中级', '未见', 0, 0, 0, '—', '豁免（访惠聚驻村）', ''],
      ['钱七', '网信办', '副高级', '未见', 0, 0, 0, '—', '未完成', '公需 30 学时；专业 60 学时；专业考试'],
      ['孙八', '网信办', '副高级', '已改名', 0, 0, 0, '—', '未完成', '公需 30 学时；专业 60 学时；专业考试'],
    ]);
  });

  it('counts each level and the whole', async () => {
    const r = await buildReport(ctx, reportStore(d.db));
    expect(r.levels.map((l) => [l.level, l.trainees, l.complete, l.exempt, l.nickname])).toEqual([
      ['初级', 2, 1, 0, { renamed: 1, bound: 1, unseen: 0, noncompliant: 0 }],
      ['中级', 2, 1, 1, { renamed: 0, bound: 0, unseen: 1, noncompliant: 1 }],
      ['副高级', 2, 0, 0, { renamed: 1, bound: 0, unseen: 1, noncompliant: 0 }],
    ]);
    expect(r.total).toMatchObject({ level: null, trainees: 6, complete: 2, averageHours: 36.7 });
  });

  it('filters by level', async () => {
    const r = await buildReport(ctx, reportStore(d.db), { level: '中级' });
    expect(r.rows.map((row) => row.name)).toEqual(['王五', '赵六']);
    expect(r.levels.map((l) => l.level)).toEqual(['中级']);
  });

  it('states the total shortfall only when it asks more than the two categories', () => {
    const row = { missing: { publicHours: 0, professionalHours: 0, totalHours: 10, exams: [] } };
    expect(missingText(row)).toBe('总学时 10');
    expect(missingText({ missing: { publicHours: 5, professionalHours: 5, totalHours: 10, exams: [] } })).toBe('公需 5 学时；专业 5 学时');
    expect(completionText({ exempt: true, complete: true })).toBe('豁免');
    expect(examsText({ exams: [] })).toBe('—');
  });

  it('exports an .xlsx with a summary sheet and one sheet per level, header frozen', async () => {
    const report = await buildReport(ctx, reportStore(d.db));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(report)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '初级', '中级', '副高级']);
    const junior = wb.getWorksheet('初级')!;
    expect((junior.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '单位', '级别', '昵称状态', '公需', '专业', '总学时', '考试', '完成情况', '缺少']);
    expect((junior.getRow(3).values as unknown[]).slice(1)).toEqual(['李四', '信息中心', '初级', '已绑定', 0, 40, 40, '—', '未完成', '公需 30 学时；专业 20 学时；专业考试']);
    expect(junior.rowCount).toBe(3);
    expect(junior.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(junior.getColumn(2).width).toBeGreaterThanOrEqual(20);
    const summary = wb.getWorksheet('汇总')!;
    expect((summary.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['级别', '人数', '已完成', '完成率']);
    expect((summary.getRow(5).values as unknown[]).slice(1, 5)).toEqual(['合计', 6, 2, '33.3%']);
  });

  it('exports CSV in UTF-8 with a BOM', async () => {
    const buf = await reportCsv(await buildReport(ctx, reportStore(d.db), { level: '初级' }));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = buf.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('姓名,单位,级别,昵称状态,公需,专业,总学时,考试,完成情况,缺少');
    expect(lines[1]).toBe('张三,网信办,初级,已改名,30,60,90,公需 70（合格）；专业 80（合格）,已完成,');
    expect(lines).toHaveLength(3);
  });

  it('keeps CSV cells from running as formulas in Excel', async () => {
    const report = await buildReport(ctx, reportStore(d.db), { level: '初级' });
    report.rows[0] = { ...report.rows[0], unit: '=HYPERLINK("http://x")' };
    const text = (await reportCsv(report)).subarray(3).toString('utf8');
    expect(text.split('\r\n')[1]).toMatch(/^张三,"'=HYPERLINK\(""http:\/\/x""\)",初级,/);
  });
});
