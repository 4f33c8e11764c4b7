/**
 * A post to 100 groups through the real outboxes (DingTalk and Telegram) and the shared rate-limited
 * send queue, in simulated time, against fake platforms that enforce the published limits and refuse
 * anything over them (DingTalk errcode 130101, Telegram 429). Reports the simulated time to deliver
 * everything, the theoretical minimum under the same limits, the rate reached as a share of the allowed
 * rate, and how many sends the platform refused (must be 0).
 *
 *   npx tsx bench/broadcast.ts
 */
import { pathToFileURL } from 'node:url';
import { GrammyError } from 'grammy';
import { CONVERSATION_BUDGET, DingTalkOutbox, GLOBAL_BUDGET as DINGTALK_GLOBAL, budgetFor as dingtalkBudget, USER_BUDGET } from '../bot/dingtalk/outbox.ts';
import type { RobotApi } from '../bot/dingtalk/openapi.ts';
import type { RateLimit } from '../bot/outbound/rolling-window.ts';
import type { AttemptResult } from '../bot/outbound/send-queue.ts';
import { SendQueue } from '../bot/outbound/send-queue.ts';
import { VirtualTimers } from '../bot/outbound/virtual-timers.ts';
import { GLOBAL_BUDGET as TELEGRAM_GLOBAL, GROUP_BUDGET, Outbox, PRIVATE_BUDGET, budgetFor as telegramBudget } from '../bot/telegram/outbox.ts';
import type { FailedMessageStore, Logger } from '../core/ports.ts';
import { type BenchLine, benchDbKind, round } from './support.ts';

const GROUPS = 100;
/** Round trip of one send as the platform answers it (simulated). */
const LATENCY_MS = 50;
const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** A platform that counts what arrives (half way through the round trip) against its limits. */
class LimitedPlatform {
  refused = 0;
  delivered = 0;
  lastDoneAt = 0;
  private perChat = new Map<string, number[]>();
  private all: number[] = [];
  constructor(
    private readonly timers: VirtualTimers,
    private readonly perChatLimit: RateLimit,
    private readonly globalLimit: RateLimit,
  ) {}

  private within(stamps: number[], now: number, l: RateLimit) {
    while (stamps.length && stamps[0]! <= now - l.windowMs) stamps.shift();
    return stamps.length < l.max;
  }

  async deliver(chatId: string): Promise<boolean> {
    await new Promise<void>((r) => this.timers.setTimeout(r, LATENCY_MS / 2));
    const now = this.timers.now();
    const chat = this.perChat.get(chatId) ?? [];
    this.perChat.set(chatId, chat);
    const ok = this.within(chat, now, this.perChatLimit) && this.within(this.all, now, this.globalLimit);
    if (ok) {
      chat.push(now);
      this.all.push(now);
      this.delivered++;
    } else this.refused++;
    await new Promise<void>((r) => this.timers.setTimeout(r, LATENCY_MS / 2));
    this.lastDoneAt = this.timers.now();
    return ok;
  }
}

/** Earliest time the last of `count` sends can be answered when a window allows `max` per `windowMs`. */
const windowBound = (count: number, l: RateLimit) => Math.floor((count - 1) / l.max) * l.windowMs;

async function run(platform: 'dingtalk' | 'telegram', postsPerGroup: number) {
  const timers = new VirtualTimers(0);
  const failures: unknown[] = [];
  const failed: FailedMessageStore = { record: async (f) => void failures.push(f), list: async () => [] };
  const [chatLimit, globalLimit] = platform === 'dingtalk' ? [CONVERSATION_BUDGET, DINGTALK_GLOBAL] : [GROUP_BUDGET, TELEGRAM_GLOBAL];
  const fake = new LimitedPlatform(timers, chatLimit, globalLimit);
  const queue = new SendQueue({
    perKey: platform === 'dingtalk' ? dingtalkBudget(CONVERSATION_BUDGET, USER_BUDGET) : telegramBudget(GROUP_BUDGET, PRIVATE_BUDGET),
    global: globalLimit,
    failed,
    log: quiet,
    timers,
  });
  const sends: Array<Promise<{ ok: boolean }>> = [];
  if (platform === 'dingtalk') {
    const api = {
      groupSend: async (chatId: string): Promise<AttemptResult> =>
        (await fake.deliver(chatId)) ? { ok: true } : { ok: false, retryable: true, error: '130101 send too fast' },
    } as unknown as RobotApi;
    const outbox = new DingTalkOutbox(queue, api, { now: () => new Date(timers.now()) });
    for (let p = 0; p < postsPerGroup; p++)
      for (let g = 0; g < GROUPS; g++) sends.push(outbox.send({ platform: 'dingtalk', chatId: `cid-${g}`, private: false, format: 'text', text: `通知 ${p}` }));
  } else {
    const api = {
      sendMessage: async (chatId: number) => {
        if (await fake.deliver(String(chatId))) return {};
        throw new GrammyError('Too Many Requests', { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }, 'sendMessage', {});
      },
    };
    const outbox = new Outbox(api as never, queue);
    for (let p = 0; p < postsPerGroup; p++)
      for (let g = 0; g < GROUPS; g++) sends.push(outbox.send({ chatId: -1000 - g, private: false, html: `通知 ${p}`, plain: `通知 ${p}` }));
  }
  await timers.runUntilIdle();
  const results = await Promise.all(sends);
  const total = GROUPS * postsPerGroup;
  const theoreticalMs = Math.max(windowBound(postsPerGroup, chatLimit), windowBound(total, globalLimit)) + LATENCY_MS;
  const measuredMs = fake.lastDoneAt;
  return {
    messages: total,
    delivered: fake.delivered,
    failed: results.filter((r) => !r.ok).length + failures.length,
    rejections: fake.refused,
    simulatedSeconds: round(measuredMs / 1000),
    theoreticalMinSeconds: round(theoreticalMs / 1000),
    shareOfAllowedRate: round(theoreticalMs / measuredMs, 3),
  };
}

export async function benchBroadcast(): Promise<BenchLine[]> {
  const t0 = performance.now();
  const out: BenchLine = { name: 'broadcast_100_groups', db: benchDbKind(), groups: GROUPS, sendLatencyMs: LATENCY_MS };
  for (const platform of ['dingtalk', 'telegram'] as const) {
    // One post to every group, then a sustained run where both the per-group and the app-wide budgets bind.
    out[platform] = { onePost: await run(platform, 1), thirtyPosts: await run(platform, 30) };
  }
  out.wallSeconds = round((performance.now() - t0) / 1000);
  return [out];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchBroadcast()) console.log(JSON.stringify(line));
}
