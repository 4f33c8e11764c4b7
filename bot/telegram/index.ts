import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import type { FastifyInstance } from 'fastify';
import { Bot, GrammyError, type Context, type Transformer } from 'grammy';
import type { Command } from '../../core/chat/command.ts';
import { parseCommand } from '../../core/chat/parse.ts';
import type { ChatEngine, Messenger, Reply } from '../../core/chat/types.ts';
import { chat as chatText } from '../../core/locales/zh-CN/index.ts';
import type { FailedMessageStore, Logger } from '../../core/ports.ts';
import type { Config } from '../config.ts';
import type { RateLimit } from '../outbound/rolling-window.ts';
import { SendQueue, type RetryPolicy } from '../outbound/send-queue.ts';
import { deliverReplies, sendOutgoing } from './deliver.ts';
import { fromUpdate, joinsFrom } from './inbound.ts';
import { MemberCache } from './members.ts';
import { budgetFor, GLOBAL_BUDGET, GROUP_BUDGET, Outbox, PRIVATE_BUDGET } from './outbox.ts';
import { registerWebhookRoute, webhookPath } from './webhook.ts';

/** Update kinds the bot asks for; chat_member (joins) is only sent when listed and the bot is admin. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'chat_member', 'my_chat_member'] as const;

export interface TelegramOptions {
  config: Config;
  engine: ChatEngine;
  failed: FailedMessageStore;
  log: Logger;
  /** Where the webhook route is registered (webhook mode); register before the server listens. */
  app?: FastifyInstance;
  /** Tuning for tests and benchmarks; production uses Telegram's published limits. */
  limits?: { group?: RateLimit; private?: RateLimit; global?: RateLimit; retry?: Partial<RetryPolicy>; memberTtlMs?: number; pollTimeoutSec?: number };
  /**
   * For group text not addressed to the bot: does the core act on it (a bare command word)?
   * Defaults to the core's own parser over the engine's commands when the engine exposes them.
   */
  isCommand?: (text: string) => boolean;
}

export interface TelegramAdapter {
  messenger: Messenger;
  status(): { mode: 'webhook' | 'polling'; connected: boolean };
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The grammY bot, for diagnostics. */
  bot: Bot;
}

