import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { AuditStore } from '../../core/ports.ts';
import { auditLog } from '../schema/index.ts';
import type { Db } from '../types.ts';

export function auditStore(db: Db): AuditStore {
  return {
    async write(e) {
      await db.insert(auditLog).values({
        at: e.at,
        actor: e.actor,
        action: e.action,
        target: e.target ?? '',
        before: e.before ?? null,
        after: e.after ?? null,
        allowed: e.allowed ?? true,
      });
    },
    async list(opts = {}) {
      const conds: SQL[] = [];
      if (opts.actor) conds.push(eq(auditLog.actor, opts.actor));
      if (opts.action) conds.push(eq(auditLog.action, opts.action));
      if (opts.target) conds.push(eq(auditLog.target, opts.target));
      const rows = await db
        .select()
        .from(auditLog)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(auditLog.id))
        .limit(opts.limit ?? 100)
        .offset(opts.offset ?? 0);
      return rows.map((r) => ({ ...r, before: r.before ?? undefined, after: r.after ?? undefined }));
    },
  };
}
