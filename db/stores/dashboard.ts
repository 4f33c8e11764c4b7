import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DashboardStore, YearRow } from '../../core/dashboard/ports.ts';
import { accounts, attendance, auditLog, exams, exemptions, hourAdjustments, nicknameObservations, sessions, trainees } from '../schema/index.ts';
import type { Db } from '../types.ts';

type Raw = {
  id: number;
  name: string;
  unit: string;
  level: string;
  pub: number;
  pro: number;
  pub_score: number | null;
  pub_passed: boolean | null;
  pro_score: number | null;
  pro_passed: boolean | null;
  exempt_reason: string | null;
  bound: boolean;
  latest_compliant: boolean | null;
};

/** `execute` answers with an array (postgres.js) or `{ rows }` (PGlite). */
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);

/**
 * Every active trainee's year in one statement. Hours are summed as float8 (numeric arithmetic is several
 * times slower and the ledger rounds to one decimal anyway); every part is a grouped CTE joined once, no
 * per-row subqueries. The nickname state follows the report store: the latest observation of the account
 * bound to the trainee, else of the observation matched to them.
 */
function yearRowsQuery(campaignId: string) {
  return sql`with att as (
    select a.trainee_id as id,
      sum(case when s.subject = 'public' then a.hours::float8 else 0 end) as pub,
      sum(case when s.subject = 'public' then 0 else a.hours::float8 end) as pro
    from ${attendance} a join ${sessions} s on s.id = a.session_id
    where s.campaign_id = ${campaignId} group by a.trainee_id
  ), adj as (
    select trainee_id as id,
      sum(case when subject = 'public' then hours::float8 else 0 end) as pub,
      sum(case when subject = 'public' then 0 else hours::float8 end) as pro
    from ${hourAdjustments} where campaign_id = ${campaignId} group by trainee_id
  ), ex as (
    select trainee_id as id,
      (max(score) filter (where subject = 'public'))::float8 as pub_score,
      bool_or(passed) filter (where subject = 'public') as pub_passed,
      (max(score) filter (where subject = 'professional'))::float8 as pro_score,
      bool_or(passed) filter (where subject = 'professional') as pro_passed
    from ${exams} where campaign_id = ${campaignId} group by trainee_id
  ), exm as (
    select trainee_id as id, reason from ${exemptions} where campaign_id = ${campaignId} and revoked_at is null
  ), bnd as (
    select distinct trainee_id as id from ${accounts}
  ), seen as (
    select distinct on (coalesce(acc.trainee_id, o.trainee_id)) coalesce(acc.trainee_id, o.trainee_id) as id, o.compliant
    from ${nicknameObservations} o left join ${accounts} acc on acc.platform = o.platform and acc.account_id = o.account_id
    where coalesce(acc.trainee_id, o.trainee_id) is not null
    order by coalesce(acc.trainee_id, o.trainee_id), o.last_seen desc
  )
  select t.id, t.name, t.unit, t.level,
    coalesce(att.pub, 0) + coalesce(adj.pub, 0) as pub,
    coalesce(att.pro, 0) + coalesce(adj.pro, 0) as pro,
    ex.pub_score, ex.pub_passed, ex.pro_score, ex.pro_passed,
    exm.reason as exempt_reason,
    bnd.id is not null as bound,
    seen.compliant as latest_compliant
  from ${trainees} t
  left join att on att.id = t.id
  left join adj on adj.id = t.id
  left join ex on ex.id = t.id
  left join exm on exm.id = t.id
  left join bnd on bnd.id = t.id
  left join seen on seen.id = t.id
  where t.campaign_id = ${campaignId} and t.active
  order by t.id`;
}

const toYearRow = (r: Raw): YearRow => {
  const exams: YearRow['exams'] = [];
  if (r.pub_score !== null) exams.push({ subject: 'public', score: Number(r.pub_score), passed: Boolean(r.pub_passed) });
  if (r.pro_score !== null) exams.push({ subject: 'professional', score: Number(r.pro_score), passed: Boolean(r.pro_passed) });
  return {
    traineeId: Number(r.id),
    name: r.name,
    unit: r.unit,
    level: r.level,
    publicHours: Number(r.pub),
    professionalHours: Number(r.pro),
    exams,
    exemptReason: r.exempt_reason,
    bound: Boolean(r.bound),
    latestCompliant: r.latest_compliant,
  };
};

/** Bulk reads for the admin console: one query each, whatever the roster size. */
export function dashboardStore(db: Db): DashboardStore {
  return {
    async yearRows(campaignId) {
      return rowsOf<Raw>(await db.execute(yearRowsQuery(campaignId))).map(toYearRow);
    },
    async auditFacets() {
      const [actors, actions] = await Promise.all([
        db.selectDistinct({ v: auditLog.actor }).from(auditLog).orderBy(auditLog.actor),
        db.selectDistinct({ v: auditLog.action }).from(auditLog).orderBy(auditLog.action),
      ]);
      return { actors: actors.map((r) => r.v), actions: actions.map((r) => r.v) };
    },
    async attendanceCounts(campaignId) {
      const rows = await db
        .select({ id: attendance.sessionId, n: sql<number>`count(*)::int` })
        .from(attendance)
        .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
        .where(eq(sessions.campaignId, campaignId))
        .groupBy(attendance.sessionId);
      return new Map(rows.map((r) => [r.id, r.n]));
    },
    async traineeNames(ids) {
      const unique = [...new Set(ids)].filter((n) => Number.isInteger(n));
      if (!unique.length) return new Map();
      const rows = await db.select({ id: trainees.id, name: trainees.name, level: trainees.level, unit: trainees.unit }).from(trainees).where(inArray(trainees.id, unique));
      return new Map(rows.map((r) => [r.id, { name: r.name, level: r.level, unit: r.unit }]));
    },
    async exemptions(campaignId) {
      return db
        .select({ traineeId: exemptions.traineeId, reason: exemptions.reason, approvalRef: exemptions.approvalRef, approvedBy: exemptions.approvedBy, createdAt: exemptions.createdAt })
        .from(exemptions)
        .where(and(eq(exemptions.campaignId, campaignId), isNull(exemptions.revokedAt)))
        .orderBy(desc(exemptions.createdAt), desc(exemptions.id));
    },
  };
}
