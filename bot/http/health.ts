import type { FastifyInstance } from 'fastify';

export interface HealthSource {
  databaseKind: string;
  campaign: { id: string; name: string };
  platforms: () => Record<string, unknown>;
  /** Throws when the database is unreachable. */
  ping: () => Promise<void>;
}

export async function healthRoutes(app: FastifyInstance, opts: { source: HealthSource }) {
  const { source } = opts;
  app.get('/healthz', async (_req, reply) => {
    let database: 'ok' | 'down' = 'ok';
    try {
      await source.ping();
    } catch {
      database = 'down';
    }
    return reply.code(database === 'ok' ? 200 : 503).send({
      status: database === 'ok' ? 'ok' : 'degraded',
      database: { kind: source.databaseKind, status: database },
      campaign: source.campaign,
      platforms: source.platforms(),
    });
  });
}
