import { boolean, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** A message that finally failed after retries: kept for the admin, never silently lost. */
export const failedMessages = pgTable(
  'failed_messages',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    private: boolean('private').notNull().default(false),
    text: text('text').notNull(),
    reason: text('reason').notNull(),
    attempts: integer('attempts').notNull().default(1),
    at: timestamp('at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [index('failed_messages_at').on(t.at)],
);
