import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../core/chat/types.ts';
import { dingtalk as t } from '../../core/locales/zh-CN/dingtalk.ts';
import { TOPIC_ROBOT, startFakeDingTalk, type FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { createServer } from 'node:net';
import { loadConfig } from '../../bot/config.ts';
import { startDingTalk } from '../../bot/dingtalk/start.ts';
import { memoryLogger } from '../outbound/memory-log.ts';
import { ScriptEngine, eventually, fastTuning, memoryFailedStore, startAdapter } from './support.ts';

const say = (text: string, extra: Partial<Reply> = {}): Reply => ({ target: 'group', format: 'text', text, ...extra });

describe('DingTalk adapter with the real SDK against the fake', () => {
  let fake: FakeDingTalk;
  let engine: ScriptEngine;
  let started: Awaited<ReturnType<typeof startAdapter>>;

  beforeAll(async () => {
    fake = await startFakeDingTalk({ redeliverAfterMs: 60_000 });
    engine = new ScriptEngine();
    started = await startAdapter(fake, engine);
  });
  afterAll(async () => {
    await started.adapter.stop();
    await fake.close();
  });
  afterEach(() => {
    engine.release();
    engine.setScript((m) => [say(`收到：${m.text}`)]);
  });

  it('opens the stream through the configured gateway, subscribed to robot callbacks only', () => {
    const open = fake.calls.filter((c) => c.path === '/v1.0/gateway/connections/open');
    expect(open).toHaveLength(1);
    expect(open[0].body.subscriptions).toEqual([{ type: 'CALLBACK', topic: TOPIC_ROBOT }]);
    expect(open[0].body.ua).toMatch(/ce-bot/);
    expect(started.adapter.status()).toMatchObject({ connected: true, reconnects: 0 });
    expect(Date.parse(started.adapter.status().since!)).not.toBeNaN();
  });

  it('turns a group callback into a core message: staff id, nickname, admin flag, text without the @ space', async () => {
    const { body, streamId } = fake.userSends({ conversationId: 'cidA', conversationTitle: '初级培训群', senderNick: '张三-网信办', senderStaffId: 'manager01', isAdmin: true, text: '签到 ' });
    await fake.waitForAck(streamId);
    const m = await eventually(() => engine.seen.find((x) => x.messageId === body.msgId), 'message at engine');
    expect(m).toEqual({
      platform: 'dingtalk',
      chatId: 'cidA',
      chatType: 'group',
      chatTitle: '初级培训群',
      senderId: 'manager01',
      senderNick: '张三-网信办',
      senderIsAdmin: true,
      text: '签到',
      messageId: body.msgId,
      at: new Date(body.createAt),
    });
  });

  it('falls back to senderId for people without a staff id, and maps private chats', async () => {
    const { body } = fake.userSends({ chat: 'private', senderNick: '外部用户', senderStaffId: null, text: '帮助' });
    const m = await eventually(() => engine.seen.find((x) => x.messageId === body.msgId), 'message at engine');
    expect(m).toMatchObject({ chatType: 'private', senderId: body.senderId, senderIsAdmin: false });
    expect(m.senderId.startsWith('$:LWCP_v1:$')).toBe(true);
    expect('chatTitle' in m).toBe(false);
  });

  it('acks a callback before the handler finishes: a held-up handler still has its callback acked', async () => {
    engine.hold();
    const { streamId, msgId } = fake.userSends({ conversationId: 'cidSlow', senderNick: '李四', text: '我的学时' });
    const d = await fake.waitForAck(streamId);
    // The engine has the message and is still stuck in handle(): nothing was answered yet.
    expect(engine.seen.some((m) => m.messageId === msgId)).toBe(true);
    expect(fake.posted.filter((p) => p.conversationId === 'cidSlow')).toHaveLength(0);
    expect(d.sentTo).toHaveLength(1);
    engine.release();
    await fake.waitForPosted((p) => p.some((x) => x.conversationId === 'cidSlow'));
  });

  it('hands different people of one group to the core together, each person in order', async () => {
    engine.hold();
    const before = engine.seen.length;
    const class_ = ['甲', '乙', '丙', '丁'].map((n) => fake.userSends({ conversationId: 'cidClass', senderNick: n, text: '签到' }));
    const second = fake.userSends({ conversationId: 'cidClass', senderNick: '甲', text: '我的学时' });
    await eventually(() => engine.seen.length - before >= 4, 'the class to reach the core while it is held');
    await Promise.all([...class_, second].map((m) => fake.waitForAck(m.streamId)));
    // 甲's second message waits for 甲's first; the others did not wait for anyone.
    expect(engine.seen.slice(before).map((m) => m.messageId)).toEqual(class_.map((m) => m.msgId));
    engine.release();
    await fake.waitForPosted((p) => p.filter((x) => x.conversationId === 'cidClass').length === 5, 'five replies');
    expect(engine.seen.slice(before).map((m) => m.messageId)).toEqual([...class_, second].map((m) => m.msgId));
  });

  it('passes the identical msgId on every redelivery, so the core answers once', async () => {
    const { streamId, msgId } = fake.userSends({ conversationId: 'cidRe', senderNick: '王五', text: '签到' });
    await fake.waitForAck(streamId);
    for (let i = 0; i < 3; i++) fake.stream.redeliver(streamId);
    await eventually(() => engine.seen.filter((m) => m.messageId === msgId).length === 4, 'four deliveries handled');
    const copies = engine.seen.filter((m) => m.messageId === msgId);
    expect(new Set(copies.map((m) => JSON.stringify(m))).size).toBe(1);
    await fake.waitForPosted((p) => p.some((x) => x.conversationId === 'cidRe'));
    expect(fake.posted.filter((p) => p.conversationId === 'cidRe')).toHaveLength(1);
    // Every delivery, redeliveries included, was acked.
    await eventually(() => fake.stream.received.filter((r) => (r.frame as any)?.headers?.messageId === streamId).length === 4, 'four acks');
  });

  it('replies through the session webhook with a real @ of the sender', async () => {
    engine.setScript((m) => [say(`@${m.senderNick} 签到成功`, { mentions: [{ userId: m.senderId, name: m.senderNick }] })]);
    fake.userSends({ conversationId: 'cidAt', senderNick: '赵六', senderStaffId: 'staff-zl', text: '签到' });
    const [p] = await fake.waitForPosted((ps) => ps.some((x) => x.conversationId === 'cidAt')).then((ps) => ps.filter((x) => x.conversationId === 'cidAt'));
    expect(p).toMatchObject({ via: 'webhook', msgtype: 'text', text: '@staff-zl 签到成功', atUserIds: ['staff-zl'] });
  });

  it('sends markdown replies as markdown with a title', async () => {
    engine.setScript(() => [say('**公需** 30 学时', { format: 'markdown', title: '学时说明' })]);
    fake.userSends({ conversationId: 'cidMd', senderNick: '钱七', text: '帮助' });
    const ps = await fake.waitForPosted((x) => x.some((p) => p.conversationId === 'cidMd'));
    expect(ps.find((p) => p.conversationId === 'cidMd')).toMatchObject({ via: 'webhook', msgtype: 'markdown', title: '学时说明', text: '**公需** 30 学时' });
  });

  it('answers a picture with “请发送文字” without bothering the core', async () => {
    const before = engine.seen.length;
    fake.userSends({ conversationId: 'cidPic', senderNick: '孙八', senderStaffId: 'staff-sb', msgtype: 'picture' });
    const ps = await fake.waitForPosted((x) => x.some((p) => p.conversationId === 'cidPic'));
    expect(ps.find((p) => p.conversationId === 'cidPic')).toMatchObject({ text: `@staff-sb ${t.textOnly}`, atUserIds: ['staff-sb'] });
    expect(engine.seen.length).toBe(before);
  });

  it('uses the OpenAPI group send once the session webhook has expired, with a cached token', async () => {
    const tokenCalls = () => fake.calls.filter((c) => c.path === '/v1.0/oauth2/accessToken').length;
    const before = tokenCalls();
    engine.setScript((m) => [say(`@${m.senderNick} 已记录`, { mentions: [{ userId: m.senderId, name: m.senderNick }] })]);
    fake.userSends({ conversationId: 'cidOld', senderNick: '周九', text: '签到', webhookExpiresAt: Date.now() - 1_000 });
    fake.userSends({ conversationId: 'cidOld', senderNick: '吴十', text: '签到', webhookExpiresAt: Date.now() + 30_000 }); // inside the safety margin
    const ps = await fake.waitForPosted((x) => x.filter((p) => p.conversationId === 'cidOld').length === 2).then((x) => x.filter((p) => p.conversationId === 'cidOld'));
    expect(ps.map((p) => [p.via, p.text])).toEqual([
      ['groupSend', '@周九 已记录'],
      ['groupSend', '@吴十 已记录'],
    ]);
    expect(fake.calls.filter((c) => c.path === '/robot/sendBySession' && c.body?.text?.content?.includes('已记录'))).toHaveLength(0);
    expect(tokenCalls() - before).toBeLessThanOrEqual(1);
    const send = fake.calls.filter((c) => c.path === '/v1.0/robot/groupMessages/send').at(-1)!;
    expect(send.body).toMatchObject({ robotCode: fake.robotCode, openConversationId: 'cidOld', msgKey: 'sampleText' });
  });

  it('falls back to the OpenAPI when DingTalk says the webhook session is gone before its stated expiry', async () => {
    engine.hold();
    const { streamId } = fake.userSends({ conversationId: 'cidGone', senderNick: '郑一', text: '签到' });
    await fake.waitForAck(streamId);
    fake.expireSessions();
    engine.release();
    const ps = await fake.waitForPosted((x) => x.some((p) => p.conversationId === 'cidGone'));
    expect(ps.filter((p) => p.conversationId === 'cidGone').map((p) => p.via)).toEqual(['groupSend']);
    const tries = fake.calls.filter((c) => c.path === '/robot/sendBySession' && c.response?.errcode === 300001);
    expect(tries.length).toBeGreaterThanOrEqual(1);
  });

  it('sends private replies from a group by batchSend to the sender, and the group reply by webhook', async () => {
    engine.setScript((m) => [
      { target: 'private', format: 'text', text: '公需科目：2 / 30 学时' },
      say(`@${m.senderNick} 你的学时明细已私聊发给你`, { mentions: [{ userId: m.senderId, name: m.senderNick }] }),
    ]);
    fake.userSends({ conversationId: 'cidHours', senderNick: '冯二', senderStaffId: 'staff-fe', text: '我的学时' });
    await fake.waitForPosted((x) => x.some((p) => p.userIds?.includes('staff-fe')) && x.some((p) => p.conversationId === 'cidHours'));
    const priv = fake.posted.filter((p) => p.via === 'batchSend' && p.userIds?.includes('staff-fe'));
    expect(priv).toHaveLength(1);
    expect(priv[0].text).toBe('公需科目：2 / 30 学时');
    const grp = fake.posted.filter((p) => p.conversationId === 'cidHours');
    expect(grp.map((p) => [p.via, p.text])).toEqual([['webhook', '@staff-fe 你的学时明细已私聊发给你']]);
    expect(grp[0].text).not.toContain('30 学时');
  });

  it('tells an outside sender in the group that a private reply cannot reach them, instead of posting the details', async () => {
    engine.setScript(() => [{ target: 'private', format: 'text', text: '公需科目：2 / 30 学时' }]);
    fake.userSends({ conversationId: 'cidExt', senderNick: '陈三', senderStaffId: null, text: '我的学时' });
    const ps = await fake.waitForPosted((x) => x.some((p) => p.conversationId === 'cidExt'));
    const p = ps.find((x) => x.conversationId === 'cidExt')!;
    expect(p.text).toBe(t.privateUnreachable('陈三'));
    expect(fake.posted.some((x) => x.text.includes('30 学时') && x.conversationId === 'cidExt')).toBe(false);
  });

  it('answers a private chat in that chat', async () => {
    engine.setScript(() => [{ target: 'private', format: 'text', text: '明细' }]);
    const { body } = fake.userSends({ chat: 'private', senderNick: '褚四', senderStaffId: 'staff-cs', text: '我的学时' });
    const ps = await fake.waitForPosted((x) => x.some((p) => p.conversationId === body.conversationId));
    expect(ps.find((p) => p.conversationId === body.conversationId)).toMatchObject({ via: 'webhook', text: '明细' });
  });

  it('sends proactive messages through the OpenAPI: group send, or batchSend when private', async () => {
    const m = started.adapter.messenger;
    expect(m.platform).toBe('dingtalk');
    expect(await m.send({ platform: 'dingtalk', chatId: 'cidRemind', private: false, format: 'markdown', title: '提醒', text: '### 截止提醒\n纸质材料 11 月 25 日截止' })).toEqual({ ok: true });
    expect(await m.send({ platform: 'dingtalk', chatId: 'staff-behind', private: true, format: 'text', text: '你还差公需 28 学时' })).toEqual({ ok: true });
    expect(fake.posted.find((p) => p.conversationId === 'cidRemind')).toMatchObject({ via: 'groupSend', msgtype: 'markdown', title: '提醒' });
    expect(fake.posted.find((p) => p.userIds?.[0] === 'staff-behind')).toMatchObject({ via: 'batchSend', text: '你还差公需 28 学时' });
  });

  it('renews a token DingTalk no longer accepts, within the same send', async () => {
    fake.revokeTokens();
    const r = await started.adapter.messenger.send({ platform: 'dingtalk', chatId: 'cidTok', private: false, format: 'text', text: '令牌轮换后' });
    expect(r).toEqual({ ok: true });
    const calls = fake.calls.filter((c) => c.path === '/v1.0/robot/groupMessages/send' && c.body.openConversationId === 'cidTok');
    expect(calls.map((c) => c.status)).toEqual([401, 200]);
  });

  it('retries a 5xx and delivers the message once', async () => {
    fake.failNext('/v1.0/robot/groupMessages/send', 2, 503);
    const r = await started.adapter.messenger.send({ platform: 'dingtalk', chatId: 'cid5xx', private: false, format: 'text', text: '服务端错误后重试' });
    expect(r).toEqual({ ok: true });
    expect(fake.posted.filter((p) => p.conversationId === 'cid5xx')).toHaveLength(1);
    expect(fake.calls.filter((c) => c.path === '/v1.0/robot/groupMessages/send').slice(-3).map((c) => c.status)).toEqual([503, 503, 200]);
  });

  it('does not resend when the connection is cut after DingTalk got the request (delivery unknown), and keeps it for the admin', async () => {
    fake.failNext('/v1.0/robot/groupMessages/send', 1, 0);
    const r = await started.adapter.messenger.send({ platform: 'dingtalk', chatId: 'cidCut', private: false, format: 'text', text: '连接中断' });
    expect(r.ok).toBe(false);
    expect(fake.calls.filter((c) => c.path === '/v1.0/robot/groupMessages/send' && c.body?.openConversationId === 'cidCut')).toHaveLength(1);
    expect(started.failed.rows.find((x) => x.chatId === 'cidCut')!.reason).toContain('delivery unknown');
  });

  it('keeps a message that finally fails, with the reason, for the admin', async () => {
    fake.failNext('/v1.0/robot/groupMessages/send', 1, 400, { code: 'param.invalid', message: 'bad conversation' });
    const r = await started.adapter.messenger.send({ platform: 'dingtalk', chatId: 'cidBad', private: false, format: 'text', text: '无法送达的提醒' });
    expect(r.ok).toBe(false);
    const row = started.failed.rows.find((x) => x.chatId === 'cidBad')!;
    expect(row).toMatchObject({ platform: 'dingtalk', private: false, text: '无法送达的提醒', attempts: 1 });
    expect(row.reason).toContain('param.invalid');
    expect(JSON.stringify(started.log.lines)).not.toContain(fake.clientSecret);
  });
});

describe('DingTalk adapter when the OpenAPI host is unreachable', () => {
  it('retries while the connection is refused (nothing was sent), then records the message', async () => {
    const fake = await startFakeDingTalk();
    // Gateway on the fake, OpenAPI on a port where nothing listens.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const deadPort = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const engine = new ScriptEngine();
    const failed = memoryFailedStore();
    const config = loadConfig({ ...fake.env(), DINGTALK_API_BASE: `http://127.0.0.1:${deadPort}`, LOG_LEVEL: 'silent' });
    const adapter = await startDingTalk({ config, engine, failed, log: memoryLogger(), tuning: { ...fastTuning, retry: { baseMs: 5, factor: 2, capMs: 20, maxAttempts: 4 } } });
    try {
      await adapter.ready();
      const r = await adapter.messenger.send({ platform: 'dingtalk', chatId: 'cidX', private: false, format: 'text', text: '到不了' });
      expect(r.ok).toBe(false);
      expect(failed.rows[0]).toMatchObject({ attempts: 4 });
      expect(failed.rows[0].reason).toMatch(/ECONNREFUSED.*gave up after 4 attempts/);
      expect(adapter.status().outbox).toMatchObject({ retries: 3, failed: 1 });
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});
