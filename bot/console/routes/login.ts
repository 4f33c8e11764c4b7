import type { FastifyInstance, FastifyRequest } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { SESSION_COOKIE, SESSION_HOURS, cleanAdminName, encodeSession, tokenMatches, webActor } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { field, query } from '../form.ts';
import { cookieOptions, pageContext, readSession, redirectWith } from '../request.ts';
import { loginView } from '../views/login.ts';

const WINDOW_MS = 10 * 60_000;
const MAX_FAILURES = 10;

/** Failed logins per client address in the last ten minutes: enough to stop guessing, not to lock anyone out for long. */
class Failures {
  private byIp = new Map<string, number[]>();
  blocked(ip: string, now: number) {
    const list = (this.byIp.get(ip) ?? []).filter((t) => now - t < WINDOW_MS);
    this.byIp.set(ip, list);
    return list.length >= MAX_FAILURES;
  }
  add(ip: string, now: number) {
    this.byIp.set(ip, [...(this.byIp.get(ip) ?? []), now]);
    if (this.byIp.size > 10_000) this.byIp.clear();
  }
}

/** Only paths inside the console are followed after login (no open redirect). */
const safeNext = (base: string, next: string) => (next.startsWith(`${base}/`) && !next.startsWith('//') && !next.includes('\\') ? next : `${base}/`);

export async function loginRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base, access, core } = deps;
  const failures = new Failures();
  const oneTime = access.mode === 'one-time';

  app.get('/login', async (req, reply) => {
    if (readSession(req)) return reply.redirect(`${base}/`);
    const q = query(req.query);
    return reply.type('text/html; charset=utf-8').send(loginView(pageContext(req, reply, deps), { oneTime, next: q.next }).value);
  });

  app.post('/login', async (req: FastifyRequest, reply) => {
    const now = Date.now();
    const token = field(req.body, 'token');
    const name = cleanAdminName(field(req.body, 'name'));
    const next = field(req.body, 'next');
    const again = (code: number, text: string) =>
      reply
        .code(code)
        .type('text/html; charset=utf-8')
        .send(loginView(pageContext(req, reply, deps, { kind: 'error', text }), { oneTime, name: field(req.body, 'name'), next }).value);
    if (failures.blocked(req.ip, now)) return again(429, t.login.tooMany);
    if (!tokenMatches(token, access.token)) {
      failures.add(req.ip, now);
      await core.stores.audit.write({ at: core.clock.now(), actor: webActor(name ?? '?'), action: 'console.login-failed', allowed: false });
      return again(401, t.login.wrongToken);
    }
    if (!name) return again(400, t.login.badName);
    const session = encodeSession({ name, exp: now + SESSION_HOURS * 3_600_000 });
    reply.setCookie(SESSION_COOKIE, session, { ...cookieOptions(req, base), maxAge: SESSION_HOURS * 3600 });
    await core.stores.audit.write({ at: core.clock.now(), actor: webActor(name), action: 'console.login' });
    return reply.code(303).redirect(safeNext(base, next));
  });

  app.post('/logout', async (req, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: base });
    return redirectWith(req, reply, base, '/login', { kind: 'info', text: t.login.loggedOut });
  });
}
