import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DashboardStore } from '../../core/dashboard/ports.ts';
import { attendance, auditLog, exemptions, sessions, trainees } from '../schema/index.ts';
import type { Db } from '../types.ts';

/** Bulk reads for the admin console: one query each, whatever the roster size. */
export function dashboardStore(db: Db): DashboardStore {
  return {
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
