import type { LoadedCampaign } from '../core/campaign/load.ts';
import type { PolicyAnswerer } from '../core/chat/engine.ts';
import { createPolicyService } from '../core/policy/index.ts';

/** The policy-answer service the engine falls back to for anything that is not a command. */
export function createPolicy(campaign: LoadedCampaign): PolicyAnswerer {
  return createPolicyService(campaign);
}
