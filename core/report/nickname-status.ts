import type { NicknameState } from './ports.ts';

export type NicknameStatusKey = 'renamed' | 'bound' | 'unseen' | 'noncompliant';

/**
 * The report's nickname column. The latest group nickname decides (a bound account that later takes a
 * non-compliant nickname is still flagged); bound without being seen in a group is "bound"; else "unseen".
 */
export function nicknameStatus(s: NicknameState | undefined): NicknameStatusKey {
  if (s?.latestCompliant === false) return 'noncompliant';
  if (s?.latestCompliant === true) return 'renamed';
  if (s?.bound) return 'bound';
  return 'unseen';
}
