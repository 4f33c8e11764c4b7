import type { DWClientDownStream } from 'dingtalk-stream';
import type { ChatEngine, Reply } from '../../core/chat/types.ts';
import { dingtalk as t } from '../../core/locales/zh-CN/dingtalk.ts';
import type { Clock, Logger } from '../../core/ports.ts';
import { type RobotCallback, isGroup, isText, parseCallback, routeOf, toIncoming } from './callback.ts';
import type { DingTalkOutbox } from './outbox.ts';

/** The part of the Stream client the handler needs: acking a callback. */
export interface Acker {
  ack(messageId: string): void;
}

/**
 * Robot callbacks in: ack at once (DingTalk redelivers what is not acked within about a minute,
 * however slow the handling), then hand the message to the core and its replies to the outbox.
 * One person's messages in a conversation are handled in arrival order; different people run in
 * parallel, so a class typing 签到 together reaches the core together and shares its group commit.
 * Redeliveries are harmless: the core claims each msgId in the database before acting.
 */
export class CallbackHandler {
  private chains = new Map<string, Promise<void>>();
  private running = new Set<Promise<void>>();
  received = 0;

  constructor(
    private readonly engine: ChatEngine,
    private readonly outbox: DingTalkOutbox,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {}

  receive(frame: DWClientDownStream, client: Acker): void {
    try {
      client.ack(frame.headers.messageId);
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'dingtalk: could not ack callback (it will be redelivered)');
    }
    this.received++;
    const c = parseCallback(frame.data);
    if (!c) {
      this.log.warn({ streamMessageId: frame.headers.messageId }, 'dingtalk: unreadable robot callback ignored');
      return;
    }
    this.log.debug({ conversationId: c.conversationId, msgId: c.msgId, msgtype: c.msgtype }, 'dingtalk: robot callback');
    this.inOrder(`${c.conversationId}\u0000${c.senderId}`, () => this.process(c));
  }

  /** Resolves when every received callback has been handled and its replies queued. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }

  private inOrder(key: string, work: () => Promise<void>): void {
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(work).catch((err) => {
      this.log.error({ err: err instanceof Error ? err.message : String(err) }, 'dingtalk: handling a callback failed');
    });
    this.chains.set(key, next);
    this.running.add(next);
    void next.finally(() => {
      this.running.delete(next);
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async process(c: RobotCallback): Promise<void> {
    const route = routeOf(c);
    let replies: Reply[];
    if (!isText(c)) {
      const who = isGroup(c) ? [{ userId: c.senderStaffId ?? '', name: c.senderNick ?? '' }] : [];
      replies = [{ target: 'group', format: 'text', text: t.textOnly, mentions: who }];
    } else {
      replies = await this.engine.handle(toIncoming(c, this.clock.now()));
    }
    // Queued, not awaited: delivery may wait for the rate limit; the outbox records failures.
    if (replies.length) void this.outbox.reply(route, replies);
  }
}
