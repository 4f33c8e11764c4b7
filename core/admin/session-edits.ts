import type { CoreContext } from '../context.ts';
import type { NewSession, Session } from '../ports.ts';

export type SessionPatch = Partial<Omit<NewSession, 'campaignId' | 'createdBy'>>;

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v);

/** Change a session's title, times, hours or rule; the audit row keeps the fields that changed. */
export async function editSession(ctx: CoreContext, id: number, patch: SessionPatch, actor: string): Promise<{ before: Session; after: Session; changed: boolean } | undefined> {
  return ctx.stores.tx(async (st) => {
    const before = await st.ledger.getSession(id);
    if (!before || before.campaignId !== ctx.campaign.id) return undefined;
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && comparable(v) !== comparable(before[k as keyof Session])) changes[k] = v;
    if (!Object.keys(changes).length) return { before, after: before, changed: false };
    const after = (await st.ledger.updateSession(id, changes as SessionPatch))!;
    const old = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof Session]]));
    await st.audit.write({ at: ctx.clock.now(), actor, action: 'session.edit', target: `session:${id}`, before: old, after: changes });
    return { before, after, changed: true };
  });
}
