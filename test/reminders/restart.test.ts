import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { startScheduler } from '../../bot/scheduler/index.ts';
import { LEVELS } from '../../core/campaign/schema.ts';
import { createReminderRunner } from '../../core/reminders/deliver.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { recordingMessenger, type Sent } from './support.ts';

const at = (s: string) => new Date(`${s}+08:00`);
const GROUPS = Array.from({ length: 30 }, (_, i) => `group-${String(i + 1).padStart(2, '0')}`);
const SLOT = at('2021-09-22T10:00'); // registration opens: one post to every group

/** 30 groups of all three levels, bound the day before the slot; no roster (no nudges). */
async function thirtyGroups(): Promise<TestApp> {
  const t = await startTestApp({ now: '2021-09-21T12:00:00+08:00', policy: null, demo: false });
  for (const [i, g] of GROUPS.entries()) {
    await t.app.stores.chats.touch('sandbox', g, `培训群 ${i + 1}`, t.app.campaign.id);
    await t.app.stores.chats.bindLevel('sandbox', g, LEVELS[i % 3], 'test', t.clock.now());
  }
  return t;
}

/** Another process on the same database: its own stores, engine, sandbox and scheduler. */
async function secondProcess(t: TestApp): Promise<App> {
  return createApp(loadConfig({ LOG_LEVEL: 'silent' }), { database: t.db, clock: t.clock, demo: false, policy: null });
}

/** Lets the first `free` sends through and holds the rest until `open()`. */
function gate(free: number) {
  let passed = 0;
  let held = 0;
  let open = () => {};
  const opened = new Promise<void>((r) => (open = r));
  return {
    hold: () => {
      if (++passed <= free) return undefined;
      held++;
      return opened;
    },
    open: () => open(),
    held: () => held,
  };
}

/** Wait (polling) until the broadcast reaches the state the test needs; not an assertion on time. */
async function until(pred: () => boolean) {
  const deadline = Date.now() + 30_000;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const perGroup = (log: Sent[]) => {
  const n = new Map<string, number>();
  for (const s of log) if (!s.private) n.set(s.chatId, (n.get(s.chatId) ?? 0) + 1);
  return n;
};

describe('restart in the middle of a broadcast to 30 groups', () => {
  const open: Array<{ close(): Promise<void> } | App> = [];
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await ('close' in x ? x.close() : x.stop());
  });

  it('graceful stop: claimed sends finish, the new process sends the rest, every group once', async () => {
    const t = await thirtyGroups();
    open.push(t);
    const log: Sent[] = [];
    const g = gate(12);
    const a = recordingMessenger(t.app.messengers.get('sandbox')!, t.clock, { log, hold: g.hold });
    t.app.messengers.set('sandbox', a.messenger);
    const first = startScheduler(t.app, { cron: false, instanceId: 'first' });

    t.clock.set(SLOT);
    const ticking = first.tick(SLOT);
    // 12 delivered, every worker holding one more: stop now, mid-broadcast.
    await until(() => log.length === 12 && g.held() === 8);
    const stopping = first.stop();
    g.open();
    await Promise.all([ticking, stopping]);
    expect(log).toHaveLength(20);

    const b = await secondProcess(t);
    open.push(b);
    const rec = recordingMessenger(b.messengers.get('sandbox')!, t.clock, { log });
    b.messengers.set('sandbox', rec.messenger);
    const second = startScheduler(b, { cron: false, instanceId: 'second' });
    for (const m of [1, 2, 5, 40]) {
      const now = new Date(SLOT.getTime() + m * 60_000);
      t.clock.set(now);
      await second.tick(now);
    }
    const n = perGroup(log);
    expect([...n.keys()].sort()).toEqual(GROUPS);
    expect([...n.values()].every((x) => x === 1)).toBe(true);
    expect(log.every((s) => s.text.includes('【继续教育培训报名】今天开始'))).toBe(true);
    const rows = await t.db.db.query.reminderDeliveries.findMany();
    expect(rows).toHaveLength(30);
    expect(rows.filter((r) => r.claimedBy === 'first')).toHaveLength(20);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('crash: sends lost mid-flight are taken over after the lease, never duplicated', async () => {
    const t = await thirtyGroups();
    open.push(t);
    const log: Sent[] = [];
    // The crashed process: its held sends never complete and never reach a group.
    const g = gate(12);
    const a = recordingMessenger(t.app.messengers.get('sandbox')!, t.clock, { log, hold: g.hold });
    const crashed = createReminderRunner({ core: t.app.core, messengers: new Map([['sandbox', a.messenger]]), instanceId: 'crashed' });
    t.clock.set(SLOT);
    void crashed.tick(SLOT);
    await until(() => log.length === 12 && g.held() === 8);

    const b = await secondProcess(t);
    open.push(b);
    const rec = recordingMessenger(b.messengers.get('sandbox')!, t.clock, { log });
    b.messengers.set('sandbox', rec.messenger);
    const second = startScheduler(b, { cron: false, instanceId: 'second' });
    const counts: number[] = [];
    for (const m of [1, 2, 15, 29, 31, 32, 60]) {
      const now = new Date(SLOT.getTime() + m * 60_000);
      t.clock.set(now);
      await second.tick(now);
      counts.push(log.length);
    }
    // 10 unclaimed groups at once; the 8 claimed by the dead process once its 30-minute lease ran out.
    expect(counts).toEqual([22, 22, 22, 22, 30, 30, 30]);
    const n = perGroup(log);
    expect([...n.keys()].sort()).toEqual(GROUPS);
    expect([...n.values()].every((x) => x === 1)).toBe(true);
    const taken = log.slice(22);
    expect(taken.every((s) => s.text.startsWith('（补发）'))).toBe(true);
    const rows = await t.db.db.query.reminderDeliveries.findMany();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.filter((r) => r.attempts === 2 && r.claimedBy === 'second')).toHaveLength(8);
  });
});
