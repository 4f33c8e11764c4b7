import { and, desc, eq, sql } from 'drizzle-orm';
import type { NicknameState, ReportStore } from '../../core/report/ports.ts';
import { accounts, nicknameObservations, trainees } from '../schema/index.ts';
import type { Db } from '../types.ts';

/** Bulk reads for the compliance report: two queries for the whole campaign, whatever its size. */
export function reportStore(db: Db): ReportStore {
  return {
    async nicknameStates(campaignId) {
      const out = new Map<number, NicknameState>();
      const bound = await db
        .selectDistinct({ id: accounts.traineeId })
        .from(accounts)
        .innerJoin(trainees, eq(trainees.id, accounts.traineeId))
        .where(eq(trainees.campaignId, campaignId));
      for (const b of bound) out.set(b.id, { bound: true, latestCompliant: null });

      // An observation belongs to the trainee its account is bound to, else to the one it was matched to.
      const owner = sql<number>`coalesce(${accounts.traineeId}, ${nicknameObservations.traineeId})`;
      const latest = await db
        .selectDistinctOn([owner], { id: owner, compliant: nicknameObservations.compliant })
        .from(nicknameObservations)
        .leftJoin(accounts, and(eq(accounts.platform, nicknameObservations.platform), eq(accounts.accountId, nicknameObservations.accountId)))
        .innerJoin(trainees, eq(trainees.id, owner))
        .where(eq(trainees.campaignId, campaignId))
        .orderBy(owner, desc(nicknameObservations.lastSeen));
      for (const o of latest) {
        const s = out.get(o.id);
        if (s) s.latestCompliant = o.compliant;
        else out.set(o.id, { bound: false, latestCompliant: o.compliant });
      }
      return out;
    },
  };
}
