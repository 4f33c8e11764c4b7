import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { cancelAdminReminder, listAdminReminders, scheduleAdminReminder } from '../../../core/reminders/admin.ts';
import { previewReminders } from '../../../core/reminders/preview.ts';
import { webActor } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { fieldValues, query } from '../form.ts';
import { parseReminderInput, scheduleError } from '../reminder-input.ts';
import { adminName, pageContext, redirectWith } from '../request.ts';
import { remindersView } from '../views/reminders.ts';

const DAY = 86_400_000;

export async function reminderRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base, core } = deps;
  const render = async (req: FastifyRequest, reply: FastifyReply, form?: { errors: string[]; values: Record<string, string> }) => {
    const q = query(req.query);
    const days = [7, 30, 90].includes(Number(q.days)) ? Number(q.days) : 30;
    const now = core.clock.now();
    const range = { from: now, to: new Date(now.getTime() + days * DAY) };
    const [plan, admin, chats] = await Promise.all([
      previewReminders(core, range),
      listAdminReminders(core, null, { sinceDays: 30, limit: 100 }),
      core.stores.chats.list(core.campaign.id),
    ]);
    const body = remindersView(pageContext(req, reply, deps), { campaign: core.campaign, plan, range, days, texts: q.texts === '1', admin, chats, now, form });
    return reply.code(form ? 400 : 200).type('text/html; charset=utf-8').send(body.value);
  };

  app.get('/reminders', async (req, reply) => render(req, reply));

  app.post('/reminders', async (req, reply) => {
    const values = fieldValues(req.body, ['at', 'scope', 'text']);
    const p = parseReminderInput(req.body, core.campaign, await core.stores.chats.list(core.campaign.id));
    if (!p.ok) return render(req, reply, { errors: p.errors, values });
    const r = await scheduleAdminReminder(core, p.value, webActor(adminName(req)));
    if (r.kind !== 'ok') return render(req, reply, { errors: [scheduleError(r)], values });
    return redirectWith(req, reply, base, '/reminders', { kind: 'ok', text: t.reminders.added(r.reminder.id) });
  });

  app.post<{ Params: { id: string } }>('/reminders/:id/cancel', async (req, reply) => {
    const id = Number(req.params.id) || 0;
    const r = await cancelAdminReminder(core, id, null, webActor(adminName(req)));
    const text = { ok: t.reminders.cancelled(id), 'not-found': t.reminders.notFound, 'not-yours': t.reminders.notFound, already: t.reminders.already, 'too-late': t.reminders.tooLate }[r.kind];
    return redirectWith(req, reply, base, '/reminders', { kind: r.kind === 'ok' ? 'ok' : 'error', text });
  });
}
