import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegram, type TelegramAdapter } from '../../bot/telegram/index.ts';
import { chat as t } from '../../core/locales/zh-CN/index.ts';
import { telegram as tt } from '../../core/locales/zh-CN/telegram.ts';
import { attendance } from '../../db/schema/index.ts';
import { FakeTelegram, type SentMessage } from '../fakes/telegram/server.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { freePort, TOKEN } from './support.ts';

/**
 * The product conversation end to end on Telegram: fake Bot API ↔ real grammY ↔ real fastify
 * (webhook) or runner (polling) ↔ real chat engine ↔ real database with the demo roster.
 */

const GROUP = -100_500;
const ADMIN = 701; // group administrator, not on the roster
const LINA = 702; // roster 李娜 (初级), member tag 李娜, has started the bot
const STRANGER = 703; // shows as 小明同学: not a roster name
const WANGFANG = 704; // roster 王芳 (初级), never opened a private chat with the bot

/** What a user sees: each mention's first "@name" (or name) is the mention itself, without the "@". */
function shown(text: string, mentioned: string[] = []): string {
  for (const name of mentioned) text = text.includes(`@${name}`) ? text.replace(`@${name}`, name) : text.includes(name) ? text : `${name} ${text}`;
  return text;
}

describe.each(['webhook', 'polling'] as const)('Telegram conversation (%s)', (mode) => {
  let app: TestApp;
  let fake: FakeTelegram;
  let tg: TelegramAdapter;

  beforeAll(async () => {
    fake = new FakeTelegram({ token: TOKEN, webhookRetryMs: 50 });
    await fake.listen();
    fake.addGroup({ id: GROUP, title: '初级培训群' });
    fake.addUser({ id: ADMIN, first_name: '培训中心', last_name: '王老师' });
    fake.addUser({ id: LINA, first_name: 'Na', last_name: 'Li' });
    fake.addUser({ id: STRANGER, first_name: '小明同学' });
    fake.addUser({ id: WANGFANG, first_name: 'Fang', last_name: 'Wang' });
    fake.setMember(GROUP, ADMIN, 'creator');
    fake.setMember(GROUP, LINA, 'member', { tag: '李娜' });
    fake.setMember(GROUP, STRANGER, 'member');
    fake.setMember(GROUP, WANGFANG, 'member', { tag: '王芳' });
    fake.startPrivate(LINA);

    const port = await freePort();
    const env: Record<string, string> = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot };
    if (mode === 'webhook') Object.assign(env, { TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/tg/hook`, TELEGRAM_WEBHOOK_SECRET: 'e2e-secret' });
    app = await startTestApp({ env, policy: null });
    tg = await createTelegram({
      config: app.app.config,
      engine: app.app.engine,
      failed: app.app.stores.failed,
      log: app.app.log,
      app: app.app.server,
      limits: { pollTimeoutSec: 5 },
    });
    await app.app.server.listen({ port, host: '127.0.0.1' });
    await tg.start();
  });

  afterAll(async () => {
    await tg?.stop();
    await app?.close();
    await fake?.close();
  });

  /** Someone writes in the group; resolves with the group messages the bot sent in answer. */
  async function say(from: number, text: string, n: number, extra: Record<string, unknown> = {}): Promise<SentMessage[]> {
    const before = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, from, text, extra);
    return (await fake.waitFor(() => fake.sentTo(GROUP).length >= before + n && fake.sentTo(GROUP), `${n} answer(s) to “${text}”`)).slice(before);
  }
  const texts = (ms: SentMessage[]) => ms.map((m) => m.text);
  const attendanceRows = () => app.db.db.select().from(attendance);
  const sessions = () => app.app.stores.ledger.listSessions(app.app.campaign.id);

  it('an administrator binds the group to its level (admin flag from getChatMember)', async () => {
    expect(texts(await say(ADMIN, '/level@ce_test_bot 初级', 1))).toEqual([t.groupBound('初级')]);
  });

  it('a non-compliant name is warned with the rename steps and the check-in is refused', async () => {
    const answer = await say(STRANGER, '@ce_test_bot 签到', 1);
    const warning = `${t.nicknameNotInRoster('小明同学')}\n${t.renameStakes}\n${t.renameSteps('telegram')}`;
    expect(texts(answer).join('\n')).toBe(shown(`${warning}\n${t.checkinRefusedNickname}`, ['小明同学']));
    expect(answer[0].entities[0]).toMatchObject({ type: 'text_mention', user: { id: STRANGER } });
    expect(await attendanceRows()).toEqual([]);
  });

  it('a compliant member tag checks in; the same update delivered twice is recorded once and answered once', async () => {
    const u = { ...fake.textUpdate(GROUP, LINA, '/checkin', { sender_tag: '李娜' }), update_id: fake.allocateUpdateId() };
    const before = fake.sentTo(GROUP).length;
    fake.pushUpdates([u, structuredClone(u)]);
    // A later message from the same person: once it is answered, both copies have been handled.
    const later = await say(LINA, '签到', 2, { sender_tag: '李娜' });
    const answers = fake.sentTo(GROUP).slice(before);
    expect(answers).toHaveLength(2);
    expect(answers[0].text).toBe(
      shown(
        [
          t.checkinOk('李娜', '网络安全专业课（演示）', 'professional', t.checkinCredit(3)),
          t.checkinOk('李娜', '公需课：数字经济概论（演示）', 'public', t.checkinCredit(2)),
          t.runningTotal(2, 3, 5),
        ].join('\n'),
        ['李娜'],
      ),
    );
    expect(answers[0].entities[0]).toMatchObject({ type: 'text_mention', user: { id: LINA } });
    expect(later.at(-1)!.text).toContain('你已签到过');
    expect(await attendanceRows()).toHaveLength(2); // one per open session, not four
  });

  it('an administrator opens a session; a trainee trying the same is refused and audited', async () => {
    const opened = await say(ADMIN, '开课 网络安全导论 专业 2', 1);
    expect(opened[0].text).toMatch(/^已开课 #\d+：网络安全导论（专业，2 学时）/);
    const refused = await say(LINA, '@ce_test_bot 开课 网络安全导论 专业 2', 1, { sender_tag: '李娜' });
    expect(texts(refused)).toEqual([shown(t.adminOnly('开课'), ['李娜'])]);
    expect((await sessions()).filter((s) => s.title === '网络安全导论')).toHaveLength(1);
    const audit = await app.app.stores.audit.list({ action: 'refused.open' });
    expect(audit.map((a) => a.actor)).toEqual([`telegram:${LINA} 李娜`]);
  });

  it('我的学时 sends the details privately and only acknowledges in the group', async () => {
    const p = fake.sentTo(LINA).length;
    const ack = await say(LINA, '我的学时', 1, { sender_tag: '李娜' }); // a bare command word, nobody @-ed
    expect(texts(ack)).toEqual([shown(t.hoursSentPrivately('李娜'), ['李娜'])]);
    const [detail] = fake.sentTo(LINA).slice(p);
    expect(detail.chat.type).toBe('private');
    expect(detail.text.split('\n')[0]).toBe(t.hoursTitle('李娜', 2021));
    expect(detail.text).toContain('专业科目：3 / 60 学时');
  });

  it('我的学时 from someone who never started the bot: the group is told to open a private chat first', async () => {
    const answer = await say(WANGFANG, '/hours', 2, { sender_tag: '王芳' });
    expect(texts(answer)).toEqual([shown(t.hoursSentPrivately('王芳'), ['王芳']), shown(tt.openPrivateChatFirst('王芳', 'ce_test_bot'), ['王芳'])]);
    await expect.poll(async () => (await app.app.stores.failed.list()).filter((f) => f.chatId === String(WANGFANG))).toHaveLength(1);
  });

  it('group chatter that is not addressed to the bot gets no answer', async () => {
    const before = fake.sentTo(GROUP).length;
    fake.textMessage(GROUP, STRANGER, '大家好，今天几点上课？');
    await say(ADMIN, '/stats', 1);
    expect(fake.sentTo(GROUP).length).toBe(before + 1);
  });

  it('a newcomer is greeted once with the real-name rule; one already named correctly without the steps', async () => {
    fake.addUser({ id: 705, first_name: 'Tom' });
    fake.addUser({ id: 706, first_name: 'Yang', last_name: 'Liu' });
    const before = fake.sentTo(GROUP).length;
    fake.join(GROUP, 705);
    fake.join(GROUP, 706, { tag: '刘洋' });
    await say(ADMIN, '/stats', 3);
    // Different people are handled in parallel: the greetings and the /stats answer come in any order.
    const userOf = (m: SentMessage) => m.entities?.[0]?.user?.id ?? 0;
    const greetings = fake
      .sentTo(GROUP)
      .slice(before)
      .filter((m) => [705, 706].includes(userOf(m)))
      .sort((a, b) => userOf(a) - userOf(b));
    expect(texts(greetings)).toEqual([shown(t.welcome('Tom', t.renameSteps('telegram')).trim(), ['Tom']), shown(t.welcome('刘洋', '').trim(), ['刘洋'])]);
    expect(greetings.map((g) => g.entities[0]?.user?.id)).toEqual([705, 706]);
  });
});
