import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import type { SandboxPerson } from '../../bot/sandbox/adapter.ts';
import { createTelegram, type TelegramAdapter } from '../../bot/telegram/index.ts';
import { attendance, auditLog } from '../../db/schema/index.ts';
import type { Database } from '../../db/types.ts';
import { startDingTalkApp, loadRoster, TRAINING_DAY } from '../dingtalk/app-support.ts';
import { startFakeDingTalk, type FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { TestClock } from '../support/clock.ts';
import { testDatabase } from '../support/db.ts';
import { TOKEN } from './support.ts';

/**
 * One conversation script through the sandbox, DingTalk and Telegram adapters, each on its own
 * database: the core must decide the same (records written, refusals, replies) on every platform.
 * Replies are compared after undoing each platform's formatting of mentions.
 */

type Who = 'admin' | 'lina' | 'wangfang' | 'stranger';
const NICK: Record<Who, string> = { admin: '培训中心王老师', lina: '李娜', wangfang: '王芳', stranger: '小明同学' };
const ROSTER = [
  { name: '李娜', level: '初级', unit: '演示科技公司', phoneTail: '1005' },
  { name: '王芳', level: '初级', unit: '演示市网信办', phoneTail: '1006' },
];

interface Step {
  who: Who;
  text: string;
  /** Re-deliver the message of an earlier step (same platform message id). */
  redeliver?: number;
}

const SCRIPT: Step[] = [
  { who: 'admin', text: '本群 初级' },
  { who: 'admin', text: '开课 网络安全 专业 3' },
  { who: 'stranger', text: '签到' },
  { who: 'lina', text: '签到' },
  { who: 'lina', text: '签到' },
  { who: 'wangfang', text: '开课 网络安全导论 专业 2' },
  { who: 'lina', text: '我的学时' },
  { who: 'lina', text: '签到', redeliver: 3 },
  { who: 'wangfang', text: '签到' },
  { who: 'admin', text: '统计' },
];

/** A visible message, reduced to what the core decided: where it went and what it says. */
interface Seen {
  private: boolean;
  text: string;
}

/** Mentions written as "@昵称" by the core; platforms show them differently. Compare without the "@". */
const plain = (s: string) => s.replace(/@/g, '').replace(/\s+/g, ' ').trim();

interface Platform {
  app: App;
  db: Database;
  /** Run one step; `expect` is how many messages the sandbox produced (undefined: the sandbox itself). */
  run(step: Step, index: number, expect?: number): Promise<Seen[]>;
  close(): Promise<void>;
}

async function appOn(env: Record<string, string>, db: Database, clock: TestClock): Promise<App> {
  return createApp(loadConfig({ LOG_LEVEL: 'silent', ...env }), { database: db, clock, demo: false, policy: null });
}

async function sandboxPlatform(): Promise<Platform> {
  const db = await testDatabase();
  const app = await appOn({}, db, new TestClock(new Date(TRAINING_DAY)));
  await loadRoster(app, ROSTER);
  const person = (w: Who): SandboxPerson => ({ id: `sbx-${w}`, nick: NICK[w], isAdmin: w === 'admin', note: '' });
  const ids: string[] = [];
  return {
    app,
    db,
    async run(step, i) {
      const messageId = step.redeliver !== undefined ? ids[step.redeliver] : `sbx-msg-${i}`;
      ids[i] = messageId;
      const out = await app.sandbox.send({ chatId: 'sbx-group', chatTitle: '初级培训群', person: person(step.who), text: step.text, messageId });
      return out
        .filter((e) => e.from === 'bot')
        .map((e) => {
          // The core's own text; a mention it did not write into the text is shown in front, as adapters do.
          let text = e.text;
          for (const m of e.mentions ?? []) if (!text.includes(`@${m.name}`)) text = `@${m.name} ${text}`;
          return { private: e.chatId.startsWith('private:'), text: plain(text) };
        });
    },
    async close() {
      await app.stop();
      await db.close();
    },
  };
}

async function dingtalkPlatform(): Promise<Platform> {
  const db = await testDatabase();
  const clock = new TestClock(new Date(TRAINING_DAY));
  const fake: FakeDingTalk = await startFakeDingTalk({ now: () => clock.now().getTime() });
  const { app } = await startDingTalkApp(fake, db, clock);
  await loadRoster(app, ROSTER);
  const staff = (w: Who) => `staff-${w}`;
  const ids: string[] = [];
  return {
    app,
    db,
    async run(step, i, n = 0) {
      const before = fake.posted.length;
      const sent = fake.userSends({
        conversationId: 'cidSameDecisions==',
        conversationTitle: '初级培训群',
        senderNick: NICK[step.who],
        senderStaffId: staff(step.who),
        isAdmin: step.who === 'admin',
        text: step.text,
        ...(step.redeliver !== undefined ? { msgId: ids[step.redeliver] } : {}),
      });
      ids[i] = sent.msgId;
      if (n > 0) await fake.waitForPosted((p) => p.length - before >= n, `${n} DingTalk repl(ies) to step ${i}`);
      return fake.posted.slice(before).map((p) => {
        let text = p.text;
        for (const w of Object.keys(NICK) as Who[]) text = text.split(`@${staff(w)}`).join(`@${NICK[w]}`);
        return { private: p.via === 'batchSend', text: plain(text) };
      });
    },
    async close() {
      await app.stop();
      await fake.close();
      await db.close();
    },
  };
}

async function telegramPlatform(): Promise<Platform> {
  const db = await testDatabase();
  const fake = new FakeTelegram({ token: TOKEN });
  await fake.listen();
  const GROUP = -100_777;
  const uid: Record<Who, number> = { admin: 801, lina: 802, wangfang: 803, stranger: 804 };
  fake.addGroup({ id: GROUP, title: '初级培训群' });
  for (const w of Object.keys(uid) as Who[]) {
    fake.addUser({ id: uid[w], first_name: NICK[w] });
    fake.setMember(GROUP, uid[w], w === 'admin' ? 'creator' : 'member');
    fake.startPrivate(uid[w]);
  }
  const app = await appOn({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }, db, new TestClock(new Date(TRAINING_DAY)));
  await loadRoster(app, ROSTER);
  const tg: TelegramAdapter = await createTelegram({ config: app.config, engine: app.engine, failed: app.stores.failed, log: app.log, limits: { pollTimeoutSec: 5 } });
  await tg.start();
  const updates: Array<Record<string, unknown> & { update_id: number }> = [];
  const mine = () => fake.sent.filter((m) => m.chat.id === GROUP || Object.values(uid).includes(m.chat.id));
  return {
    app,
    db,
    async run(step, i, n = 0) {
      const before = mine().length;
      const u =
        step.redeliver !== undefined
          ? fake.pushUpdate(structuredClone(updates[step.redeliver]))
          : fake.textMessage(GROUP, uid[step.who], step.text, { sender_tag: NICK[step.who] });
      updates[i] = u;
      if (n > 0) await fake.waitFor(() => mine().length - before >= n, `${n} Telegram repl(ies) to step ${i}`);
      return mine()
        .slice(before)
        .map((m) => ({ private: m.chat.type === 'private', text: plain(m.text) }));
    },
    async close() {
      await tg.stop();
      await app.stop();
      await fake.close();
      await db.close();
    },
  };
}

/** What the core recorded, without platform ids. */
async function decisions(p: Platform) {
  const names = new Map((await p.app.stores.roster.list(p.app.campaign.id)).map((t) => [t.id, t.name]));
  const sessions = await p.app.stores.ledger.listSessions(p.app.campaign.id);
  const titles = new Map(sessions.map((s) => [s.id, s.title]));
  const rows = await p.db.db.select().from(attendance);
  const audit = await p.db.db.select().from(auditLog);
  return {
    sessions: sessions.map((s) => [s.title, s.subject, s.hours, s.level, s.creditRule]).sort(),
    attendance: rows.map((r) => [names.get(r.traineeId), titles.get(r.sessionId), r.source, r.hours]).sort(),
    audit: audit.map((a) => [a.action, a.allowed]).sort(),
    failed: (await p.app.stores.failed.list()).length,
  };
}

describe('the same script on sandbox, DingTalk and Telegram', () => {
  const platforms: Record<string, Platform> = {};
  const seen: Record<string, Seen[][]> = { sandbox: [], dingtalk: [], telegram: [] };

  beforeAll(async () => {
    platforms.sandbox = await sandboxPlatform();
    platforms.dingtalk = await dingtalkPlatform();
    platforms.telegram = await telegramPlatform();
    for (let i = 0; i < SCRIPT.length; i++) {
      seen.sandbox[i] = await platforms.sandbox.run(SCRIPT[i], i);
      const n = seen.sandbox[i].length;
      seen.dingtalk[i] = await platforms.dingtalk.run(SCRIPT[i], i, n);
      seen.telegram[i] = await platforms.telegram.run(SCRIPT[i], i, n);
    }
  });

  afterAll(async () => {
    for (const p of Object.values(platforms)) await p.close();
  });

  it('the sandbox run exercises refusals, a check-in, a private reply and a redelivery', () => {
    const all = seen.sandbox.flat().map((s) => s.text).join('\n');
    expect(all).toContain('签到成功');
    expect(all).toContain('签到未成功');
    expect(all).toContain('管理员命令');
    expect(seen.sandbox.flat().some((s) => s.private)).toBe(true);
    expect(seen.sandbox[7]).toEqual([]); // the redelivered check-in
  });

  it('DingTalk and Telegram show the same replies, step by step, only formatted differently', () => {
    // Where to rename is the one text that differs by platform (DingTalk's group nickname vs Telegram's name).
    const oneWording = (x: Seen) => ({ ...x, text: x.text.replace(/修改方法：[^。]*。/, '修改方法。') });
    const sortSeen = (xs: Seen[]) => xs.map(oneWording).sort((a, b) => Number(a.private) - Number(b.private) || a.text.localeCompare(b.text));
    for (let i = 0; i < SCRIPT.length; i++) {
      expect(sortSeen(seen.dingtalk[i]), `DingTalk, step ${i}: ${SCRIPT[i].text}`).toEqual(sortSeen(seen.sandbox[i]));
      expect(sortSeen(seen.telegram[i]), `Telegram, step ${i}: ${SCRIPT[i].text}`).toEqual(sortSeen(seen.sandbox[i]));
    }
  });

  it('the core recorded the same sessions, attendance and audit rows on every platform', async () => {
    const d = await decisions(platforms.sandbox);
    expect(d.attendance).toHaveLength(2); // 李娜 and 王芳, once each
    expect(await decisions(platforms.dingtalk)).toEqual(d);
    expect(await decisions(platforms.telegram)).toEqual(d);
  });
});
