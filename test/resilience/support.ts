import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createApp, type App } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { SandboxAdapter, type SandboxPerson } from '../../bot/sandbox/adapter.ts';
import { SANDBOX_GROUPS, sandboxPeople } from '../../bot/sandbox/demo.ts';
import { createChatEngine } from '../../core/chat/engine.ts';
import type { Stores } from '../../core/ports.ts';
import { openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/types.ts';
import { TestClock } from '../support/clock.ts';
import { testDatabase, usingPostgres } from '../support/db.ts';

export const TRY_LATER = '系统繁忙，刚才的操作没有完成，请稍后再试。';

/**
 * A database that can be taken away and brought back. Postgres: the test's own database stops taking
 * connections and every connection to it is terminated; the same app recovers when it takes them again.
 * PGlite: the embedded database (in a data folder, as in production) is closed; recovery is a restart of
 * the bot on the same folder, the only way back for one process.
 */
export interface FlakyDatabase {
  kind: 'postgres' | 'pglite';
  /** The database the current app uses. */
  current(): Database;
  goAway(): Promise<void>;
  /** Bring it back; returns true when the app had to be restarted (PGlite). */
  comeBack(): Promise<boolean>;
  /** Terminate every connection to it now (Postgres only): the next statement on them fails. */
  killConnections(): Promise<void>;
  close(): Promise<void>;
}

export async function flakyDatabase(): Promise<FlakyDatabase> {
  if (usingPostgres()) {
    const d = await testDatabase();
    const name = new URL(d.url!).pathname.slice(1);
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const kill = async () => {
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    };
    return {
      kind: 'postgres',
      current: () => d,
      async goAway() {
        await admin.unsafe(`alter database ${name} allow_connections false`);
        await kill();
      },
      async comeBack() {
        await admin.unsafe(`alter database ${name} allow_connections true`);
        return false;
      },
      killConnections: kill,
      async close() {
        await admin.unsafe(`alter database ${name} allow_connections true`).catch(() => {});
        await d.close();
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cebot-resilience-'));
  let d = await openDatabase({ dataDir: dir });
  let open = true;
  return {
    kind: 'pglite',
    current: () => d,
    async goAway() {
      await d.close();
      open = false;
    },
    async comeBack() {
      d = await openDatabase({ dataDir: dir });
      open = true;
      return true;
    },
    async killConnections() {
      throw new Error('PGlite has no connections to kill');
    },
    async close() {
      if (open) await d.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real app on the given database with the demo roster, at a moment inside the training window. */
export async function appOn(database: Database, clock = new TestClock(new Date('2021-09-28T02:00:00Z'))): Promise<App> {
  return createApp(loadConfig({ LOG_LEVEL: 'silent' }), { database, clock, demo: true, policy: null });
}

export async function personByNick(app: App, nick: string): Promise<SandboxPerson> {
  const p = (await sandboxPeople(app.core)).find((x) => x.nick === nick);
  if (!p) throw new Error(`no sandbox person ${nick}`);
  return p;
}

/** Someone types in a sandbox group through the app's sandbox adapter; the bot's replies. */
export async function say(adapter: SandboxAdapter, person: SandboxPerson, chatId: string, text: string, messageId?: string) {
  const group = SANDBOX_GROUPS.find((g) => g.chatId === chatId);
  const out = await adapter.send({ chatId, chatTitle: group?.title, person, text, messageId });
  return out.filter((e) => e.from === 'bot').map((e) => e.text);
}

/**
 * The app's engine on stores whose attendance write first runs `fault` (while it is armed): a failure
 * that strikes after the message's dedupe claim, nickname observation and binding were written.
 */
export function faultyEngine(app: App, fault: { armed: boolean; strike: () => Promise<void> }) {
  const wrap = (s: Stores): Stores => ({
    ...s,
    ledger: {
      ...s.ledger,
      checkIn: async (r) => {
        if (fault.armed) await fault.strike();
        return s.ledger.checkIn(r);
      },
    },
    tx: (fn) => s.tx((inner) => fn(wrap(inner))),
    batch: (fn) => s.batch((inner) => fn(wrap(inner))),
  });
  const engine = createChatEngine({ core: { ...app.core, stores: wrap(app.core.stores) } });
  return new SandboxAdapter(engine, app.core.clock);
}
