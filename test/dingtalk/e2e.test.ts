import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/app.ts';
import type { DingTalkAdapter } from '../../bot/dingtalk/start.ts';
import { chat as t } from '../../core/locales/zh-CN/index.ts';
import { attendance, auditLog, failedMessages } from '../../db/schema/index.ts';
import type { Database } from '../../db/types.ts';
import { startFakeDingTalk, type FakeDingTalk, type Posted } from '../fakes/dingtalk/server.ts';
import { testDatabase } from '../support/db.ts';
import { TRAINING_DAY, TestClock, loadRoster, startDingTalkApp } from './app-support.ts';
import { eventually } from './support.ts';

/**
 * The whole chain: real dingtalk-stream SDK ↔ fake DingTalk ↔ DingTalk adapter ↔ real core
 * engine ↔ real database. One junior training group, bound and run through DingTalk only.
 */
const GROUP = 'cidJuniorTrainingGroup==';
const ADMIN = { senderNick: '培训中心王老师', senderStaffId: 'mgr-wang', isAdmin: true };
const TRAINEE = { senderStaffId: 'staff-lina', isAdmin: false };

let db: Database;
let fake: FakeDingTalk;
let clock: TestClock;
let app: App;
let dingtalk: DingTalkAdapter;

beforeAll(async () => {
  db = await testDatabase();
  clock = new TestClock(new Date(TRAINING_DAY));
  fake = await startFakeDingTalk({ now: () => clock.now().getTime() });
  ({ app, dingtalk } = await startDingTalkApp(fake, db, clock));
  await loadRoster(app, [
    { name: '李娜', level: '初级', unit: '演示科技公司', phoneTail: '1005' },
    { name: '王芳', level: '初级', unit: '演示市网信办', phoneTail: '1006' },
  ]);
});
afterAll(async () => {
  await app.stop();
  await fake.close();
  await db.close();
});

/** A message to the bot, and the replies it caused in this group (and privately). */
async function send(input: Parameters<FakeDingTalk['userSends']>[0], expect: { group?: number; private?: number } = { group: 1 }) {
  const before = fake.posted.length;
  const sent = fake.userSends({ conversationId: GROUP, conversationTitle: '2021 初级培训群', ...input });
  const want = (expect.group ?? 0) + (expect.private ?? 0);
  const posted = await fake.waitForPosted((p) => p.length - before >= want, `${want} replies to ${input.text}`).catch((e) => {
    throw new Error(`${e.message}; got ${JSON.stringify(fake.posted.slice(before))}`);
  });
  await app.core.stores.chats.get('dingtalk', GROUP); // a round trip so nothing is mid-write
  return { sent, replies: posted.slice(before) as Posted[] };
}

const checkins = () => db.db.select().from(attendance);

