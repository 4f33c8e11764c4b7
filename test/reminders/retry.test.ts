import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler, type Scheduler } from '../../bot/scheduler/index.ts';
import { auditLog, failedMessages, reminderDeliveries } from '../../db/schema/index.ts';
import { localDateTime } from '../../core/time.ts';
import { INTERMEDIATE, JUNIOR, SENIOR, startTestApp, type TestApp } from '../support/app.ts';
import { TZ, recordingMessenger, type Sent } from './support.ts';

const at = (s: string) => new Date(`${s}+08:00`);

let t: TestApp;
let sched: Scheduler;
let sent: Sent[];
let failEverything = false;

beforeAll(async () => {
  t = await startTestApp({ now: '2021-09-21T12:00:00+08:00', policy: null, env: { ADMIN_IDS: 'sandbox:admin,dingtalk:nobody' } });
  const rec = recordingMessenger(t.app.messengers.get('sandbox')!, t.clock, {
    refuse: (m, attempt) => {
      if (m.private && m.chatId === 'admin') return undefined;
      if (failEverything) return 'HTTP 502 bad gateway';
      if (m.chatId === JUNIOR && attempt <= 2) return 'network down';
      if (m.chatId === SENIOR) return '130101 send too fast';
      return undefined;
    },
  });
  t.app.messengers.set('sandbox', rec.messenger);
  sent = rec.log;
  sched = startScheduler(t.app, { cron: false });
});
afterAll(() => t.close());

async function tickAt(...times: string[]) {
  for (const s of times) {
    t.clock.set(at(s));
    await sched.tick(at(s));
  }
}

const rowsFor = async (key: string) => t.db.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.reminderKey, key));

describe('failed sends', () => {
  it('are retried with backoff until they go through, once', async () => {
    await tickAt('2021-09-22T10:00', '2021-09-22T10:01');
    expect(sent.map((s) => s.chatId)).toEqual([INTERMEDIATE]);
    await tickAt('2021-09-22T10:02', '2021-09-22T10:11');
    expect(sent.map((s) => s.chatId)).toEqual([INTERMEDIATE]);
    await tickAt('2021-09-22T10:12', '2021-09-22T10:30', '2021-09-22T12:00');
    const groupPosts = sent.filter((s) => !s.private).map((s) => `${localDateTime(s.at, TZ)} ${s.chatId}`);
    expect(groupPosts).toEqual([`2021-09-22 10:00 ${INTERMEDIATE}`, `2021-09-22 10:12 ${JUNIOR}`]);
    const rows = await rowsFor('window:2021-xj-cyber:ce-registration:opens');
    const by = Object.fromEntries(rows.map((r) => [r.chatId, [r.status, r.attempts]]));
    expect(by).toEqual({ [JUNIOR]: ['sent', 3], [INTERMEDIATE]: ['sent', 1], [SENIOR]: ['failed', 3] });
  });

  it('after the last try are kept in failed_messages, audited and told to the administrators', async () => {
    const failed = await t.db.db.select().from(failedMessages);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ platform: 'sandbox', chatId: SENIOR, private: false, attempts: 3 });
    expect(failed[0].reason).toContain('130101 send too fast');
    expect(failed[0].text).toContain('【继续教育培训报名】今天开始');
    const [audit] = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'reminder.failed'));
    expect(audit.after).toMatchObject({ to: `sandbox:${SENIOR}`, attempts: 3 });
    const told = t.app.sandbox.transcript.filter((e) => e.chatId === 'private:admin');
    expect(told.map((e) => e.text)).toEqual([
      '提醒发送失败：【继续教育培训报名】开始，发往群“副高级培训群（演示）”，已尝试 3 次仍未成功（130101 send too fast）。已记入失败消息列表，请检查机器人在该群的状态。',
    ]);
  });

  it('stop at the deadline: a post is never retried after its window has closed', async () => {
    failEverything = true;
    // Late in the last day of registration: the "closes today" post is due but the platform fails.
    await tickAt('2021-10-05T23:55', '2021-10-05T23:57', '2021-10-06T00:07', '2021-10-06T10:00');
    const rows = await rowsFor('window:2021-xj-cyber:ce-registration:closes');
    expect(rows).toHaveLength(3);
    // First try at 23:55, second at 23:57; a third would be at 00:07, after the close: given up instead.
    expect(rows.every((r) => r.status === 'failed' && r.attempts === 2)).toBe(true);
    expect(sent.some((s) => s.text.includes('【继续教育培训报名】今天（10月5日）'))).toBe(false);
    const failed = await t.db.db.select().from(failedMessages);
    expect(failed.filter((f) => f.reason.startsWith('window:2021-xj-cyber:ce-registration:closes'))).toHaveLength(3);
  });

  it('reach each administrator as one message per tick, private nudges as a count only', async () => {
    const seen = t.app.sandbox.transcript.filter((e) => e.chatId === 'private:admin').length;
    await t.say('王芳', JUNIOR, '签到');
    await tickAt('2021-10-07T10:00', '2021-10-07T10:02', '2021-10-07T10:12');
    const told = t.app.sandbox.transcript.filter((e) => e.chatId === 'private:admin').slice(seen);
    expect(told).toHaveLength(1);
    const lines = told[0].text.split('\n');
    // 3 groups × (the 3-days post, the count), and 王芳's nudge, which is not named.
    expect(lines[0]).toBe('有 7 项提醒发送失败：');
    expect(lines.filter((l) => l.includes('【继续教育培训】截止前 3 天，发往群'))).toHaveLength(3);
    expect(lines.filter((l) => l.includes('【继续教育培训】截止前 3 天告知各群未完成人数，发往群'))).toHaveLength(3);
    expect(lines[7]).toBe('7. 1 条给学员的私信提醒多次尝试仍未送达（多为学员未与机器人私聊过），已记入失败消息列表。');
    expect(told[0].text).not.toContain('王芳');
  });
});
