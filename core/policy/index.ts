export { createPolicyService, MIN_CONFIDENCE } from './service.ts';
export type { AskContext, PolicyAnswer, PolicyService, PolicySource } from './types.ts';
