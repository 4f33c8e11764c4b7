import type { LoadedCampaign } from './campaign/load.ts';
import type { Clock, Logger, Stores } from './ports.ts';

/** What every use-case receives: the stores, the campaign in force, and the clock. */
export interface CoreContext {
  stores: Stores;
  campaign: LoadedCampaign;
  clock: Clock;
  log?: Logger;
}
