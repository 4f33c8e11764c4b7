import type { FastifyInstance } from 'fastify';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { FileReadError, readSheet } from '../../files/read.ts';
import type { ConsoleDeps } from '../deps.ts';
import { upload } from '../form.ts';
import { runImport } from '../import-runner.ts';
import type { ImportKindKey } from '../pending.ts';
import { importOptions } from '../routes/imports.ts';
import { callerOf, fail } from './reply.ts';
import { anyObject, errorResponse, security } from './schemas.ts';

export async function importApi(app: FastifyInstance, deps: ConsoleDeps) {
  app.post<{ Params: { kind: ImportKindKey }; Querystring: { dryRun: boolean; skipBad: boolean; level?: string; sessionId?: number; subject?: string } }>(
    '/imports/:kind',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a roster, watch-time or exam file (.xlsx or .csv, multipart field "file")',
        description:
          'dryRun=true validates and matches only (the preview); otherwise the valid rows are written in one transaction. With bad rows nothing is written unless skipBad=true. The result lists every bad row with its reason and every unmatched nickname.',
        params: { type: 'object', properties: { kind: { type: 'string', enum: ['roster', 'attendance', 'exams'] } }, required: ['kind'] },
        querystring: {
          type: 'object',
          properties: {
            dryRun: { type: 'boolean', default: false },
            skipBad: { type: 'boolean', default: false },
            level: { type: 'string' },
            sessionId: { type: 'integer', description: 'required for attendance (watch-time)' },
            subject: { type: 'string', enum: ['public', 'professional'] },
          },
        },
        consumes: ['multipart/form-data'],
        security,
        response: { 200: anyObject('ImportResult: { kind, ok, applied, dryRun, rows, valid, written, errors[], unmatched[], preview[] }'), 400: errorResponse, 422: anyObject('ImportResult of a refused import') },
      },
    },
    async (req, reply) => {
      const { kind } = req.params;
      const q = req.query;
      const file = await upload(req.body, 'file');
      if (!file) return fail(reply, 400, 'no_file', t.imports.noFile);
      const options = importOptions(deps, kind, { level: q.level, sessionId: q.sessionId === undefined ? undefined : String(q.sessionId), subject: q.subject });
      if ('error' in options) return fail(reply, 400, 'bad_request', options.error);
      let rows;
      try {
        rows = await readSheet(file);
      } catch (e) {
        if (e instanceof FileReadError) return fail(reply, 400, 'bad_file', e.message);
        throw e;
      }
      const result = await runImport(deps.core, deps.attendance, kind, rows, options, { actor: callerOf(req), dryRun: q.dryRun, skipBad: q.skipBad, source: file.name });
      return reply.code(result.ok ? 200 : 422).send(result);
    },
  );
}
