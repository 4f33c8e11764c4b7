import type { FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import type { ConsoleDeps } from '../deps.ts';
import { messagePage } from '../layout.ts';
import { pageContext } from '../request.ts';

export async function reminderRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  app.get('/reminders', async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(messagePage(pageContext(req, reply, deps), t.reminders.title, t.reminders.unavailable, 'info').value),
  );
}
