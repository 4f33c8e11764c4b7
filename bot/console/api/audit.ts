import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../deps.ts';
import { anyObject, security } from './schemas.ts';

export async function auditApi(app: FastifyInstance, deps: ConsoleDeps) {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: {
          type: 'object',
          properties: {
            actor: { type: 'string', description: 'e.g. web:王老师, api:sync, dingtalk:123 张三' },
            action: { type: 'string', description: 'e.g. hours.adjust, exemption.grant, import.roster' },
            target: { type: 'string', description: 'e.g. trainee:12, session:3' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, default: 0 },
          },
        },
        security,
        response: { 200: anyObject('{ entries[] }') },
      },
    },
    async (req) => {
      const q = req.query as { actor?: string; action?: string; target?: string; limit: number; offset: number };
      return { entries: await deps.core.stores.audit.list(q) };
    },
  );
}
