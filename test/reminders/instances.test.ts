import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { startScheduler } from '../../bot/scheduler/index.ts';
import { openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/types.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { usingPostgres } from '../support/db.ts';
import { LEVEL_GROUPS, day, describeGroupPosts, expectedLines, recordingMessenger, runTicks, type Sent } from './support.ts';

const TWO_HOURS = 2 * 3_600_000;
const at = (s: string) => new Date(`${s}+08:00`);

/**
 * Two bot processes on one database, ticking at the same moments through the whole campaign. On
 * Postgres (TEST_DATABASE_URL) the second has its own connection pool, so claims really race; on
 * PGlite it is a second set of stores over the same database.
 */
describe('two scheduler instances on one database', () => {
  let t: TestApp;
  let b: App;
  let db2: Database | undefined;
  const log: Sent[] = [];
  const byInstance = { a: 0, b: 0 };
  const names = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ now: '2021-09-15T00:00:00+08:00', policy: null });
    db2 = usingPostgres() ? await openDatabase({ databaseUrl: (t.db as Database & { url: string }).url, migrate: false, maxConnections: 4 }) : undefined;
    b = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { database: db2 ?? t.db, clock: t.clock, demo: false, policy: null });
    const ra = recordingMessenger(t.app.messengers.get('sandbox')!, t.clock, { log, hold: () => void byInstance.a++ });
    const rb = recordingMessenger(b.messengers.get('sandbox')!, t.clock, { log, hold: () => void byInstance.b++ });
    t.app.messengers.set('sandbox', ra.messenger);
    b.messengers.set('sandbox', rb.messenger);
    const sa = startScheduler(t.app, { cron: false, instanceId: 'a' });
    const sb = startScheduler(b, { cron: false, instanceId: 'b' });

    t.clock.set(at('2021-09-20T12:00'));
    for (const [nick, group] of [
      ['王芳', 'sandbox-junior'],
      ['郭强', 'sandbox-senior'],
    ]) {
      const p = await t.person(nick);
      names.set(p.id, nick);
      await t.say(p, group, '签到');
    }
    await runTicks(t.clock, [(n) => sa.tick(n), (n) => sb.tick(n)], at('2021-09-15T00:00'), at('2021-11-30T22:00'), TWO_HOURS);
  }, 240_000);

  afterAll(async () => {
    await b?.stop();
    await db2?.close();
    await t?.close();
  });

  it('sends every group post exactly once between them', () => {
    expect(describeGroupPosts(log)).toEqual(expectedLines(LEVEL_GROUPS));
    expect(byInstance.a + byInstance.b).toBe(log.length);
  });

  it('sends every private nudge exactly once between them', () => {
    const who = log.filter((s) => s.private).map((s) => `${day(s.at)} ${names.get(s.chatId)}`).sort();
    expect(who).toEqual(['2021-10-07 王芳', '2021-10-07 郭强', '2021-10-09 王芳', '2021-10-09 郭强']);
  });

  it('left one delivery row per message, all sent', async () => {
    const rows = await t.db.db.query.reminderDeliveries.findMany();
    expect(rows).toHaveLength(log.length);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(new Set(rows.map((r) => r.claimedBy))).toEqual(new Set(Object.entries(byInstance).filter(([, n]) => n > 0).map(([k]) => k)));
  });
});
