import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler, type Scheduler } from '../../bot/scheduler/index.ts';
import { adminReminders, auditLog } from '../../db/schema/index.ts';
import { INTERMEDIATE, JUNIOR, SENIOR, UNBOUND, startTestApp, type TestApp } from '../support/app.ts';

const at = (s: string) => new Date(`${s}+08:00`);
const ADMIN_DM = 'private:admin';

let t: TestApp;
let sched: Scheduler;
beforeAll(async () => {
  t = await startTestApp({ now: '2021-10-07T12:00:00+08:00', policy: null, env: { ADMIN_IDS: 'sandbox:admin' } });
  sched = startScheduler(t.app, { cron: false });
});
afterAll(() => t.close());

const one = async (who: string, chat: string, text: string) => {
  const r = await t.say(who, chat, text);
  expect(r).toHaveLength(1);
  return r[0].text;
};
const notices = (chatId: string) => t.app.sandbox.transcript.filter((e) => e.from === 'bot' && e.chatId === chatId && e.text.startsWith('【通知】'));

describe('提醒 / 提醒列表 / 取消提醒 through the sandbox', () => {
  it('refuses a trainee and audits the attempt', async () => {
    expect(await one('王芳', JUNIOR, '提醒 明天 9:00 交作业')).toContain('“提醒”是管理员命令');
    const [row] = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'refused.remind'));
    expect(row).toMatchObject({ allowed: false, actor: expect.stringContaining('王芳') });
  });

  it('schedules for this group (absolute and relative times), audited', async () => {
    expect(await one('admin', JUNIOR, '提醒 2021-10-08 10:00 今晚八点直播课，请  准时参加')).toBe(
      '已登记提醒 #1：2021-10-08 10:00 发送到本群。取消请发送“取消提醒 1”。',
    );
    expect(await one('admin', JUNIOR, '提醒 明天 9:00 请完成专业课考试')).toBe('已登记提醒 #2：2021-10-08 09:00 发送到本群。取消请发送“取消提醒 2”。');
    const rows = await t.db.db.select().from(adminReminders);
    expect(rows.map((r) => [r.id, r.chatId, r.text])).toEqual([
      [1, JUNIOR, '今晚八点直播课，请  准时参加'],
      [2, JUNIOR, '请完成专业课考试'],
    ]);
    const audits = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'reminder.create'));
    expect(audits.map((a) => a.target)).toEqual(['reminder:1', 'reminder:2']);
    expect(audits[0].actor).toContain('培训中心王老师');
  });

  it('sent from a private chat, goes to every group bound to a level', async () => {
    expect(await one('admin', ADMIN_DM, '提醒 10月8日 9:30 全体学员请注意考试时间')).toBe(
      '已登记提醒 #3：2021-10-08 09:30 发送到所有已设置级别的培训群。取消请发送“取消提醒 3”。',
    );
  });

  it('says what is wrong with bad input and writes nothing', async () => {
    expect(await one('admin', JUNIOR, '提醒')).toBe('格式不对。正确格式：提醒 时间 内容（例如：提醒 2021-10-08 10:00 今晚八点直播课；提醒 明天 9:00 请完成考试）');
    expect(await one('admin', JUNIOR, '提醒 明天 请完成考试')).toBe('请写明发送的具体时间，例如“明天 9:00”或“2021-10-08 10:00”。');
    expect(await one('admin', JUNIOR, '提醒 2021-09-01 10:00 过去的事')).toBe('提醒时间须晚于现在（2021-10-07 12:00）。');
    expect(await one('admin', JUNIOR, '提醒 2021-10-09 9:00')).toContain('格式不对');
    expect(await one('admin', JUNIOR, '提醒 2023-01-01 9:00 太远')).toBe('提醒时间不能超过一年以后。');
    expect(await one('admin', JUNIOR, `提醒 明天 9:00 ${'长'.repeat(501)}`)).toBe('提醒内容不能超过 500 个字。');
    expect(await t.db.db.select().from(adminReminders)).toHaveLength(3);
  });

  it('lists this group’s reminders and the next deadline reminders', async () => {
    const text = await one('admin', JUNIOR, '提醒列表');
    expect(text.split('\n')).toEqual([
      '提醒列表',
      '管理员提醒：',
      '#2 2021-10-08 09:00 本群【待发送】请完成专业课考试',
      '#1 2021-10-08 10:00 本群【待发送】今晚八点直播课，请  准时参加',
      '',
      '接下来的截止提醒：',
      '2021-10-09 10:00 继续教育培训：截止前 1 天告知各群未完成人数',
      '2021-10-09 10:00 继续教育培训：截止前 1 天',
      '2021-10-10 10:00 继续教育培训：截止当天',
    ]);
  });

  it('cancels only a pending reminder of this group, audited', async () => {
    expect(await one('admin', JUNIOR, '取消提醒 #2')).toBe('已取消提醒 #2（原定 2021-10-08 09:00 发送）。');
    expect(await one('admin', JUNIOR, '取消提醒 2')).toBe('提醒 #2 已经取消过了。');
    expect(await one('admin', INTERMEDIATE, '取消提醒 1')).toBe('提醒 #1 不是发往本群的，请在原来的群里或私聊中取消。');
    expect(await one('admin', JUNIOR, '取消提醒 99')).toBe('没有找到提醒 #99。');
    expect(await one('admin', JUNIOR, '取消提醒 abc')).toBe('格式不对。正确格式：取消提醒 编号（编号见“提醒列表”，如：取消提醒 3）');
    const [row] = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'reminder.cancel'));
    expect(row).toMatchObject({ target: 'reminder:2', before: { text: '请完成专业课考试' } });
  });

  it('the scheduler sends each at its time, once, and never a cancelled one', async () => {
    for (const time of ['2021-10-08T08:59', '2021-10-08T09:00', '2021-10-08T09:30', '2021-10-08T09:31', '2021-10-08T10:00', '2021-10-08T10:05', '2021-10-08T11:00']) {
      t.clock.set(at(time));
      await sched.tick(at(time));
    }
    expect(notices(JUNIOR).map((e) => [e.at, e.text])).toEqual([
      [at('2021-10-08T09:30').toISOString(), '【通知】全体学员请注意考试时间'],
      [at('2021-10-08T10:00').toISOString(), '【通知】今晚八点直播课，请  准时参加'],
    ]);
    expect(notices(INTERMEDIATE).map((e) => e.text)).toEqual(['【通知】全体学员请注意考试时间']);
    expect(notices(SENIOR).map((e) => e.text)).toEqual(['【通知】全体学员请注意考试时间']);
    expect(notices(UNBOUND)).toEqual([]);
  });

  it('shows what happened in the list, and a due reminder can no longer be cancelled', async () => {
    const text = await one('admin', ADMIN_DM, '提醒列表');
    expect(text).toContain('#2 2021-10-08 09:00 sandbox-junior【已取消】请完成专业课考试');
    expect(text).toContain('#3 2021-10-08 09:30 所有已设置级别的培训群【已发送 3 个群】全体学员请注意考试时间');
    expect(text).toContain('#1 2021-10-08 10:00 sandbox-junior【已发送 1 个群】今晚八点直播课');
    expect(await one('admin', ADMIN_DM, '取消提醒 1')).toBe('提醒 #1 已到发送时间，无法取消。');
  });

  it('help lists the three commands for admins', async () => {
    const text = await one('admin', JUNIOR, '帮助');
    expect(text).toContain('提醒 时间 内容');
    expect(text).toContain('提醒列表');
    expect(text).toContain('取消提醒 编号');
  });
});
