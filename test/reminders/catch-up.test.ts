import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from '../../bot/scheduler/index.ts';
import { localDateTime } from '../../core/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { LEVEL_GROUPS, TZ, describeGroupPosts, recordingMessenger, runTicks, type Sent } from './support.ts';

const HOUR = 3_600_000;
const at = (s: string) => new Date(`${s}+08:00`);

/**
 * The bot is down from 2021-09-27 12:00 to 2021-10-08 11:00 and comes back as a new process (a new
 * scheduler with nothing in memory); it restarts once more that afternoon.
 */
describe('catch-up after downtime', () => {
  let t: TestApp;
  let sent: Sent[];

  beforeAll(async () => {
    t = await startTestApp({ now: '2021-09-15T00:00:00+08:00', policy: null });
    const rec = recordingMessenger(t.app.messengers.get('sandbox')!, t.clock);
    t.app.messengers.set('sandbox', rec.messenger);
    sent = rec.log;
    t.clock.set(at('2021-09-20T12:00'));
    await t.say('王芳', 'sandbox-junior', '签到');

    const first = startScheduler(t.app, { cron: false, instanceId: 'before-downtime' });
    await runTicks(t.clock, [(n) => first.tick(n)], at('2021-09-15T00:00'), at('2021-09-27T12:00'), HOUR);
    await first.stop();

    const second = startScheduler(t.app, { cron: false, instanceId: 'after-downtime' });
    await runTicks(t.clock, [(n) => second.tick(n)], at('2021-10-08T11:00'), at('2021-10-08T14:00'), HOUR);
    await second.stop();

    const third = startScheduler(t.app, { cron: false, instanceId: 'restarted-again' });
    await runTicks(t.clock, [(n) => third.tick(n)], at('2021-10-08T15:00'), at('2021-10-11T00:00'), HOUR);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('catches up only the latest still-useful post of each window, once, marked late', () => {
    const after = describeGroupPosts(sent.filter((s) => s.at >= at('2021-10-08T00:00')));
    const lines = (when: string, what: string) => LEVEL_GROUPS.map((g) => `${when} ${g} ${what}`);
    expect(after).toEqual(
      [
        // Registration closed on 10-05: nothing about it. Training: the "3 days" post of 10-07 is still
        // useful until the "1 day" post, so it goes out now saying the true 2 days; the 7-day one does not.
        ...lines('2021-10-08 11:00', '继续教育培训 before-2 late'),
        ...lines('2021-10-08 11:00', '继续教育培训 nudge-count late'),
        ...lines('2021-10-09 10:00', '继续教育培训 before-1'),
        ...lines('2021-10-09 10:00', '继续教育培训 nudge-count'),
        ...lines('2021-10-10 10:00', '继续教育培训 closes'),
        ...lines('2021-10-10 10:00', '职称评审网上材料申报 opens'),
        ...lines('2021-10-10 10:00', '职称评审纸质材料报送 opens'),
      ].sort(),
    );
    const before = describeGroupPosts(sent.filter((s) => s.at < at('2021-10-08T00:00')));
    expect(before).toHaveLength(2 * 3);
  });

  it('catches up the private nudge too, marked late, and stores the late flag', async () => {
    const priv = sent.filter((s) => s.private).map((s) => `${localDateTime(s.at, TZ)} ${s.text.slice(0, 12)}`);
    expect(priv).toEqual(['2021-10-08 11:00 （补发）王芳，你好！【继', '2021-10-09 10:00 王芳，你好！【继续教育培']);
    const rows = await t.db.db.query.reminderDeliveries.findMany();
    const late = rows.filter((r) => r.late);
    expect(late).toHaveLength(3 + 3 + 1);
    expect(new Set(late.map((r) => r.reminderKey))).toEqual(
      new Set(['window:2021-xj-cyber:ce-training:before-3', 'nudge-count:2021-xj-cyber:ce-training:3', 'nudge:2021-xj-cyber:ce-training:3']),
    );
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });
});
