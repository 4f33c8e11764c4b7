import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegram, type TelegramAdapter } from '../../bot/telegram/index.ts';
import { GROUP_BUDGET } from '../../bot/telegram/outbox.ts';
import { failedMessageStore } from '../../db/stores/failed-messages.ts';
import type { Database } from '../../db/types.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { testDatabase } from '../support/db.ts';
import { RecordingLogger, ScriptEngine, telegramConfig, TOKEN } from './support.ts';

/**
 * The per-group budget: a burst larger than Telegram's group limit is spread out instead of being
 * refused. Telegram's minute is scaled down to 3 s (on both sides) so the test stays short.
 */
const GROUP = -100_333;
const WINDOW = { count: 20, windowMs: 3_000 };

describe('Telegram per-group send budget', () => {
  let fake: FakeTelegram;
  let db: Database;
  let tg: TelegramAdapter;

  beforeAll(async () => {
    db = await testDatabase();
    fake = new FakeTelegram({ token: TOKEN, groupLimit: WINDOW });
    await fake.listen();
    fake.addGroup({ id: GROUP, title: '副高级培训群' });
    tg = await createTelegram({
      config: telegramConfig({ TELEGRAM_API_ROOT: fake.apiRoot }),
      engine: new ScriptEngine(),
      failed: failedMessageStore(db.db),
      log: new RecordingLogger(),
      limits: { group: { max: WINDOW.count, windowMs: WINDOW.windowMs }, pollTimeoutSec: 1 },
    });
  });

  afterAll(async () => {
    await tg?.stop();
    await fake?.close();
    await db?.close();
  });

  it('uses Telegram’s 20 messages a minute per group in production', () => {
    expect(GROUP_BUDGET).toEqual({ max: 20, windowMs: 60_000 });
  });

  it('delivers a burst of 25 to one group with no 429, all once and in order', async () => {
    const texts = Array.from({ length: 25 }, (_, i) => `第 ${i + 1} 条提醒`);
    const results = await Promise.all(texts.map((text) => tg.messenger.send({ platform: 'telegram', chatId: String(GROUP), private: false, format: 'text', text })));
    expect(results.every((r) => r.ok)).toBe(true);
    const calls = fake.callsOf('sendMessage');
    expect(calls.filter((c) => c.status === 429)).toHaveLength(0);
    expect(fake.sentTo(GROUP).map((m) => m.text)).toEqual(texts);
  });
});
