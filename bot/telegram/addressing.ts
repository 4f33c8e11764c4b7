import type { Message, MessageEntity } from 'grammy/types';

/**
 * Whether a group message is meant for the bot, and its text with the bot's @username removed.
 * With privacy mode off Telegram delivers every group message; chatter must not reach the core as
 * if it had been said to the bot (DingTalk only ever delivers @-messages, and the core expects that).
 */
export interface Addressed {
  text: string;
  /** A /command for this bot, an @mention of it, or a reply to one of its messages. */
  addressed: boolean;
  /** A /command addressed to another bot (`/checkin@other_bot`): never ours. */
  otherBot: boolean;
}

export function addressing(msg: Pick<Message, 'text' | 'entities' | 'reply_to_message'>, bot: { id: number; username: string }): Addressed {
  const raw = msg.text ?? '';
  const entities: MessageEntity[] = msg.entities ?? [];
  const me = bot.username.toLowerCase();
  let addressed = msg.reply_to_message?.from?.id === bot.id;
  let otherBot = false;
  const cuts: Array<[number, number]> = [];

  for (const e of entities) {
    const part = raw.slice(e.offset, e.offset + e.length);
    if (e.type === 'bot_command' && e.offset === 0) {
      const at = part.indexOf('@');
      if (at < 0) addressed = true;
      else if (part.slice(at + 1).toLowerCase() === me) {
        addressed = true;
        cuts.push([e.offset + at, e.offset + e.length]);
      } else otherBot = true;
    } else if (e.type === 'mention' && part.slice(1).toLowerCase() === me) {
      addressed = true;
      cuts.push([e.offset, e.offset + e.length]);
    } else if (e.type === 'text_mention' && e.user.id === bot.id) {
      addressed = true;
      cuts.push([e.offset, e.offset + e.length]);
    }
  }
  let text = raw;
  for (const [a, b] of cuts.sort((x, y) => y[0] - x[0])) text = text.slice(0, a) + ' ' + text.slice(b);
  // "/checkin@bot" became "/checkin " — keep single spaces, drop the ones we introduced at the ends.
  text = text.replace(/[ \t]{2,}/g, ' ').trim();
  if (otherBot) addressed = false;
  return { text, addressed, otherBot };
}
