import { and, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { AdminReminder, Delivery, DeliveryStatus, ReminderStore } from '../../core/ports.ts';
import { adminReminders, reminderDeliveries } from '../schema/index.ts';
import type { Db } from '../types.ts';

const asDelivery = (r: typeof reminderDeliveries.$inferSelect): Delivery => ({ ...r, status: r.status as DeliveryStatus });

export function reminderStore(db: Db): ReminderStore {
  return {
    async createAdmin(r) {
      const [row] = await db.insert(adminReminders).values(r).returning();
      return row as AdminReminder;
    },
    async getAdmin(id) {
      const [row] = await db.select().from(adminReminders).where(eq(adminReminders.id, id));
      return row;
    },
    async listAdmin(campaignId, opts = {}) {
      const conds = [eq(adminReminders.campaignId, campaignId)];
      if (opts.since) conds.push(gte(adminReminders.at, opts.since));
      return db
        .select()
        .from(adminReminders)
        .where(and(...conds))
        .orderBy(desc(adminReminders.at), desc(adminReminders.id))
        .limit(opts.limit ?? 50);
    },
    async dueAdmin(campaignId, from, to) {
      return db
        .select()
        .from(adminReminders)
        .where(and(eq(adminReminders.campaignId, campaignId), gt(adminReminders.at, from), lte(adminReminders.at, to), isNull(adminReminders.cancelledAt)))
        .orderBy(adminReminders.at, adminReminders.id);
    },
    async cancelAdmin(id, by, at) {
      // Conditional update: a reminder already due is being sent and can no longer be taken back.
      const [row] = await db
        .update(adminReminders)
        .set({ cancelledAt: at, cancelledBy: by })
        .where(and(eq(adminReminders.id, id), isNull(adminReminders.cancelledAt), gt(adminReminders.at, at)))
        .returning();
      return row;
    },

    async claim(d) {
      const [row] = await db
        .insert(reminderDeliveries)
        .values({ ...d, status: 'sending', attempts: 1 })
        .onConflictDoNothing()
        .returning();
      return row ? asDelivery(row) : undefined;
    },
    async reclaim(id, by, at, staleBefore) {
      const [row] = await db
        .update(reminderDeliveries)
        .set({ status: 'sending', claimedBy: by, claimedAt: at, attempts: sql`${reminderDeliveries.attempts} + 1`, nextAttemptAt: null })
        .where(
          and(
            eq(reminderDeliveries.id, id),
            or(
              and(eq(reminderDeliveries.status, 'retry'), lte(reminderDeliveries.nextAttemptAt, at)),
              and(eq(reminderDeliveries.status, 'sending'), lt(reminderDeliveries.claimedAt, staleBefore)),
            ),
          ),
        )
        .returning();
      return row ? asDelivery(row) : undefined;
    },
    async markSent(id, at) {
      await db.update(reminderDeliveries).set({ status: 'sent', sentAt: at, error: null }).where(eq(reminderDeliveries.id, id));
    },
    async markRetry(id, error, nextAttemptAt) {
      await db.update(reminderDeliveries).set({ status: 'retry', error, nextAttemptAt }).where(eq(reminderDeliveries.id, id));
    },
    async markFailed(id, error) {
      await db.update(reminderDeliveries).set({ status: 'failed', error, nextAttemptAt: null }).where(eq(reminderDeliveries.id, id));
    },
    async markSkipped(id, reason) {
      await db.update(reminderDeliveries).set({ status: 'skipped', error: reason, nextAttemptAt: null }).where(eq(reminderDeliveries.id, id));
    },
    async deliveries(reminderKey, slot) {
      const rows = await db
        .select()
        .from(reminderDeliveries)
        .where(and(eq(reminderDeliveries.reminderKey, reminderKey), eq(reminderDeliveries.slot, slot)));
      return rows.map(asDelivery);
    },
    async pendingRetries(now, staleBefore) {
      const rows = await db
        .select()
        .from(reminderDeliveries)
        .where(
          or(
            and(eq(reminderDeliveries.status, 'retry'), lte(reminderDeliveries.nextAttemptAt, now)),
            and(eq(reminderDeliveries.status, 'sending'), lt(reminderDeliveries.claimedAt, staleBefore)),
          ),
        )
        .orderBy(reminderDeliveries.id)
        .limit(500);
      return rows.map(asDelivery);
    },
    async statusCounts(keys) {
      const out = new Map<string, Partial<Record<DeliveryStatus, number>>>();
      if (!keys.length) return out;
      const rows = await db
        .select({ key: reminderDeliveries.reminderKey, status: reminderDeliveries.status, n: sql<number>`count(*)::int` })
        .from(reminderDeliveries)
        .where(inArray(reminderDeliveries.reminderKey, keys))
        .groupBy(reminderDeliveries.reminderKey, reminderDeliveries.status);
      for (const r of rows) {
        const m = out.get(r.key) ?? {};
        m[r.status as DeliveryStatus] = r.n;
        out.set(r.key, m);
      }
      return out;
    },
  };
}
