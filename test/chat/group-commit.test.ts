import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_GROUPS, sandboxPeople } from '../../bot/sandbox/demo.ts';
import { createChatEngine } from '../../core/chat/engine.ts';
import { groupCommit } from '../../core/chat/group-commit.ts';
import type { IncomingMessage } from '../../core/chat/types.ts';
import type { Stores } from '../../core/ports.ts';
import { attendance, nicknameObservations, processedMessages } from '../../db/schema/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ policy: null });
});
afterAll(() => t.close());

/**
 * The app's stores, counting how messages reach the database, with an optional failing check-in and an
 * optional nickname record that fails late (after the check-in's own statements have gone out).
 */
function observed(s: Stores, fail?: (traineeId: number) => boolean, failRecord?: (accountId: string) => boolean) {
  const count = { batch: 0, tx: 0 };
  const wrap = (inner: Stores): Stores => ({
    ...inner,
    roster: {
      ...inner.roster,
      observe: async (o) => {
        if (!failRecord?.(o.accountId)) return inner.roster.observe(o);
        await new Promise((r) => setTimeout(r, 30));
        throw new Error('disk full (test)');
      },
    },
    ledger: {
      ...inner.ledger,
      checkIn: async (r) => {
        if (fail?.(r.traineeId)) throw new Error('disk full (test)');
        return inner.ledger.checkIn(r);
      },
    },
    tx: (fn) => (inner === s ? (count.tx++, s.tx((x) => fn(wrap(x)))) : inner.tx((x) => fn(wrap(x)))),
    batch: (fn) => (count.batch++, s.batch((x) => fn(wrap(x)))),
  });
  return { stores: wrap(s), count };
}

/** Trainees of a level with a name no one else has; their 签到 goes to their level's group. */
async function trainees(level: string) {
  const people = await sandboxPeople(t.app.core);
  const unique = people.filter((p) => p.level === level && people.filter((q) => q.nick === p.nick).length === 1);
  return unique.map((p) => ({ ...p, traineeId: Number(p.id.replace('trainee-', '')) }));
}
const checkin = (p: { id: string; nick: string; level?: string }, messageId: string): IncomingMessage => ({
  platform: 'sandbox',
  chatId: SANDBOX_GROUPS.find((g) => g.level === p.level)!.chatId,
  chatType: 'group',
  chatTitle: SANDBOX_GROUPS.find((g) => g.level === p.level)!.title,
  senderId: p.id,
  senderNick: p.nick,
  senderIsAdmin: false,
  text: '签到',
  messageId,
  at: t.clock.now(),
});
const rows = async (traineeId: number) => (await t.db.db.select().from(attendance).where(eq(attendance.traineeId, traineeId))).length;

