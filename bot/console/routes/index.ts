import type { FastifyError, FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import type { ConsoleDeps } from '../deps.ts';
import { messagePage } from '../layout.ts';
import { readSession } from '../request.ts';
import { adjustmentRoutes } from './adjustments.ts';
import { auditRoutes } from './audit.ts';
import { dashboardRoutes } from './dashboard.ts';
import { exemptionRoutes } from './exemptions.ts';
import { exportRoutes } from './exports.ts';
import { importRoutes } from './imports.ts';
import { loginRoutes } from './login.ts';
import { reminderRoutes } from './reminders.ts';
import { sessionRoutes } from './sessions.ts';
import { traineeRoutes } from './trainees.ts';

const PUBLIC = new Set(['/login']);

/** The HTML console: a signed session cookie for every page but the login, a CSRF token for every change. */
export async function webRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base } = deps;
  const bare = (url: string) => url.slice(base.length).split('?')[0] || '/';

  app.addHook('onRequest', async (req, reply) => {
    const path = bare(req.url);
    if (PUBLIC.has(path) || readSession(req)) return;
    if (req.method === 'GET' || req.method === 'HEAD') return reply.code(303).redirect(`${base}/login?next=${encodeURIComponent(req.url)}`);
    return reply.code(401).type('text/html; charset=utf-8').send(messagePage({ base, assetVersion: deps.assets.version, csrf: '' }, t.forbidden, t.unauthorized).value);
  });
  // After the body is parsed, so the token can come from a form field (urlencoded or multipart).
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD') return done();
    app.csrfProtection(req, reply, done);
  });
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    const ctx = { base, assetVersion: deps.assets.version, csrf: '', admin: readSession(req)?.name };
    const send = (code: number, title: string, text: string) => reply.code(code).type('text/html; charset=utf-8').send(messagePage(ctx, title, text).value);
    if (err.code?.startsWith('FST_CSRF_')) return send(403, t.forbidden, t.csrfRefused);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(err.statusCode, t.forbidden, err.message);
    req.log.error({ err }, 'console request failed');
    return send(500, t.forbidden, t.serverError);
  });
  app.setNotFoundHandler(async (req, reply) =>
    reply.code(404).type('text/html; charset=utf-8').send(messagePage({ base, assetVersion: deps.assets.version, csrf: '', admin: readSession(req)?.name }, t.notFound, t.notFound).value),
  );

  await app.register(loginRoutes, deps);
  await app.register(dashboardRoutes, deps);
  await app.register(importRoutes, deps);
  await app.register(sessionRoutes, deps);
  await app.register(traineeRoutes, deps);
  await app.register(exemptionRoutes, deps);
  await app.register(adjustmentRoutes, deps);
  await app.register(reminderRoutes, deps);
  await app.register(auditRoutes, deps);
  await app.register(exportRoutes, deps);
}
