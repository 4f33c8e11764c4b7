import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import type { CoreContext } from '../../core/context.ts';
import { buildDashboard, hoursHistogram } from '../../core/dashboard/build.ts';
import { loadYearRows } from '../../core/dashboard/load.ts';
import { adjustHours, grantExemption, openSession, recordExam } from '../../core/ledger/service.ts';
import { revokeExemption } from '../../core/admin/exemption-revoke.ts';
import type { Trainee } from '../../core/ports.ts';
import { buildReport, type ReportRow } from '../../core/report/build.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import { dashboardStore } from '../../db/stores/dashboard.ts';
import { createStores } from '../../db/stores/index.ts';
import { reportStore } from '../../db/stores/report.ts';
import type { Database } from '../../db/types.ts';
import { TestClock } from '../support/clock.ts';
import { testDatabase } from '../support/db.ts';

let db: Database;
let ctx: CoreContext;
const byName = new Map<string, Trainee>();

const people: Array<[string, string, string]> = [
  ['甲一', '初级', '单位A'],
  ['乙二', '初级', '单位B'],
  ['丙三', '中级', '单位A'],
  ['丁四', '中级', '单位C'],
  ['戊五', '副高级', '单位B'],
  ['己六', '副高级', '单位C'],
  ['庚七', '初级', '单位C'],
];

beforeAll(async () => {
  db = await testDatabase();
  const campaign = loadCampaign();
  ctx = { stores: createStores(db), campaign, clock: new TestClock(new Date('2021-09-28T02:00:00Z')) };
  const s = ctx.stores;
  await s.roster.upsertMany(people.map(([name, level, unit]) => ({ campaignId: campaign.id, name, nameKey: normaliseName(name), level, unit, phoneTail: '', idMasked: '' })));
  // Someone of another campaign, with credit of their own: never counted here.
  await s.roster.upsertMany([{ campaignId: 'other-campaign', name: '甲一', nameKey: normaliseName('甲一'), level: '初级', unit: '单位A', phoneTail: '', idMasked: '' }]);
  for (const tr of await s.roster.list(campaign.id)) byName.set(tr.name, tr);
  const [other] = await s.roster.list('other-campaign');

  const at = new Date('2021-09-27T02:00:00Z');
  const base = { level: null, startsAt: at, endsAt: new Date(at.getTime() + 7_200_000), creditRule: 'watchtime' as const, thresholdPercent: null, platform: null, chatId: null, createdBy: 't' };
  const pub = await openSession(ctx, { ...base, title: '公需', subject: 'public', hours: 20 }, 't');
  const pro = await openSession(ctx, { ...base, title: '专业', subject: 'professional', hours: 35.5 }, 't');
  const pro2 = await openSession(ctx, { ...base, title: '专业2', subject: 'professional', hours: 30 }, 't');
  const credit = (sessionId: number, who: string, hours: number) =>
    s.ledger.creditAttendance({ sessionId, traineeId: byName.get(who)!.id, source: 'import', minutes: 60, hours, recordedAt: at, recordedBy: 't' });
  await credit(pub.id, '甲一', 20);
  await credit(pro.id, '甲一', 35.5);
  await credit(pro2.id, '甲一', 30);
  await credit(pub.id, '乙二', 7.5);
  await credit(pro.id, '丙三', 12.5);
  await credit(pub.id, '丁四', 20);
  await s.ledger.creditAttendance({ sessionId: pub.id, traineeId: other.id, source: 'import', minutes: 60, hours: 20, recordedAt: at, recordedBy: 't' });

  await adjustHours(ctx, byName.get('甲一')!, 'public', 10, '补课', 't');
  await adjustHours(ctx, byName.get('乙二')!, 'public', -10, '重复计分', 't'); // below zero: clamped
  await adjustHours(ctx, byName.get('丙三')!, 'professional', 0.5, '补录', 't');
  await recordExam(ctx, byName.get('甲一')!, 'professional', 88, 't');
  await recordExam(ctx, byName.get('甲一')!, 'public', 55, 't');
  await recordExam(ctx, byName.get('丙三')!, 'professional', 59.5, 't');
  await grantExemption(ctx, byName.get('丁四')!, '访惠聚驻村', 'A-1', 't');
  await grantExemption(ctx, byName.get('戊五')!, '驻村管寺', 'B-2', 't');
  await revokeExemption(ctx, byName.get('戊五')!.id, '撤回', 't');
  await s.roster.update(byName.get('庚七')!.id, { active: false });

  // Nicknames: bound and renamed; bound then a non-compliant nickname; seen compliant without a binding; bound never seen.
  const t0 = new Date('2021-09-27T03:00:00Z');
  const t1 = new Date('2021-09-27T05:00:00Z');
  await s.roster.bind('dingtalk', 'u1', byName.get('甲一')!.id, 'self');
  await s.roster.observe({ platform: 'dingtalk', chatId: 'g1', accountId: 'u1', nickname: '甲一', compliant: true, traineeId: byName.get('甲一')!.id, lastSeen: t0 });
  await s.roster.bind('dingtalk', 'u2', byName.get('乙二')!.id, 'self');
  await s.roster.observe({ platform: 'dingtalk', chatId: 'g1', accountId: 'u2', nickname: '乙二', compliant: true, traineeId: byName.get('乙二')!.id, lastSeen: t0 });
  await s.roster.observe({ platform: 'dingtalk', chatId: 'g2', accountId: 'u2', nickname: '小乙', compliant: false, traineeId: null, lastSeen: t1 });
  await s.roster.observe({ platform: 'telegram', chatId: 'g3', accountId: 'u3', nickname: '丙三', compliant: true, traineeId: byName.get('丙三')!.id, lastSeen: t0 });
  await s.roster.bind('telegram', 'u4', byName.get('己六')!.id, 'self');
});
afterAll(async () => {
  await db?.close();
});

