import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** One person of the registration list for one campaign. */
export const trainees = pgTable(
  'trainees',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    name: text('name').notNull(),
    /** Normalised name, the key nicknames are compared with. */
    nameKey: text('name_key').notNull(),
    level: text('level').notNull(),
    unit: text('unit').notNull().default(''),
    /** Last four digits only; the full number is never stored. */
    phoneTail: text('phone_tail').notNull().default(''),
    /** ID number masked except its last 4 characters. */
    idMasked: text('id_masked').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('trainees_identity').on(t.campaignId, t.nameKey, t.unit, t.phoneTail),
    index('trainees_level').on(t.campaignId, t.level),
  ],
);

/** A platform account bound to a roster entry; kept once made. */
export const accounts = pgTable(
  'accounts',
  {
    platform: text('platform').notNull(),
    accountId: text('account_id').notNull(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => trainees.id),
    boundAt: timestamp('bound_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'self' when the trainee bound by name + phone tail, 'nickname' when matched automatically, else the admin. */
    boundBy: text('bound_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.accountId] }), index('accounts_trainee').on(t.traineeId)],
);

/** The latest nickname seen for an account in a chat, and when it was last warned. */
export const nicknameObservations = pgTable(
  'nickname_observations',
  {
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    accountId: text('account_id').notNull(),
    nickname: text('nickname').notNull(),
    compliant: boolean('compliant').notNull(),
    traineeId: integer('trainee_id'),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull(),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull(),
    seenCount: integer('seen_count').notNull().default(1),
    lastWarnedAt: timestamp('last_warned_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId, t.accountId] })],
);

export const chats = pgTable(
  'chats',
  {
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    title: text('title').notNull().default(''),
    level: text('level'),
    campaignId: text('campaign_id').notNull(),
    boundBy: text('bound_by'),
    boundAt: timestamp('bound_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.chatId] })],
);

/** Platform message ids already handled: redelivery must not act twice. */
export const processedMessages = pgTable(
  'processed_messages',
  {
    platform: text('platform').notNull(),
    messageId: text('message_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.platform, t.messageId] })],
);
