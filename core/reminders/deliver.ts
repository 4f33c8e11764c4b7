import type { Messenger, Platform, SendResult } from '../chat/types.ts';
import type { CoreContext } from '../context.ts';
import { reminders as t } from '../locales/zh-CN/reminders.ts';
import type { AdminReminder, ChatInfo, Delivery, NewDelivery } from '../ports.ts';
import { duePosts, planAll, type PlannedPost } from './plan.ts';
import { atRisk, groupsFor, groupTarget, traineeAtRisk, traineeTarget, type AtRisk } from './targets.ts';
import { describePost, nudgeCountText, nudgeText, windowPostText } from './texts.ts';

export interface DeliveryPolicy {
  /** Tries in total per recipient, the first included. */
  maxAttempts: number;
  /** Wait before the 2nd, 3rd… try (the last value repeats). */
  retryDelaysMs: number[];
  /**
   * A row still `sending` this long after its claim belongs to an instance that died mid-send: another
   * instance takes it over. Longer than the slowest rate-limited send through an adapter's queue.
   */
  leaseMs: number;
  /** Sent this long after its slot, a message is a catch-up and says so. */
  lateAfterMs: number;
  /** An admin reminder missed by downtime is still sent this long after its time. */
  adminCatchUpMs: number;
  /** Sends in flight at once (each adapter still keeps its own per-group budget). */
  concurrency: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = {
  maxAttempts: 3,
  retryDelaysMs: [2 * 60_000, 10 * 60_000],
  leaseMs: 30 * 60_000,
  lateAfterMs: 30 * 60_000,
  adminCatchUpMs: 24 * 3_600_000,
  concurrency: 8,
};

export interface ReminderRunnerOptions {
  core: CoreContext;
  /** Proactive senders by platform; only their groups and accounts are addressed. */
  messengers: ReadonlyMap<string, Messenger>;
  /** Names this instance in claims and audit rows. */
  instanceId: string;
  /** `platform:id` accounts told privately when a reminder finally fails (ADMIN_IDS). */
  adminIds?: readonly string[];
  policy?: Partial<DeliveryPolicy>;
}

export interface TickReport {
  /** Recipients found without a delivery row this tick. */
  due: number;
  claimed: number;
  sent: number;
  late: number;
  retrying: number;
  failed: number;
  skipped: number;
}

/** One message to one recipient for one slot, before it is claimed. */
interface Job extends Pick<Delivery, 'reminderKey' | 'slot' | 'target' | 'kind' | 'platform' | 'chatId' | 'private' | 'validUntil'> {
  /** For failure reports: which reminder, and where to (never a trainee's name). */
  what: string;
  where: string;
  text(now: Date, late: boolean): string;
}

type Resolved = Job | 'gone' | 'foreign';

const adminKey = (id: number) => `admin:${id}`;

/**
 * What the one-minute tick does: find what is due, claim each (reminder, recipient, slot) by inserting
 * its unique row, send, and mark the row. The claim makes restarts and parallel instances harmless;
 * retries, take-overs of abandoned claims and catch-ups all go through the same rows.
 */
export function createReminderRunner(opts: ReminderRunnerOptions) {
  const { core } = opts;
  const store = core.stores.reminders;
  const policy: DeliveryPolicy = { ...defaultDeliveryPolicy, ...opts.policy };
  const plan = planAll(core.campaign);
  /** Slots every recipient of which has a row: nothing left to claim (retries go by rows). */
  const done = new Set<string>();
  const actor = `scheduler:${opts.instanceId}`;
  let stopping = false;

  const livePlatforms = () => new Set(opts.messengers.keys());
  const isLate = (slot: Date, now: Date) => now.getTime() - slot.getTime() > policy.lateAfterMs;

  /** At-risk trainees are computed once per slot and tick, shared by the nudges and the group counts. */
  type Cache = Map<string, Promise<AtRisk>>;
  const atRiskFor = (p: PlannedPost, live: ReadonlySet<string>, cache: Cache) => {
    const key = `${p.window.id}@${p.at.toISOString()}`;
    let v = cache.get(key);
    if (!v) cache.set(key, (v = atRisk(core, p.window.levels, live)));
    return v;
  };

  const groupJob = (p: PlannedPost, g: ChatInfo, text: Job['text']): Job => ({
    reminderKey: p.key,
    slot: p.at,
    target: groupTarget(g),
    kind: p.kind,
    platform: g.platform,
    chatId: g.chatId,
    private: false,
    validUntil: p.validUntil,
    what: `【${p.window.title}】${describePost(p)}`,
    where: t.failedWhereGroup(g.title || g.chatId),
    text,
  });

  async function jobsForPost(p: PlannedPost, live: ReadonlySet<string>, cache: Cache): Promise<Job[]> {
    const c = core.campaign;
    if (p.kind === 'nudge') {
      const risk = await atRiskFor(p, live, cache);
      return risk.trainees
        .filter((r) => r.binding)
        .map((r) => ({
          reminderKey: p.key,
          slot: p.at,
          target: traineeTarget(r.trainee.id),
          kind: p.kind,
          platform: r.binding!.platform,
          chatId: r.binding!.accountId,
          private: true,
          validUntil: p.validUntil,
          what: `【${p.window.title}】${describePost(p)}`,
          where: t.failedWherePrivate,
          text: (now, late) => nudgeText(c, p, now, late, r.trainee.name, r.missing),
        }));
    }
    const groups = await groupsFor(core, p.window.levels, p.at, live);
    if (p.kind === 'nudge-count') {
      const risk = await atRiskFor(p, live, cache);
      return groups
        .filter((g) => (risk.countByLevel.get(g.level!) ?? 0) > 0)
        .map((g) => groupJob(p, g, (now, late) => nudgeCountText(c, p, now, late, risk.countByLevel.get(g.level!)!)));
    }
    return groups.map((g) => groupJob(p, g, (now, late) => windowPostText(c, p, now, late)));
  }

  async function jobsForAdmin(r: AdminReminder, live: ReadonlySet<string>): Promise<Job[]> {
    let groups: ChatInfo[];
    if (r.platform && r.chatId) {
      const g = await core.stores.chats.get(r.platform, r.chatId);
      groups = g && live.has(g.platform) ? [g] : [];
    } else groups = await groupsFor(core, r.level ? [r.level] : [], r.at, live);
    return groups.map((g) => ({
      reminderKey: adminKey(r.id),
      slot: r.at,
      target: groupTarget(g),
      kind: 'admin',
      platform: g.platform,
      chatId: g.chatId,
      private: false,
      validUntil: new Date(r.at.getTime() + policy.adminCatchUpMs),
      what: t.adminWhat(r.id),
      where: t.failedWhereGroup(g.title || g.chatId),
      text: (_now, late) => t.adminPost(r.text, late),
    }));
  }

  /** The job a stored row stands for, rebuilt now (texts count days from now; cancelled = gone). */
  async function resolve(row: Delivery, live: ReadonlySet<string>, cache: Cache): Promise<Resolved> {
    const forRow = (jobs: Job[]) => jobs.find((j) => j.target === row.target) ?? 'gone';
    if (row.reminderKey.startsWith('admin:')) {
      const r = await store.getAdmin(Number(row.reminderKey.slice('admin:'.length)));
      if (!r || r.campaignId !== core.campaign.id) return 'foreign';
      if (r.cancelledAt) return 'gone';
      return forRow(await jobsForAdmin(r, live));
    }
    const p = plan.find((x) => x.key === row.reminderKey && x.at.getTime() === row.slot.getTime());
    if (!p) return row.reminderKey.split(':')[1] === core.campaign.id ? 'gone' : 'foreign';
    if (p.kind === 'nudge') {
      const r = await traineeAtRisk(core, Number(row.target.slice('trainee:'.length)), live);
      if (!r) return 'gone';
      return { ...(await jobShell(p, row)), text: (now, late) => nudgeText(core.campaign, p, now, late, r.trainee.name, r.missing) };
    }
    return forRow(await jobsForPost(p, live, cache));
  }

  /** A private nudge is retried to the account it was claimed for. */
  async function jobShell(p: PlannedPost, row: Delivery): Promise<Omit<Job, 'text'>> {
    return {
      reminderKey: row.reminderKey,
      slot: row.slot,
      target: row.target,
      kind: row.kind,
      platform: row.platform,
      chatId: row.chatId,
      private: row.private,
      validUntil: row.validUntil,
      what: `【${p.window.title}】${describePost(p)}`,
      where: t.failedWherePrivate,
    };
  }

  async function send(row: Delivery, job: Job, text: string, now: Date, report: TickReport): Promise<void> {
    const messenger = opts.messengers.get(row.platform);
    let res: SendResult;
    try {
      res = messenger
        ? await messenger.send({ platform: row.platform as Platform, chatId: row.chatId, private: row.private, format: 'text', text })
        : { ok: false, error: `platform ${row.platform} not connected` };
    } catch (err) {
      res = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    const after = new Date(Math.max(now.getTime(), core.clock.now().getTime()));
    if (res.ok) {
      await store.markSent(row.id, after);
      report.sent++;
      return;
    }
    const error = (res.error ?? 'unknown error').slice(0, 500);
    const delays = policy.retryDelaysMs;
    const next = new Date(after.getTime() + delays[Math.min(row.attempts - 1, delays.length - 1)]);
    if (row.attempts < policy.maxAttempts && next < row.validUntil) {
      await store.markRetry(row.id, error, next);
      report.retrying++;
      core.log?.warn({ reminder: row.reminderKey, target: row.target, attempt: row.attempts, error }, 'reminder not sent, will retry');
      return;
    }
    await store.markFailed(row.id, error);
    report.failed++;
    await reportFailure(row, job, text, error, after);
  }

  /** After the last try: kept in failed_messages, audited, and queued for the administrators. */
  async function reportFailure(row: Delivery, job: Pick<Job, 'what' | 'where'>, text: string, error: string, at: Date) {
    core.log?.error({ reminder: row.reminderKey, target: row.target, attempts: row.attempts, error }, 'reminder failed for good');
    await core.stores.failed.record({ platform: row.platform, chatId: row.chatId, private: row.private, text, reason: `${row.reminderKey}: ${error}`, attempts: row.attempts, at });
    await core.stores.audit.write({ at, actor, action: 'reminder.failed', target: `delivery:${row.id}`, after: { reminder: row.reminderKey, to: row.target, attempts: row.attempts, error } });
    // Unreachable private chats are common (never opened a chat with the bot): counted, not itemised.
    if (row.private) failures.privateCount++;
    else failures.lines.push(t.failedReport(job.what, job.where, row.attempts, error));
  }

  /** One message per administrator and tick, however many sends failed in it. */
  const failures = { lines: [] as string[], privateCount: 0 };
  async function tellAdmins(): Promise<void> {
    const lines = failures.lines.splice(0);
    const privateCount = failures.privateCount;
    failures.privateCount = 0;
    if (privateCount) lines.push(t.failedPrivate(privateCount));
    if (!lines.length) return;
    const text = lines.length === 1 ? lines[0] : t.failedSummary(lines);
    for (const admin of opts.adminIds ?? []) {
      const i = admin.indexOf(':');
      const m = i > 0 ? opts.messengers.get(admin.slice(0, i)) : undefined;
      if (!m) continue;
      try {
        await m.send({ platform: m.platform, chatId: admin.slice(i + 1), private: true, format: 'text', text });
      } catch (err) {
        core.log?.warn({ err: String(err) }, 'could not tell an administrator about a failed reminder');
      }
    }
  }

  async function sendNew(job: Job, now: Date, report: TickReport): Promise<void> {
    const late = isLate(job.slot, now);
    const text = job.text(now, late);
    const claim: NewDelivery = {
      reminderKey: job.reminderKey,
      slot: job.slot,
      target: job.target,
      kind: job.kind,
      platform: job.platform,
      chatId: job.chatId,
      private: job.private,
      late,
      claimedBy: opts.instanceId,
      claimedAt: now,
      validUntil: job.validUntil,
    };
    const row = await store.claim(claim);
    if (!row) return; // another instance, or an earlier tick, has it
    report.claimed++;
    if (late) report.late++;
    await send(row, job, text, now, report);
  }

  async function retry(row: Delivery, now: Date, live: ReadonlySet<string>, cache: Cache, report: TickReport): Promise<void> {
    const staleBefore = new Date(now.getTime() - policy.leaseMs);
    const job = await resolve(row, live, cache);
    if (job === 'foreign') return;
    const taken = await store.reclaim(row.id, opts.instanceId, now, staleBefore);
    if (!taken) return;
    if (job === 'gone') {
      await store.markSkipped(taken.id, 'no longer needed');
      report.skipped++;
      return;
    }
    const late = taken.late || isLate(taken.slot, now);
    const text = job.text(now, late);
    if (now >= taken.validUntil) {
      // Past its usefulness (the window closed, a newer reminder replaced it): report, never send.
      await store.markFailed(taken.id, `${taken.error ?? 'not confirmed sent'}; ${t.failedExpired}`);
      report.failed++;
      await reportFailure(row, job, text, `${row.error ?? 'not confirmed sent'}; ${t.failedExpired}`, now);
      return;
    }
    await send(taken, job, text, now, report);
  }

  async function each<T>(items: T[], fn: (x: T) => Promise<void>): Promise<void> {
    let i = 0;
    const worker = async () => {
      while (i < items.length && !stopping) {
        const x = items[i++];
        try {
          await fn(x);
        } catch (err) {
          core.log?.error({ err: err instanceof Error ? err.message : String(err) }, 'reminder delivery step failed');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(policy.concurrency, items.length) }, worker));
  }

  async function tick(now: Date): Promise<TickReport> {
    const report: TickReport = { due: 0, claimed: 0, sent: 0, late: 0, retrying: 0, failed: 0, skipped: 0 };
    if (stopping) return report;
    const live = livePlatforms();
    const cache: Cache = new Map();
    const jobs: Job[] = [];
    const collect = async (id: string, key: string, slot: Date, candidates: () => Promise<Job[]>) => {
      if (done.has(id)) return;
      const have = new Set((await store.deliveries(key, slot)).map((d) => d.target));
      const missing = (await candidates()).filter((j) => !have.has(j.target));
      if (missing.length) jobs.push(...missing);
      else done.add(id);
    };
    for (const p of duePosts(plan, now)) await collect(`${p.key}@${p.at.toISOString()}`, p.key, p.at, () => jobsForPost(p, live, cache));
    const since = new Date(now.getTime() - policy.adminCatchUpMs);
    for (const r of await store.dueAdmin(core.campaign.id, since, now))
      await collect(`${adminKey(r.id)}@${r.at.toISOString()}`, adminKey(r.id), r.at, () => jobsForAdmin(r, live));
    report.due = jobs.length;
    await each(jobs, (j) => sendNew(j, now, report));

    if (!stopping) {
      const rows = await store.pendingRetries(now, new Date(now.getTime() - policy.leaseMs));
      await each(rows, (row) => retry(row, now, live, cache, report));
    }
    await tellAdmins();
    if (report.claimed || report.retrying || report.failed || report.skipped) core.log?.info({ ...report }, 'reminders tick');
    return report;
  }

  return {
    plan,
    tick,
    /** Claim nothing more; sends already claimed finish (their rows are then marked). */
    stop() {
      stopping = true;
    },
  };
}

export type ReminderRunner = ReturnType<typeof createReminderRunner>;
