import { createApp, type App } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import type { SandboxPerson, TranscriptEntry } from '../../bot/sandbox/adapter.ts';
import { SANDBOX_GROUPS, sandboxPeople } from '../../bot/sandbox/demo.ts';
import type { Database } from '../../db/types.ts';
import { TestClock } from './clock.ts';
import { testDatabase } from './db.ts';

export interface TestApp {
  app: App;
  db: Database;
  clock: TestClock;
  /** Someone types in a sandbox group (or `private:<id>`); returns the bot's replies. */
  say(person: string | SandboxPerson, chatId: string, text: string, opts?: { nick?: string; messageId?: string }): Promise<TranscriptEntry[]>;
  person(nickOrId: string): Promise<SandboxPerson>;
  close(): Promise<void>;
}

/**
 * The real app (engine, stores, sandbox adapter, fastify) on this file's own database,
 * with the demo roster and groups and a clock fixed inside the 2021 training window.
 */
export async function startTestApp(opts: { env?: Record<string, string>; now?: string; demo?: boolean; policy?: null } = {}): Promise<TestApp> {
  const db = await testDatabase();
  const clock = new TestClock(new Date(opts.now ?? '2021-09-28T02:00:00Z'));
  const config = loadConfig({ LOG_LEVEL: 'silent', ...opts.env });
  const app = await createApp(config, { database: db, clock, demo: opts.demo ?? true, policy: opts.policy });
  const person = async (nickOrId: string) => {
    const people = await sandboxPeople(app.core);
    const p = people.find((x) => x.id === nickOrId) ?? people.find((x) => x.nick === nickOrId);
    if (!p) throw new Error(`no sandbox person ${nickOrId}`);
    return p;
  };
  return {
    app,
    db,
    clock,
    person,
    async say(who, chatId, text, o = {}) {
      const p = typeof who === 'string' ? await person(who) : who;
      const group = SANDBOX_GROUPS.find((g) => g.chatId === chatId);
      const out = await app.sandbox.send({ chatId, chatTitle: group?.title, person: { ...p, nick: o.nick ?? p.nick }, text, messageId: o.messageId });
      return out.filter((e) => e.from === 'bot');
    },
    async close() {
      await app.stop();
      await db.close();
    },
  };
}

export const JUNIOR = 'sandbox-junior';
export const INTERMEDIATE = 'sandbox-intermediate';
export const SENIOR = 'sandbox-senior';
export const UNBOUND = 'sandbox-new';
