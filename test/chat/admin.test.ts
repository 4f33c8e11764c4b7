import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, exams, exemptions, hourAdjustments, sessions } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { INTERMEDIATE, JUNIOR, SENIOR, startTestApp, UNBOUND, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ policy: null });
});
afterAll(() => t.close());

const one = async (who: string, chat: string, text: string) => {
  const r = await t.say(who, chat, text);
  expect(r).toHaveLength(1);
  return r[0].text;
};

describe('administrator commands', () => {
  const adminCommands = [
    ['开课 网络安全导论 专业 2', '开课'],
    ['结课', '结课'],
    ['昵称检查', '昵称检查'],
    ['成绩 王芳 85', '成绩'],
    ['学时 王芳 公需 +2 补录', '学时'],
    ['豁免 王芳 访惠聚驻村 新人社2021-1', '豁免'],
    ['统计', '统计'],
    ['本群 初级', '本群'],
  ];

  it.each(adminCommands)('refuses %s from a trainee politely and audits the attempt', async (text, word) => {
    const before = (await t.db.db.select().from(auditLog).where(eq(auditLog.allowed, false))).length;
    expect(await one('王芳', JUNIOR, text)).toBe(
      `抱歉，“${word}”是管理员命令，只有群主、群管理员或培训中心工作人员可以使用。如有需要请联系管理员。`,
    );
    const refused = await t.db.db.select().from(auditLog).where(eq(auditLog.allowed, false));
    expect(refused).toHaveLength(before + 1);
    expect(refused.at(-1)).toMatchObject({ action: expect.stringMatching(/^refused\./), actor: expect.stringContaining('王芳') });
  });

  it('accepts an account listed in ADMIN_IDS even when the platform does not say admin', async () => {
    const t2 = await startTestApp({ policy: null, env: { ADMIN_IDS: 'sandbox:trainee-5' } });
    try {
      const p = await t2.person('trainee-5');
      expect((await t2.say(p, JUNIOR, '统计'))[0].text).toContain('【初级】继续教育统计');
    } finally {
      await t2.close();
    }
  });

  it('本群 binds an unbound group to a level, with an audit row', async () => {
    expect(await one('admin', UNBOUND, '本群 中级')).toBe('已将本群设置为【中级】培训群。签到、统计和提醒都将按中级名单进行。');
    const [row] = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'chat.level'));
    expect(row).toMatchObject({ before: { level: null }, after: { level: '中级' } });
    expect(await one('admin', UNBOUND, '本群 高级')).toBe('格式不对。正确格式：本群 初级|中级|副高级');
  });

  it('开课 opens a session in this group and 结课 closes it, both audited', async () => {
    expect(await one('admin', SENIOR, '开课 “数据安全 专题” 专业 2.5 23:00')).toBe(
      '已开课 #3：数据安全 专题（专业，2.5 学时），2021-09-28 23:00 结束。学员向我发送“签到”即可计学时。',
    );
    expect((await t.say('郭强', SENIOR, '签到'))[0].text).toContain('签到成功：数据安全 专题（专业科目），计 2.5 学时');
    expect(await one('admin', SENIOR, '结课 #3')).toBe('已结课 #3：数据安全 专题，共 1 人签到。');
    const [s] = await t.db.db.select().from(sessions).where(eq(sessions.id, 3));
    expect(s.closedAt).not.toBeNull();
    const rows = await t.db.db.select().from(auditLog).where(eq(auditLog.target, 'session:3'));
    expect(rows.map((r) => r.action)).toEqual(['session.open', 'session.close']);
  });

  it('开课 with bad input shows the correct form and writes nothing', async () => {
    const count = (await t.db.db.select().from(sessions)).length;
    expect(await one('admin', SENIOR, '开课 数据安全')).toBe('格式不对。正确格式：开课 标题 公需|专业 学时 [结束时间，如 21:00 或 2021-10-08 21:00] [按时长]');
    expect(await one('admin', SENIOR, '开课 数据安全 专业 三')).toBe('学时须为 0.5 到 24 之间的数字（可带一位小数）。');
    expect(await one('admin', SENIOR, '开课 数据安全 专业 2 08:00')).toBe('结束时间格式不对，或早于现在。示例：21:00、2021-10-08 21:00。');
    expect(await one('admin', SENIOR, '结课')).toBe('本群当前没有正在进行的课次。');
    expect((await t.db.db.select().from(sessions)).length).toBe(count);
  });

  it('成绩 records an exam with pass/fail from the pass mark, and audits before/after', async () => {
    expect(await one('admin', JUNIOR, '成绩 王芳 85')).toBe('已录入 王芳 的专业考试成绩：85 分（合格）。');
    expect(await one('admin', JUNIOR, '成绩 王芳 55 专业')).toBe('已录入 王芳 的专业考试成绩：55 分（不合格），原成绩 85 分。');
    expect(await one('admin', JUNIOR, '成绩 王芳 55')).toBe('王芳 的成绩与已录入的相同，未作修改。');
    expect(await one('admin', JUNIOR, '成绩 王芳 120')).toBe('分数须为 0 到 100 之间的数字。');
    expect(await one('admin', JUNIOR, '成绩 不存在的人 80')).toBe('名单中没有“不存在的人”，请核对姓名。');
    expect(await t.db.db.select().from(exams)).toHaveLength(1);
    const rows = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'exam.record'));
    expect(rows.map((r) => [r.before, r.after])).toEqual([
      [null, { subject: 'professional', score: 85, passed: true }],
      [{ subject: 'professional', score: 85, passed: true }, { subject: 'professional', score: 55, passed: false }],
    ]);
  });

  it('a duplicate name must be told apart by unit', async () => {
    expect(await one('admin', JUNIOR, '成绩 张伟 90')).toBe('名单中有多位“张伟”：张伟-演示市网信办、张伟-演示县信息中心。请写成“姓名-单位”以区分。');
    expect(await one('admin', JUNIOR, '成绩 张伟-演示县信息中心 90')).toBe('已录入 张伟 的专业考试成绩：90 分（合格）。');
  });

  it('学时 adjusts hours with a reason, and audits before/after', async () => {
    expect(await one('admin', JUNIOR, '学时 王芳 公需 +2.5 线下补课')).toBe('已为 王芳 增加公需学时 2.5，调整后公需学时 2.5。');
    expect(await one('admin', JUNIOR, '学时 王芳 公需 -1 重复计入')).toBe('已为 王芳 扣减公需学时 1，调整后公需学时 1.5。');
    expect(await one('admin', JUNIOR, '学时 王芳 公需 +2')).toBe('格式不对。正确格式：学时 姓名 公需|专业 ±学时 原因');
    expect(await one('admin', JUNIOR, '学时 王芳 公需 +200 多')).toBe('调整学时须为非零数字，如 +2 或 -1.5，绝对值不超过 90。');
    expect(await t.db.db.select().from(hourAdjustments)).toHaveLength(2);
    const rows = await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'hours.adjust'));
    expect(rows[1]).toMatchObject({ before: { subject: 'public', hours: 2.5 }, after: { subject: 'public', hours: 1.5, delta: -1, reason: '重复计入' } });
  });

  it('豁免 records an exemption for one of the notice\'s cases and the trainee counts as complete', async () => {
    expect(await one('admin', INTERMEDIATE, '豁免 黄敏 出国 批文1')).toBe(
      '免除原因须为通知列明的情形之一：访惠聚驻村、驻村管寺、南疆学前教育支教、内地服务管理、深度贫困村第一书记。',
    );
    expect(await one('admin', INTERMEDIATE, '豁免 黄敏 驻村管寺 新人社审〔2021〕12号')).toBe(
      '已登记 黄敏 本年度继续教育免除（驻村管寺，批文号 新人社审〔2021〕12号），视为完成。',
    );
    expect(await one('admin', INTERMEDIATE, '豁免 黄敏 驻村管寺 新人社审〔2021〕12号')).toBe('黄敏 已登记过相同的免除，未作修改。');
    expect((await t.db.db.select().from(exemptions)).length).toBe(2); // the demo's exempt trainee + 黄敏
    const [row] = await t.db.db.select().from(auditLog).where(eq(auditLog.target, `trainee:${(await t.person('黄敏')).id.replace('trainee-', '')}`));
    expect(row).toMatchObject({ action: 'exemption.grant', after: { reason: '驻村管寺', approvalRef: '新人社审〔2021〕12号' } });
  });

  it('统计 counts this group\'s level; privately, all levels', async () => {
    await t.say('周杰', INTERMEDIATE, '签到');
    const text = await one('admin', INTERMEDIATE, '统计');
    expect(text).toBe(
      '【中级】继续教育统计\n名单人数：10\n昵称已实名：1（10%）\n已绑定账号：1（10%）\n已完成：2（20%），其中免除 2\n未完成：8',
    );
    expect(await one('admin', 'private:admin', '统计')).toMatch(/^全部级别继续教育统计\n名单人数：30\n/);
  });

  it('昵称检查 lists non-compliant nicknames seen here and roster members never seen', async () => {
    await t.say('stranger', JUNIOR, '你好');
    const text = await one('admin', JUNIOR, '昵称检查');
    expect(text.split('\n')[0]).toBe('【初级】昵称检查');
    expect(text).toContain('昵称不合规（1）：\n· 小明同学');
    expect(text).toMatch(/名单中尚未在群里出现或绑定（\d+）：.*杨帆/);
    expect(text).not.toMatch(/尚未.*王芳/);
  });

  it('commands that need a group say so in a private chat', async () => {
    expect(await one('admin', 'private:admin', '开课 a 专业 2')).toBe('这个命令需要在培训群里使用。');
  });
});
