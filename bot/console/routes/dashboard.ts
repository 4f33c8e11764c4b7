import type { FastifyInstance } from 'fastify';
import { loadDashboard } from '../../../core/dashboard/load.ts';
import type { ConsoleDeps } from '../deps.ts';
import { query } from '../form.ts';
import { pageContext } from '../request.ts';
import { upcomingReminders } from '../reminders-source.ts';
import { dashboardView } from '../views/dashboard.ts';

export async function dashboardRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  app.get('/', async (req, reply) => {
    const t0 = performance.now();
    const q = query(req.query);
    const dashboard = await loadDashboard(deps.core, deps.dash);
    const reminders = await upcomingReminders(deps, q.level || null);
    const level = q.level && deps.core.campaign.levels.some((l) => l.level === q.level) ? q.level : null;
    const ctx = pageContext(req, reply, deps);
    const body = dashboardView(ctx, { campaign: deps.core.campaign, dash: dashboard, level, reminders, renderMs: Math.round(performance.now() - t0) }).value;
    return reply.type('text/html; charset=utf-8').send(body);
  });
}
