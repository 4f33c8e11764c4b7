import type { ChatEngine, IncomingMessage, Messenger, OutgoingMessage, Reply } from '../../core/chat/types.ts';

/** One line of a sandbox conversation, as the page shows it. */
export interface TranscriptEntry {
  seq: number;
  at: string;
  /** Group chat id, or `private:<personId>` for a person's private chat with the bot. */
  chatId: string;
  from: 'user' | 'bot';
  senderId?: string;
  senderNick?: string;
  format: 'text' | 'markdown';
  title?: string;
  text: string;
  mentions?: Array<{ userId: string; name: string }>;
  /** A bot message that is a private reply triggered from a group. */
  viaGroup?: string;
}

export interface SandboxGroup {
  chatId: string;
  title: string;
}

export interface SandboxPerson {
  id: string;
  nick: string;
  isAdmin: boolean;
  note: string;
}

/**
 * The sandbox platform: the same path a DingTalk or Telegram message takes (IncomingMessage → engine →
 * Reply), with the "platform" being an in-memory transcript the web page reads.
 */
export class SandboxAdapter {
  readonly transcript: TranscriptEntry[] = [];
  private seq = 0;
  private msgSeq = 0;

  constructor(
    private readonly engine: ChatEngine,
    private readonly clock: { now(): Date } = { now: () => new Date() },
    private readonly maxEntries = 2000,
  ) {}

  private push(e: Omit<TranscriptEntry, 'seq' | 'at'>) {
    const entry = { ...e, seq: ++this.seq, at: this.clock.now().toISOString() };
    this.transcript.push(entry);
    if (this.transcript.length > this.maxEntries) this.transcript.splice(0, this.transcript.length - this.maxEntries);
    return entry;
  }

  /** A person types `text` in a group (or privately when `chatId` is `private:<id>`). */
  async send(input: { chatId: string; chatTitle?: string; person: SandboxPerson; text: string; messageId?: string }): Promise<TranscriptEntry[]> {
    const isPrivate = input.chatId.startsWith('private:');
    const msg: IncomingMessage = {
      platform: 'sandbox',
      chatId: input.chatId,
      chatType: isPrivate ? 'private' : 'group',
      chatTitle: input.chatTitle,
      senderId: input.person.id,
      senderNick: input.person.nick,
      senderIsAdmin: input.person.isAdmin,
      text: input.text,
      messageId: input.messageId ?? `sbx-${Date.now().toString(36)}-${++this.msgSeq}`,
      at: this.clock.now(),
    };
    const out: TranscriptEntry[] = [this.push({ chatId: input.chatId, from: 'user', senderId: input.person.id, senderNick: input.person.nick, format: 'text', text: input.text })];
    const replies = await this.engine.handle(msg);
    for (const r of replies) out.push(this.deliver(r, msg));
    return out;
  }

  private deliver(r: Reply, msg: IncomingMessage): TranscriptEntry {
    const chatId = r.target === 'private' ? `private:${msg.senderId}` : msg.chatId;
    return this.push({
      chatId,
      from: 'bot',
      format: r.format,
      title: r.title,
      text: r.text,
      mentions: r.mentions,
      viaGroup: r.target === 'private' && msg.chatType === 'group' ? msg.chatId : undefined,
    });
  }

  /** Proactive messages (reminders, nudges) land in the transcript too. */
  messenger(): Messenger {
    return {
      platform: 'sandbox',
      send: async (m: OutgoingMessage) => {
        this.push({ chatId: m.private ? `private:${m.chatId}` : m.chatId, from: 'bot', format: m.format, title: m.title, text: m.text, mentions: m.mentions });
        return { ok: true };
      },
    };
  }

  since(seq: number, chatId?: string): TranscriptEntry[] {
    return this.transcript.filter((e) => e.seq > seq && (!chatId || e.chatId === chatId));
  }
}
