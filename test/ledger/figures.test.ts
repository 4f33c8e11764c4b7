import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import type { CoreContext } from '../../core/context.ts';
import { adjustHours, checkIn, grantExemption, openSession, recordExam } from '../../core/ledger/service.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import { createStores } from '../../db/stores/index.ts';
import type { Database } from '../../db/types.ts';
import { testDatabase } from '../support/db.ts';

let d: Database;
let ctx: CoreContext;
beforeAll(async () => {
  d = await testDatabase();
  const now = new Date('2021-09-28T02:00:00Z');
  ctx = { stores: createStores(d), campaign: loadCampaign(), clock: { now: () => now } };
});
afterAll(() => d.close());

// The per-trainee path (one union query, used after every check-in) and the whole-campaign path
// (used by reports) must agree on every kind of figure.
it('gives the same figures for chosen trainees as for the whole campaign', async () => {
  const names = ['甲一', '乙二', '丙三', '丁四', '戊五'];
  await ctx.stores.roster.upsertMany(names.map((name) => ({ campaignId: ctx.campaign.id, name, nameKey: normaliseName(name), level: '初级', unit: '', phoneTail: '', idMasked: '' })));
  const ts = await ctx.stores.roster.list(ctx.campaign.id);
  const base = { level: null, startsAt: new Date('2021-09-28T01:00:00Z'), endsAt: new Date('2021-09-28T05:00:00Z'), creditRule: 'checkin' as const, thresholdPercent: null, platform: null, chatId: null, createdBy: 't' };
  await openSession(ctx, { ...base, title: '专业', subject: 'professional', hours: 3.5 }, 't');
  await openSession(ctx, { ...base, title: '公需', subject: 'public', hours: 2 }, 't');
  const where = { platform: 'sandbox', chatId: 'g', level: '初级' };
  for (const t of ts.slice(0, 4)) await checkIn(ctx, t, where, 't');
  await adjustHours(ctx, ts[0]!, 'public', 1.5, '补录', 't');
  await adjustHours(ctx, ts[1]!, 'professional', -10, '扣减', 't');
  await recordExam(ctx, ts[0]!, 'professional', 75.5, 't');
  await recordExam(ctx, ts[0]!, 'public', 40, 't');
  await recordExam(ctx, ts[2]!, 'professional', 60, 't');
  await grantExemption(ctx, ts[3]!, '访惠聚驻村', '批-1', 't');

  const all = await ctx.stores.ledger.figures(ctx.campaign.id);
  const sortExams = (m: Map<number, { exams: Array<{ subject: string }> }>) => {
    for (const f of m.values()) f.exams.sort((a, b) => a.subject.localeCompare(b.subject));
    return m;
  };
  const some = await ctx.stores.ledger.figures(ctx.campaign.id, ts.map((t) => t.id));
  expect(sortExams(some)).toEqual(sortExams(all));
  expect(all.get(ts[0]!.id)).toMatchObject({ publicHours: 3.5, professionalHours: 3.5 });
  expect(all.get(ts[1]!.id)).toMatchObject({ publicHours: 2, professionalHours: 0 });
  expect(all.get(ts[3]!.id)?.exemption).toEqual({ reason: '访惠聚驻村', approvalRef: '批-1' });
  for (const t of ts) expect((await ctx.stores.ledger.figures(ctx.campaign.id, [t.id])).get(t.id)).toEqual(all.get(t.id));
  expect((await ctx.stores.ledger.figures(ctx.campaign.id, [999_999])).size).toBe(0);
  expect((await ctx.stores.ledger.figures(ctx.campaign.id, [])).size).toBe(0);
});
