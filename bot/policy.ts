import type { LoadedCampaign } from '../core/campaign/load.ts';
import type { PolicyAnswerer } from '../core/chat/engine.ts';

/** The policy-answer service for the engine; absent until core/policy is built. */
export async function createPolicy(campaign: LoadedCampaign): Promise<PolicyAnswerer | undefined> {
  try {
    // Resolved at run time so the app starts before core/policy exists.
    const path = '../core/policy/index.ts';
    const mod = (await import(path)) as { createPolicyService(c: LoadedCampaign): PolicyAnswerer };
    return mod.createPolicyService(campaign);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}
