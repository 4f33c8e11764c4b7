import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClient, startConsoleApp, type TestApp } from './support.ts';

let t: TestApp;
let c: FormClient;
const idOf = async (name: string) => (await t.app.stores.roster.list(t.app.campaign.id, { search: name }))[0].id;
/** The flash message a redirect lands on. */
const follow = async (r: { headers: Record<string, unknown> }) => {
  const page = await c.get(String(r.headers.location));
  return /data-testid="flash">([^<]*)</.exec(page.body)?.[1] ?? '';
};

beforeAll(async () => {
  t = await startConsoleApp();
  c = new FormClient(t.app.server);
  await c.login('教务李老师');
});
afterAll(async () => {
  await t?.close();
});

describe('management pages (forms through the real server)', () => {
  it('sessions: create in Beijing time, edit, close; bad input is explained', async () => {
    const bad = await c.post('/admin/sessions', { title: '', subject: 'public', startsAt: '2021-09-29T12:00', endsAt: '2021-09-29T10:00', hours: '0.3', creditRule: 'checkin' }, { csrfFrom: '/admin/sessions' });
    expect(await follow(bad)).toBe('请填写标题。 结束时间必须晚于开始时间。 学时应为 0.5–100 之间的数字。');
    const r = await c.post('/admin/sessions', { title: '公需课：个人信息保护', level: '中级', subject: 'public', startsAt: '2021-09-29T19:30', endsAt: '2021-09-29T21:30', hours: '3', creditRule: 'checkin', thresholdPercent: '' }, { csrfFrom: '/admin/sessions' });
    const msg = await follow(r);
    expect(msg).toMatch(/^已新建课次 \d+。$/);
    const id = Number(/\d+/.exec(msg)![0]);
    const s = await t.app.stores.ledger.getSession(id);
    expect(s).toMatchObject({ level: '中级', subject: 'public', hours: 3, creditRule: 'checkin', createdBy: 'web:教务李老师' });
    expect(s!.startsAt.toISOString()).toBe('2021-09-29T11:30:00.000Z');

    const edit = await c.get(`/admin/sessions/${id}/edit`);
    expect(edit.body).toContain('value="2021-09-29T19:30"');
    const saved = await c.post(`/admin/sessions/${id}`, { title: '公需课：个人信息保护法', level: '中级', subject: 'public', startsAt: '2021-09-29T19:30', endsAt: '2021-09-29T22:00', hours: '3', creditRule: 'checkin' }, { csrfFrom: `/admin/sessions/${id}/edit` });
    expect(await follow(saved)).toBe('课次已保存。');
    const [e] = await t.app.stores.audit.list({ action: 'session.edit', target: `session:${id}` });
    expect(e.before).toEqual({ title: '公需课：个人信息保护', endsAt: '2021-09-29T13:30:00.000Z' });
    expect(e.actor).toBe('web:教务李老师');

    const closed = await c.post(`/admin/sessions/${id}/close`, {}, { csrfFrom: '/admin/sessions' });
    expect(await follow(closed)).toBe('已结课：公需课：个人信息保护法。');
    expect((await t.app.stores.ledger.getSession(id))!.closedAt).not.toBeNull();
    const list = await c.get('/admin/sessions');
    expect(list.body).toMatch(new RegExp(`data-session="${id}"[\\s\\S]*?已结课`));
  });

  it('trainees: search, edit (audited), and a name clash refused', async () => {
    const search = await c.get(`/admin/trainees?q=${encodeURIComponent('演示数据局')}&status=incomplete`);
    expect(search.body).toContain('共 6 人');
    const id = await idOf('吴霞');
    const r = await c.post(`/admin/trainees/${id}`, { name: '吴 霞', level: '中级', unit: '演示数据局', phoneTail: '2004', active: '1' }, { csrfFrom: `/admin/trainees/${id}` });
    expect(await follow(r)).toBe('没有修改。');
    const moved = await c.post(`/admin/trainees/${id}`, { name: '吴霞', level: '副高级', unit: '演示数据局', phoneTail: '2004', active: '1' }, { csrfFrom: `/admin/trainees/${id}` });
    expect(await follow(moved)).toBe('已保存。');
    expect((await t.app.stores.roster.get(id))!.level).toBe('副高级');
    const [e] = await t.app.stores.audit.list({ action: 'roster.edit', target: `trainee:${id}` });
    expect(e).toMatchObject({ before: { level: '中级' }, after: { level: '副高级' }, actor: 'web:教务李老师' });
    const clash = await c.post(`/admin/trainees/${id}`, { name: '赵磊', level: '初级', unit: '演示数据局', phoneTail: '1010', active: '1' }, { csrfFrom: `/admin/trainees/${id}` });
    expect(await follow(clash)).toBe('已有一位姓名、单位、手机后四位都相同的学员，未保存。');
    // Unticking 在册 withdraws the trainee without deleting anything.
    const off = await c.post(`/admin/trainees/${id}`, { name: '吴霞', level: '副高级', unit: '演示数据局', phoneTail: '2004' }, { csrfFrom: `/admin/trainees/${id}` });
    expect(await follow(off)).toBe('已保存。');
    expect((await c.get('/admin/trainees?status=inactive')).body).toContain('吴霞');
  });

  it('trainees: unbind an account from the trainee page', async () => {
    await t.say('黄敏', 'sandbox-intermediate', '签到');
    const id = await idOf('黄敏');
    const page = await c.get(`/admin/trainees/${id}`);
    const m = /name="platform" value="([^"]+)"><input type="hidden" name="accountId" value="([^"]+)"/.exec(page.body)!;
    const r = await c.post(`/admin/trainees/${id}/unbind`, { platform: m[1], accountId: m[2] }, { csrfFrom: `/admin/trainees/${id}` });
    expect(await follow(r)).toBe('已解除绑定。');
    expect(await t.app.stores.roster.bindingsOf(id)).toEqual([]);
    expect((await t.app.stores.audit.list({ action: 'account.unbind', target: `trainee:${id}` }))[0].actor).toBe('web:教务李老师');
  });

  it('adjustments need a reason; a name shared by two trainees asks which one', async () => {
    const noReason = await c.post('/admin/adjustments', { trainee: '朱峰', subject: 'public', delta: '2', reason: '' }, { csrfFrom: '/admin/adjustments' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请填写调整原因。');
    const twins = await c.post('/admin/adjustments', { trainee: '张伟', subject: 'public', delta: '2', reason: '补课' }, { csrfFrom: '/admin/adjustments' });
    expect(twins.body).toContain('花名册中有 2 位“张伟”');
    expect(twins.body).toContain('演示县信息中心');
    expect(await t.app.stores.audit.list({ action: 'hours.adjust' })).toEqual([]);
    const ok = await c.post('/admin/adjustments', { trainee: '朱峰', subject: 'public', delta: '2.5', reason: '线下补课' }, { csrfFrom: '/admin/adjustments' });
    expect(await follow(ok)).toBe('已调整 朱峰：0 → 2.5 学时。');
    expect((await c.get('/admin/adjustments')).body).toContain('线下补课');
  });

  it('reminders: the plan preview, add one for a level, cancel it', async () => {
    const page = await c.get('/admin/reminders?days=7&texts=1');
    // 2021-09-28 10:00 Beijing: registration closes 10-05, so "3 days before" is on 10-02.
    expect(page.body).toContain('继续教育培训报名 · 截止前 3 天');
    expect(page.body).toContain('初级培训群（演示）[sandbox·初级]');
    const past = await c.post('/admin/reminders', { at: '2021-09-27T10:00', scope: 'level:初级', text: '今晚直播' }, { csrfFrom: '/admin/reminders' });
    expect(past.body).toContain('发送时间须晚于现在。');
    const r = await c.post('/admin/reminders', { at: '2021-09-29T19:00', scope: 'level:初级', text: '今晚八点直播课，请准时参加' }, { csrfFrom: '/admin/reminders' });
    const msg = await follow(r);
    expect(msg).toMatch(/^已添加提醒 #\d+。$/);
    const id = Number(/#(\d+)/.exec(msg)![1]);
    const list = await c.get('/admin/reminders');
    expect(list.body).toMatch(new RegExp(`data-reminder="${id}"[\\s\\S]*?初级的所有培训群[\\s\\S]*?待发送`));
    // The dashboard lists it among the week's reminders.
    expect((await c.get('/admin/')).body).toContain(`管理员提醒 #${id}`);
    const cancelled = await c.post(`/admin/reminders/${id}/cancel`, {}, { csrfFrom: '/admin/reminders' });
    expect(await follow(cancelled)).toBe(`已取消提醒 #${id}。`);
    const again = await c.post(`/admin/reminders/${id}/cancel`, {}, { csrfFrom: '/admin/reminders' });
    expect(await follow(again)).toBe('这条提醒已经取消过了。');
    const actions = (await t.app.stores.audit.list({ target: `reminder:${id}` })).map((e) => [e.action, e.actor]);
    expect(actions).toEqual([
      ['reminder.cancel', 'web:教务李老师'],
      ['reminder.create', 'web:教务李老师'],
    ]);
  });

  it('audit log: filter by person, admin and kind', async () => {
    // The rows only: the filter lists above the table name every actor and kind.
    const table = async (url: string) => (await c.get(url)).body.split('data-testid="audit"')[1] ?? '';
    const byPerson = await table(`/admin/audit?person=${encodeURIComponent('朱峰')}`);
    expect(byPerson).toContain('学时调整');
    expect(byPerson).not.toContain('修改课次');
    const twins = await c.get(`/admin/audit?person=${encodeURIComponent('张伟')}`);
    expect(twins.body).toContain('有 2 位同名学员，请选择');
    const byKind = await table('/admin/audit?action=session.edit');
    expect(byKind).toContain('修改课次');
    expect(byKind).not.toContain('学时调整');
    const byAdmin = await c.get(`/admin/audit?actor=${encodeURIComponent('web:教务李老师')}`);
    expect(byAdmin.body).toContain('<option value="web:教务李老师" selected>');
    expect(byAdmin.body.split('data-testid="audit"')[1]).not.toContain('demo 演示数据');
    expect(await table('/admin/audit')).toContain('demo 演示数据');
  });
});
