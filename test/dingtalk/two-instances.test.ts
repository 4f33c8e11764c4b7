import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/app.ts';
import type { DingTalkAdapter } from '../../bot/dingtalk/start.ts';
import { openDatabase } from '../../db/client.ts';
import { attendance, failedMessages, processedMessages } from '../../db/schema/index.ts';
import type { Database } from '../../db/types.ts';
import { startFakeDingTalk, type FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { testDatabase, usingPostgres } from '../support/db.ts';
import { TRAINING_DAY, TestClock, loadRoster, startDingTalkApp } from './app-support.ts';
import { eventually } from './support.ts';

/**
 * Two bot instances (each its own engine, adapter, Stream connection and — on PostgreSQL — its own
 * connection pool) share one database and one DingTalk app. The platform pushes each callback to
 * one connection at random and, as it does after a lost ack, pushes it again: a check-in must
 * still count exactly once. PGlite has a single connection, so there both instances share it.
 */
const GROUP = 'cidSharedGroup==';
const N = 100;
const SURNAMES = [...'赵钱孙李周吴郑冯陈卫'];
const GIVEN = [...'安宁明华强伟芳敏静磊'];
const names = SURNAMES.flatMap((s) => GIVEN.map((g) => `${s}${g}`)).slice(0, N);
// The platform's per-group window shortened so 100+ replies take seconds, not minutes; the bots are told the same.
const WINDOW = { max: 20, windowMs: 1_000 };

let db: Database;
let second: Database;
let fake: FakeDingTalk;
const apps: Array<{ app: App; dingtalk: DingTalkAdapter; handled: number }> = [];

beforeAll(async () => {
  db = await testDatabase();
  second = usingPostgres() ? await openDatabase({ databaseUrl: (db as { url?: string }).url!, migrate: false }) : db;
  const clock = new TestClock(new Date(TRAINING_DAY));
  fake = await startFakeDingTalk({ now: () => clock.now().getTime(), conversationLimit: WINDOW });
  for (const d of [db, second]) {
    const started = await startDingTalkApp(fake, d, clock, { conversationBudget: WINDOW, retry: { baseMs: 100, factor: 2, capMs: 1_000, maxAttempts: 30 } });
    const entry = { ...started, handled: 0 };
    const orig = started.app.engine.handle.bind(started.app.engine);
    started.app.engine.handle = (m) => {
      entry.handled++;
      return orig(m);
    };
    apps.push(entry);
  }
  await fake.waitForOpen(2);
  await loadRoster(apps[0].app, names.map((name) => ({ name, level: '初级' })));
  const admin = { conversationId: GROUP, senderNick: '王老师', senderStaffId: 'mgr', isAdmin: true };
  fake.userSends({ ...admin, text: '本群 初级' });
  await fake.waitForPosted((p) => p.length === 1);
  fake.userSends({ ...admin, text: '开课 网络安全 专业 3' });
  await fake.waitForPosted((p) => p.length === 2);
}, 120_000);

afterAll(async () => {
  for (const a of apps) await a.app.stop();
  await fake.close();
  if (second !== db) await second.close();
  await db.close();
});

describe('two bot instances, one database', () => {
  it('records 100 check-ins delivered at random (each twice) exactly once each', async () => {
    const before = fake.posted.length;
    const sent = names.map((name, i) => fake.userSends({ conversationId: GROUP, senderNick: name, senderStaffId: `staff-${i}`, text: '签到' }));
    // The platform's redelivery after a lost ack, to a connection chosen at random again.
    for (const s of sent) fake.stream.redeliver(s.streamId);
    await eventually(() => apps.reduce((n, a) => n + a.handled, 0) >= 2 + 2 * N && sent.every((s) => fake.stream.deliveries.get(s.streamId)?.ackedAt), 'all deliveries handled', 60_000);
    await eventually(() => fake.posted.length - before >= N, '100 confirmations', 60_000).catch(async (e) => {
      const rows = await db.db.select().from(attendance);
      const got = new Set(fake.posted.slice(before).map((p) => p.atUserIds[0]));
      const missing = sent.map((s, i) => `staff-${i}`).filter((id) => !got.has(id));
      throw new Error(`${e.message}: posted ${fake.posted.length - before}, rows ${rows.length}, missing ${missing}, status ${JSON.stringify(apps.map((a) => a.dingtalk.status()))}, failed ${JSON.stringify(await db.db.select().from(failedMessages))}, claimed ${(await db.db.select().from(processedMessages)).length}`);
    });
    // Both instances did real work.
    expect(apps.every((a) => a.handled > 10)).toBe(true);

    const rows = await db.db.select().from(attendance);
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.traineeId)).size).toBe(N);
    const confirmations = fake.posted.slice(before).filter((p) => p.text.includes('签到成功'));
    expect(confirmations).toHaveLength(N);
    expect(new Set(confirmations.map((p) => p.atUserIds[0])).size).toBe(N);
    const claimed = await db.db.select().from(processedMessages);
    expect(claimed.length).toBe(2 + N);
    // Each instance keeps its own budget, so together they can exceed the group's: the platform's
    // 130101 refusals are retried with backoff, and nothing is lost or sent twice.
    expect(await db.db.select().from(failedMessages)).toHaveLength(0);
    console.info(`two instances: handled ${apps.map((a) => a.handled).join('/')}, 130101 refusals retried: ${fake.rateLimited}`);
  }, 120_000);
});
