import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { AuditStore } from '../../core/ports.ts';
import { auditLog } from '../schema/index.ts';
import type { Db } from '../types.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** jsonb refuses NUL and lone surrogates (half an emoji left by slicing a text): an audit row must never fail for them. */
function jsonSafe(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  return JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'string' ? x.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD') : x)));
}

export function auditStore(db: Db): AuditStore {
  return {
    async write(e) {
      await db.insert(auditLog).values({
        at: e.at,
        actor: e.actor,
        action: e.action,
        target: e.target ?? '',
        before: jsonSafe(e.before ?? null),
        after: jsonSafe(e.after ?? null),
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
