import type { FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { FileReadError, readSheet } from '../../files/read.ts';
import { webActor } from '../access.ts';
import type { ConsoleDeps } from '../deps.ts';
import { field, query, upload } from '../form.ts';
import { IMPORT_KINDS, runImport } from '../import-runner.ts';
import type { ImportKindKey, PendingImport } from '../pending.ts';
import { adminName, pageContext, redirectWith } from '../request.ts';
import { importDoneView, importFormView, importPreviewView } from '../views/imports.ts';

/** Import options from the form, checked against the campaign (unknown values are dropped, not trusted). */
export function importOptions(deps: ConsoleDeps, kind: ImportKindKey, raw: { level?: string; sessionId?: string; subject?: string }): PendingImport['options'] | { error: string } {
  const levels = deps.core.campaign.levels.map((l) => l.level as string);
  const level = raw.level && levels.includes(raw.level) ? raw.level : undefined;
  if (kind === 'attendance') {
    const sessionId = Number(raw.sessionId);
    if (!Number.isInteger(sessionId) || sessionId <= 0) return { error: t.imports.sessionMissing };
    return { sessionId, level };
  }
  if (kind === 'exams') return { level, subject: raw.subject === 'public' || raw.subject === 'professional' ? raw.subject : undefined };
  return { level };
}

export async function importRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { base, core } = deps;
  const html = (reply: import('fastify').FastifyReply, s: { value: string }) => reply.type('text/html; charset=utf-8').send(s.value);

  app.get('/imports', async (req, reply) => {
    const q = query(req.query);
    const sessions = await core.stores.ledger.listSessions(core.campaign.id);
    const kind = IMPORT_KINDS.includes(q.kind as ImportKindKey) ? (q.kind as ImportKindKey) : undefined;
    return html(reply, importFormView(pageContext(req, reply, deps), { campaign: core.campaign, sessions, kind, sessionId: Number(q.sessionId) || undefined }));
  });

  app.post('/imports/preview', async (req, reply) => {
    const kind = field(req.body, 'kind') as ImportKindKey;
    if (!IMPORT_KINDS.includes(kind)) return redirectWith(req, reply, base, '/imports', { kind: 'error', text: t.imports.badKind });
    const file = await upload(req.body, 'file');
    if (!file) return redirectWith(req, reply, base, `/imports?kind=${kind}`, { kind: 'error', text: t.imports.noFile });
    const options = importOptions(deps, kind, { level: field(req.body, 'level'), sessionId: field(req.body, 'sessionId'), subject: field(req.body, 'subject') });
    if ('error' in options) return redirectWith(req, reply, base, `/imports?kind=${kind}`, { kind: 'error', text: options.error });
    let rows;
    try {
      rows = await readSheet(file);
    } catch (e) {
      if (e instanceof FileReadError) return redirectWith(req, reply, base, `/imports?kind=${kind}`, { kind: 'error', text: e.message });
      throw e;
    }
    const admin = adminName(req);
    const pending = deps.pending.add({ kind, fileName: file.name, rows, options, admin });
    const result = await runImport(core, deps.attendance, kind, rows, options, { actor: webActor(admin), dryRun: true, source: file.name });
    return html(reply, importPreviewView(pageContext(req, reply, deps), { pending, result }));
  });

  app.post('/imports/commit', async (req, reply) => {
    const admin = adminName(req);
    const pending = deps.pending.get(field(req.body, 'id'), admin);
    if (!pending) return redirectWith(req, reply, base, '/imports', { kind: 'error', text: t.imports.expired });
    const result = await runImport(core, deps.attendance, pending.kind, pending.rows, pending.options, {
      actor: webActor(admin),
      dryRun: false,
      skipBad: field(req.body, 'skipBad') === '1',
      source: pending.fileName,
    });
    if (result.applied) deps.pending.delete(pending.id);
    return html(reply.code(result.applied ? 200 : 422), importDoneView(pageContext(req, reply, deps), { pending, result }));
  });
}
