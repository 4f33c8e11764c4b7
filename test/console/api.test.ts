import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, multipart, startConsoleApp, TOKEN, type TestApp } from './support.ts';

let t: TestApp;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.server.inject({ method, url: `/admin/api${url}`, headers: { ...bearer(), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
const campaign = () => t.app.campaign.id;
const traineeId = async (name: string) => (await t.app.stores.roster.list(campaign(), { search: name }))[0].id;

async function xlsx(headers: string[], rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  ws.addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  t = await startConsoleApp();
});
afterAll(async () => {
  await t?.close();
});

describe('admin API authentication and documentation', () => {
  it('refuses a missing or wrong bearer token and accepts ADMIN_TOKEN', async () => {
    const none = await t.app.server.inject({ url: '/admin/api/dashboard' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.json().error).toBe('unauthorized');
    expect((await api('GET', '/dashboard', undefined, bearer(`${TOKEN}x`))).statusCode).toBe(401);
    expect((await api('GET', '/dashboard', undefined, { authorization: TOKEN })).statusCode).toBe(401);
    const ok = await api('GET', '/dashboard');
    expect(ok.statusCode).toBe(200);
    const d = ok.json();
    expect(d.total.trainees).toBe(30);
    expect(d.levels.map((l: { level: string }) => l.level)).toEqual(['初级', '中级', '副高级']);
    // The demo exempts one 中级 trainee.
    expect(d.levels[1].exempt).toBe(1);
    expect(d.deadlines.some((w: { windowId: string }) => w.windowId === 'ce-training')).toBe(true);
  });

  it('a session cookie does not open the API (bearer only, so no CSRF exposure)', async () => {
    const r = await t.app.server.inject({ url: '/admin/api/trainees', headers: { cookie: 'cebot_admin=anything' } });
    expect(r.statusCode).toBe(401);
  });

  it('serves an OpenAPI 3 document at /admin/api/docs describing every operation with bearer security', async () => {
    const r = await t.app.server.inject({ url: '/admin/api/docs' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/admin/api/dashboard',
        '/admin/api/report',
        '/admin/api/trainees',
        '/admin/api/trainees/{id}',
        '/admin/api/trainees/{id}/adjustments',
        '/admin/api/trainees/{id}/exemption',
        '/admin/api/sessions',
        '/admin/api/sessions/{id}/close',
        '/admin/api/imports/{kind}',
        '/admin/api/reminders',
        '/admin/api/audit',
      ]),
    );
    expect(doc.paths['/admin/api/trainees/{id}/adjustments'].post.requestBody.content['application/json'].schema.required).toContain('reason');
    const yaml = await t.app.server.inject({ url: '/admin/api/docs.yaml' });
    expect(yaml.body).toMatch(/^openapi: 3/);
  });

  it('unknown API paths answer JSON 404', async () => {
    const r = await api('GET', '/nope');
    expect(r.statusCode).toBe(404);
    expect(r.json().error).toBe('not_found');
  });
});

describe('admin API operations, each audited with the caller', () => {
  it('creates, edits and closes a session', async () => {
    const created = await api(
      'POST',
      '/sessions',
      { title: '专业课：数据安全', level: '中级', subject: 'professional', startsAt: '2021-09-29 10:00', endsAt: '2021-09-29 12:00', hours: 4, creditRule: 'watchtime' },
      { 'x-admin-name': encodeURIComponent('脚本') },
    );
    expect(created.statusCode).toBe(201);
    const s = created.json();
    // Beijing time in, UTC out.
    expect(s.startsAt).toBe('2021-09-29T02:00:00.000Z');
    const bad = await api('POST', '/sessions', { title: '', subject: 'public', startsAt: '2021-09-29 12:00', endsAt: '2021-09-29 10:00', hours: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual(expect.arrayContaining(['请填写标题。', '结束时间必须晚于开始时间。']));

    const edited = await api('PATCH', `/sessions/${s.id}`, { hours: 3.5, thresholdPercent: 90 });
    expect(edited.json()).toMatchObject({ changed: true, session: { hours: 3.5, thresholdPercent: 90, title: '专业课：数据安全' } });
    expect((await api('PATCH', `/sessions/${s.id}`, { hours: 3.5 })).json().changed).toBe(false);
    const closed = await api('POST', `/sessions/${s.id}/close`);
    expect(closed.json().closed).toBe(true);
    expect((await api('POST', `/sessions/${s.id}/close`)).json().closed).toBe(false);

    const audit = (await api('GET', `/audit?target=session:${s.id}`)).json().entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['session.close', 'session.edit', 'session.open']);
    expect(audit[2].actor).toBe('api:脚本');
    expect(audit[0].actor).toBe('api:api');
    expect(audit[1].before).toEqual({ hours: 4, thresholdPercent: null });
  });

  it('records an exam, adjusts hours (reason required) and grants and revokes an exemption', async () => {
    const id = await traineeId('王芳');
    const exam = await api('POST', `/trainees/${id}/exams`, { subject: 'professional', score: 72 });
    expect(exam.json()).toEqual({ changed: true, passed: true });

    const noReason = await api('POST', `/trainees/${id}/adjustments`, { subject: 'public', delta: 2, reason: '' });
    expect(noReason.statusCode).toBe(400);
    const badStep = await api('POST', `/trainees/${id}/adjustments`, { subject: 'public', delta: 0.3, reason: '补录' });
    expect(badStep.json().details).toContain('调整学时应为非零数字，绝对值不超过 100，最小单位 0.5。');
    const adj = await api('POST', `/trainees/${id}/adjustments`, { subject: 'public', delta: 6, reason: '线下补课' });
    expect(adj.json()).toEqual({ before: 0, after: 6 });

    const badReason = await api('PUT', `/trainees/${id}/exemption`, { reason: '出差', approvalRef: 'X-1' });
    expect(badReason.statusCode).toBe(400);
    const ex = await api('PUT', `/trainees/${id}/exemption`, { reason: '驻村管寺', approvalRef: '新人社-2021-17' });
    expect(ex.json().changed).toBe(true);
    let detail = (await api('GET', `/trainees/${id}`)).json();
    expect(detail.summary).toMatchObject({ exempt: true, complete: true, publicHours: 6 });
    expect((await api('POST', `/trainees/${id}/exemption/revoke`, { note: '批文撤回' })).json().revoked).toBe(true);
    detail = (await api('GET', `/trainees/${id}`)).json();
    expect(detail.summary.complete).toBe(false);
    expect(detail.missing).toEqual(expect.arrayContaining([expect.stringContaining('公需科目')]));

    const actions = (await api('GET', `/audit?target=trainee:${id}`)).json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['exemption.revoke', 'exemption.grant', 'hours.adjust', 'exam.record']);
  });

  it('edits a roster entry and refuses one that would clash with another entry', async () => {
    const id = await traineeId('刘洋');
    const r = await api('PATCH', `/trainees/${id}`, { unit: '演示市网信办', phoneTail: '7777' });
    expect(r.json()).toMatchObject({ changed: true, trainee: { unit: '演示市网信办', phoneTail: '7777' } });
    const entry = (await api('GET', `/audit?target=trainee:${id}&action=roster.edit`)).json().entries[0];
    expect(entry.before).toEqual({ unit: '演示数据局', phoneTail: '1007' });
    // 张伟 of 演示市网信办 has phone tail 1001: renaming 刘洋 to that identity must be refused.
    const clash = await api('PATCH', `/trainees/${id}`, { name: '张伟', phoneTail: '1001' });
    expect(clash.statusCode).toBe(409);
    expect((await api('PATCH', `/trainees/${id}`, { phoneTail: '12' })).statusCode).toBe(400);
  });

  it('unbinds an account bound in the sandbox', async () => {
    await t.say('李娜', 'sandbox-junior', '签到');
    const id = await traineeId('李娜');
    const { bindings } = (await api('GET', `/trainees/${id}`)).json();
    expect(bindings).toHaveLength(1);
    const { platform, accountId } = bindings[0];
    expect((await api('DELETE', `/trainees/${id + 1}/bindings/${platform}/${accountId}`)).statusCode).toBe(404);
    const r = await api('DELETE', `/trainees/${id}/bindings/${platform}/${accountId}`);
    expect(r.json().unbound.traineeId).toBe(id);
    expect((await api('GET', `/trainees/${id}`)).json().bindings).toEqual([]);
  });
});

describe('reminders through the API', () => {
  it('schedules a one-off reminder, shows it in the plan, and cancels it once', async () => {
    const bad = await api('POST', '/reminders', { at: '2021-09-28 09:00', text: '过去的时间' });
    expect(bad.json()).toMatchObject({ error: 'past', message: '发送时间须晚于现在。' });
    const r = await api('POST', '/reminders', { at: '2021-09-30T12:00:00+08:00', text: '国庆前请完成公需课', level: '副高级' }, { 'x-admin-name': 'sync' });
    expect(r.statusCode).toBe(201);
    const rem = r.json();
    expect(rem).toMatchObject({ level: '副高级', createdBy: 'api:sync', at: '2021-09-30T04:00:00.000Z' });
    const listed = (await api('GET', '/reminders?days=7')).json();
    expect(listed.plan.find((p: { adminId?: number }) => p.adminId === rem.id).groups.map((g: { level: string }) => g.level)).toEqual(['副高级']);
    expect(listed.reminders.find((v: { reminder: { id: number } }) => v.reminder.id === rem.id).state).toBe('pending');
    expect((await api('POST', `/reminders/${rem.id}/cancel`)).json().cancelledBy).toBe('api:api');
    expect((await api('POST', `/reminders/${rem.id}/cancel`)).statusCode).toBe(409);
    expect((await api('POST', '/reminders/99999/cancel')).statusCode).toBe(404);
  });
});

describe('imports and the report through the API', () => {
  it('a dry run writes nothing; bad rows refuse the import unless skipped; the commit writes the rest', async () => {
    const before = await t.app.stores.roster.count(campaign());
    const file = await xlsx(['姓名', '单位', '级别', '手机号'], [
      ['新人甲', '演示单位', '初级', '13900001111'],
      ['', '演示单位', '初级', ''],
      ['新人乙', '演示单位', '高级', ''],
    ]);
    const upload = (query: string) => {
      const m = multipart({ name: 'roster.xlsx', data: file });
      return t.app.server.inject({ method: 'POST', url: `/admin/api/imports/roster${query}`, headers: { ...bearer(), ...m.headers }, payload: m.payload });
    };
    const dry = await upload('?dryRun=true');
    expect(dry.statusCode).toBe(422);
    expect(dry.json()).toMatchObject({ applied: false, rows: 3, errors: [{ row: 3 }, { row: 4 }] });
    expect(dry.json().errors[0].reason).toContain('姓名为空');
    expect(dry.json().errors[1].reason).toContain('级别无法识别');
    expect((await upload('')).json().applied).toBe(false);
    expect(await t.app.stores.roster.count(campaign())).toBe(before);
    const skipped = await upload('?skipBad=true');
    expect(skipped.json()).toMatchObject({ applied: true, written: { inserted: 1 } });
    expect(await t.app.stores.roster.count(campaign())).toBe(before + 1);
  });

  it('a watch-time import credits hours that the dashboard and report show', async () => {
    const s = (await api('POST', '/sessions', { title: '公需课：网络安全法', subject: 'public', startsAt: '2021-09-28 09:00', endsAt: '2021-09-28 11:00', hours: 4, creditRule: 'watchtime' })).json();
    const csv = Buffer.from('\ufeff昵称,观看时长(分钟)\r\n杨帆,110\r\n路人甲,30\r\n赵磊,60\r\n', 'utf8');
    const m = multipart({ name: 'watch.csv', data: csv });
    const r = await t.app.server.inject({ method: 'POST', url: `/admin/api/imports/attendance?sessionId=${s.id}`, headers: { ...bearer(), ...m.headers }, payload: m.payload });
    const res = r.json();
    expect(res).toMatchObject({ applied: true, written: { inserted: 2 } });
    expect(res.unmatched).toEqual([expect.objectContaining({ row: 3, nickname: '路人甲' })]);
    // 110 of 120 minutes ≥ 80 %: full 4 h; 60 minutes = 50 %: 2 h.
    expect(res.preview.map((p: { name: string; hours: number }) => [p.name, p.hours])).toEqual([['杨帆', 4], ['赵磊', 2]]);

    const rows = (await api('GET', '/trainees?q=杨帆')).json().rows;
    expect(rows[0]).toMatchObject({ name: '杨帆', publicHours: 4, totalHours: 4 });
    const dash = (await api('GET', '/dashboard?atRiskLimit=100')).json();
    expect(dash.total.atRisk.find((a: { name: string }) => a.name === '杨帆')).toMatchObject({ totalHours: 4 });

    const report = (await api('GET', '/report')).json();
    expect(report.rows.find((x: { name: string }) => x.name === '赵磊').publicHours).toBe(2);
    const csvOut = await api('GET', '/report?format=csv');
    expect(csvOut.headers['content-type']).toContain('text/csv');
    expect(csvOut.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csvOut.rawPayload.toString('utf8').slice(1).split('\r\n')[0]).toBe('姓名,单位,级别,昵称状态,公需,专业,总学时,考试,完成情况,缺少');
    const xl = await api('GET', '/report?format=xlsx');
    expect(xl.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '初级', '中级', '副高级']);
  });

  it('a watch-time import without a session is refused with a reason', async () => {
    const m = multipart({ name: 'watch.csv', data: Buffer.from('昵称,观看时长\n杨帆,10\n') });
    const r = await t.app.server.inject({ method: 'POST', url: '/admin/api/imports/attendance', headers: { ...bearer(), ...m.headers }, payload: m.payload });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('导入观看时长需要选择课次。');
  });
});
