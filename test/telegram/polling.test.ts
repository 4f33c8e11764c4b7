import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTelegram, type TelegramAdapter } from '../../bot/telegram/index.ts';
import { chat as chatText } from '../../core/locales/zh-CN/index.ts';
import { telegram as t } from '../../core/locales/zh-CN/telegram.ts';
import { failedMessageStore } from '../../db/stores/failed-messages.ts';
import type { Database } from '../../db/types.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { testDatabase } from '../support/db.ts';
import { RecordingLogger, ScriptEngine, telegramConfig, TOKEN } from './support.ts';

/** The real grammY bot, long polling through @grammyjs/runner, against the fake Bot API. */

const GROUP = -100_111;
const MEMBER = 501; // an ordinary member with a member tag
const ADMIN = 502; // a group administrator
const NEWBIE = 503; // never opened a private chat with the bot
const ODD = 504; // a name full of characters that break Markdown and HTML
const ODD_NAME = '<b>_*[]()~`>#+-=|{}.!\\ & "Bob" &amp;';

describe('Telegram adapter, long polling', () => {
  let fake: FakeTelegram;
  let db: Database;
  let engine: ScriptEngine;
  let log: RecordingLogger;
  let tg: TelegramAdapter;

  beforeAll(async () => {
    db = await testDatabase();
    fake = new FakeTelegram({ token: TOKEN });
    await fake.listen();
    fake.addGroup({ id: GROUP, title: '初级培训群' });
    fake.addUser({ id: MEMBER, first_name: 'Zhang', last_name: 'San', username: 'zhangsan' });
    fake.addUser({ id: ADMIN, first_name: '王老师' });
    fake.addUser({ id: NEWBIE, first_name: '新', last_name: '同学' });
    fake.addUser({ id: ODD, first_name: ODD_NAME });
    fake.setMember(GROUP, MEMBER, 'member', { tag: '张三-网信办' });
    fake.setMember(GROUP, ADMIN, 'administrator');
    fake.setMember(GROUP, NEWBIE, 'member');
    fake.setMember(GROUP, ODD, 'member');
    fake.startPrivate(MEMBER);
    fake.startPrivate(ODD);
    engine = new ScriptEngine();
    log = new RecordingLogger();
    tg = await createTelegram({
      config: telegramConfig({ TELEGRAM_API_ROOT: fake.apiRoot }),
      engine,
      failed: failedMessageStore(db.db),
      log,
      // Roomy budgets: this file is about mapping and routing; budget.test.ts holds the budget to account.
      limits: { retry: { baseMs: 50, capMs: 200 }, pollTimeoutSec: 5, private: { max: 20, windowMs: 1000 }, group: { max: 100, windowMs: 60_000 } },
    });
    await tg.start();
  });

  afterAll(async () => {
    await tg?.stop();
    await fake?.close();
    await db?.close();
  });

  beforeEach(() => {
    engine.seen.length = 0;
    engine.joins.length = 0;
  });

  const repliesTo = (chatId: number, n: number) => fake.waitFor(() => fake.sentTo(chatId).length >= n && fake.sentTo(chatId), `${n} message(s) in ${chatId}`);

  it('polls with allowed_updates that include chat_member, after removing any webhook', async () => {
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    const [poll] = await fake.waitFor(() => fake.parkedPolls().length > 0 && fake.parkedPolls(), 'a long poll');
    expect(poll.allowed_updates).toEqual(expect.arrayContaining(['message', 'chat_member', 'callback_query']));
    expect(tg.status()).toEqual({ mode: 'polling', connected: true });
  });

  it('passes /checkin@bot to the core as /checkin, with the member tag as the name and the update id as message id', async () => {
    const before = fake.sentTo(GROUP).length;
    const u = fake.textMessage(GROUP, MEMBER, '/checkin@ce_test_bot', { sender_tag: '张三-网信办' });
    await repliesTo(GROUP, before + 1);
    expect(engine.seen).toHaveLength(1);
    expect(engine.seen[0]).toMatchObject({
      platform: 'telegram',
      chatId: String(GROUP),
      chatType: 'group',
      chatTitle: '初级培训群',
      senderId: String(MEMBER),
      senderNick: '张三-网信办',
      senderIsAdmin: false,
      text: '/checkin',
      messageId: String(u.update_id),
    });
    const reply = fake.sentTo(GROUP).at(-1)!;
    expect(reply.text).toBe('张三-网信办 收到“/checkin”');
    expect(reply.entities).toEqual([{ type: 'text_mention', offset: 0, length: 6, user: expect.objectContaining({ id: MEMBER }) }]);
    expect(reply.raw.reply_parameters).toMatchObject({ message_id: (u.message as any).message_id });
  });

  it('strips @botname around Chinese command words, falls back to first + last name, and ignores chatter and other bots', async () => {
    fake.setMember(GROUP, MEMBER, 'member'); // tag removed: the name is first + last
    const before = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, MEMBER, '大家好，今天几点上课？');
    fake.textMessage(GROUP, MEMBER, '/checkin@other_bot');
    fake.textMessage(GROUP, MEMBER, '@ce_test_bot 签到');
    fake.textMessage(GROUP, MEMBER, '我的学时 @CE_Test_Bot');
    await repliesTo(GROUP, before + 2);
    expect(engine.seen.map((m) => m.text)).toEqual(['签到', '我的学时']);
    expect(engine.seen[0].senderNick).toBe('Zhang San');
  });

  it('asks getChatMember for the admin flag, and caches it briefly', async () => {
    const calls = fake.callsOf('getChatMember').filter((c) => Number(c.params.user_id) === ADMIN).length;
    const before = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, ADMIN, '/checkin');
    fake.textMessage(GROUP, ADMIN, '/checkin');
    await repliesTo(GROUP, before + 2);
    expect(engine.seen.map((m) => m.senderIsAdmin)).toEqual([true, true]);
    expect(fake.sentTo(GROUP).at(-1)!.text).toContain('（管理员）');
    expect(fake.callsOf('getChatMember').filter((c) => Number(c.params.user_id) === ADMIN).length).toBe(calls + 1);
  });

  it('delivers a name full of Markdown and HTML special characters intact, as a real mention', async () => {
    const before = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, ODD, '/checkin');
    const [reply] = (await repliesTo(GROUP, before + 1)).slice(before);
    expect(engine.seen[0].senderNick).toBe(ODD_NAME);
    expect(reply.text).toBe(`${ODD_NAME} 收到“/checkin”`);
    expect(reply.entities[0]).toMatchObject({ type: 'text_mention', offset: 0, length: ODD_NAME.length, user: { id: ODD } });
    // Private markdown detail with the same name, escaped by the core as markdown: intact too.
    const privBefore = fake.sentTo(ODD).length;
    fake.textMessage(GROUP, ODD, '/hours');
    await repliesTo(GROUP, before + 2); // the group acknowledgement goes out after the private detail
    const [detail] = fake.sentTo(ODD).slice(privBefore);
    expect(detail.text.split('\n')[0]).toBe(`${ODD_NAME} 的学时`);
    expect(detail.entities[0]).toMatchObject({ type: 'bold', offset: 0, length: ODD_NAME.length });
  });

  it('sends private details to the private chat and acknowledges in the group', async () => {
    const g = fake.sentTo(GROUP).length;
    const p = fake.sentTo(MEMBER).length;
    fake.textMessage(GROUP, MEMBER, '@ce_test_bot 我的学时');
    await repliesTo(GROUP, g + 1);
    const detail = fake.sentTo(MEMBER).slice(p);
    expect(detail).toHaveLength(1);
    expect(detail[0].chat.type).toBe('private');
    expect(detail[0].text).toBe('Zhang San 的学时\n• 公需：10 学时\n• 专业：20 学时');
    expect(fake.sentTo(GROUP).slice(g).map((m) => m.text)).toEqual(['Zhang San 你的学时明细已私聊发给你。']);
  });

  it('tells someone who never started the bot, in the group, to open a private chat first', async () => {
    const g = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, NEWBIE, '/hours');
    const sent = (await repliesTo(GROUP, g + 2)).slice(g);
    const refused = fake.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) === NEWBIE);
    expect(refused.map((c) => c.response.description)).toEqual(["Forbidden: bot can't initiate conversation with a user"]);
    expect(sent.map((m) => m.text)).toEqual(['新 同学 你的学时明细已私聊发给你。', t.openPrivateChatFirst('新 同学', 'ce_test_bot').replace('@新 同学', '新 同学')]);
    expect(sent[1].entities[0]).toMatchObject({ type: 'text_mention', user: { id: NEWBIE } });
    // Not lost silently: the undelivered detail is kept for the admin.
    await expect
      .poll(async () => (await failedMessageStore(db.db).list()).find((f) => f.chatId === String(NEWBIE)))
      .toMatchObject({ platform: 'telegram', private: true, reason: expect.stringContaining('403') });
  });

  it('greets a newcomer once, although Telegram reports the join twice', async () => {
    const g = fake.sentTo(GROUP).length;
    fake.addUser({ id: 505, first_name: '古丽娜尔', last_name: '吐尔逊' });
    fake.join(GROUP, 505, { tag: '古丽娜尔' });
    fake.textMessage(GROUP, MEMBER, '/checkin'); // a later update by someone else: it does not wait for the join
    await repliesTo(GROUP, g + 2);
    expect(engine.joins).toHaveLength(1);
    expect(engine.joins[0]).toMatchObject({ platform: 'telegram', chatId: String(GROUP), userId: '505', nick: '古丽娜尔' });
    const greetings = fake.sentTo(GROUP).slice(g).filter((m) => m.entities?.[0]?.user?.id === 505);
    expect(greetings).toHaveLength(1);
    const greeting = greetings[0];
    expect(greeting.text).toBe('古丽娜尔 欢迎加入，请把群内名称改为真实姓名。');
    expect(greeting.entities[0]).toMatchObject({ type: 'text_mention', user: { id: 505 } });
  });

  it('passes a re-delivered update with the identical message id (the core dedupes on it)', async () => {
    const g = fake.sentTo(GROUP).length;
    // Telegram hands an update out again when it was not confirmed; here the copy lands in the same batch.
    const u = { ...fake.textUpdate(GROUP, MEMBER, '/checkin'), update_id: fake.allocateUpdateId() };
    fake.pushUpdates([u, structuredClone(u)]);
    await repliesTo(GROUP, g + 2);
    expect(engine.seen.map((m) => m.messageId)).toEqual([String(u.update_id), String(u.update_id)]);
    expect(engine.seen[0]).toEqual(engine.seen[1]);
  });

  it('retries a 429 with retry_after 1 once and delivers the message once', async () => {
    const g = fake.sentTo(GROUP).length;
    const calls = fake.callsOf('sendMessage').length;
    fake.failNext('sendMessage', { error_code: 429, retry_after: 1 });
    fake.textMessage(GROUP, MEMBER, '/checkin');
    await repliesTo(GROUP, g + 1);
    const attempts = fake.callsOf('sendMessage').slice(calls);
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[0].params.text).toBe(attempts[1].params.text);
    expect(fake.sentTo(GROUP).slice(g)).toHaveLength(1);
  });

  it('retries a 5xx with backoff and delivers once', async () => {
    const g = fake.sentTo(GROUP).length;
    const calls = fake.callsOf('sendMessage').length;
    fake.failNext('sendMessage', { error_code: 502, raw: '<html>502 Bad Gateway</html>' });
    fake.failNext('sendMessage', { error_code: 500 });
    fake.textMessage(GROUP, MEMBER, '/checkin');
    await repliesTo(GROUP, g + 1);
    expect(fake.callsOf('sendMessage').slice(calls).map((c) => c.status)).toEqual([502, 500, 200]);
    expect(fake.sentTo(GROUP).slice(g)).toHaveLength(1);
  });

  it('logs a handler that throws and keeps polling', async () => {
    const g = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, MEMBER, '@ce_test_bot boom');
    fake.textMessage(GROUP, MEMBER, '/checkin');
    await repliesTo(GROUP, g + 1);
    expect(log.at('error').some((e) => e.msg === 'telegram update handling failed' && JSON.stringify(e.obj).includes('handler exploded on purpose'))).toBe(true);
  });

  it('answers a sticker in a private chat with a text-only hint', async () => {
    const p = fake.sentTo(MEMBER).length;
    fake.pushUpdate({ message: fake.buildMessage(MEMBER, MEMBER, { sticker: { file_id: 'x', file_unique_id: 'x', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } }) });
    const [hint] = (await fake.waitFor(() => fake.sentTo(MEMBER).length > p && fake.sentTo(MEMBER), 'hint')).slice(p);
    expect(hint.text).toBe(chatText.nonText);
  });

  it('maps private messages (the /start of a new private chat too) to private IncomingMessages', async () => {
    const p = fake.sentTo(MEMBER).length;
    fake.textMessage(MEMBER, MEMBER, '/start');
    fake.textMessage(MEMBER, MEMBER, '我的学时');
    await fake.waitFor(() => fake.sentTo(MEMBER).length >= p + 3, 'private replies');
    expect(engine.seen.map((m) => [m.chatType, m.chatId, m.text, m.senderIsAdmin])).toEqual([
      ['private', String(MEMBER), '/start', false],
      ['private', String(MEMBER), '我的学时', false],
    ]);
  });

  it('turns a button press into the command it carries', async () => {
    const g = fake.sentTo(GROUP).length;
    const msg = fake.sentTo(GROUP)[0];
    fake.pushUpdate({ callback_query: { id: 'cb1', from: fake.user(MEMBER), chat_instance: 'ci', data: '签到', message: { message_id: msg.message_id, chat: msg.chat, date: 0, text: msg.text } } });
    await repliesTo(GROUP, g + 1);
    expect(fake.callsOf('answerCallbackQuery').at(-1)!.params.callback_query_id).toBe('cb1');
    expect(engine.seen[0]).toMatchObject({ text: '签到', senderId: String(MEMBER), chatType: 'group' });
  });

  it('treats an anonymous admin (writing as the group) as admin, and never posts private details in the group', async () => {
    const anon = fake.addUser({ id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' });
    const g = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, anon.id, '/hours', { sender_chat: fake.chat(GROUP), sender_tag: '培训中心' });
    fake.textMessage(GROUP, MEMBER, '/checkin'); // answered after the anonymous one
    const sent = (await repliesTo(GROUP, g + 2)).slice(g);
    expect(engine.seen[0]).toMatchObject({ senderId: String(GROUP), senderNick: '培训中心', senderIsAdmin: true, text: '/hours' });
    expect(sent.map((m) => m.text)).toEqual(['培训中心 你的学时明细已私聊发给你。', 'Zhang San 收到“/checkin”']);
    expect(log.at('warn').some((e) => e.msg === 'private reply to an anonymous group admin dropped')).toBe(true);
  });

  it('answers inside the forum topic the message came from', async () => {
    const g = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, MEMBER, '/checkin', { is_topic_message: true, message_thread_id: 77 });
    const [reply] = (await repliesTo(GROUP, g + 1)).slice(g);
    expect(reply.raw.message_thread_id).toBe(77);
  });

  it('reports itself disconnected while getUpdates fails, and recovers without losing the update', async () => {
    fake.failNext('getUpdates', { error_code: 502, raw: '<html>502 Bad Gateway</html>' });
    const g = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, MEMBER, '/checkin'); // answers the parked poll; the next poll fails
    await fake.waitFor(() => !tg.status().connected, 'disconnected');
    fake.textMessage(GROUP, MEMBER, '/checkin');
    await repliesTo(GROUP, g + 2);
    expect(tg.status().connected).toBe(true);
    expect(log.at('warn').some((e) => JSON.stringify(e.obj).includes('getUpdates'))).toBe(true);
    expect(log.text()).not.toContain(TOKEN.split(':')[1]); // failures are logged, the token never
  });

  it('sends proactive messages through the messenger, markdown rendered', async () => {
    const g = fake.sentTo(GROUP).length;
    const r = await tg.messenger.send({ platform: 'telegram', chatId: String(GROUP), private: false, format: 'markdown', text: '### 报名截止提醒\n报名 **10月5日** 截止，详见 [平台](http://www.xjzcsq.com)' });
    expect(r).toEqual({ ok: true });
    const [m] = fake.sentTo(GROUP).slice(g);
    expect(m.text).toBe('报名截止提醒\n报名 10月5日 截止，详见 平台');
    expect(m.entities.map((e) => e.type)).toEqual(['bold', 'bold', 'text_link']);
    const bad = await tg.messenger.send({ platform: 'telegram', chatId: String(NEWBIE), private: true, format: 'text', text: '你还差 20 学时' });
    expect(bad.ok).toBe(false);
  });
});
