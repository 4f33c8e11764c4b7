import type { CoreContext } from '../context.ts';
import type { Exemption } from '../ports.ts';

/** Withdraw an exemption (kept in the table with its revocation time); audited with the admin's note. */
export async function revokeExemption(ctx: CoreContext, traineeId: number, note: string, actor: string): Promise<Exemption | undefined> {
  return ctx.stores.tx(async (st) => {
    const at = ctx.clock.now();
    const r = await st.ledger.revokeExemption(ctx.campaign.id, traineeId, at);
    if (r)
      await st.audit.write({ at, actor, action: 'exemption.revoke', target: `trainee:${traineeId}`, before: { reason: r.reason, approvalRef: r.approvalRef }, after: { note } });
    return r;
  });
}
