import type { ChatEngine, Messenger } from '../../core/chat/types.ts';
import { type Clock, type FailedMessageStore, type Logger, systemClock } from '../../core/ports.ts';
import type { Config } from '../config.ts';
import type { RateLimit } from '../outbound/rolling-window.ts';
import { type RetryPolicy, SendQueue, type SendQueueStats } from '../outbound/send-queue.ts';
import { type Timers, realTimers } from '../outbound/timers.ts';
import { AccessToken } from './access-token.ts';
import { type ConnectionStatus, type ReconnectPolicy, StreamConnection } from './connection.ts';
import { CallbackHandler } from './inbound.ts';
import { RobotApi } from './openapi.ts';
import { CONVERSATION_BUDGET, DingTalkOutbox, GLOBAL_BUDGET, USER_BUDGET, budgetFor } from './outbox.ts';

/** Knobs for tests and benchmarks; production runs on the defaults. */
export interface DingTalkTuning {
  conversationBudget?: RateLimit;
  userBudget?: RateLimit;
  globalBudget?: RateLimit;
  retry?: Partial<RetryPolicy>;
  reconnect?: Partial<ReconnectPolicy>;
  webhookMarginMs?: number;
  timers?: Timers;
  random?: () => number;
  keepAlive?: boolean;
  /** How long stop() lets queued messages go out before recording them as failed. */
  shutdownGraceMs?: number;
}

export interface StartDingTalkOptions {
  config: Config;
  engine: ChatEngine;
  failed: FailedMessageStore;
  log: Logger;
  clock?: Clock;
  tuning?: DingTalkTuning;
}

export interface DingTalkStatus extends ConnectionStatus {
  /** Outgoing queue figures since start. */
  outbox: SendQueueStats;
}

export interface DingTalkAdapter {
  messenger: Messenger;
  status(): DingTalkStatus;
  /** Resolves once the first Stream connection is open. */
  ready(): Promise<void>;
  /** Close the socket, finish the callbacks in hand, let queued replies go out, then stop. */
  stop(): Promise<void>;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

/**
 * Start the DingTalk adapter: a Stream-mode connection with the real SDK (reconnecting with
 * backoff), robot callbacks to the core, replies and proactive messages through the rate-limited
 * outbox. Returns at once; the connection comes up in the background (see `status()`).
 */
export async function startDingTalk(opts: StartDingTalkOptions): Promise<DingTalkAdapter> {
  const { config: cfg, log } = opts;
  const clientId = cfg.DINGTALK_CLIENT_ID;
  const clientSecret = cfg.DINGTALK_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error('DingTalk needs DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET');
  const tn = opts.tuning ?? {};
  const clock = opts.clock ?? systemClock;
  const dlog = log.child?.({ platform: 'dingtalk' }) ?? log;

  const queue = new SendQueue({
    perKey: budgetFor(tn.conversationBudget ?? CONVERSATION_BUDGET, tn.userBudget ?? USER_BUDGET),
    global: tn.globalBudget ?? GLOBAL_BUDGET,
    ...(tn.retry ? { retry: tn.retry } : {}),
    failed: opts.failed,
    log: dlog,
    clock,
    ...(tn.timers ? { timers: tn.timers } : {}),
    ...(tn.random ? { random: tn.random } : {}),
  });
  const apiBase = trimSlash(cfg.DINGTALK_API_BASE);
  const token = new AccessToken(apiBase, clientId, clientSecret, tn.timers ?? realTimers);
  const api = new RobotApi(apiBase, cfg.DINGTALK_ROBOT_CODE ?? clientId, token);
  const outbox = new DingTalkOutbox(queue, api, clock, tn.webhookMarginMs);
  const inbound = new CallbackHandler(opts.engine, outbox, dlog, clock);
  const conn = new StreamConnection({
    gatewayUrl: cfg.DINGTALK_GATEWAY_URL,
    clientId,
    clientSecret,
    onCallback: (frame, client) => inbound.receive(frame, client),
    log: dlog,
    ...(tn.reconnect ? { reconnect: tn.reconnect } : {}),
    ...(tn.timers ? { timers: tn.timers } : {}),
    ...(tn.random ? { random: tn.random } : {}),
    keepAlive: tn.keepAlive ?? true,
  });
  conn.start();

  let stopping: Promise<void> | undefined;
  return {
    messenger: outbox,
    status: () => ({ ...conn.status(), outbox: queue.stats() }),
    ready: () => conn.opened(),
    stop: () =>
      (stopping ??= (async () => {
        await conn.stop();
        await inbound.drain();
        await queue.close(tn.shutdownGraceMs ?? 10_000);
        dlog.info({ ...queue.stats() }, 'dingtalk adapter stopped');
      })()),
  };
}
