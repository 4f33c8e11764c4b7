import type { FastifyInstance } from 'fastify';
import { editSession } from '../../../core/admin/session-edits.ts';
import { closeSession, openSession } from '../../../core/ledger/service.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import type { Session } from '../../../core/ports.ts';
import type { ConsoleDeps } from '../deps.ts';
import { parseSessionInput, sessionState } from '../session-form.ts';
import { callerOf, fail } from './reply.ts';
import { anyObject, errorResponse, idParams, security, sessionBody } from './schemas.ts';

type Id = { Params: { id: number } };

/** A session as the form would show it, so a partial update can be checked like a whole one. */
const asFields = (s: Session) => ({
  title: s.title,
  level: s.level ?? '',
  subject: s.subject,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  hours: s.hours,
  creditRule: s.creditRule,
  thresholdPercent: s.thresholdPercent ?? '',
});
const noNulls = (b: unknown) => Object.fromEntries(Object.entries((b as Record<string, unknown>) ?? {}).map(([k, v]) => [k, v === null ? '' : v]));

export async function sessionApi(app: FastifyInstance, deps: ConsoleDeps) {
  const { core } = deps;
  const tags = ['sessions'];
  const view = (s: Session, counts: Map<number, number>) => ({ ...s, state: sessionState(s, core.clock.now()), attendance: counts.get(s.id) ?? 0 });

  app.get('/sessions', { schema: { tags, summary: 'Sessions of the campaign with state and attendance count', security, response: { 200: anyObject('{ sessions[] }') } } }, async () => {
    const [sessions, counts] = await Promise.all([core.stores.ledger.listSessions(core.campaign.id), deps.dash.attendanceCounts(core.campaign.id)]);
    return { sessions: sessions.map((s) => view(s, counts)) };
  });

  app.post(
    '/sessions',
    { schema: { tags, summary: 'Create (open) a session', body: { ...sessionBody, required: ['title', 'subject', 'startsAt', 'endsAt', 'hours'] }, security, response: { 201: anyObject('the session'), 400: errorResponse } } },
    async (req, reply) => {
      const p = parseSessionInput(noNulls(req.body), core.campaign);
      if (!p.ok) return fail(reply, 400, 'bad_request', t.api.badRequest, p.errors);
      const actor = callerOf(req);
      const s = await openSession(core, { ...p.value, platform: null, chatId: null, createdBy: actor }, actor);
      return reply.code(201).send(s);
    },
  );

  app.patch<Id>(
    '/sessions/:id',
    { schema: { tags, summary: 'Change a session (only the fields sent)', params: idParams, body: sessionBody, security, response: { 200: anyObject('{ changed, session }'), 400: errorResponse, 404: errorResponse } } },
    async (req, reply) => {
      const before = await core.stores.ledger.getSession(req.params.id);
      if (!before || before.campaignId !== core.campaign.id) return fail(reply, 404, 'not_found', t.api.sessionNotFound);
      const p = parseSessionInput({ ...asFields(before), ...noNulls(req.body) }, core.campaign);
      if (!p.ok) return fail(reply, 400, 'bad_request', t.api.badRequest, p.errors);
      const r = await editSession(core, before.id, p.value, callerOf(req));
      return { changed: r!.changed, session: r!.after };
    },
  );

  app.post<Id>(
    '/sessions/:id/close',
    { schema: { tags, summary: 'Close a session: no more check-ins', params: idParams, security, response: { 200: anyObject('{ closed, session }'), 404: errorResponse } } },
    async (req, reply) => {
      const before = await core.stores.ledger.getSession(req.params.id);
      if (!before || before.campaignId !== core.campaign.id) return fail(reply, 404, 'not_found', t.api.sessionNotFound);
      const after = await closeSession(core, before.id, callerOf(req));
      return { closed: Boolean(after), session: after ?? before };
    },
  );
}
