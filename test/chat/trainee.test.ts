import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog } from '../../db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { JUNIOR, SENIOR, startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ policy: null });
});
afterAll(() => t.close());

describe('我的学时', () => {
  it('in a group sends the details privately and only acknowledges in the group', async () => {
    await t.say('郭强', SENIOR, '签到');
    const r = await t.say('郭强', SENIOR, '我的学时');
    const p = await t.person('郭强');
    expect(r.map((x) => [x.chatId, x.viaGroup ?? null])).toEqual([
      [`private:${p.id}`, SENIOR],
      [SENIOR, null],
    ]);
    expect(r[0].text).toBe(
      '郭强 的 2021 年度继续教育学时\n' +
        '公需科目：2 / 30 学时\n专业科目：3 / 60 学时\n合计：5 / 90 学时\n考试：暂无成绩\n' +
        '还差：公需科目 28 学时；专业科目 57 学时；专业考试合格。',
    );
    expect(r[1].text).toBe('@郭强 你的学时明细已私聊发给你，请查看与我的单聊。');
    expect(r[1].text).not.toMatch(/\d+ \/ /);
  });

  it('in a private chat answers there, for a bound account', async () => {
    const p = await t.person('郭强');
    const r = await t.say(p, `private:${p.id}`, '/hours');
    expect(r).toHaveLength(1);
    expect(r[0].chatId).toBe(`private:${p.id}`);
    expect(r[0].text).toContain('合计：5 / 90 学时');
  });

  it('for an exempt trainee says the year counts as complete', async () => {
    const r = await t.say('艾尔肯·吐尔洪', 'sandbox-intermediate', '我的学时');
    expect(r[0].text).toContain('已免除本年度继续教育（访惠聚驻村），视为完成。');
  });

  it('for an unknown sender says how to bind', async () => {
    const p = await t.person('stranger');
    const r = await t.say(p, `private:${p.id}`, '我的学时');
    expect(r.map((x) => x.text)).toEqual(['还没有找到你在培训名单中的记录。请把群昵称改为真实姓名后在群里 @我，或私聊我发送“绑定 姓名 手机后四位”。']);
  });
});

describe('绑定', () => {
  it('binds by name and phone tail, without echoing the number', async () => {
    const p = await t.person('stranger');
    expect((await t.say(p, `private:${p.id}`, '绑定 张伟 1234'))[0].text).toBe('没有找到与该姓名和手机后四位对应的学员，请核对后再试，或联系培训中心。');
    expect((await t.say(p, `private:${p.id}`, '绑定 张伟'))[0].text).toBe('用法：绑定 姓名 手机后四位（例如：绑定 张三 1234）');
    const ok = await t.say(p, `private:${p.id}`, '绑定　张伟　１００２');
    expect(ok[0].text).toBe('绑定成功：你是名单中的 张伟（初级）。');
    expect(ok[0].text).not.toContain('1002');
    const [b] = await t.db.db.select().from(accounts).where(eq(accounts.accountId, 'stranger'));
    expect(b.boundBy).toBe('self');
    expect(await t.db.db.select().from(auditLog).where(eq(auditLog.action, 'account.bind'))).toHaveLength(1);
    expect((await t.say(p, `private:${p.id}`, '绑定 张伟 1001'))[0].text).toBe('你的账号已绑定为 张伟。如需更改，请联系管理员。');
  });

  it('keeps the binding but still flags a later nickname that is not the bound name', async () => {
    const p = await t.person('stranger');
    const r = await t.say(p, JUNIOR, '签到', { nick: '小明同学' });
    expect(r[0].text).toContain('你的账号已绑定为“张伟”，但当前群昵称“小明同学”不是这个名字');
    expect(r[0].text).toContain('签到未成功');
    const ok = await t.say(p, JUNIOR, '签到', { nick: '张伟' });
    expect(ok[0].text).toContain('签到成功');
  });

  it('a shared name without a suffix is asked to disambiguate, with a suffix it works', async () => {
    const p = { id: 'zw-1001', nick: '张伟', isAdmin: false, note: '' };
    const r = await t.say(p, JUNIOR, '签到');
    expect(r[0].text).toContain('名单中有不止一位“张伟”');
    const ok = await t.say(p, JUNIOR, '签到', { nick: '张伟-演示市网信办' });
    expect(ok[0].text).toContain('签到成功');
  });
});

describe('帮助 and everything else', () => {
  it('帮助 lists trainee commands for trainees and adds admin commands for admins', async () => {
    const trainee = (await t.say('王芳', JUNIOR, '帮助'))[0].text;
    expect(trainee).toContain('签到（/checkin）');
    expect(trainee).not.toContain('管理员命令');
    const admin = (await t.say('admin', JUNIOR, '/help'))[0].text;
    expect(admin).toContain('管理员命令：');
    expect(admin).toContain('开课 标题 公需|专业 学时');
  });

  it('any other text goes to the policy service; without one, an honest placeholder with the phone numbers', async () => {
    const r = await t.say('王芳', JUNIOR, '副高级培训费多少');
    expect(r.map((x) => x.text)).toEqual(['这个问题暂未收录，通知中没有涉及。继续教育问题请咨询乌鲁木齐建设职业培训中心：0991-8879298、0991-2814961。']);
  });

  it('greets a new member with the real-name rule', async () => {
    const r = await t.app.engine.memberJoined!({ platform: 'sandbox', chatId: JUNIOR, userId: 'new-1', nick: 'abc', eventId: 'join-1', at: t.clock.now() });
    expect(r[0].text).toContain('欢迎 abc 加入培训群！根据培训通知，请将群昵称改为本人真实姓名');
    expect(r[0].text).toContain('我在本群的昵称');
    expect(await t.app.engine.memberJoined!({ platform: 'sandbox', chatId: JUNIOR, userId: 'new-1', nick: 'abc', eventId: 'join-1', at: t.clock.now() })).toEqual([]);
  });
});
