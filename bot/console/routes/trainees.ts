import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { editTrainee, unbindAccount } from '../../../core/admin/roster-edits.ts';
import { revokeExemption } from '../../../core/admin/exemption-revoke.ts';
import { missingParts } from '../../../core/chat/commands/hours.ts';
import { cleanName } from '../../../core/imports/roster.ts';
import { adjustHours, grantExemption, recordExam, yearSummary } from '../../../core/ledger/service.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { loadYearRows } from '../../../core/dashboard/load.ts';
import { normaliseName } from '../../../core/roster/normalise.ts';
import type { Trainee } from '../../../core/ports.ts';
import { webActor } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { field, query } from '../form.ts';
import { parseAdjustment, parseExam, parseExemption, parseTraineePatch } from '../inputs.ts';
import { adminName, pageContext, redirectWith } from '../request.ts';
import { traineeIdsOf } from './audit.ts';
import { traineeDetailView, traineeListView, type StatusFilter, type TraineeListRow } from '../views/trainees.ts';

type IdParams = { Params: { id: string } };
const PAGE = 50;

export async function traineeRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base, core } = deps;
  const send = (reply: FastifyReply, s: { value: string }) => reply.type('text/html; charset=utf-8').send(s.value);

  app.get('/trainees', async (req, reply) => {
    const q = query(req.query);
    const search = q.q?.trim() ?? '';
    const level = core.campaign.levels.some((l) => l.level === q.level) ? q.level : '';
    const status = (Object.keys(t.trainees.statuses).includes(q.status) ? q.status : 'all') as StatusFilter;
    const pageNo = Math.max(1, Number(q.page) || 1);
    const key = normaliseName(cleanName(search));
    const matches = (name: string, nameKey: string, unit: string) => !search || nameKey.includes(key) || name.includes(search) || unit.includes(search);
    let rows: TraineeListRow[];
    if (status === 'inactive') {
      const all = await core.stores.roster.list(core.campaign.id, level ? { level } : {});
      rows = all.filter((x) => !x.active && matches(x.name, x.nameKey, x.unit)).map((x) => ({ id: x.id, name: x.name, unit: x.unit, level: x.level }));
    } else {
      const { rows: year } = await loadYearRows(core, deps.dash);
      rows = year
        .filter((r) => !level || r.level === level)
        .filter((r) => matches(r.name, normaliseName(r.name), r.unit))
        .filter((r) => status === 'all' || (status === 'complete' ? r.complete && !r.exempt : status === 'exempt' ? r.exempt : !r.complete))
        .map((r) => ({ id: r.traineeId, name: r.name, unit: r.unit, level: r.level, row: r }));
    }
    const shown = rows.slice((pageNo - 1) * PAGE, pageNo * PAGE);
    return send(reply, traineeListView(pageContext(req, reply, deps), { campaign: core.campaign, rows: shown, total: rows.length, q: search, level, status, page: pageNo, pageSize: PAGE }));
  });

  const load = async (req: FastifyRequest<IdParams>) => {
    const tr = await core.stores.roster.get(Number(req.params.id) || 0);
    return tr && tr.campaignId === core.campaign.id ? tr : undefined;
  };
  const notFound = (req: FastifyRequest, reply: FastifyReply) => redirectWith(req, reply, base, '/trainees', { kind: 'error', text: t.trainees.notFound });
  const back = (tr: Trainee) => `/trainees/${tr.id}`;

  app.get<IdParams>('/trainees/:id', async (req, reply) => {
    const tr = await load(req);
    if (!tr) return notFound(req, reply);
    const [summary, figures, bindings, history] = await Promise.all([
      yearSummary(core, tr.id),
      core.stores.ledger.figures(core.campaign.id, [tr.id]),
      core.stores.roster.bindingsOf(tr.id),
      core.stores.audit.list({ target: `trainee:${tr.id}`, limit: 20 }),
    ]);
    const names = await deps.dash.traineeNames(traineeIdsOf(history));
    const exemption = figures.get(tr.id)?.exemption;
    return send(reply, traineeDetailView(pageContext(req, reply, deps), { campaign: core.campaign, trainee: tr, summary, missing: missingParts(summary), exemption, bindings, history, names }));
  });

  app.post<IdParams>('/trainees/:id', async (req, reply) => {
    const tr = await load(req);
    if (!tr) return notFound(req, reply);
    const p = parseTraineePatch(req.body, core.campaign, { checkboxActive: true });
    if (!p.ok) return redirectWith(req, reply, base, back(tr), { kind: 'error', text: p.errors.join(' ') });
    const r = await editTrainee(core, tr.id, p.value, webActor(adminName(req)));
    if (r.kind === 'duplicate') return redirectWith(req, reply, base, back(tr), { kind: 'error', text: t.trainees.duplicate });
    if (r.kind === 'not-found') return notFound(req, reply);
    return redirectWith(req, reply, base, back(tr), { kind: r.changed ? 'ok' : 'info', text: r.changed ? t.trainees.saved : t.trainees.unchanged });
  });

  app.post<IdParams>('/trainees/:id/unbind', async (req, reply) => {
    const tr = await load(req);
    if (!tr) return notFound(req, reply);
    const platform = field(req.body, 'platform');
    const accountId = field(req.body, 'accountId');
    const bound = await core.stores.roster.getBinding(platform, accountId);
    // Only a binding of this trainee may be removed from this page.
    const b = bound?.traineeId === tr.id ? await unbindAccount(core, platform, accountId, webActor(adminName(req))) : undefined;
    return redirectWith(req, reply, base, back(tr), b ? { kind: 'ok', text: t.trainees.unbound } : { kind: 'error', text: t.trainees.notBound });
  });

  app.post<IdParams>('/trainees/:id/exam', async (req, reply) => {
    const tr = await load(req);
    if (!tr) return notFound(req, reply);
    const p = parseExam(req.body);
    if (!p.ok) return redirectWith(req, reply, base, back(tr), { kind: 'error', text: p.errors.join(' ') });
    const r = await recordExam(core, tr, p.value.subject, p.value.score, webActor(adminName(req)));
    return redirectWith(req, reply, base, back(tr), r.changed ? { kind: 'ok', text: t.trainees.examSaved(r.passed) } : { kind: 'info', text: t.trainees.examUnchanged });
  });

  app.post<IdParams>('/trainees/:id/adjust', async (req, reply) => {
    const tr = await load(req);
    if (!tr) return notFound(req, reply);
    const p = parseAdjustment(req.body);
    if (!p.ok) return redirectWith(req, reply, base, back(tr), { kind: 'error', text: p.errors.join(' ') });
    const r = await adjustHours(core, tr, p.value.subject, p.value.delta, p.value.reason, webActor(adminName(req)));
    return redirectWith(req, reply, base, back(tr), { kind: 'ok', text: t.adjustments.done(tr.name, r.before, r.after) });
  });

  app.post<IdParams>('/trainees/:id/exempt', async (req, reply) => {
    const tr = await load(req);
    if (!tr) return notFound(req, reply);
    const p = parseExemption(req.body, core.campaign);
    if (!p.ok) return redirectWith(req, reply, base, back(tr), { kind: 'error', text: p.errors.join(' ') });
    const r = await grantExemption(core, tr, p.value.reason, p.value.approvalRef, webActor(adminName(req)));
    return redirectWith(req, reply, base, back(tr), r.changed ? { kind: 'ok', text: t.exemptions.granted(tr.name) } : { kind: 'info', text: t.exemptions.unchanged });
  });

  app.post<IdParams>('/trainees/:id/revoke-exemption', async (req, reply) => {
    const tr = await load(req);
    if (!tr) return notFound(req, reply);
    const note = field(req.body, 'note').trim().slice(0, 500);
    if (!note) return redirectWith(req, reply, base, back(tr), { kind: 'error', text: t.exemptions.badNote });
    const r = await revokeExemption(core, tr.id, note, webActor(adminName(req)));
    return redirectWith(req, reply, base, back(tr), r ? { kind: 'ok', text: t.exemptions.revoked } : { kind: 'error', text: t.exemptions.notExempt });
  });
}
