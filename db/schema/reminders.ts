import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** A one-off notice an administrator scheduled; cancelling keeps the row (nothing is deleted silently). */
export const adminReminders = pgTable(
  'admin_reminders',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    /** Target group; both null = every group bound to a level (only `level`'s when set). */
    platform: text('platform'),
    chatId: text('chat_id'),
    level: text('level'),
    text: text('text').notNull(),
    at: ts('at').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    cancelledAt: ts('cancelled_at'),
    cancelledBy: text('cancelled_by'),
  },
  (t) => [index('admin_reminders_due').on(t.campaignId, t.at)],
);

/**
 * One reminder to one recipient for one slot. The unique index is the claim: whoever inserts the row
 * sends the message, so restarts and several instances never send it twice.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    id: serial('id').primaryKey(),
    reminderKey: text('reminder_key').notNull(),
    slot: ts('slot').notNull(),
    target: text('target').notNull(),
    kind: text('kind').notNull(),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    private: boolean('private').notNull().default(false),
    /** sending | sent | retry | failed | skipped */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(1),
    late: boolean('late').notNull().default(false),
    claimedBy: text('claimed_by').notNull(),
    claimedAt: ts('claimed_at').notNull(),
    sentAt: ts('sent_at'),
    nextAttemptAt: ts('next_attempt_at'),
    validUntil: ts('valid_until').notNull(),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('reminder_deliveries_once').on(t.reminderKey, t.target, t.slot),
    index('reminder_deliveries_pending').on(t.status, t.nextAttemptAt),
  ],
);
