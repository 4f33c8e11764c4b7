import swagger from '@fastify/swagger';
import type { FastifyError, FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { bearer, tokenMatches } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { auditApi } from './audit.ts';
import { dashboardApi } from './dashboard.ts';
import { importApi } from './imports.ts';
import { fail } from './reply.ts';
import { reminderApi } from './reminders.ts';
import { sessionApi } from './sessions.ts';
import { traineeApi } from './trainees.ts';

/**
 * The JSON API: the console's operations for scripts. Bearer token (the same ADMIN_TOKEN), no cookies, so no
 * CSRF exposure; described by an OpenAPI document at `<prefix>/docs`.
 */
export async function apiRoutes(app: FastifyInstance, opts: { deps: ConsoleDeps }) {
  const { deps } = opts;
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: t.api.title, description: t.api.description, version: '1.0.0' },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' } } },
      security: [{ bearer: [] }],
    },
  });
  app.get('/docs', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs.yaml', { schema: { hide: true } }, async (_req, reply) => reply.type('text/yaml; charset=utf-8').send(app.swagger({ yaml: true })));

  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url?.endsWith('/docs') || req.routeOptions.url?.endsWith('/docs.yaml')) return;
    if (!tokenMatches(bearer(req.headers.authorization), deps.access.token)) {
      reply.header('www-authenticate', 'Bearer');
      return fail(reply, 401, 'unauthorized', t.unauthorized);
    }
  });
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err.validation) return fail(reply, 400, 'bad_request', t.api.badRequest, [err.message]);
    if (err.statusCode && err.statusCode < 500) return fail(reply, err.statusCode, err.code ?? 'bad_request', err.message);
    req.log.error({ err }, 'admin api request failed');
    return fail(reply, 500, 'server_error', t.serverError);
  });
  app.setNotFoundHandler(async (_req, reply) => fail(reply, 404, 'not_found', t.notFound));

  await app.register(dashboardApi, deps);
  await app.register(traineeApi, deps);
  await app.register(sessionApi, deps);
  await app.register(importApi, deps);
  await app.register(reminderApi, deps);
  await app.register(auditApi, deps);
}
