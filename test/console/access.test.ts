import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp } from '../support/app.ts';
import { FormClient, startConsoleApp, TOKEN, type TestApp } from './support.ts';

describe('console login with ADMIN_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startConsoleApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends an unauthenticated visitor to the login page, with security headers', async () => {
    const c = new FormClient(t.app.server);
    const r = await c.get('/admin/trainees?q=1');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/admin/login?next=%2Fadmin%2Ftrainees%3Fq%3D1');
    const login = await c.get('/admin/login');
    expect(login.statusCode).toBe(200);
    const csp = String(login.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(login.headers['x-content-type-options']).toBe('nosniff');
    expect(login.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(login.headers['referrer-policy']).toBe('no-referrer');
    // The login form itself carries a CSRF token; its secret lives in a signed HttpOnly cookie.
    expect(login.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(String(login.headers['set-cookie'])).toMatch(/cebot_csrf=.*HttpOnly; SameSite=Strict/);
  });

  it('refuses a wrong token, audits the attempt, and never echoes the token', async () => {
    const c = new FormClient(t.app.server);
    const r = await c.login('王老师', 'wrong-token-wrong-token');
    expect(r.statusCode).toBe(401);
    expect(r.body).toContain('令牌不正确。');
    expect(r.body).not.toContain('wrong-token-wrong-token');
    expect(c.has('cebot_admin')).toBe(false);
    const [e] = await t.app.stores.audit.list({ action: 'console.login-failed' });
    expect(e).toMatchObject({ actor: 'web:王老师', allowed: false });
    expect(JSON.stringify(e)).not.toContain('wrong-token');
  });

  it('asks for a display name', async () => {
    const c = new FormClient(t.app.server);
    const r = await c.login('   ');
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('请填写你的姓名');
  });

  it('logs in with the right token: a signed HttpOnly SameSite session cookie, audited with the name', async () => {
    const c = new FormClient(t.app.server);
    const r = await c.login('培训中心王老师');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/admin/');
    const set = [r.headers['set-cookie']].flat().find((x) => String(x).startsWith('cebot_admin='))!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\/admin/);
    const page = await c.get('/admin/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('当前管理员：培训中心王老师');
    expect((await t.app.stores.audit.list({ action: 'console.login' }))[0].actor).toBe('web:培训中心王老师');
  });

  it('rejects a tampered session cookie', async () => {
    const c = new FormClient(t.app.server);
    await c.login('王老师');
    const forged = Buffer.from(JSON.stringify({ name: '冒充者', exp: Date.now() + 3_600_000 })).toString('base64url');
    const r = await t.app.server.inject({ url: '/admin/', headers: { cookie: `cebot_admin=${forged}.AAAA` } });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toContain('/admin/login');
  });

  it('refuses a change without a CSRF token, or with one from another session, and writes nothing', async () => {
    const c = new FormClient(t.app.server);
    await c.login('王老师');
    const id = (await t.app.stores.roster.list(t.app.campaign.id, { search: '陈静' }))[0].id;
    const missing = await c.post(`/admin/trainees/${id}/adjust`, { subject: 'public', delta: '5', reason: '测试' }, { noCsrf: true });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('安全校验码');

    const other = new FormClient(t.app.server);
    const foreign = await other.csrf();
    const crossed = await c.post(`/admin/trainees/${id}/adjust`, { subject: 'public', delta: '5', reason: '测试', _csrf: foreign });
    expect(crossed.statusCode).toBe(403);
    expect(await t.app.stores.audit.list({ action: 'hours.adjust', target: `trainee:${id}` })).toEqual([]);

    const ok = await c.post(`/admin/trainees/${id}/adjust`, { subject: 'public', delta: '5', reason: '测试' }, { csrfFrom: `/admin/trainees/${id}` });
    expect(ok.statusCode).toBe(303);
    const [e] = await t.app.stores.audit.list({ action: 'hours.adjust', target: `trainee:${id}` });
    expect(e.actor).toBe('web:王老师');
    const landed = await c.get(ok.headers.location as string);
    expect(landed.body).toContain('已调整 陈静：0 → 5 学时。');
  });

  it('a change without a session is refused before anything else', async () => {
    const c = new FormClient(t.app.server);
    const r = await c.post('/admin/sessions', { title: 'x' });
    expect(r.statusCode).toBe(401);
  });

  it('logout clears the session', async () => {
    const c = new FormClient(t.app.server);
    await c.login('王老师');
    const r = await c.post('/admin/logout', {}, { csrfFrom: '/admin/' });
    expect(r.statusCode).toBe(303);
    expect(c.has('cebot_admin')).toBe(false);
    expect((await c.get('/admin/')).statusCode).toBe(303);
  });

  it('does not follow a login redirect out of the console', async () => {
    const c = new FormClient(t.app.server);
    const r = await c.post('/admin/login', { token: TOKEN, name: '王老师', next: '//evil.example/' });
    expect(r.headers.location).toBe('/admin/');
  });

  // Last in this block: it locks the test client's address out.
  it('stops guessing: after ten wrong tokens even the right one is refused for a while', async () => {
    const c = new FormClient(t.app.server);
    // Every failure so far in this file came from the same (injected) address.
    const before = (await t.app.stores.audit.list({ action: 'console.login-failed', limit: 1000 })).length;
    expect(before).toBeGreaterThan(0);
    for (let i = before; i < 10; i++) expect((await c.login('猜测者', `guess-${i}-xxxxxxxxxxxx`)).statusCode).toBe(401);
    expect((await c.login('猜测者', 'one-more-guess-xxxxxxx')).statusCode).toBe(429);
    const r = await c.login('猜测者');
    expect(r.statusCode).toBe(429);
    expect(r.body).toContain('尝试次数过多');
    expect(c.has('cebot_admin')).toBe(false);
    // Refused tries are not even checked, so they are not audited one by one.
    expect((await t.app.stores.audit.list({ action: 'console.login-failed', limit: 1000 })).length).toBe(10);
  });
});

describe('console without ADMIN_TOKEN', () => {
  const writes: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    writes.length = 0;
  });

  it('with DATABASE_URL set: disabled, and every page and API path says why', async () => {
    const t = await startTestApp({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused' }, policy: null });
    try {
      for (const url of ['/admin', '/admin/', '/admin/login', '/admin/trainees/1']) {
        const r = await t.app.server.inject({ url });
        expect(r.statusCode).toBe(503);
        expect(r.body).toContain('管理控制台已停用');
        expect(r.body).toContain('ADMIN_TOKEN');
      }
      const login = await t.app.server.inject({ method: 'POST', url: '/admin/login', payload: { token: 'x' } });
      expect(login.statusCode).toBe(503);
      const api = await t.app.server.inject({ url: '/admin/api/dashboard', headers: { authorization: 'Bearer anything' } });
      expect(api.statusCode).toBe(503);
      expect(api.json().error).toBe('console_disabled');
    } finally {
      await t.close();
    }
  });

  it('in sandbox mode: a one-time token printed once when the server listens, which then logs in', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (writes.push(String(s)), true));
    const t = await startTestApp({ policy: null });
    try {
      expect(writes.join('')).not.toContain('一次性管理令牌');
      await t.app.server.listen({ port: 0, host: '127.0.0.1' });
      vi.restoreAllMocks();
      const out = writes.join('');
      const m = /一次性管理令牌（本次启动有效，请勿外传）：(\S+)/.exec(out);
      expect(m).not.toBeNull();
      expect(out.match(/一次性管理令牌/g)).toHaveLength(1);
      expect(out).toMatch(/管理控制台：http:\/\/127\.0\.0\.1:\d+\/admin\//);
      const c = new FormClient(t.app.server);
      expect((await c.login('本机管理员', 'not-the-token')).statusCode).toBe(401);
      expect((await c.login('本机管理员', m![1])).statusCode).toBe(303);
      expect((await c.get('/admin/')).body).toContain('当前管理员：本机管理员');
      // The API takes the same one-time token.
      const api = await t.app.server.inject({ url: '/admin/api/sessions', headers: { authorization: `Bearer ${m![1]}` } });
      expect(api.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('with ADMIN_TOKEN: nothing about the token reaches stdout', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (writes.push(String(s)), true));
    const t = await startConsoleApp();
    try {
      await t.app.server.listen({ port: 0, host: '127.0.0.1' });
      const c = new FormClient(t.app.server);
      await c.login('王老师');
      await new FormClient(t.app.server).login('王老师', 'wrong-token-wrong-token');
      vi.restoreAllMocks();
      expect(writes.join('')).not.toContain(TOKEN);
      expect(writes.join('')).not.toContain('一次性管理令牌');
    } finally {
      await t.close();
    }
  });
});
