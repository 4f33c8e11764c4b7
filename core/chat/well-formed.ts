import type { IncomingMessage } from './types.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text PostgreSQL can store: no NUL (text columns refuse it) and no lone UTF-16 surrogate (jsonb refuses
 * its escape; it is half an emoji, cut by a platform or by slicing). Both become nothing / U+FFFD.
 */
export function wellFormed(s: string): string {
  return s.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The same for every string a platform hands over, at the one door every message comes through. */
export function wellFormedMessage(msg: IncomingMessage): IncomingMessage {
  return {
    ...msg,
    chatId: wellFormed(msg.chatId),
    chatTitle: msg.chatTitle === undefined ? undefined : wellFormed(msg.chatTitle),
    senderId: wellFormed(msg.senderId),
    senderNick: wellFormed(msg.senderNick),
    text: wellFormed(msg.text),
    messageId: wellFormed(msg.messageId),
  };
}
