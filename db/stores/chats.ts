import { and, asc, eq, sql } from 'drizzle-orm';
import type { ChatStore } from '../../core/ports.ts';
import { chats, processedMessages } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { statement } from './prepared.ts';

// Every message runs these two: built once (see prepared.ts).
const getChat = statement('chats_get', (db) =>
  db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, sql.placeholder('platform')), eq(chats.chatId, sql.placeholder('chatId')))),
);
const claim = statement('chats_claim', (db) =>
  db
    .insert(processedMessages)
    .values({ platform: sql.placeholder('platform'), messageId: sql.placeholder('messageId') })
    .onConflictDoNothing()
    .returning({ messageId: processedMessages.messageId }),
);

export function chatStore(db: Db): ChatStore {
  const store: ChatStore = {
    async get(platform, chatId) {
      const [c] = await getChat(db).execute({ platform, chatId });
      return c;
    },
    async touch(platform, chatId, title, campaignId) {
      // Every message touches its chat: read first, so the common case writes nothing and no two
      // messages of one group queue on the same row lock.
      const known = await store.get(platform, chatId);
      if (known && known.title === title) return known;
      const [c] = await db
        .insert(chats)
        .values({ platform, chatId, title, campaignId })
        .onConflictDoUpdate({ target: [chats.platform, chats.chatId], set: { title } })
        .returning();
      return c;
    },
    async bindLevel(platform, chatId, level, by, at) {
      const [c] = await db
        .update(chats)
        .set({ level, boundBy: by, boundAt: at })
        .where(and(eq(chats.platform, platform), eq(chats.chatId, chatId)))
        .returning();
      return c;
    },
    async list(campaignId, level) {
      const conds = [eq(chats.campaignId, campaignId)];
      if (level) conds.push(eq(chats.level, level));
      return db.select().from(chats).where(and(...conds)).orderBy(asc(chats.createdAt));
    },
    async claimMessage(platform, messageId) {
      const r = await claim(db).execute({ platform, messageId });
      return r.length > 0;
    },
    async releaseMessage(platform, messageId) {
      await db.delete(processedMessages).where(and(eq(processedMessages.platform, platform), eq(processedMessages.messageId, messageId)));
    },
  };
  return store;
}
