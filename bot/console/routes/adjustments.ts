import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adjustHours } from '../../../core/ledger/service.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { webActor } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { fieldValues } from '../form.ts';
import { parseAdjustment } from '../inputs.ts';
import { adminName, pageContext, redirectWith } from '../request.ts';
import { resolveTrainee } from '../trainee-ref.ts';
import { traineeIdsOf } from './audit.ts';
import { adjustmentsView, type FormState } from '../views/ledger-pages.ts';

export async function adjustmentRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base, core } = deps;
  const render = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const recent = await core.stores.audit.list({ action: 'hours.adjust', limit: 50 });
    const names = await deps.dash.traineeNames(traineeIdsOf(recent));
    return reply
      .code(form ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(adjustmentsView(pageContext(req, reply, deps), { campaign: core.campaign, recent, names, form }).value);
  };
  app.get('/adjustments', async (req, reply) => render(req, reply));
  app.post('/adjustments', async (req, reply) => {
    const vals = fieldValues(req.body, ['trainee', 'subject', 'delta', 'reason']);
    const who = await resolveTrainee(core, vals.trainee);
    const p = parseAdjustment(req.body);
    const errors = [...(who.ok ? [] : [who.error]), ...(p.ok ? [] : p.errors)];
    if (!who.ok || !p.ok) return render(req, reply, { values: vals, errors, candidates: who.ok ? [] : who.candidates });
    const r = await adjustHours(core, who.trainee, p.value.subject, p.value.delta, p.value.reason, webActor(adminName(req)));
    return redirectWith(req, reply, base, '/adjustments', { kind: 'ok', text: t.adjustments.done(who.trainee.name, r.before, r.after) });
  });
}
