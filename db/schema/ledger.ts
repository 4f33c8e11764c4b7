import { boolean, index, integer, numeric, pgTable, serial, text, timestamp, uniqueIndex, jsonb } from 'drizzle-orm/pg-core';
import { trainees } from './roster.ts';

/** A class (课次) that earns CE hours. */
export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    title: text('title').notNull(),
    /** Level the session is for; null = every level. */
    level: text('level'),
    subject: text('subject').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    creditRule: text('credit_rule').notNull(),
    /** Watch-time threshold in % for full credit; null = the campaign's. */
    thresholdPercent: integer('threshold_percent'),
    /** Chat the session was opened in (check-ins count only there); null = any chat of its level. */
    platform: text('platform'),
    chatId: text('chat_id'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_campaign').on(t.campaignId, t.startsAt)],
);

/** One trainee's credit for one session; one row however often they check in or are imported. */
export const attendance = pgTable(
  'attendance',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => sessions.id),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => trainees.id),
    source: text('source').notNull(),
    minutes: integer('minutes'),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [uniqueIndex('attendance_once').on(t.sessionId, t.traineeId), index('attendance_trainee').on(t.traineeId)],
);

/** Manual ± hours by an admin, with the reason. */
export const hourAdjustments = pgTable(
  'hour_adjustments',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => trainees.id),
    subject: text('subject').notNull(),
    hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('adjust_trainee').on(t.traineeId)],
);

export const exams = pgTable(
  'exams',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => trainees.id),
    subject: text('subject').notNull(),
    score: numeric('score', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    passed: boolean('passed').notNull(),
    source: text('source').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('exams_once').on(t.campaignId, t.traineeId, t.subject)],
);

export const exemptions = pgTable(
  'exemptions',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    traineeId: integer('trainee_id')
      .notNull()
      .references(() => trainees.id),
    reason: text('reason').notNull(),
    approvalRef: text('approval_ref').notNull(),
    approvedBy: text('approved_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('exemptions_once').on(t.campaignId, t.traineeId)],
);

/** Every admin change: who, when, what, before/after. Never deleted. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull().default(''),
    before: jsonb('before'),
    after: jsonb('after'),
    /** false for refused attempts (a non-admin trying an admin command). */
    allowed: boolean('allowed').notNull().default(true),
  },
  (t) => [index('audit_at').on(t.at), index('audit_action').on(t.action)],
);