describe('messages that arrive together', () => {
  it('share one transaction; each is handled as if alone, duplicates included', async () => {
    const { stores, count } = observed(t.app.core.stores);
    const engine = createChatEngine({ core: { ...t.app.core, stores }, maxInFlight: 1 });
    const people = (await trainees('初级')).slice(0, 6);
    expect(people.length).toBe(6);
    const [a, b] = people;
    const msgs = [
      ...people.map((p, i) => checkin(p, `burst-${i}`)),
      checkin(a, 'burst-0'), // the platform delivered one message twice
      checkin(b, 'burst-b-again'), // one person typed 签到 twice
    ];
    const replies = await Promise.all(msgs.map((m) => engine.handle(m)));

    expect(count).toEqual({ batch: 1, tx: 0 });
    for (let i = 0; i < people.length; i++) {
      expect(replies[i]).toHaveLength(1);
      expect(replies[i][0].text).toContain(`@${people[i].nick} 签到成功`);
      expect(replies[i][0].text).toContain('本年度累计');
      expect(await rows(people[i].traineeId)).toBe(2);
    }
    expect(replies[6]).toEqual([]);
    expect(replies[7][0].text).toBe(
      `@${b.nick} 你已签到过“网络安全专业课（演示）”，无需重复签到。\n@${b.nick} 你已签到过“公需课：数字经济概论（演示）”，无需重复签到。`,
    );
    // b's two messages are one person in one group: one observation seen twice.
    const [obs] = await t.db.db.select().from(nicknameObservations).where(eq(nicknameObservations.accountId, b.id));
    expect(obs.seenCount).toBe(2);
  });

  it('a message that fails costs the others a retry, never their record; it stays unclaimed for redelivery', async () => {
    const people = (await trainees('中级')).slice(0, 4);
    expect(people.length).toBe(4);
    const bad = people[2];
    let broken = true;
    const { stores, count } = observed(t.app.core.stores, (id) => broken && id === bad.traineeId);
    const engine = createChatEngine({ core: { ...t.app.core, stores }, maxInFlight: 1 });

    const replies = await Promise.all(people.map((p, i) => engine.handle(checkin(p, `fail-${i}`))));
    expect(count).toEqual({ batch: 1, tx: 4 });
    expect(replies.map((r) => r[0].text.includes('签到成功'))).toEqual([true, true, false, true]);
    expect(replies[2][0].text).toBe('系统繁忙，刚才的操作没有完成，请稍后再试。');
    for (const p of people) expect(await rows(p.traineeId)).toBe(p === bad ? 0 : 2);
    expect(await t.db.db.select().from(processedMessages).where(eq(processedMessages.messageId, 'fail-2'))).toEqual([]);

    broken = false;
    const again = await engine.handle(checkin(bad, 'fail-2'));
    expect(again[0].text).toContain('签到成功');
    expect(await rows(bad.traineeId)).toBe(2);
  });

  it('the nickname record goes out with the check-in; when it fails, the check-in fails with it and nothing is kept', async () => {
    const people = (await trainees('中级')).slice(4, 8);
    expect(people.length).toBe(4);
    const bad = people[1];
    const { stores } = observed(t.app.core.stores, undefined, (id) => id === bad.id);
    const engine = createChatEngine({ core: { ...t.app.core, stores }, maxInFlight: 1 });

    // Alone, and then in company (the batch fails and each message is redone alone).
    const alone = await engine.handle(checkin(bad, 'late-record-0'));
    expect(alone[0].text).toBe('系统繁忙，刚才的操作没有完成，请稍后再试。');
    const replies = await Promise.all(people.map((p, i) => engine.handle(checkin(p, `late-record-${i + 1}`))));
    expect(replies.map((r) => r[0].text.includes('签到成功'))).toEqual([true, false, true, true]);
    for (const p of people) expect(await rows(p.traineeId)).toBe(p === bad ? 0 : 2);
    for (const id of ['late-record-0', 'late-record-2'])
      expect(await t.db.db.select().from(processedMessages).where(eq(processedMessages.messageId, id))).toEqual([]);
    expect(await t.db.db.select().from(nicknameObservations).where(eq(nicknameObservations.accountId, bad.id))).toEqual([]);
  });

  it('a lone message does not wait for company', async () => {
    const { stores, count } = observed(t.app.core.stores);
    const engine = createChatEngine({ core: { ...t.app.core, stores } });
    const [p] = await trainees('副高级');
    const r = await engine.handle(checkin(p, 'alone-1'));
    expect(r[0].text).toContain('签到成功');
    expect(count).toEqual({ batch: 0, tx: 1 });
  });
});

describe('the group-commit queue', () => {
  /** A queue whose batches finish when told to, recording each batch. */
  function queue(maxBatch: number, maxInFlight: number) {
    const batches: number[][] = [];
    const finish: Array<() => void> = [];
    const enqueue = groupCommit<number, string>({
      maxBatch,
      maxInFlight,
      run: (items) => {
        batches.push(items);
        return new Promise((resolve, reject) => finish.push(() => (items.includes(-1) ? reject(new Error('bad batch')) : resolve(items.map((i) => `done ${i}`)))));
      },
    });
    const turn = () => new Promise((r) => setImmediate(r));
    return { batches, finish, enqueue, turn };
  }

  it('hands items of one turn over together, answers each with its own result', async () => {
    const q = queue(10, 1);
    const all = Promise.all([1, 2, 3].map(q.enqueue));
    await q.turn();
    expect(q.batches).toEqual([[1, 2, 3]]);
    q.finish[0]();
    expect(await all).toEqual(['done 1', 'done 2', 'done 3']);
  });

  it('spreads waiting items over the free slots and keeps to the batch size', async () => {
    const q = queue(2, 2);
    const all = Promise.all([1, 2, 3, 4, 5, 6, 7].map(q.enqueue));
    await q.turn();
    expect(q.batches).toEqual([[1, 2], [3, 4]]);
    q.finish[0]();
    await q.turn();
    await q.turn();
    expect(q.batches).toEqual([[1, 2], [3, 4], [5, 6]]);
    q.finish[1]();
    q.finish[2]();
    await q.turn();
    await q.turn();
    expect(q.batches).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    q.finish[3]();
    expect(await all).toHaveLength(7);
  });

  it('a batch that fails fails each of its items, and the queue goes on', async () => {
    const q = queue(10, 1);
    const bad = Promise.allSettled([5, -1].map(q.enqueue));
    await q.turn();
    q.finish[0]();
    expect((await bad).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const next = q.enqueue(6);
    await q.turn();
    q.finish[1]();
    expect(await next).toBe('done 6');
  });
});
