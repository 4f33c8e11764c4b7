import { GrammyError, HttpError, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { SendResult } from '../../core/chat/types.ts';
import type { RateLimit } from '../outbound/rolling-window.ts';
import type { AttemptResult, SendQueue } from '../outbound/send-queue.ts';

/** Telegram's published limits: 20 messages a minute in one group, about 30 a second overall. */
export const GROUP_BUDGET: RateLimit = { max: 20, windowMs: 60_000 };
export const GLOBAL_BUDGET: RateLimit = { max: 30, windowMs: 1_000 };
/** "Avoid more than one message per second in a particular chat; short bursts are allowed." */
export const PRIVATE_BUDGET: RateLimit = { max: 5, windowMs: 5_000 };

export const groupKey = (chatId: number | string) => `telegram:group:${chatId}`;
export const userKey = (userId: number | string) => `telegram:user:${userId}`;

export function budgetFor(group: RateLimit, priv: RateLimit) {
  return (key: string): RateLimit => (key.startsWith('telegram:group:') ? group : priv);
}

export interface OutMessage {
  chatId: number;
  private: boolean;
  html: string;
  /** The reply as the core wrote it, for the admin's failed-message list. */
  plain: string;
  replyTo?: number;
  threadId?: number;
  keyboard?: InlineKeyboardMarkup;
}

/**
 * Every message the bot sends goes through the shared rate-limited queue. Telegram's 429 with a
 * short retry_after is retried inside the call by auto-retry; longer waits, 5xx and network errors
 * come back here as retryable and the queue backs off; anything else is final and recorded.
 */
export class Outbox {
  constructor(
    private readonly api: Pick<Api, 'sendMessage'>,
    private readonly queue: SendQueue,
  ) {}

  send(m: OutMessage): Promise<SendResult> {
    return this.queue.enqueue({
      key: m.private ? userKey(m.chatId) : groupKey(m.chatId),
      describe: { platform: 'telegram', chatId: String(m.chatId), private: m.private, text: m.plain },
      send: async () => {
        try {
          await this.api.sendMessage(m.chatId, m.html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(m.threadId ? { message_thread_id: m.threadId } : {}),
            ...(m.replyTo ? { reply_parameters: { message_id: m.replyTo, allow_sending_without_reply: true } } : {}),
            ...(m.keyboard ? { reply_markup: m.keyboard } : {}),
          });
          return { ok: true };
        } catch (e) {
          return classify(e);
        }
      },
    });
  }
}

export function classify(e: unknown): AttemptResult {
  if (e instanceof GrammyError) {
    const retryAfter = e.parameters.retry_after;
    const error = `${e.error_code} ${e.description}`;
    if (e.error_code === 429) return { ok: false, retryable: true, error, ...(retryAfter ? { retryAfterMs: retryAfter * 1000 } : {}) };
    return { ok: false, retryable: e.error_code >= 500, error };
  }
  if (e instanceof HttpError) return { ok: false, retryable: true, error: e.message };
  return { ok: false, retryable: false, error: e instanceof Error ? e.message : String(e) };
}

/** The user never opened a private chat with the bot, or blocked it: only they can change that. */
export function isPrivateUnreachable(r: SendResult): boolean {
  return !r.ok && /^403 /.test(r.error ?? '');
}
