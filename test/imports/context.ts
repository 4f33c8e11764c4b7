import { loadCampaign } from '../../core/campaign/load.ts';
import type { CoreContext } from '../../core/context.ts';
import { createStores } from '../../db/stores/index.ts';
import type { Database } from '../../db/types.ts';

export const campaign = loadCampaign();

/** A core context on a test database, with a clock the test sets. */
export function contextOn(d: Database, now = new Date('2021-10-01T04:00:00Z')): CoreContext & { setNow(d: Date): void } {
  let at = now;
  return { stores: createStores(d), campaign, clock: { now: () => at }, setNow: (d: Date) => (at = d) };
}
