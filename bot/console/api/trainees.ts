import type { FastifyInstance } from 'fastify';
import { revokeExemption } from '../../../core/admin/exemption-revoke.ts';
import { editTrainee, unbindAccount } from '../../../core/admin/roster-edits.ts';
import { missingParts } from '../../../core/chat/commands/hours.ts';
import { cleanName } from '../../../core/imports/roster.ts';
import { adjustHours, grantExemption, recordExam, yearSummary } from '../../../core/ledger/service.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { loadYearRows } from '../../../core/dashboard/load.ts';
import { normaliseName } from '../../../core/roster/normalise.ts';
import type { ConsoleDeps } from '../deps.ts';
import { parseAdjustment, parseExam, parseExemption, parseTraineePatch } from '../inputs.ts';
import { callerOf, fail } from './reply.ts';
import { adjustmentBody, anyObject, errorResponse, examBody, exemptionBody, idParams, revokeBody, security, traineePatch } from './schemas.ts';

type Id = { Params: { id: number } };

export async function traineeApi(app: FastifyInstance, deps: ConsoleDeps) {
  const { core } = deps;
  const tags = ['trainees'];
  const load = async (id: number) => {
    const tr = await core.stores.roster.get(id);
    return tr && tr.campaignId === core.campaign.id ? tr : undefined;
  };

  app.get(
    '/trainees',
    {
      schema: {
        tags,
        summary: 'Active trainees with their year (report rows), filtered and paged',
        querystring: {
          type: 'object',
          properties: {
            q: { type: 'string', description: 'part of the name or unit' },
            level: { type: 'string' },
            status: { type: 'string', enum: ['all', 'incomplete', 'complete', 'exempt'], default: 'all' },
            limit: { type: 'integer', minimum: 1, maximum: 10000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        security,
        response: { 200: anyObject('{ total, rows[] }') },
      },
    },
    async (req) => {
      const { q, level, status, limit, offset } = req.query as { q?: string; level?: string; status: string; limit: number; offset: number };
      const { rows: year } = await loadYearRows(core, deps.dash);
      const key = q ? normaliseName(cleanName(q)) : '';
      const rows = year
        .filter((r) => !level || r.level === level)
        .filter((r) => !q || normaliseName(r.name).includes(key) || r.unit.includes(q))
        .filter((r) => status === 'all' || (status === 'complete' ? r.complete && !r.exempt : status === 'exempt' ? r.exempt : !r.complete));
      return { total: rows.length, rows: rows.slice(offset, offset + limit) };
    },
  );

  app.get<Id>(
    '/trainees/:id',
    { schema: { tags, summary: 'One trainee: roster entry, year summary, what is missing, bindings', params: idParams, security, response: { 200: anyObject('{ trainee, summary, missing[], bindings[] }'), 404: errorResponse } } },
    async (req, reply) => {
      const tr = await load(req.params.id);
      if (!tr) return fail(reply, 404, 'not_found', t.api.traineeNotFound);
      const [summary, bindings] = await Promise.all([yearSummary(core, tr.id), core.stores.roster.bindingsOf(tr.id)]);
      return { trainee: tr, summary, missing: missingParts(summary), bindings };
    },
  );

  app.patch<Id>(
    '/trainees/:id',
    { schema: { tags, summary: 'Edit a roster entry (audited with the changed fields)', params: idParams, body: traineePatch, security, response: { 200: anyObject('{ changed, trainee }'), 400: errorResponse, 404: errorResponse, 409: errorResponse } } },
    async (req, reply) => {
      const p = parseTraineePatch(req.body, core.campaign);
      if (!p.ok) return fail(reply, 400, 'bad_request', t.api.badRequest, p.errors);
      const r = await editTrainee(core, req.params.id, p.value, callerOf(req));
      if (r.kind === 'not-found') return fail(reply, 404, 'not_found', t.api.traineeNotFound);
      if (r.kind === 'duplicate') return fail(reply, 409, 'duplicate', t.trainees.duplicate);
      return { changed: r.changed, trainee: r.after };
    },
  );

  app.delete<{ Params: { id: number; platform: string; accountId: string } }>(
    '/trainees/:id/bindings/:platform/:accountId',
    {
      schema: {
        tags,
        summary: "Remove one of the trainee's account bindings",
        params: { type: 'object', properties: { id: { type: 'integer' }, platform: { type: 'string' }, accountId: { type: 'string' } }, required: ['id', 'platform', 'accountId'] },
        security,
        response: { 200: anyObject('{ unbound }'), 404: errorResponse },
      },
    },
    async (req, reply) => {
      const { id, platform, accountId } = req.params;
      const b = await core.stores.roster.getBinding(platform, accountId);
      if (!b || b.traineeId !== id) return fail(reply, 404, 'not_found', t.trainees.notBound);
      return { unbound: await unbindAccount(core, platform, accountId, callerOf(req)) };
    },
  );

  app.post<Id>(
    '/trainees/:id/exams',
    { schema: { tags, summary: 'Record an exam score (pass = score ≥ the pass mark)', params: idParams, body: examBody, security, response: { 200: anyObject('{ changed, passed }'), 400: errorResponse, 404: errorResponse } } },
    async (req, reply) => {
      const tr = await load(req.params.id);
      if (!tr) return fail(reply, 404, 'not_found', t.api.traineeNotFound);
      const p = parseExam(req.body);
      if (!p.ok) return fail(reply, 400, 'bad_request', t.api.badRequest, p.errors);
      const r = await recordExam(core, tr, p.value.subject, p.value.score, callerOf(req));
      return { changed: r.changed, passed: r.passed };
    },
  );

  app.post<Id>(
    '/trainees/:id/adjustments',
    { schema: { tags, summary: 'Add or deduct hours; a reason is required', params: idParams, body: adjustmentBody, security, response: { 200: anyObject('{ before, after }'), 400: errorResponse, 404: errorResponse } } },
    async (req, reply) => {
      const tr = await load(req.params.id);
      if (!tr) return fail(reply, 404, 'not_found', t.api.traineeNotFound);
      const p = parseAdjustment(req.body);
      if (!p.ok) return fail(reply, 400, 'bad_request', t.api.badRequest, p.errors);
      return adjustHours(core, tr, p.value.subject, p.value.delta, p.value.reason, callerOf(req));
    },
  );

  app.put<Id>(
    '/trainees/:id/exemption',
    { schema: { tags, summary: 'Grant (or change) the exemption of the year, with its approval reference', params: idParams, body: exemptionBody, security, response: { 200: anyObject('{ changed }'), 400: errorResponse, 404: errorResponse } } },
    async (req, reply) => {
      const tr = await load(req.params.id);
      if (!tr) return fail(reply, 404, 'not_found', t.api.traineeNotFound);
      const p = parseExemption(req.body, core.campaign);
      if (!p.ok) return fail(reply, 400, 'bad_request', t.api.badRequest, p.errors);
      const r = await grantExemption(core, tr, p.value.reason, p.value.approvalRef, callerOf(req));
      return { changed: r.changed };
    },
  );

  app.post<Id>(
    '/trainees/:id/exemption/revoke',
    { schema: { tags, summary: 'Withdraw the exemption (kept on record with the note)', params: idParams, body: revokeBody, security, response: { 200: anyObject('{ revoked }'), 404: errorResponse } } },
    async (req, reply) => {
      const note = String((req.body as { note: string }).note).trim();
      const r = await revokeExemption(core, req.params.id, note, callerOf(req));
      if (!r) return fail(reply, 404, 'not_found', t.exemptions.notExempt);
      return { revoked: true };
    },
  );
}
