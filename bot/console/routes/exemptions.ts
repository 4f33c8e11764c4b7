import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { grantExemption } from '../../../core/ledger/service.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { webActor } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { fieldValues } from '../form.ts';
import { parseExemption } from '../inputs.ts';
import { adminName, pageContext, redirectWith } from '../request.ts';
import { resolveTrainee } from '../trainee-ref.ts';
import { exemptionsView, type FormState } from '../views/ledger-pages.ts';

export async function exemptionRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base, core } = deps;
  const render = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const list = await deps.dash.exemptions(core.campaign.id);
    const names = await deps.dash.traineeNames(list.map((e) => e.traineeId));
    return reply
      .code(form ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(exemptionsView(pageContext(req, reply, deps), { campaign: core.campaign, list, names, form }).value);
  };
  app.get('/exemptions', async (req, reply) => render(req, reply));
  app.post('/exemptions', async (req, reply) => {
    const vals = fieldValues(req.body, ['trainee', 'reason', 'approvalRef']);
    const who = await resolveTrainee(core, vals.trainee);
    const p = parseExemption(req.body, core.campaign);
    const errors = [...(who.ok ? [] : [who.error]), ...(p.ok ? [] : p.errors)];
    if (!who.ok || !p.ok) return render(req, reply, { values: vals, errors, candidates: who.ok ? [] : who.candidates });
    const r = await grantExemption(core, who.trainee, p.value.reason, p.value.approvalRef, webActor(adminName(req)));
    return redirectWith(req, reply, base, '/exemptions', r.changed ? { kind: 'ok', text: t.exemptions.granted(who.trainee.name) } : { kind: 'info', text: t.exemptions.unchanged });
  });
}
