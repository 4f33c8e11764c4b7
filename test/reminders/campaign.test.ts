import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler, type Scheduler } from '../../bot/scheduler/index.ts';
import { daysBetween } from '../../core/time.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { LEVEL_GROUPS, classify, day, describeGroupPosts, expectedLines, recordingMessenger, runTicks, type Sent } from './support.ts';

const HOUR = 60 * 60_000;
const at = (s: string) => new Date(`${s}+08:00`);

/**
 * The whole 2021 campaign in simulated time: the real app on its own database with the demo roster
 * (three level groups, one unbound group), the scheduler's tick driven every hour from
 * 2021-09-15 to 2021-11-30, trainees checking in and an admin completing two of them on the way.
 */
describe('the 2021 campaign in simulated time', () => {
  let t: TestApp;
  let sched: Scheduler;
  let sent: Sent[];
  let ticks = 0;
  const names = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ now: '2021-09-15T00:00:00+08:00', policy: null });
    const rec = recordingMessenger(t.app.messengers.get('sandbox')!, t.clock);
    t.app.messengers.set('sandbox', rec.messenger);
    sent = rec.log;
    sched = startScheduler(t.app, { cron: false, instanceId: 'campaign-test' });
    const tick = (now: Date) => sched.tick(now);

    ticks += await runTicks(t.clock, [tick], at('2021-09-15T00:00'), at('2021-09-20T11:00'), HOUR);
    t.clock.set(at('2021-09-20T12:00'));
    // Checking in binds each account by its real-name nickname (and earns the demo sessions' 5 h).
    for (const [nick, group] of [
      ['李娜', 'sandbox-junior'],
      ['王芳', 'sandbox-junior'],
      ['刘洋', 'sandbox-junior'],
      ['黄敏', 'sandbox-intermediate'],
      ['艾尔肯·吐尔洪', 'sandbox-intermediate'],
      ['郭强', 'sandbox-senior'],
    ]) {
      const p = await t.person(nick);
      names.set(p.id, nick);
      const r = await t.say(p, group, '签到');
      expect(r.map((e) => e.text).join('\n')).toContain('签到成功');
    }
    ticks += await runTicks(t.clock, [tick], at('2021-09-20T12:00'), at('2021-09-30T11:00'), HOUR);
    t.clock.set(at('2021-09-30T12:00'));
    for (const cmd of ['学时 李娜 公需 +30 线下补录', '学时 李娜 专业 +60 线下补录', '成绩 李娜 85 专业']) await t.say('admin', 'sandbox-junior', cmd);
    ticks += await runTicks(t.clock, [tick], at('2021-09-30T12:00'), at('2021-10-08T11:00'), HOUR);
    t.clock.set(at('2021-10-08T12:00'));
    for (const cmd of ['学时 刘洋 公需 +30 线下补录', '学时 刘洋 专业 +60 线下补录', '成绩 刘洋 90 专业']) await t.say('admin', 'sandbox-junior', cmd);
    ticks += await runTicks(t.clock, [tick], at('2021-10-08T12:00'), at('2021-11-30T23:00'), HOUR);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('posts exactly the planned reminders to each level group: none missing, no duplicate, none to the unbound group', () => {
    expect(ticks).toBe(77 * 24);
    const lines = describeGroupPosts(sent);
    expect(lines).toEqual(expectedLines(LEVEL_GROUPS));
    expect(lines).toHaveLength(22 * 3);
    expect(new Set(lines).size).toBe(lines.length);
    expect(sent.some((s) => s.chatId === 'sandbox-new')).toBe(false);
  });

  it('never posts about a window after its deadline, and states the days left truthfully', () => {
    const windows = new Map(t.app.campaign.windows.map((w) => [w.title, w]));
    for (const s of sent.filter((x) => !x.private)) {
      const c = classify(s.text);
      const w = windows.get(c.title)!;
      expect(day(s.at) <= w.end, `${c.title} posted ${day(s.at)}`).toBe(true);
      const left = /还有 (\d+) 天/.exec(s.text);
      if (left) expect(Number(left[1])).toBe(daysBetween(day(s.at), w.end));
      if (c.kind !== 'nudge-count') expect(s.text).toContain(t.app.campaign.document.number);
      expect(s.text).not.toContain('补发');
    }
    const opening = sent.find((s) => s.chatId === 'sandbox-junior' && s.text.includes('【继续教育培训报名】今天开始'))!;
    expect(opening.text).toContain('10月5日 24:00 截止（还有 13 天）');
    expect(opening.text).toContain('www.xjzcsq.com');
    expect(opening.text).toContain('0991-8879298');
  });

  it('nudges privately only the bound trainees who are behind, with what they miss; groups hear a count only', async () => {
    const priv = sent.filter((s) => s.private);
    const who = priv.map((s) => `${day(s.at)} ${names.get(s.chatId)}`).sort();
    // 李娜 complete, 艾尔肯 exempt, 刘洋 complete after the first nudge, the rest never bound an account.
    expect(who).toEqual(['2021-10-07 刘洋', '2021-10-07 王芳', '2021-10-07 郭强', '2021-10-07 黄敏', '2021-10-09 王芳', '2021-10-09 郭强', '2021-10-09 黄敏'].sort());
    const wang = priv.find((s) => names.get(s.chatId) === '王芳')!;
    expect(wang.text).toContain('公需科目 28 学时；专业科目 57 学时；专业考试合格');
    expect(wang.text).toContain('还有 3 天');
    const counts = sent
      .filter((s) => !s.private && classify(s.text).kind === 'nudge-count')
      .map((s) => `${day(s.at)} ${s.chatId} ${/还有 (\d+) 位/.exec(s.text)?.[1]}`)
      .sort();
    expect(counts).toEqual(
      [
        '2021-10-07 sandbox-junior 9',
        '2021-10-09 sandbox-junior 8',
        '2021-10-07 sandbox-intermediate 9',
        '2021-10-09 sandbox-intermediate 9',
        '2021-10-07 sandbox-senior 10',
        '2021-10-09 sandbox-senior 10',
      ].sort(),
    );
    for (const s of sent.filter((x) => !x.private)) for (const n of names.values()) expect(s.text).not.toContain(n);
  });

  it('went through the sandbox messenger and recorded one sent row per message', async () => {
    const bot = t.app.sandbox.transcript.filter((e) => e.from === 'bot');
    for (const s of sent) expect(bot.some((e) => e.text === s.text && e.chatId === (s.private ? `private:${s.chatId}` : s.chatId))).toBe(true);
    const rows = await t.db.db.query.reminderDeliveries.findMany();
    expect(rows).toHaveLength(sent.length);
    expect(rows.every((r) => r.status === 'sent' && !r.late && r.attempts === 1)).toBe(true);
  });
});
