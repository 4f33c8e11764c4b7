import type { CoreContext } from '../context.ts';
import type { Binding, Trainee } from '../ports.ts';
import { normaliseName } from '../roster/normalise.ts';

export type TraineePatch = Partial<Pick<Trainee, 'name' | 'level' | 'unit' | 'phoneTail' | 'active'>>;

export type EditOutcome = { kind: 'ok'; before: Trainee; after: Trainee; changed: boolean } | { kind: 'not-found' } | { kind: 'duplicate' };

const isUniqueViolation = (e: unknown) => (e as { cause?: { code?: string } })?.cause?.code === '23505' || (e as { code?: string })?.code === '23505';

/** Edit a roster entry; the audit row keeps only the fields that changed. A clash with another entry is refused. */
export async function editTrainee(ctx: CoreContext, id: number, patch: TraineePatch, actor: string): Promise<EditOutcome> {
  try {
    return await ctx.stores.tx(async (st) => {
      const before = await st.roster.get(id);
      if (!before || before.campaignId !== ctx.campaign.id) return { kind: 'not-found' as const };
      const changes: Partial<Trainee> = {};
      for (const k of Object.keys(patch) as Array<keyof TraineePatch>)
        if (patch[k] !== undefined && patch[k] !== before[k]) (changes as Record<string, unknown>)[k] = patch[k];
      if (!Object.keys(changes).length) return { kind: 'ok' as const, before, after: before, changed: false };
      const after = (await st.roster.update(id, { ...changes, ...(changes.name !== undefined ? { nameKey: normaliseName(changes.name) } : {}) }))!;
      const old = Object.fromEntries(Object.keys(changes).map((k) => [k, before[k as keyof Trainee]]));
      await st.audit.write({ at: ctx.clock.now(), actor, action: 'roster.edit', target: `trainee:${id}`, before: old, after: changes });
      return { kind: 'ok' as const, before, after, changed: true };
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { kind: 'duplicate' };
    throw e;
  }
}

/** Remove a platform account's binding (the person can bind again); audited against the trainee. */
export async function unbindAccount(ctx: CoreContext, platform: string, accountId: string, actor: string): Promise<Binding | undefined> {
  return ctx.stores.tx(async (st) => {
    const b = await st.roster.unbind(platform, accountId);
    if (b)
      await st.audit.write({
        at: ctx.clock.now(),
        actor,
        action: 'account.unbind',
        target: `trainee:${b.traineeId}`,
        before: { platform: b.platform, boundBy: b.boundBy, boundAt: b.boundAt },
      });
    return b;
  });
}