describe('DingTalk end to end', () => {
  it('an admin binds the group to its level', async () => {
    const { replies } = await send({ ...ADMIN, text: '本群 初级' });
    expect(replies.map((r) => [r.via, r.text])).toEqual([['webhook', t.groupBound('初级')]]);
    expect((await app.stores.chats.get('dingtalk', GROUP))?.level).toBe('初级');
  });

  it('a non-admin cannot open a session: refused politely and audited', async () => {
    const { replies } = await send({ senderNick: '王芳', senderStaffId: 'staff-wf', text: '开课 网络安全 专业 3' });
    expect(replies[0].text).toContain(t.adminOnly('开课'));
    expect(replies[0].atUserIds).toEqual(['staff-wf']);
    const refused = await db.db.select().from(auditLog).where(eq(auditLog.action, 'refused.open'));
    expect(refused).toHaveLength(1);
    expect(await app.stores.ledger.listSessions(app.campaign.id)).toHaveLength(0);
  });

  it('an admin (isAdmin from DingTalk) opens a session', async () => {
    const { replies } = await send({ ...ADMIN, text: '开课 网络安全 专业 3' });
    expect(replies[0].text).toContain('网络安全');
    const sessions = await app.stores.ledger.listSessions(app.campaign.id);
    expect(sessions.map((s) => [s.title, s.subject, s.hours, s.platform, s.chatId])).toEqual([['网络安全', 'professional', 3, 'dingtalk', GROUP]]);
  });

  it('a trainee with a non-compliant nickname gets an @-reply with the rename steps, and no attendance', async () => {
    const { replies } = await send({ ...TRAINEE, senderNick: '小李', text: '签到' });
    const all = replies.map((r) => r.text).join('\n');
    expect(all).toContain(t.renameSteps('dingtalk'));
    expect(all).toContain(t.checkinRefusedNickname);
    expect(replies.every((r) => r.via === 'webhook' && r.atUserIds.includes('staff-lina'))).toBe(true);
    expect(replies[0].text.startsWith('@staff-lina')).toBe(true);
    expect(await checkins()).toHaveLength(0);
  });

  it('after renaming, the check-in is recorded and confirmed with a real @', async () => {
    const { replies } = await send({ ...TRAINEE, senderNick: '李娜', text: '签到' });
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toMatch(/^@staff-lina 签到成功：网络安全/);
    expect(replies[0].atUserIds).toEqual(['staff-lina']);
    const rows = await checkins();
    expect(rows).toHaveLength(1);
    expect(rows[0].hours).toBe(3);
  });

  it('the same callback redelivered 3 times gives one record and one reply', async () => {
    const { sent } = await send({ senderNick: '王芳', senderStaffId: 'staff-wf', text: '签到' });
    for (let i = 0; i < 3; i++) fake.stream.redeliver(sent.streamId);
    // A later message in the same group is handled after the redeliveries (one conversation, in order).
    await send({ ...ADMIN, text: '帮助' });
    expect(fake.stream.deliveries.get(sent.streamId)!.sentTo).toHaveLength(4);
    const confirmations = fake.posted.filter((p) => p.text.includes('签到成功') && p.atUserIds.includes('staff-wf'));
    expect(confirmations).toHaveLength(1);
    expect(await checkins()).toHaveLength(2);
  });

  it('我的学时 in the group sends the details privately by batchSend; the group only hears where to look', async () => {
    const { replies } = await send({ ...TRAINEE, senderNick: '李娜', text: '我的学时' }, { group: 1, private: 1 });
    const priv = replies.find((r) => r.via === 'batchSend')!;
    expect(priv.userIds).toEqual(['staff-lina']);
    expect(priv.text).toContain('专业科目：3 / 60 学时');
    const grp = replies.find((r) => r.conversationId === GROUP)!;
    expect(grp.text).toBe(t.hoursSentPrivately('staff-lina'));
    expect(grp.text).not.toContain('学时：');
  });

  it('personal figures never land in the group', () => {
    expect(fake.posted.filter((p) => p.conversationId === GROUP && /\d+ \/ \d+ 学时/.test(p.text))).toHaveLength(0);
  });

  it('past the session webhook expiry, replies go by the OpenAPI group send', async () => {
    const { replies } = await send({ ...TRAINEE, senderNick: '李娜', text: '签到', webhookExpiresAt: clock.now().getTime() - 1 });
    expect(replies.map((r) => r.via)).toEqual(['groupSend']);
    expect(replies[0].text).toContain(t.checkinAlready('李娜', '网络安全'));
  });

  it('a handler slowed on purpose: the callback is acked before the handling ends', async () => {
    const engine = app.engine;
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let entered = false;
    const orig = engine.handle.bind(engine);
    engine.handle = async (m) => {
      entered = true;
      await gate;
      return orig(m);
    };
    try {
      const { streamId } = fake.userSends({ conversationId: GROUP, ...ADMIN, text: '统计' });
      await fake.waitForAck(streamId);
      expect(entered).toBe(true);
    } finally {
      engine.handle = orig;
      release();
    }
  });

  it('/healthz shows the DingTalk connection, including after a drop and reconnect', async () => {
    const before = await app.server.inject({ method: 'GET', url: '/healthz' });
    expect(before.json().platforms.dingtalk).toMatchObject({ connected: true, reconnects: 0 });
    fake.stream.drop();
    await eventually(() => dingtalk.status().reconnects === 1 && dingtalk.status().connected, 'reconnect');
    const after = await app.server.inject({ method: 'GET', url: '/healthz' });
    expect(after.json().platforms.dingtalk).toMatchObject({ connected: true, reconnects: 1 });
    const { replies } = await send({ ...ADMIN, text: '帮助' });
    expect(replies).toHaveLength(1);
  });

  it('nothing failed along the way', async () => {
    expect(await db.db.select().from(failedMessages)).toHaveLength(0);
    expect(fake.rateLimited).toBe(0);
  });
});
