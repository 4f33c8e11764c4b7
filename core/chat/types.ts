import type { Level } from '../campaign/schema.ts';

export type Platform = 'dingtalk' | 'telegram' | 'sandbox';
export type ChatType = 'group' | 'private';

/** One message addressed to the bot, already translated from the platform's format. */
export interface IncomingMessage {
  platform: Platform;
  chatId: string;
  chatType: ChatType;
  chatTitle?: string;
  /** Stable platform account id of the sender (DingTalk staffId/senderId, Telegram user id). */
  senderId: string;
  /** The name the sender shows in this group (DingTalk group nickname, Telegram member tag or name). */
  senderNick: string;
  /** What the platform says: group owner/admin. `ADMIN_IDS` is applied by the core, not the adapter. */
  senderIsAdmin: boolean;
  /** Text with the @bot mention removed. */
  text: string;
  /** Platform message id, for dedupe (DingTalk msgId, Telegram update_id). */
  messageId: string;
  at: Date;
}

export interface Mention {
  /** Platform account id to @. */
  userId: string;
  /** Display name, for platforms whose mentions carry a label (Telegram). */
  name: string;
}

export interface ReplyButton {
  label: string;
  /** Text sent back to the bot when pressed (a command). */
  command: string;
}

/**
 * A platform-neutral reply. `target: 'group'` answers in the chat the message came from;
 * `target: 'private'` goes to the sender's private chat (adapters that cannot reach it
 * must say so with `privateUnavailable` text from the locale).
 */
export interface Reply {
  target: 'group' | 'private';
  format: 'text' | 'markdown';
  /** Markdown replies also carry a title (DingTalk shows it in notifications). */
  title?: string;
  text: string;
  mentions?: Mention[];
  buttons?: ReplyButton[];
}

/** A message the bot sends on its own (reminders, nudges), through the messenger port. */
export interface OutgoingMessage {
  platform: Platform;
  /** Group chat id, or a user account id when `private`. */
  chatId: string;
  private: boolean;
  format: 'text' | 'markdown';
  title?: string;
  text: string;
  mentions?: Mention[];
}

export interface SendResult {
  ok: boolean;
  /** Why it failed, for the admin's failed-message list. */
  error?: string;
  /** The platform said "too fast": try again later, not a final failure. */
  retryable?: boolean;
}

/** What adapters call: one message in, replies out. Dedupe and nickname checks happen inside. */
export interface ChatEngine {
  handle(msg: IncomingMessage): Promise<Reply[]>;
  /** A new member joined a group: greet with the real-name rule and check the name. */
  memberJoined?(ev: MemberJoined): Promise<Reply[]>;
}

export interface MemberJoined {
  platform: Platform;
  chatId: string;
  chatTitle?: string;
  userId: string;
  nick: string;
  eventId: string;
  at: Date;
}

/** Proactive sending, implemented by each adapter (rate-limited per group inside). */
export interface Messenger {
  platform: Platform;
  send(msg: OutgoingMessage): Promise<SendResult>;
}

export type { Level };
