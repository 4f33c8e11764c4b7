import type { FastifyInstance, FastifyReply } from 'fastify';
import { editSession } from '../../../core/admin/session-edits.ts';
import { closeSession, openSession } from '../../../core/ledger/service.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { webActor } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { adminName, pageContext, redirectWith } from '../request.ts';
import { parseSessionInput } from '../session-form.ts';
import { sessionEditView, sessionsView } from '../views/sessions.ts';

type IdParams = { Params: { id: string } };

export async function sessionRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base, core } = deps;
  const send = (reply: FastifyReply, s: { value: string }) => reply.type('text/html; charset=utf-8').send(s.value);

  app.get('/sessions', async (req, reply) => {
    const [sessions, counts] = await Promise.all([core.stores.ledger.listSessions(core.campaign.id), deps.dash.attendanceCounts(core.campaign.id)]);
    return send(reply, sessionsView(pageContext(req, reply, deps), { campaign: core.campaign, sessions, counts, now: core.clock.now() }));
  });

  app.post('/sessions', async (req, reply) => {
    const p = parseSessionInput(req.body, core.campaign);
    if (!p.ok) return redirectWith(req, reply, base, '/sessions', { kind: 'error', text: p.errors.join(' ') });
    const actor = webActor(adminName(req));
    const s = await openSession(core, { ...p.value, platform: null, chatId: null, createdBy: actor }, actor);
    return redirectWith(req, reply, base, '/sessions', { kind: 'ok', text: t.sessions.created(s.id) });
  });

  app.get<IdParams>('/sessions/:id/edit', async (req, reply) => {
    const session = await core.stores.ledger.getSession(Number(req.params.id) || 0);
    if (!session || session.campaignId !== core.campaign.id) return redirectWith(req, reply, base, '/sessions', { kind: 'error', text: t.sessions.notFound });
    return send(reply, sessionEditView(pageContext(req, reply, deps), { campaign: core.campaign, session }));
  });

  app.post<IdParams>('/sessions/:id', async (req, reply) => {
    const id = Number(req.params.id) || 0;
    const session = await core.stores.ledger.getSession(id);
    if (!session || session.campaignId !== core.campaign.id) return redirectWith(req, reply, base, '/sessions', { kind: 'error', text: t.sessions.notFound });
    const p = parseSessionInput(req.body, core.campaign);
    if (!p.ok) return send(reply.code(400), sessionEditView(pageContext(req, reply, deps), { campaign: core.campaign, session, errors: p.errors }));
    const r = await editSession(core, id, p.value, webActor(adminName(req)));
    return redirectWith(req, reply, base, '/sessions', { kind: r?.changed ? 'ok' : 'info', text: r?.changed ? t.sessions.saved : t.sessions.unchanged });
  });

  app.post<IdParams>('/sessions/:id/close', async (req, reply) => {
    const id = Number(req.params.id) || 0;
    const before = await core.stores.ledger.getSession(id);
    if (!before || before.campaignId !== core.campaign.id) return redirectWith(req, reply, base, '/sessions', { kind: 'error', text: t.sessions.notFound });
    const after = await closeSession(core, id, webActor(adminName(req)));
    return redirectWith(req, reply, base, '/sessions', after ? { kind: 'ok', text: t.sessions.closed(after.title) } : { kind: 'info', text: t.sessions.alreadyClosed });
  });
}
