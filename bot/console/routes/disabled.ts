import type { FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import type { Assets } from '../assets.ts';
import { messagePage } from '../layout.ts';

/** A console that may not open says why, on every page and API path, and serves nothing else. */
export async function disabledRoutes(app: FastifyInstance, opts: { base: string; assets: Assets; reason: string }) {
  const body = messagePage({ base: opts.base, assetVersion: opts.assets.version, csrf: '' }, t.disabled.title, opts.reason).value;
  app.all('/api/*', async (_req, reply) => reply.code(503).send({ error: 'console_disabled', message: opts.reason }));
  const send = async (_req: unknown, reply: import('fastify').FastifyReply) => reply.code(503).type('text/html; charset=utf-8').send(body);
  app.all('/', send);
  app.all('/*', send);
}
