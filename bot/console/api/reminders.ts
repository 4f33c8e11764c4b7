import type { FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { cancelAdminReminder, listAdminReminders, scheduleAdminReminder } from '../../../core/reminders/admin.ts';
import { previewReminders } from '../../../core/reminders/preview.ts';
import type { ConsoleDeps } from '../deps.ts';
import { parseReminderInput, scheduleError } from '../reminder-input.ts';
import { callerOf, fail } from './reply.ts';
import { anyObject, errorResponse, idParams, security } from './schemas.ts';

const DAY = 86_400_000;

export async function reminderApi(app: FastifyInstance, deps: ConsoleDeps) {
  const { core } = deps;
  const tags = ['reminders'];

  app.get(
    '/reminders',
    {
      schema: {
        tags,
        summary: 'The reminder plan for the next days (window posts, nudges, admin reminders) and the recent one-off reminders with their state',
        querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 400, default: 30 } } },
        security,
        response: { 200: anyObject('{ plan[], reminders[] }') },
      },
    },
    async (req) => {
      const { days } = req.query as { days: number };
      const now = core.clock.now();
      const [plan, reminders] = await Promise.all([previewReminders(core, { from: now, to: new Date(now.getTime() + days * DAY) }), listAdminReminders(core, null, { sinceDays: 30, limit: 100 })]);
      return { plan, reminders };
    },
  );

  app.post(
    '/reminders',
    {
      schema: {
        tags,
        summary: 'Schedule a one-off reminder',
        body: {
          type: 'object',
          properties: {
            at: { type: 'string', description: "ISO 8601 instant, or 'YYYY-MM-DD HH:MM' Beijing time" },
            text: { type: 'string', minLength: 1, maxLength: 500 },
            level: { type: 'string', description: 'only the groups of this level' },
            platform: { type: 'string' },
            chatId: { type: 'string', description: 'one group (bound to a level), with platform' },
          },
          required: ['at', 'text'],
        },
        security,
        response: { 201: anyObject('the reminder'), 400: errorResponse },
      },
    },
    async (req, reply) => {
      const p = parseReminderInput(req.body, core.campaign, await core.stores.chats.list(core.campaign.id));
      if (!p.ok) return fail(reply, 400, 'bad_request', t.api.badRequest, p.errors);
      const r = await scheduleAdminReminder(core, p.value, callerOf(req));
      if (r.kind !== 'ok') return fail(reply, 400, r.kind, scheduleError(r));
      return reply.code(201).send(r.reminder);
    },
  );

  app.post<{ Params: { id: number } }>(
    '/reminders/:id/cancel',
    { schema: { tags, summary: 'Cancel a one-off reminder that has not come due', params: idParams, security, response: { 200: anyObject('the cancelled reminder'), 404: errorResponse, 409: errorResponse } } },
    async (req, reply) => {
      const r = await cancelAdminReminder(core, req.params.id, null, callerOf(req));
      if (r.kind === 'ok') return r.reminder;
      if (r.kind === 'not-found' || r.kind === 'not-yours') return fail(reply, 404, 'not_found', t.reminders.notFound);
      return fail(reply, 409, r.kind, r.kind === 'already' ? t.reminders.already : t.reminders.tooLate);
    },
  );
}
