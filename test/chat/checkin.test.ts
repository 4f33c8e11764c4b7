import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendance } from '../../db/schema/index.ts';
import { JUNIOR, startTestApp, UNBOUND, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ policy: null });
});
afterAll(() => t.close());

const texts = (r: { text: string }[]) => r.map((x) => x.text);

describe('checking in', () => {
  it('is refused with rename steps while the nickname is not a roster name, and nothing is recorded', async () => {
    const r = await t.say('李娜', JUNIOR, '签到', { nick: '娜娜' });
    expect(texts(r)).toEqual([
      '@娜娜 你的群昵称“娜娜”与培训名单上的姓名不一致。\n' +
        '根据培训通知，群昵称须为本人真实姓名，否则影响学习记录统计及个人成绩。\n' +
        '修改方法：钉钉打开本群 → 右上角“群设置” → “我在本群的昵称”，改为名单上的真实姓名（可加后缀，如“张三-网信办”），保存后再 @我。\n' +
        '签到未成功：你的群昵称还不符合实名要求。改好昵称后再 @我 签到即可。',
    ]);
    expect(r[0].mentions).toEqual([{ userId: (await t.person('李娜')).id, name: '娜娜' }]);
    expect(await t.db.db.select().from(attendance)).toEqual([]);
  });

  it('warns a person at most once an hour per group, but still refuses each check-in', async () => {
    const r = await t.say('李娜', JUNIOR, '签到', { nick: '娜娜' });
    expect(texts(r)).toEqual(['签到未成功：你的群昵称还不符合实名要求。改好昵称后再 @我 签到即可。']);
    t.clock.advance(61 * 60_000);
    const later = await t.say('李娜', JUNIOR, '签到', { nick: '娜娜' });
    expect(later[0].text).toContain('与培训名单上的姓名不一致');
  });

  it('succeeds after renaming, credits both open sessions and states the running total', async () => {
    const r = await t.say('李娜', JUNIOR, '签到', { nick: '李娜-演示科技公司' });
    expect(texts(r)).toEqual([
      '@李娜-演示科技公司 签到成功：网络安全专业课（演示）（专业科目），计 3 学时。\n' +
        '@李娜-演示科技公司 签到成功：公需课：数字经济概论（演示）（公需科目），计 2 学时。\n' +
        '本年度累计：公需 2、专业 3，合计 5 学时。',
    ]);
    expect(await t.db.db.select().from(attendance)).toHaveLength(2);
  });

  it('a second 签到 says 已签到 and changes nothing', async () => {
    const r = await t.say('李娜', JUNIOR, '签到', { nick: '李娜' });
    expect(texts(r)).toEqual(['@李娜 你已签到过“网络安全专业课（演示）”，无需重复签到。\n@李娜 你已签到过“公需课：数字经济概论（演示）”，无需重复签到。']);
    expect(await t.db.db.select().from(attendance)).toHaveLength(2);
  });

  it('the same platform message handled twice has no second effect and no second reply', async () => {
    const first = await t.say('王芳', JUNIOR, '签到', { messageId: 'm-dup-1' });
    expect(first[0].text).toContain('签到成功');
    const again = await t.say('王芳', JUNIOR, '签到', { messageId: 'm-dup-1' });
    expect(again).toEqual([]);
    expect(await t.db.db.select().from(attendance)).toHaveLength(4);
  });

  it('accepts full-width input, ＠mentions and trailing punctuation', async () => {
    const r = await t.say('刘洋', JUNIOR, '＠培训助手　签到！');
    expect(r[0].text).toContain('签到成功');
    const slash = await t.say('陈静', JUNIOR, '/checkin@cebot');
    expect(slash[0].text).toContain('签到成功');
  });

  it('in a group with no level yet, says how to bind the group', async () => {
    const r = await t.say('杨帆', UNBOUND, '签到');
    expect(texts(r)).toEqual(['本群还没有设置对应的培训级别。请群管理员发送“本群 初级”“本群 中级”或“本群 副高级”完成设置。']);
  });

  it('refuses a trainee of another level in this group', async () => {
    const r = await t.say('黄敏', JUNIOR, '签到');
    expect(r[0].text).toContain('签到未成功：你在名单中报名的是【中级】培训，本群是【初级】培训群');
  });

  it('outside any session says none is open', async () => {
    t.clock.advance(200 * 86_400_000);
    const r = await t.say('赵磊', JUNIOR, '签到');
    expect(texts(r)).toEqual(['当前没有正在进行的课次，无需签到。']);
  });
});
