import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/app.ts';
import { accounts, attendance, nicknameObservations, processedMessages } from '../../db/schema/index.ts';
import { TestClock } from '../support/clock.ts';
import { appOn, faultyEngine, type FlakyDatabase, flakyDatabase, personByNick, say, TRY_LATER } from './support.ts';

const JUNIOR = 'sandbox-junior';

let flaky: FlakyDatabase;
let app: App;
const clock = new TestClock(new Date('2021-09-28T02:00:00Z'));

beforeAll(async () => {
  flaky = await flakyDatabase();
  app = await appOn(flaky.current(), clock);
});
afterAll(async () => {
  await app.stop();
  await flaky.close();
});

const db = () => flaky.current().db;
const claimed = async (messageId: string) =>
  (await db().select().from(processedMessages).where(and(eq(processedMessages.platform, 'sandbox'), eq(processedMessages.messageId, messageId)))).length;
const attendanceOf = async (traineeId: number) => (await db().select().from(attendance).where(eq(attendance.traineeId, traineeId))).length;
const traineeId = (personId: string) => Number(personId.replace('trainee-', ''));

describe('the database goes away mid-conversation', () => {
  it('the bot answers 稍后再试 instead of crashing, reports itself degraded, and records the check-in once when it is redelivered after recovery', async () => {
    const before = await personByNick(app, '王芳');
    expect((await say(app.sandbox, before, JUNIOR, '签到'))[0]).toContain('签到成功');
    const lina = await personByNick(app, '李娜');

    await flaky.goAway();
    // The platform delivers a check-in while the database is gone: a clear answer, no exception.
    expect(await say(app.sandbox, lina, JUNIOR, '签到', 'down-1')).toEqual([TRY_LATER]);
    expect(await say(app.sandbox, lina, JUNIOR, '我的学时', 'down-2')).toEqual([TRY_LATER]);
    const health = await app.server.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'degraded', database: { status: 'down' } });

    if (await flaky.comeBack()) {
      // PGlite: the bot restarts on the same data folder.
      await app.stop();
      app = await appOn(flaky.current(), clock);
    }
    expect((await app.server.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // What was written before is intact; the refused message was never claimed, so its redelivery counts.
    expect(await attendanceOf(traineeId(before.id))).toBe(2);
    expect(await claimed('down-1')).toBe(0);
    expect(await attendanceOf(traineeId(lina.id))).toBe(0);
    const redelivered = await say(app.sandbox, lina, JUNIOR, '签到', 'down-1');
    expect(redelivered).toHaveLength(1);
    expect(redelivered[0]).toContain('签到成功');
    expect(await attendanceOf(traineeId(lina.id))).toBe(2);
    // A second redelivery of the same message is recognised: no reply, nothing added.
    expect(await say(app.sandbox, lina, JUNIOR, '签到', 'down-1')).toEqual([]);
    expect(await attendanceOf(traineeId(lina.id))).toBe(2);
  });

  it('a failure in the middle of a message rolls back everything it wrote, its dedupe claim included; the redelivery then succeeds once', async () => {
    const fault = {
      armed: true,
      // Postgres: the server goes away under the open transaction and stays away (so undoing the claim
      // afterwards would fail too). PGlite (one process, no connections to kill): the write fails as a
      // dropped connection would.
      strike: async () => {
        if (flaky.kind === 'postgres') await flaky.goAway();
        else throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
      },
    };
    const sandbox = faultyEngine(app, fault);
    // Someone who never spoke: this message would bind the account and record the nickname first.
    const chen = await personByNick(app, '陈静');
    expect(await say(sandbox, chen, JUNIOR, '签到', 'mid-1')).toEqual([TRY_LATER]);
    fault.armed = false;
    if (flaky.kind === 'postgres') await flaky.comeBack();
    expect(await claimed('mid-1')).toBe(0);
    expect(await db().select().from(accounts).where(eq(accounts.accountId, chen.id))).toEqual([]);
    expect(await db().select().from(nicknameObservations).where(eq(nicknameObservations.accountId, chen.id))).toEqual([]);
    expect(await attendanceOf(traineeId(chen.id))).toBe(0);

    const again = await say(sandbox, chen, JUNIOR, '签到', 'mid-1');
    expect(again[0]).toContain('签到成功');
    expect(await claimed('mid-1')).toBe(1);
    expect(await attendanceOf(traineeId(chen.id))).toBe(2);
    expect(await db().select().from(accounts).where(eq(accounts.accountId, chen.id))).toHaveLength(1);
    expect(await say(sandbox, chen, JUNIOR, '签到', 'mid-1')).toEqual([]);
    expect(await attendanceOf(traineeId(chen.id))).toBe(2);
  });
});
