/**
 * What the core needs from outside. `db/` implements the stores, `bot/` the messengers and the clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface FailedMessage {
  platform: string;
  chatId: string;
  private: boolean;
  text: string;
  reason: string;
  attempts: number;
  at: Date;
}

/** Messages that could not be delivered after every retry, for the admin to see. */
export interface FailedMessageStore {
  record(f: FailedMessage): Promise<void>;
  list(limit?: number): Promise<Array<FailedMessage & { id: number }>>;
}

/** pino-compatible logger (fastify's logger satisfies it). Never pass secrets, ID or phone numbers. */
export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
  child?(bindings: Record<string, unknown>): Logger;
}

// ---------------------------------------------------------------- roster

export interface Trainee {
  id: number;
  campaignId: string;
  name: string;
  nameKey: string;
  level: string;
  unit: string;
  phoneTail: string;
  idMasked: string;
  active: boolean;
}

export type NewTrainee = Omit<Trainee, 'id' | 'active'>;

export interface Binding {
  platform: string;
  accountId: string;
  traineeId: number;
  boundBy: string;
  boundAt: Date;
}

export interface Observation {
  platform: string;
  chatId: string;
  accountId: string;
  nickname: string;
  compliant: boolean;
  traineeId: number | null;
  lastSeen: Date;
}

export interface ChatInfo {
  platform: string;
  chatId: string;
  title: string;
  level: string | null;
  campaignId: string;
  /** When the group was bound to its level; reminders planned before then are not its. */
  boundAt?: Date | null;
}

export interface RosterStore {
  findByNameKeys(campaignId: string, keys: string[]): Promise<Trainee[]>;
  get(id: number): Promise<Trainee | undefined>;
  list(campaignId: string, opts?: { level?: string; search?: string; limit?: number; offset?: number }): Promise<Trainee[]>;
  count(campaignId: string, level?: string): Promise<number>;
  /** Insert new entries; an entry already there (same name, unit, phone tail) is updated only where it differs. */
  upsertMany(rows: NewTrainee[]): Promise<{ inserted: number; updated: number; unchanged: number }>;
  update(id: number, patch: Partial<Pick<Trainee, 'name' | 'nameKey' | 'level' | 'unit' | 'phoneTail' | 'active'>>): Promise<Trainee | undefined>;

  getBinding(platform: string, accountId: string): Promise<Binding | undefined>;
  bindingsOf(traineeId: number): Promise<Binding[]>;
  /** Bind unless already bound; returns the binding in force. */
  bind(platform: string, accountId: string, traineeId: number, by: string): Promise<{ binding: Binding; created: boolean }>;
  unbind(platform: string, accountId: string): Promise<Binding | undefined>;

  observe(o: Observation): Promise<void>;
  /** Claim the right to warn this account in this chat: true at most once per interval. */
  claimWarning(platform: string, chatId: string, accountId: string, now: Date, intervalMs: number): Promise<boolean>;
  observations(platform: string, chatId: string): Promise<Observation[]>;
  /** Trainees of a level with no binding and no compliant observation anywhere. */
  neverSeen(campaignId: string, level: string): Promise<Trainee[]>;
  /** Roster size, how many are bound to an account, and how many were seen with a compliant nickname. */
  identityCounts(campaignId: string, level?: string): Promise<{ trainees: number; bound: number; renamed: number }>;
}

export interface ChatStore {
  get(platform: string, chatId: string): Promise<ChatInfo | undefined>;
  touch(platform: string, chatId: string, title: string, campaignId: string): Promise<ChatInfo>;
  bindLevel(platform: string, chatId: string, level: string, by: string, at: Date): Promise<ChatInfo>;
  list(campaignId: string, level?: string): Promise<ChatInfo[]>;
  /** First handling of a platform message id: true; a redelivery: false. */
  claimMessage(platform: string, messageId: string): Promise<boolean>;
  /** Undo a claim whose handling failed, so a redelivery is handled. */
  releaseMessage(platform: string, messageId: string): Promise<void>;
}

