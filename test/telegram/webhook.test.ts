import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from '../../bot/http/server.ts';
import { createTelegram, type TelegramAdapter } from '../../bot/telegram/index.ts';
import { failedMessageStore } from '../../db/stores/failed-messages.ts';
import type { Database } from '../../db/types.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { testDatabase } from '../support/db.ts';
import { freePort, RecordingLogger, ScriptEngine, telegramConfig, TOKEN } from './support.ts';

/**
 * Webhook mode: the fake Bot API POSTs updates to our real fastify server, whose route is grammY's
 * webhookCallback; the bot answers through the fake. Everything over loopback HTTP.
 */

const GROUP = -100_222;
const USER = 601;
const SECRET = 'wh_secret-0123456789';

describe('Telegram adapter, webhook on the fastify server', () => {
  let fake: FakeTelegram;
  let db: Database;
  let server: FastifyInstance;
  let engine: ScriptEngine;
  let log: RecordingLogger;
  let tg: TelegramAdapter;
  let hookUrl: string;

  beforeAll(async () => {
    db = await testDatabase();
    fake = new FakeTelegram({ token: TOKEN, webhookRetryMs: 50 });
    await fake.listen();
    fake.addGroup({ id: GROUP, title: '中级培训群' });
    fake.addUser({ id: USER, first_name: '黄', last_name: '敏' });
    fake.setMember(GROUP, USER, 'member');
    const port = await freePort();
    hookUrl = `http://127.0.0.1:${port}/telegram/hook`;
    server = createServer({ logLevel: 'silent' });
    engine = new ScriptEngine();
    log = new RecordingLogger();
    tg = await createTelegram({
      config: telegramConfig({ TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_WEBHOOK_URL: hookUrl, TELEGRAM_WEBHOOK_SECRET: SECRET }),
      engine,
      failed: failedMessageStore(db.db),
      log,
      app: server,
    });
    await server.listen({ port, host: '127.0.0.1' });
    await tg.start();
  });

  afterAll(async () => {
    await tg?.stop();
    await server?.close();
    await fake?.close();
    await db?.close();
  });

  beforeEach(() => {
    engine.seen.length = 0;
  });

  const post = (body: unknown, secret?: string) =>
    fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== undefined ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });

  it('sets the webhook with its secret and allowed_updates including chat_member, and never polls', () => {
    const [set] = fake.callsOf('setWebhook');
    expect(set.params).toMatchObject({ url: hookUrl, secret_token: SECRET });
    expect(set.params.allowed_updates).toEqual(expect.arrayContaining(['message', 'chat_member']));
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
    expect(tg.status()).toEqual({ mode: 'webhook', connected: true });
  });

  it('handles updates Telegram pushes to the webhook and answers 200', async () => {
    const g = fake.sentTo(GROUP).length;
    const u = fake.textMessage(GROUP, USER, '/checkin@ce_test_bot');
    await fake.waitFor(() => fake.sentTo(GROUP).length > g && fake.webhookDeliveries.some((d) => d.update_id === u.update_id), 'reply and answer');
    expect(fake.webhookDeliveries.filter((d) => d.update_id === u.update_id).map((d) => d.status)).toEqual([200]);
    expect(engine.seen[0]).toMatchObject({ text: '/checkin', senderNick: '黄 敏', messageId: String(u.update_id) });
    expect(fake.sentTo(GROUP).at(-1)!.text).toBe('黄 敏 收到“/checkin”');
  });

  it('answers 401 to a request without the secret or with a wrong one, and does nothing', async () => {
    const sends = fake.callsOf('sendMessage').length;
    const body = { update_id: 42, message: fake.buildMessage(GROUP, USER, { text: '/checkin', entities: [{ type: 'bot_command', offset: 0, length: 8 }] }) };
    const none = await post(body);
    const wrong = await post(body, 'not-the-secret');
    const almost = await post(body, SECRET.slice(0, -1));
    expect([none.status, wrong.status, almost.status]).toEqual([401, 401, 401]);
    // Send a real one after them: once it is answered, the refused ones have certainly had no effect.
    const g = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, USER, '/checkin');
    await fake.waitFor(() => fake.sentTo(GROUP).length > g, 'the real reply');
    expect(engine.seen.map((m) => m.messageId)).not.toContain('42');
    expect(fake.callsOf('sendMessage').length).toBe(sends + 1);
    expect(log.text()).not.toContain(SECRET);
    expect(log.text()).not.toContain(TOKEN.split(':')[1]);
  });

  it('still answers 200 when the handler throws, and logs the error', async () => {
    const u = fake.textMessage(GROUP, USER, '@ce_test_bot boom');
    await fake.waitFor(() => fake.webhookDeliveries.some((d) => d.update_id === u.update_id), 'the delivery');
    expect(fake.webhookDeliveries.filter((d) => d.update_id === u.update_id).map((d) => d.status)).toEqual([200]);
    const err = log.at('error').find((e) => e.msg === 'telegram update handling failed');
    expect(err?.obj).toMatchObject({ update_id: u.update_id, err: 'handler exploded on purpose' });
  });

  it('passes the same update posted twice with the identical message id', async () => {
    const g = fake.sentTo(GROUP).length;
    const body = { update_id: 777_001, message: fake.buildMessage(GROUP, USER, { text: '/checkin', entities: [{ type: 'bot_command', offset: 0, length: 8 }] }) };
    expect((await post(body, SECRET)).status).toBe(200);
    expect((await post(body, SECRET)).status).toBe(200);
    expect(engine.seen.map((m) => m.messageId)).toEqual(['777001', '777001']);
    expect(engine.seen[0]).toEqual(engine.seen[1]);
    expect(fake.sentTo(GROUP).length).toBe(g + 2); // the script engine answers both; the product engine dedupes
  });

  it('receives chat_member joins (asked for in allowed_updates) and greets once', async () => {
    const g = fake.sentTo(GROUP).length;
    fake.addUser({ id: 602, first_name: '周', last_name: '杰' });
    fake.join(GROUP, 602);
    await fake.waitFor(() => fake.sentTo(GROUP).length > g && fake.pendingUpdates() === 0, 'the greeting');
    expect(engine.joins.map((j) => j.userId)).toEqual(['602']);
    expect(fake.sentTo(GROUP).slice(g).map((m) => m.text)).toEqual(['周 杰 欢迎加入，请把群内名称改为真实姓名。']);
  });

  it('stops without deleting the webhook, so Telegram keeps updates for the next start', async () => {
    await tg.stop();
    expect(tg.status()).toEqual({ mode: 'webhook', connected: false });
    expect(fake.webhookInfo()?.url).toBe(hookUrl);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(0);
  });
});
