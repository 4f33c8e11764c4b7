import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.ts';
import { startDingTalk, type DingTalkAdapter } from '../../bot/dingtalk/start.ts';
import { startScheduler } from '../../bot/scheduler/index.ts';
import { scheduleAdminReminder } from '../../core/reminders/admin.ts';
import { fastTuning } from '../dingtalk/support.ts';
import { startFakeDingTalk, type FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const at = (s: string) => new Date(`${s}+08:00`);
const CID = 'cidReminderGroup==';
/**
 * DingTalk allows 20 messages a minute per group. The fake enforces 20 per WINDOW and the adapter is
 * configured with the same 20 per WINDOW: the minute is scaled down so the test takes seconds, the
 * relation between the platform's limit and the bot's budget is the production one.
 */
const WINDOW_MS = 1_500;
const BUDGET = { max: 20, windowMs: WINDOW_MS };

describe('60 reminders to one DingTalk group through the fake DingTalk', () => {
  let t: TestApp;
  let fake: FakeDingTalk;
  let adapter: DingTalkAdapter;

  beforeAll(async () => {
    fake = await startFakeDingTalk({ conversationLimit: BUDGET });
    t = await startTestApp({ now: '2021-10-07T12:00:00+08:00', policy: null });
    adapter = await startDingTalk({
      config: loadConfig({ ...fake.env(), LOG_LEVEL: 'silent' }),
      engine: t.app.engine,
      failed: t.app.stores.failed,
      log: t.app.log,
      clock: t.clock,
      tuning: { ...fastTuning, conversationBudget: BUDGET },
    });
    await adapter.ready();
    t.app.messengers.set('dingtalk', adapter.messenger);
    await t.app.stores.chats.touch('dingtalk', CID, '初级培训群（钉钉）', t.app.campaign.id);
    await t.app.stores.chats.bindLevel('dingtalk', CID, '初级', 'test', t.clock.now());
    for (let i = 1; i <= 60; i++)
      await scheduleAdminReminder(t.app.core, { text: `第 ${i} 条通知`, at: at('2021-10-07T13:00'), scope: { platform: 'dingtalk', chatId: CID } }, 'test');
  }, 60_000);

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
    await t?.close();
  });

  it('delivers all 60, each once, with zero 130101 and never more than 20 per window', async () => {
    const sched = startScheduler(t.app, { cron: false });
    t.clock.set(at('2021-10-07T13:00'));
    const report = await sched.tick(at('2021-10-07T13:00'));
    expect(report).toMatchObject({ claimed: 60, sent: 60, failed: 0, retrying: 0 });

    const posted = fake.posted.filter((p) => p.conversationId === CID);
    expect(posted).toHaveLength(60);
    expect(posted.every((p) => p.via === 'groupSend')).toBe(true);
    expect(new Set(posted.map((p) => p.text))).toEqual(new Set(Array.from({ length: 60 }, (_, i) => `【通知】第 ${i + 1} 条通知`)));
    expect(fake.rateLimited).toBe(0);
    const times = posted.map((p) => p.at).sort((a, b) => a - b);
    const busiest = Math.max(...times.map((start) => times.filter((x) => x >= start && x < start + WINDOW_MS).length));
    expect(busiest).toBeLessThanOrEqual(20);
    // The adapter's queue, not luck, spread them: 60 at 20 per window needs at least two full windows.
    expect(times[59] - times[0]).toBeGreaterThanOrEqual(2 * WINDOW_MS);

    await sched.tick(at('2021-10-07T13:05'));
    expect(fake.posted.filter((p) => p.conversationId === CID)).toHaveLength(60);
  });
});