// ---------------------------------------------------------------- ledger

export interface Session {
  id: number;
  campaignId: string;
  title: string;
  level: string | null;
  subject: 'public' | 'professional';
  startsAt: Date;
  endsAt: Date;
  hours: number;
  creditRule: 'checkin' | 'watchtime';
  thresholdPercent: number | null;
  platform: string | null;
  chatId: string | null;
  closedAt: Date | null;
  createdBy: string;
}

export type NewSession = Omit<Session, 'id' | 'closedAt'>;

export interface AttendanceRecord {
  sessionId: number;
  traineeId: number;
  source: 'checkin' | 'import' | 'manual';
  minutes: number | null;
  hours: number;
  recordedAt: Date;
  recordedBy: string;
}

export interface ExamRecord {
  campaignId: string;
  traineeId: number;
  subject: 'public' | 'professional';
  score: number;
  passed: boolean;
  source: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface Exemption {
  campaignId: string;
  traineeId: number;
  reason: string;
  approvalRef: string;
  approvedBy: string;
  createdAt: Date;
}

export interface Adjustment {
  campaignId: string;
  traineeId: number;
  subject: 'public' | 'professional';
  hours: number;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

export interface TraineeFigures {
  traineeId: number;
  publicHours: number;
  professionalHours: number;
  exams: Array<{ subject: 'public' | 'professional'; score: number; passed: boolean }>;
  exemption?: { reason: string; approvalRef: string };
}

export interface LedgerStore {
  createSession(s: NewSession): Promise<Session>;
  getSession(id: number): Promise<Session | undefined>;
  listSessions(campaignId: string, opts?: { level?: string }): Promise<Session[]>;
  /** Sessions a check-in in this chat at `at` may count for (open, not closed, chat or level matches). */
  openSessions(campaignId: string, where: { platform: string; chatId: string; level: string | null }, at: Date): Promise<Session[]>;
  nextSession(campaignId: string, where: { platform: string; chatId: string; level: string | null }, after: Date): Promise<Session | undefined>;
  closeSession(id: number, at: Date): Promise<Session | undefined>;
  updateSession(id: number, patch: Partial<Omit<NewSession, 'campaignId'>>): Promise<Session | undefined>;

  /** First check-in of a trainee for a session: the record; already there: undefined. */
  checkIn(r: AttendanceRecord): Promise<AttendanceRecord | undefined>;
  /** Import/manual credit: kept as the larger of old and new, so re-imports change nothing. */
  creditAttendance(r: AttendanceRecord): Promise<{ before?: AttendanceRecord; after: AttendanceRecord; changed: boolean }>;
  getAttendance(sessionId: number, traineeId: number): Promise<AttendanceRecord | undefined>;
  attendanceCount(sessionId: number): Promise<number>;

  addAdjustment(a: Adjustment): Promise<void>;
  upsertExam(e: ExamRecord): Promise<{ before?: ExamRecord; changed: boolean }>;
  upsertExemption(e: Exemption): Promise<{ before?: Exemption; changed: boolean }>;
  revokeExemption(campaignId: string, traineeId: number, at: Date): Promise<Exemption | undefined>;

