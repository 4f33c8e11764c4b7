import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { loadCampaign, type LoadedCampaign } from '../core/campaign/load.ts';
import { createChatEngine, type PolicyAnswerer } from '../core/chat/engine.ts';
import type { ChatEngine, Messenger } from '../core/chat/types.ts';
import type { CoreContext } from '../core/context.ts';
import { systemClock, type Clock, type Logger, type Stores } from '../core/ports.ts';
import { openDatabase } from '../db/client.ts';
import { createStores } from '../db/stores/index.ts';
import type { Database } from '../db/types.ts';
import type { Config } from './config.ts';
import { healthRoutes } from './http/health.ts';
import { createServer } from './http/server.ts';
import { SandboxAdapter } from './sandbox/adapter.ts';
import { isEmpty, seedDemo } from './sandbox/demo.ts';
import { sandboxRoutes } from './sandbox/routes.ts';
import { consoleRoutes } from './console/plugin.ts';
import { createPolicy } from './policy.ts';

export interface App {
  config: Config;
  campaign: LoadedCampaign;
  database: Database;
  stores: Stores;
  core: CoreContext;
  engine: ChatEngine;
  sandbox: SandboxAdapter;
  server: FastifyInstance;
  log: Logger;
  /** Proactive senders per platform (reminders use them). */
  messengers: Map<string, Messenger>;
  /** Connection state per platform, for /healthz. */
  platformStatus: Map<string, () => unknown>;
  /** Run on stop, last added first. */
  onStop: Array<() => Promise<void>>;
  stop(): Promise<void>;
}

export interface AppOptions {
  /** Use this database instead of opening one from the config (tests). */
  database?: Database;
  clock?: Clock;
  /** Load the demo roster when the embedded database is empty (sandbox mode). */
  demo?: boolean;
  policy?: PolicyAnswerer | null;
}

/** The composition root: everything wired, nothing listening yet. */
export async function createApp(config: Config, opts: AppOptions = {}): Promise<App> {
  const campaign = loadCampaign(config.CAMPAIGN);
  const server = createServer({ logLevel: config.LOG_LEVEL });
  const log = server.log as unknown as Logger;
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  const stores = createStores(database);
  const clock = opts.clock ?? systemClock;
  const core: CoreContext = { stores, campaign, clock, log };
  const policy = opts.policy === null ? undefined : (opts.policy ?? createPolicy(campaign));
  const engine = createChatEngine({ core, adminIds: config.ADMIN_IDS, policy });
  const sandbox = new SandboxAdapter(engine, clock);
  const messengers = new Map<string, Messenger>([['sandbox', sandbox.messenger()]]);
  const platformStatus = new Map<string, () => unknown>([['sandbox', () => ({ connected: true })]]);

  if (opts.demo && (await isEmpty(core))) await seedDemo(core);

  await server.register(healthRoutes, {
    source: {
      databaseKind: database.kind,
      campaign: { id: campaign.id, name: campaign.name },
      platforms: () => Object.fromEntries([...platformStatus].map(([k, f]) => [k, f()])),
      ping: async () => {
        await database.db.execute(sql`select 1`);
      },
    },
  });
  await server.register(sandboxRoutes, { core, adapter: sandbox });
  await server.register(consoleRoutes, { prefix: '/admin', core, config, database });

  const onStop: Array<() => Promise<void>> = [];
  let stopped = false;
  const app: App = {
    config,
    campaign,
    database,
    stores,
    core,
    engine,
    sandbox,
    server,
    log,
    messengers,
    platformStatus,
    onStop,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const f of [...onStop].reverse()) await f().catch((err) => log.error({ err: String(err) }, 'stop step failed'));
      await server.close();
      if (!opts.database) await database.close();
    },
  };
  return app;
}