const sortExams = (r: ReportRow) => ({ ...r, exams: [...r.exams].sort((a, b) => a.subject.localeCompare(b.subject)) });

describe('the dashboard read agrees with the compliance report', () => {
  it('gives the same rows as the report for every active trainee', async () => {
    const report = await buildReport(ctx, reportStore(db.db));
    const { rows, bound } = await loadYearRows(ctx, dashboardStore(db.db));
    expect(rows.map(sortExams)).toEqual(report.rows.map(sortExams));
    expect(rows.map((r) => r.name)).toEqual(['甲一', '乙二', '丙三', '丁四', '戊五', '己六']);
    const get = (n: string) => rows.find((r) => r.name === n)!;
    expect(get('甲一')).toMatchObject({ publicHours: 30, professionalHours: 65.5, totalHours: 95.5, complete: true, nickname: 'renamed' });
    expect(get('乙二')).toMatchObject({ publicHours: 0, nickname: 'noncompliant' });
    expect(get('丙三')).toMatchObject({ professionalHours: 13, nickname: 'renamed', complete: false });
    expect(get('丁四')).toMatchObject({ exempt: true, exemptReason: '访惠聚驻村', complete: true, nickname: 'unseen' });
    expect(get('戊五')).toMatchObject({ exempt: false, complete: false });
    expect(get('己六').nickname).toBe('bound');
    expect([...bound].sort()).toEqual([byName.get('甲一')!.id, byName.get('乙二')!.id, byName.get('己六')!.id].sort());
  });

  it('counts per level: renamed, bound, complete, exempt, exams passed, and lists who is behind, most behind first', async () => {
    const { rows, bound } = await loadYearRows(ctx, dashboardStore(db.db));
    const d = buildDashboard(rows, bound, [], ctx.campaign, ctx.clock.now(), { atRiskLimit: 2 });
    expect(d.total).toMatchObject({ trainees: 6, renamed: 2, bound: 3, complete: 2, exempt: 1, examsPassed: 1, atRiskCount: 4 });
    expect(d.levels.map((l) => [l.level, l.trainees, l.complete])).toEqual([
      ['初级', 2, 1],
      ['中级', 2, 1],
      ['副高级', 2, 0],
    ]);
    // 乙二 (deducted to zero), 戊五 and 己六 miss everything (90 h and the exam): roster order breaks the tie;
    // 丙三 (77 h to go) comes after them.
    expect(d.total.atRisk.map((a) => a.name)).toEqual(['乙二', '戊五']);
    expect(buildDashboard(rows, bound, [], ctx.campaign, ctx.clock.now()).total.atRisk.map((a) => a.name)).toEqual(['乙二', '戊五', '己六', '丙三']);
    expect(d.total.atRisk[0].missing).toBe('公需 30 学时；专业 60 学时；专业考试');
    const junior = d.levels[0];
    expect(junior.atRisk.map((a) => [a.name, a.totalHours])).toEqual([['乙二', 0]]);
    expect(d.total.hours.map((b) => b.count)).toEqual([3, 1, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('bins hours by ten up to the requirement, everyone at or above it in the last bin', () => {
    const bins = hoursHistogram([0, 9.5, 10, 45, 89.5, 90, 130], 90);
    expect(bins.map((b) => `${b.from}-${b.to ?? ''}:${b.count}`)).toEqual(['0-10:2', '10-20:1', '20-30:0', '30-40:0', '40-50:1', '50-60:0', '60-70:0', '70-80:0', '80-90:1', '90-:2']);
  });
});
