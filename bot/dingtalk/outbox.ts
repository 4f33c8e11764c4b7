import type { Messenger, OutgoingMessage, Reply, SendResult } from '../../core/chat/types.ts';
import { dingtalk as t } from '../../core/locales/zh-CN/dingtalk.ts';
import type { Clock } from '../../core/ports.ts';
import type { RateLimit } from '../outbound/rolling-window.ts';
import type { AttemptResult, SendQueue } from '../outbound/send-queue.ts';
import type { ReplyRoute } from './callback.ts';
import type { RobotApi } from './openapi.ts';
import { CHUNK_CHARS, type Renderable, renderReply, splitLines } from './render.ts';

/** The platform's budget: 20 messages a minute from one robot to one conversation. */
export const CONVERSATION_BUDGET: RateLimit = { max: 20, windowMs: 60_000 };
/** Robot OpenAPI calls per app (the published QPS limit is 20). */
export const GLOBAL_BUDGET: RateLimit = { max: 20, windowMs: 1_000 };
/** Private messages to one person: keep them from flooding anyone. */
export const USER_BUDGET: RateLimit = { max: 10, windowMs: 60_000 };

export const chatKey = (conversationId: string) => `dingtalk:chat:${conversationId}`;
export const userKey = (staffId: string) => `dingtalk:user:${staffId}`;

export function budgetFor(conversation: RateLimit, user: RateLimit) {
  return (key: string): RateLimit => (key.startsWith('dingtalk:chat:') ? conversation : user);
}

/** Split a reply into postable pieces; mentions travel with the first. */
function pieces(r: Renderable): Renderable[] {
  return splitLines(r.text, CHUNK_CHARS).map((text, i) => ({ ...r, text, ...(i > 0 ? { mentions: [], buttons: [] } : {}) }));
}

const all = (rs: SendResult[]): SendResult => rs.find((r) => !r.ok) ?? { ok: true };

/**
 * Every DingTalk message goes out here, through the shared rate-limited queue. Replies use the
 * callback's session webhook while it is valid (real @), else the OpenAPI group send; private
 * details go by batchSend to the sender's staff id. The route is chosen at each try, so a retry
 * after the webhook expired falls back to the OpenAPI.
 */
export class DingTalkOutbox implements Messenger {
  readonly platform = 'dingtalk' as const;

  constructor(
    private readonly queue: SendQueue,
    private readonly api: RobotApi,
    private readonly clock: Clock,
    /** A webhook this close to its expiry is not used: the post could arrive too late. */
    private readonly webhookMarginMs = 60_000,
  ) {}

  /** Send the replies to one callback, in order. */
  async reply(route: ReplyRoute, replies: Reply[]): Promise<SendResult[]> {
    const out: Array<Promise<SendResult>> = [];
    replies.forEach((r, i) => {
      const id = `${route.msgId}:${i}`;
      if (r.target === 'private' && route.group) {
        if (route.senderStaffId) out.push(this.toUser(route.senderStaffId, r, id));
        else
          out.push(
            this.toConversation(route, { format: 'text', text: t.privateUnreachable(route.senderNick), mentions: [{ userId: '', name: route.senderNick }] }, id),
          );
      } else out.push(this.toConversation(route, r, id));
    });
    return Promise.all(out);
  }

  /** Proactive messages (reminders, nudges): OpenAPI group send, or batchSend for a person. */
  async send(msg: OutgoingMessage): Promise<SendResult> {
    const r: Renderable = { format: msg.format, text: msg.text, ...(msg.title ? { title: msg.title } : {}), ...(msg.mentions ? { mentions: msg.mentions } : {}) };
    if (msg.private) return this.toUser(msg.chatId, r);
    const results = await Promise.all(
      pieces(r).map((p) =>
        this.queue.enqueue({
          key: chatKey(msg.chatId),
          describe: { platform: 'dingtalk', chatId: msg.chatId, private: false, text: p.text },
          send: () => this.api.groupSend(msg.chatId, renderReply(p, false)[0]!),
        }),
      ),
    );
    return all(results);
  }

  private async toConversation(route: ReplyRoute, r: Renderable, id: string): Promise<SendResult> {
    const results = await Promise.all(
      pieces(r).map((p, n) =>
        this.queue.enqueue({
          key: chatKey(route.conversationId),
          id: `${id}:${n}`,
          describe: { platform: 'dingtalk', chatId: route.conversationId, private: !route.group, text: p.text },
          send: () => this.replyOnce(route, p),
        }),
      ),
    );
    return all(results);
  }

  private async replyOnce(route: ReplyRoute, p: Renderable): Promise<AttemptResult> {
    const wh = route.webhook;
    if (wh && wh.expiresAt - this.webhookMarginMs > this.clock.now().getTime()) {
      const r = await this.api.webhook(wh.url, renderReply(p, true)[0]!);
      if (r !== 'gone') return r;
      // Expired early or unknown: forget it, so the next replies go straight to the OpenAPI.
      route.webhook = undefined;
    }
    if (route.group) return this.api.groupSend(route.conversationId, renderReply(p, false)[0]!);
    if (route.senderStaffId) return this.api.batchSend(route.senderStaffId, renderReply(p, false)[0]!);
    return { ok: false, retryable: false, error: 'private chat: session webhook expired and sender has no staff id' };
  }

  private async toUser(staffId: string, r: Renderable, id?: string): Promise<SendResult> {
    const results = await Promise.all(
      pieces(r).map((p, n) =>
        this.queue.enqueue({
          key: userKey(staffId),
          ...(id ? { id: `${id}:${n}` } : {}),
          describe: { platform: 'dingtalk', chatId: staffId, private: true, text: p.text },
          send: () => this.api.batchSend(staffId, renderReply(p, false)[0]!),
        }),
      ),
    );
    return all(results);
  }
}