  /** Hours by subject, exams and exemption for the given trainees (all of the campaign when omitted). */
  figures(campaignId: string, traineeIds?: number[]): Promise<Map<number, TraineeFigures>>;
}

// ---------------------------------------------------------------- audit

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  target?: string;
  before?: unknown;
  after?: unknown;
  allowed?: boolean;
}

export interface AuditStore {
  write(e: AuditEntry): Promise<void>;
  list(opts?: { actor?: string; action?: string; target?: string; limit?: number; offset?: number }): Promise<Array<AuditEntry & { id: number }>>;
}

// ---------------------------------------------------------------- reminders

/** A one-off notice an administrator scheduled (`提醒 时间 内容`). */
export interface AdminReminder {
  id: number;
  campaignId: string;
  /** The group it goes to; both null = every group bound to a level (only `level`'s groups when set). */
  platform: string | null;
  chatId: string | null;
  level: string | null;
  text: string;
  at: Date;
  createdBy: string;
  createdAt: Date;
  cancelledAt: Date | null;
  cancelledBy: string | null;
}

export type NewAdminReminder = Omit<AdminReminder, 'id' | 'cancelledAt' | 'cancelledBy'>;

/** `skipped`: no longer needed when its turn came (cancelled, the trainee completed meanwhile). */
export type DeliveryStatus = 'sending' | 'sent' | 'retry' | 'failed' | 'skipped';

/** One reminder to one recipient for one slot: claimed before sending, so it goes out once. */
export interface Delivery {
  id: number;
  /** Which reminder: `window:<id>:<kind>`, `nudge:<window>:<days>`, `admin:<id>`. */
  reminderKey: string;
  slot: Date;
  /** Who receives it, stable across platforms: `<platform>:<chatId>` for groups, `trainee:<id>` for nudges. */
  target: string;
  kind: string;
  platform: string;
  chatId: string;
  private: boolean;
  status: DeliveryStatus;
  attempts: number;
  late: boolean;
  claimedBy: string;
  claimedAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
  /** Not worth sending after this (the window closed, a newer reminder replaced it). */
  validUntil: Date;
  error: string | null;
}

export type NewDelivery = Pick<Delivery, 'reminderKey' | 'slot' | 'target' | 'kind' | 'platform' | 'chatId' | 'private' | 'late' | 'claimedBy' | 'claimedAt' | 'validUntil'>;

export interface ReminderStore {
  createAdmin(r: NewAdminReminder): Promise<AdminReminder>;
  getAdmin(id: number): Promise<AdminReminder | undefined>;
  /** Newest first; `since` keeps only those due at or after it. */
  listAdmin(campaignId: string, opts?: { since?: Date; limit?: number }): Promise<AdminReminder[]>;
  /** Admin reminders due in (from, to], not cancelled. */
  dueAdmin(campaignId: string, from: Date, to: Date): Promise<AdminReminder[]>;
  /** Cancel if not cancelled and not yet due at `at`; returns the cancelled reminder. */
  cancelAdmin(id: number, by: string, at: Date): Promise<AdminReminder | undefined>;

  /** INSERT … ON CONFLICT DO NOTHING RETURNING: the row when this caller won, undefined when it was there. */
  claim(d: NewDelivery): Promise<Delivery | undefined>;
  /** Take over a row due for retry, or one whose sender vanished (claimed before `staleBefore`). */
  reclaim(id: number, by: string, at: Date, staleBefore: Date): Promise<Delivery | undefined>;
  markSent(id: number, at: Date): Promise<void>;
  markRetry(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
  markSkipped(id: number, reason: string): Promise<void>;
  /** Rows of one reminder slot (which recipients already have theirs). */
  deliveries(reminderKey: string, slot: Date): Promise<Delivery[]>;
  /** Rows due for retry at `now`, and rows still `sending` since before `staleBefore`. */
  pendingRetries(now: Date, staleBefore: Date): Promise<Delivery[]>;
  /** Counts by status per reminder key (for 提醒列表 and the CLI). */
  statusCounts(reminderKeys: string[]): Promise<Map<string, Partial<Record<DeliveryStatus, number>>>>;
}

/** Every store; `tx` runs a unit of work atomically (a change and its audit row). */
export interface Stores {
  roster: RosterStore;
  chats: ChatStore;
  ledger: LedgerStore;
  audit: AuditStore;
  failed: FailedMessageStore;
  reminders: ReminderStore;
  tx<T>(fn: (s: Stores) => Promise<T>): Promise<T>;
  /**
   * `tx` for several units of work running at once (group commit): the same hot-path call made by each
   * of them in the same turn becomes one statement. They commit together or not at all.
   */
  batch<T>(fn: (s: Stores) => Promise<T>): Promise<T>;
  kind: 'pglite' | 'postgres';
}
