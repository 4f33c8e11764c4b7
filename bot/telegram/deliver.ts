import type { OutgoingMessage, Reply, SendResult } from '../../core/chat/types.ts';
import type { Logger } from '../../core/ports.ts';
import { telegram as t } from '../../core/locales/zh-CN/telegram.ts';
import { isPrivateUnreachable, type Outbox } from './outbox.ts';
import { keyboard, renderHtml } from './render.ts';

/** Where a conversation happened: replies go back there, private ones to the sender. */
export interface Origin {
  chatId: number;
  group: boolean;
  senderId: number;
  senderName: string;
  /** Answer as a reply to this message (groups), so the asker sees which message it answers. */
  replyTo?: number;
  /** Forum topic the message came from: answers stay in it. */
  threadId?: number;
}

interface Target {
  chatId: number;
  private: boolean;
  replyTo?: number;
  threadId?: number;
}

/**
 * Send the core's replies. Private replies go first: if Telegram refuses them (403, the user never
 * pressed Start or blocked the bot) the group is told how to open the private chat, after the
 * group replies, so nobody waits for details that never come.
 */
export async function deliverReplies(outbox: Outbox, origin: Origin, replies: Reply[], botUsername: string, log?: Logger): Promise<SendResult[]> {
  const results: SendResult[] = [];
  let unreachable = false;
  const privates = replies.filter((r) => r.target === 'private');
  const publics = replies.filter((r) => r.target !== 'private');
  const here: Target = { chatId: origin.chatId, private: !origin.group, replyTo: origin.group ? origin.replyTo : undefined, threadId: origin.threadId };
  for (const r of privates) {
    if (origin.group && origin.senderId <= 0) {
      // An anonymous admin writes as the group: there is no person to write to privately, and the group must not get the details.
      log?.warn({ chatId: origin.chatId }, 'private reply to an anonymous group admin dropped');
      results.push({ ok: false, error: 'anonymous sender: no private chat' });
      continue;
    }
    const res = await sendReply(outbox, r, origin.group ? { chatId: origin.senderId, private: true } : here);
    results.push(res);
    if (isPrivateUnreachable(res)) unreachable = true;
  }
  for (const r of publics) results.push(await sendReply(outbox, r, here));
  if (unreachable && origin.group) {
    const notice: Reply = {
      target: 'group',
      format: 'text',
      text: t.openPrivateChatFirst(origin.senderName, botUsername),
      mentions: [{ userId: String(origin.senderId), name: origin.senderName }],
    };
    results.push(await sendReply(outbox, notice, here));
  }
  return results;
}

async function sendReply(outbox: Outbox, r: Reply, to: Target): Promise<SendResult> {
  const parts = renderHtml(r);
  const kb = keyboard(r.buttons);
  let last: SendResult = { ok: true };
  for (let i = 0; i < parts.length; i++) {
    last = await outbox.send({
      chatId: to.chatId,
      private: to.private,
      html: parts[i],
      plain: r.text,
      // Only the first part answers the message; only the last carries the buttons.
      ...(i === 0 && to.replyTo ? { replyTo: to.replyTo } : {}),
      ...(to.threadId ? { threadId: to.threadId } : {}),
      ...(i === parts.length - 1 && kb ? { keyboard: kb } : {}),
    });
    if (!last.ok) return last;
  }
  return last;
}

/** Proactive messages (reminders, nudges) through the same queue. */
export function sendOutgoing(outbox: Outbox, m: OutgoingMessage): Promise<SendResult> {
  const chatId = Number(m.chatId);
  if (!Number.isSafeInteger(chatId)) return Promise.resolve({ ok: false, error: `not a Telegram chat id: ${m.chatId}` });
  return sendReply(outbox, { target: m.private ? 'private' : 'group', format: m.format, text: m.text, mentions: m.mentions }, { chatId, private: m.private });
}
