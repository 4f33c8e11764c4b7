import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import type { IncomingMessage } from '../../core/chat/types.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import { openDatabase } from '../../db/client.ts';
import { attendance, processedMessages } from '../../db/schema/index.ts';
import type { Database } from '../../db/types.ts';
import { TestClock } from '../support/clock.ts';
import { testDatabase, usingPostgres } from '../support/db.ts';

const TRAINEES = 500;
const GROUP = 'burst-group';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚';
const nameAt = (i: number) => `${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 20]}${GIVEN[Math.floor(i / 400) % 20]}`;

// Two bot processes share one PostgreSQL, as when several instances run behind a load balancer or on
// several DingTalk Stream connections. The embedded database belongs to one process (a second one is
// refused by the data folder's pid lock, see test/db), so there is nothing to test on PGlite.
describe.skipIf(!usingPostgres())('two instances on one Postgres under a burst of 1,000 check-ins', () => {
  let main: Database & { url?: string };
  const dbs: Database[] = [];
  const apps: App[] = [];
  const clock = new TestClock(new Date('2021-09-28T02:00:00Z'));

  beforeAll(async () => {
    main = await testDatabase();
    for (let i = 0; i < 2; i++) {
      const d = i === 0 ? main : await openDatabase({ databaseUrl: main.url!, migrate: false });
      dbs.push(d);
      apps.push(await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { database: d, clock, policy: null }));
    }
    const { core } = apps[0]!;
    await core.stores.roster.upsertMany(
      Array.from({ length: TRAINEES }, (_, i) => ({ campaignId: core.campaign.id, name: nameAt(i), nameKey: normaliseName(nameAt(i)), level: '初级', unit: '', phoneTail: '', idMasked: '' })),
    );
    await core.stores.chats.touch('dingtalk', GROUP, '初级培训群', core.campaign.id);
    await core.stores.chats.bindLevel('dingtalk', GROUP, '初级', 'test', clock.now());
    const s = { level: null, startsAt: new Date('2021-09-28T01:00:00Z'), endsAt: new Date('2021-09-28T04:00:00Z'), creditRule: 'checkin' as const, thresholdPercent: null, platform: null, chatId: null, createdBy: 'test', campaignId: core.campaign.id };
    await core.stores.ledger.createSession({ ...s, title: '专业课', subject: 'professional', hours: 3 });
    await core.stores.ledger.createSession({ ...s, title: '公需课', subject: 'public', hours: 2 });
  });
  afterAll(async () => {
    for (const a of apps) await a.stop();
    await dbs[1]?.close();
    await main?.close();
  });

  it('records every check-in exactly once and answers every message exactly once', async () => {
    // Every trainee taps 签到 twice (two messages), the two taps land on different instances, and one
    // message in five is also delivered to the other instance at the same time (platform redelivery).
    const messages: IncomingMessage[] = [];
    for (let tap = 0; tap < 2; tap++)
      for (let i = 0; i < TRAINEES; i++)
        messages.push({
          platform: 'dingtalk',
          chatId: GROUP,
          chatType: 'group',
          chatTitle: '初级培训群',
          senderId: `staff-${i}`,
          senderNick: nameAt(i),
          senderIsAdmin: false,
          text: '签到',
          messageId: `burst-${tap}-${i}`,
          at: clock.now(),
        });
    const deliveries = messages.flatMap((m, k) => {
      const first = (k + Math.floor(k / TRAINEES)) % 2;
      return k % 5 === 0 ? [{ m, to: first }, { m, to: 1 - first }] : [{ m, to: first }];
    });
    const replies = new Map<string, string[]>();
    let next = 0;
    const worker = async () => {
      for (let k = next++; k < deliveries.length; k = next++) {
        const { m, to } = deliveries[k]!;
        const r = await apps[to]!.engine.handle(m);
        replies.set(m.messageId, [...(replies.get(m.messageId) ?? []), ...r.map((x) => x.text)]);
      }
    };
    await Promise.all(Array.from({ length: 48 }, worker));

    expect(messages).toHaveLength(1_000);
    const db = main.db;
    const [rows] = await db.select({ n: sql<number>`count(*)::int`, people: sql<number>`count(distinct ${attendance.traineeId})::int` }).from(attendance);
    expect(rows).toEqual({ n: TRAINEES * 2, people: TRAINEES });
    const [claims] = await db.select({ n: sql<number>`count(*)::int` }).from(processedMessages);
    expect(claims.n).toBe(1_000);
    // One answer per message, whichever instance gave it; none of them a failure.
    for (const m of messages) expect(replies.get(m.messageId), m.messageId).toHaveLength(1);
    const all = [...replies.values()].flat();
    expect(all.filter((t) => t.includes('系统繁忙'))).toEqual([]);
    expect(all.filter((t) => t.includes('签到成功'))).toHaveLength(TRAINEES);
    expect(all.filter((t) => t.includes('已签到过'))).toHaveLength(TRAINEES);
  });
});
