import type { Chat, ChatMemberUpdated, Message, Update, User } from 'grammy/types';
import type { IncomingMessage, MemberJoined } from '../../core/chat/types.ts';
import { addressing } from './addressing.ts';
import { fullName, isIn, type MemberCache } from './members.ts';

/** Telegram → core: translation only. What the core does with it is not decided here. */

export interface BotIdentity {
  id: number;
  username: string;
}

export type Inbound =
  | { kind: 'message'; msg: IncomingMessage; replyTo?: number; threadId?: number; senderName: string }
  | { kind: 'nonText'; chatId: number }
  | { kind: 'ignore'; why: string };

export const isGroup = (c: Chat) => c.type === 'group' || c.type === 'supergroup';

export interface InboundOptions {
  bot: BotIdentity;
  members: MemberCache;
  /** For text nobody addressed to the bot in a group: does the core act on it anyway (a bare command word)? */
  isCommand?: (text: string) => boolean;
}

/** A message or a button press → IncomingMessage (or why it is not one). */
export async function fromUpdate(update: Update, o: InboundOptions): Promise<Inbound> {
  if (update.callback_query) {
    const q = update.callback_query;
    const m = q.message;
    if (!m || !q.data) return { kind: 'ignore', why: 'callback without message or data' };
    return toMessage(update.update_id, m.chat, q.from, q.data, new Date(), undefined, undefined, o);
  }
  const m = update.message;
  if (!m) return { kind: 'ignore', why: 'not a message' };
  if (m.from?.is_bot && !m.sender_chat) return { kind: 'ignore', why: 'from a bot' };
  if (m.is_automatic_forward || (m.sender_chat && m.sender_chat.id !== m.chat.id)) return { kind: 'ignore', why: 'posted as a channel' };
  if (m.new_chat_members || m.left_chat_member) return { kind: 'ignore', why: 'service message' };
  const group = isGroup(m.chat);
  if (m.text === undefined) return group ? { kind: 'ignore', why: 'non-text in group' } : { kind: 'nonText', chatId: m.chat.id };

  let text = m.text;
  if (group) {
    const a = addressing(m, o.bot);
    if (a.otherBot) return { kind: 'ignore', why: 'command for another bot' };
    if (!a.addressed && !o.isCommand?.(a.text)) return { kind: 'ignore', why: 'not addressed to the bot' };
    text = a.text;
  } else {
    text = addressing(m, o.bot).text;
  }
  return toMessage(update.update_id, m.chat, m.from, text, new Date(m.date * 1000), m.message_id, m, o);
}

async function toMessage(
  updateId: number,
  chat: Chat,
  from: User | undefined,
  text: string,
  at: Date,
  replyTo: number | undefined,
  m: Message | undefined,
  o: InboundOptions,
): Promise<Inbound> {
  const group = isGroup(chat);
  const title = 'title' in chat ? chat.title : undefined;
  const threadId = m?.is_topic_message ? m.message_thread_id : undefined;
  // An anonymous admin writes as the group itself; only admins can do that.
  if (m?.sender_chat && m.sender_chat.id === chat.id) {
    const nick = m.sender_tag ?? title ?? String(chat.id);
    return {
      kind: 'message',
      replyTo,
      threadId,
      senderName: nick,
      msg: base(updateId, chat, group, { senderId: String(chat.id), senderNick: nick, senderIsAdmin: true, text, at }),
    };
  }
  if (!from) return { kind: 'ignore', why: 'no sender' };
  const member = group ? await o.members.get(chat.id, from.id) : { isAdmin: false };
  // A message carries the sender's tag as of now; only a button press needs the (cached) member tag.
  const nick = (m ? m.sender_tag?.trim() : member.tag) || fullName(from);
  return {
    kind: 'message',
    replyTo,
    threadId,
    senderName: nick,
    msg: base(updateId, chat, group, { senderId: String(from.id), senderNick: nick, senderIsAdmin: member.isAdmin, text, at }),
  };
}

function base(
  updateId: number,
  chat: Chat,
  group: boolean,
  p: Pick<IncomingMessage, 'senderId' | 'senderNick' | 'senderIsAdmin' | 'text' | 'at'>,
): IncomingMessage {
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    chatType: group ? 'group' : 'private',
    ...('title' in chat && chat.title ? { chatTitle: chat.title } : {}),
    ...p,
    // update_id is unique per bot and identical when Telegram re-delivers: the core dedupes on it.
    messageId: String(updateId),
  };
}

/**
 * Newcomers, from a chat_member update or a new_chat_members service message (a join usually
 * produces both). The event id is the same for both so the core greets once.
 */
export async function joinsFrom(update: Update, members: MemberCache): Promise<MemberJoined[]> {
  const cm: ChatMemberUpdated | undefined = update.chat_member;
  if (cm) {
    members.set(cm.chat.id, cm.new_chat_member);
    if (!isGroup(cm.chat) || isIn(cm.old_chat_member) || !isIn(cm.new_chat_member)) return [];
    const u = cm.new_chat_member.user;
    if (u.is_bot) return [];
    const tag = 'tag' in cm.new_chat_member ? cm.new_chat_member.tag : undefined;
    return [joined(cm.chat, u, tag, cm.date)];
  }
  const m = update.message;
  if (!m?.new_chat_members || !isGroup(m.chat)) return [];
  const out: MemberJoined[] = [];
  // The service message carries no member tag; ask for it (also warms the admin cache).
  for (const u of m.new_chat_members) if (!u.is_bot) out.push(joined(m.chat, u, (await members.get(m.chat.id, u.id)).tag, m.date));
  return out;
}

function joined(chat: Chat, u: User, tag: string | undefined, date: number): MemberJoined {
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    ...('title' in chat && chat.title ? { chatTitle: chat.title } : {}),
    userId: String(u.id),
    nick: tag?.trim() || fullName(u),
    eventId: `${chat.id}:${u.id}:${date}`,
    at: new Date(date * 1000),
  };
}