export async function createTelegram(opts: TelegramOptions): Promise<TelegramAdapter> {
  const { config, engine, failed, app } = opts;
  const log = opts.log.child?.({ platform: 'telegram' }) ?? opts.log;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is not set');
  const mode: 'webhook' | 'polling' = config.TELEGRAM_WEBHOOK_URL ? 'webhook' : 'polling';
  if (mode === 'webhook' && !app) throw new Error('Telegram webhook mode needs the fastify app to register its route');
  if (mode === 'webhook' && !config.TELEGRAM_WEBHOOK_SECRET) throw new Error('TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL');

  const bot = new Bot(token, { client: { apiRoot: config.TELEGRAM_API_ROOT } });
  let connected = false;
  // The last transformer installed runs first: retries wrap the health probe, which sees every attempt.
  bot.api.config.use(health((ok) => (connected = ok), log), retries());

  const limits = opts.limits ?? {};
  const queue = new SendQueue({
    perKey: budgetFor(limits.group ?? GROUP_BUDGET, limits.private ?? PRIVATE_BUDGET),
    global: limits.global ?? GLOBAL_BUDGET,
    retry: limits.retry,
    failed,
    log,
  });
  const outbox = new Outbox(bot.api, queue);
  const members = new MemberCache(bot.api, log, limits.memberTtlMs);
  const recentJoins = new Map<string, number>();
  const inFlight = new Set<Promise<unknown>>();

  const commands = (engine as ChatEngine & { commands?: Command[] }).commands;
  const isCommand = opts.isCommand ?? (commands ? (text: string) => parseCommand(text, commands) !== null : undefined);
  const me = () => ({ id: bot.botInfo.id, username: bot.botInfo.username });

  async function onUpdate(ctx: Context): Promise<void> {
    const u = ctx.update;
    if (u.my_chat_member) {
      const m = u.my_chat_member;
      log.info({ chatId: m.chat.id, status: m.new_chat_member.status }, 'telegram bot membership changed');
      return;
    }
    if (u.callback_query) await ctx.answerCallbackQuery().catch((e: Error) => log.warn({ err: e.message }, 'answerCallbackQuery failed'));

    const joins = await joinsFrom(u, members);
    for (const j of joins) {
      // A join usually arrives twice (service message + chat_member): greet once.
      const key = `${j.chatId}:${j.userId}`;
      const now = Date.now();
      if ((recentJoins.get(key) ?? 0) > now - 10 * 60_000) continue;
      recentJoins.set(key, now);
      if (recentJoins.size > 5_000) for (const [k, at] of recentJoins) if (at < now - 10 * 60_000) recentJoins.delete(k);
      const replies = (await engine.memberJoined?.(j)) ?? [];
      await deliverReplies(outbox, { chatId: Number(j.chatId), group: true, senderId: Number(j.userId), senderName: j.nick }, replies, me().username);
    }
    if (u.chat_member || u.message?.new_chat_members) return;

    const inb = await fromUpdate(u, { bot: me(), members, isCommand });
    if (inb.kind === 'ignore') {
      log.debug({ update_id: u.update_id, why: inb.why }, 'telegram update ignored');
      return;
    }
    if (inb.kind === 'nonText') {
      const reply: Reply = { target: 'group', format: 'text', text: chatText.nonText };
      await deliverReplies(outbox, { chatId: inb.chatId, group: false, senderId: inb.chatId, senderName: '' }, [reply], me().username);
      return;
    }
    const replies = await engine.handle(inb.msg);
    await deliverReplies(
      outbox,
      {
        chatId: Number(inb.msg.chatId),
        group: inb.msg.chatType === 'group',
        senderId: Number(inb.msg.senderId),
        senderName: inb.senderName,
        replyTo: inb.replyTo,
        threadId: inb.threadId,
      },
      replies,
      me().username,
      log,
    );
  }

  // Track handling so stop() can wait for it; one chat's updates are handled in order.
  bot.use(async (_ctx, next) => {
    const p = next();
    inFlight.add(p);
    try {
      await p;
    } finally {
      inFlight.delete(p);
    }
  });
  // One person's updates in a chat in order; different people in parallel, so a class checking in
  // together reaches the core together and shares its group commit.
  bot.use(sequentialize((ctx: Context) => (ctx.chat ? `${ctx.chat.id}:${ctx.from?.id ?? ''}` : undefined)));
  // Errors are logged and swallowed: a webhook must still answer 200, or Telegram re-sends forever.
  bot.errorBoundary((err) => {
    log.error({ update_id: err.ctx.update.update_id, err: describeError(err.error) }, 'telegram update handling failed');
  }, onUpdate);
  bot.catch((err) => log.error({ update_id: err.ctx.update.update_id, err: describeError(err.error) }, 'telegram middleware failed'));

  if (mode === 'webhook') {
    registerWebhookRoute(app!, bot, { path: webhookPath(config.TELEGRAM_WEBHOOK_URL!), secret: config.TELEGRAM_WEBHOOK_SECRET!, log });
  }

  let runner: RunnerHandle | undefined;
  let stopped = false;

  return {
    bot,
    messenger: { platform: 'telegram', send: (m) => sendOutgoing(outbox, m) },
    status: () => ({ mode, connected: connected && !stopped }),
    async start() {
      await bot.init();
      if (mode === 'webhook') {
        await bot.api.setWebhook(config.TELEGRAM_WEBHOOK_URL!, {
          secret_token: config.TELEGRAM_WEBHOOK_SECRET!,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        connected = true;
        log.info({ username: bot.botInfo.username, path: webhookPath(config.TELEGRAM_WEBHOOK_URL!) }, 'telegram webhook set');
        return;
      }
      // A webhook left over from another deployment would make getUpdates fail with 409.
      await bot.api.deleteWebhook();
      connected = true; // the server answered; a failing getUpdates sets it back
      runner = run(bot, {
        runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: limits.pollTimeoutSec ?? 30 }, silent: true, maxRetryTime: Infinity },
      });
      runner.task()?.catch((e: unknown) => {
        connected = false;
        log.error({ err: describeError(e) }, 'telegram long polling stopped');
      });
      log.info({ username: bot.botInfo.username }, 'telegram long polling started');
    },
    async stop() {
      stopped = true;
      if (runner?.isRunning()) await runner.stop();
      await Promise.allSettled([...inFlight]);
      await queue.close();
      connected = false;
    },
  };
}

/** auto-retry: sends only wait out short 429s here (the queue handles the rest); other calls retry fully. */
function retries(): Transformer {
  const forSends = autoRetry({ maxDelaySeconds: 30, maxRetryAttempts: 3, rethrowInternalServerErrors: true, rethrowHttpErrors: true });
  const forOthers = autoRetry({ maxDelaySeconds: 60, maxRetryAttempts: 5 });
  return (prev, method, payload, signal) => (method === 'sendMessage' ? forSends : forOthers)(prev, method, payload, signal);
}

/** Connected = the last getUpdates/setWebhook attempt was answered; failures are logged without payloads. */
function health(set: (ok: boolean) => void, log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (method === 'getUpdates' || method === 'setWebhook') set(res.ok);
      if (!res.ok) log.warn({ method, code: res.error_code, description: res.description }, 'telegram API call refused');
      return res;
    } catch (e) {
      if (method === 'getUpdates' && !signal?.aborted) set(false);
      if (!signal?.aborted) log.warn({ method, err: describeError(e) }, 'telegram API call failed');
      throw e;
    }
  };
}

/** Error text without request payloads (they may hold a trainee's figures) or the token. */
export function describeError(e: unknown): string {
  if (e instanceof GrammyError) return `${e.method}: ${e.error_code} ${e.description}`;
  if (e instanceof Error) return e.message;
  return String(e);
}
