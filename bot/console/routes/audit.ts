import type { FastifyInstance } from 'fastify';
import { cleanName } from '../../../core/imports/roster.ts';
import type { Trainee } from '../../../core/ports.ts';
import { normaliseName } from '../../../core/roster/normalise.ts';
import type { ConsoleDeps } from '../deps.ts';
import { query } from '../form.ts';
import { pageContext } from '../request.ts';
import { auditView, type AuditFilter } from '../views/audit.ts';

const PAGE = 50;

/** Trainee ids named by audit targets, to show names instead of numbers. */
export const traineeIdsOf = (entries: Array<{ target?: string }>) =>
  entries.map((e) => /^trainee:(\d+)$/.exec(e.target ?? '')?.[1]).filter((x): x is string => Boolean(x)).map(Number);

export async function auditRoutes(app: FastifyInstance, deps: ConsoleDeps) {
  const { core } = deps;
  app.get('/audit', async (req, reply) => {
    const q = query(req.query);
    const filter: AuditFilter = { actor: q.actor || undefined, action: q.action || undefined, person: q.person?.trim() || undefined, target: q.target || undefined, page: Math.max(1, Number(q.page) || 1) };
    let target = filter.target;
    let personChoices: Trainee[] = [];
    let personMissing = false;
    if (!target && filter.person) {
      const found = await core.stores.roster.findByNameKeys(core.campaign.id, [normaliseName(cleanName(filter.person))]);
      if (found.length === 1) target = `trainee:${found[0].id}`;
      else if (found.length > 1) personChoices = found;
      else personMissing = true;
    }
    const blocked = personMissing || personChoices.length > 0;
    const [rows, facets] = await Promise.all([
      blocked ? Promise.resolve([]) : core.stores.audit.list({ actor: filter.actor, action: filter.action, target, limit: PAGE + 1, offset: (filter.page - 1) * PAGE }),
      deps.dash.auditFacets(),
    ]);
    const entries = rows.slice(0, PAGE);
    const names = await deps.dash.traineeNames(traineeIdsOf(entries));
    const body = auditView(pageContext(req, reply, deps), { entries, tz: core.campaign.timezone, names, facets, filter, personChoices, personMissing, hasMore: rows.length > PAGE });
    return reply.type('text/html; charset=utf-8').send(body.value);
  });
}
