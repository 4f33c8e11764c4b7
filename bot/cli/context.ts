import { resolve } from 'node:path';
import { loadCampaign } from '../../core/campaign/load.ts';
import type { CoreContext } from '../../core/context.ts';
import { systemClock } from '../../core/ports.ts';
import { openDatabase } from '../../db/client.ts';
import { createStores } from '../../db/stores/index.ts';
import type { Database } from '../../db/types.ts';
import { loadConfig, type Config } from '../config.ts';
import type { CliIo } from './io.ts';

export interface CliSession {
  cfg: Config;
  database: Database;
  ctx: CoreContext;
}

/** Open the configured database (migrating it) and the campaign, run `fn`, and always close the database. */
export async function withDatabase<T>(io: CliIo, fn: (s: CliSession) => Promise<T>): Promise<T> {
  const cfg = loadConfig(io.env);
  const campaign = loadCampaign(cfg.CAMPAIGN);
  const database = await openDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: resolve(io.cwd, cfg.DATA_DIR), maxConnections: 2 });
  try {
    return await fn({ cfg, database, ctx: { stores: createStores(database), campaign, clock: systemClock } });
  } finally {
    await database.close();
  }
}

/** Who is at the keyboard, for audit rows. */
export function cliActor(env: NodeJS.ProcessEnv): string {
  return `cli:${env.USER || env.LOGNAME || env.USERNAME || 'unknown'}`;
}
