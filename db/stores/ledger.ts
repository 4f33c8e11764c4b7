import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { type AnyPgColumn, unionAll } from 'drizzle-orm/pg-core';
import type { AttendanceRecord, ExamRecord, Exemption, LedgerStore, Session, TraineeFigures } from '../../core/ports.ts';
import { attendance, exams, exemptions, hourAdjustments, sessions, trainees } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { statement } from './prepared.ts';

type SessionRow = typeof sessions.$inferSelect;
export const toSession = (r: SessionRow): Session => ({ ...r, subject: r.subject as Session['subject'], creditRule: r.creditRule as Session['creditRule'] });
export const toAttendance = (r: typeof attendance.$inferSelect): AttendanceRecord => ({
  sessionId: r.sessionId,
  traineeId: r.traineeId,
  source: r.source as AttendanceRecord['source'],
  minutes: r.minutes,
  hours: r.hours,
  recordedAt: r.recordedAt,
  recordedBy: r.recordedBy,
});

// The check-in path, built once (see prepared.ts). Raw placeholders get no column encoder: times go in as ISO text.
const ph = sql.placeholder;
/**
 * Sessions that belong to a chat: opened there, or opened for its level, or for every level. A null
 * level compares unknown, leaving only the sessions for every level.
 */
const inChat = () =>
  and(
    eq(sessions.campaignId, ph('campaignId')),
    or(
      and(eq(sessions.platform, ph('platform')), eq(sessions.chatId, ph('chatId'))),
      and(isNull(sessions.chatId), or(sql`${sessions.level} = ${ph('level')}::text`, isNull(sessions.level))),
    ),
  );
const openIn = statement('ledger_open_sessions', (db) =>
  db
    .select()
    .from(sessions)
    .where(and(inChat(), sql`${sessions.startsAt} <= ${ph('at')}::timestamptz`, sql`${sessions.endsAt} >= ${ph('at')}::timestamptz`, isNull(sessions.closedAt)))
    .orderBy(asc(sessions.startsAt)),
);
const nextIn = statement('ledger_next_session', (db) =>
  db
    .select()
    .from(sessions)
    .where(and(inChat(), sql`${sessions.startsAt} > ${ph('after')}::timestamptz`, isNull(sessions.closedAt)))
    .orderBy(asc(sessions.startsAt))
    .limit(1),
);
const checkInto = statement('ledger_check_in', (db) =>
  db
    .insert(attendance)
    .values({
      sessionId: ph('sessionId'),
      traineeId: ph('traineeId'),
      source: ph('source'),
      minutes: ph('minutes'),
      hours: ph('hours'),
      recordedAt: ph('recordedAt'),
      recordedBy: ph('recordedBy'),
    })
    .onConflictDoNothing()
    .returning(),
);

export function ledgerStore(db: Db): LedgerStore {
  const store: LedgerStore = {
    async createSession(s) {
      const [r] = await db.insert(sessions).values(s).returning();
      return toSession(r);
    },
    async getSession(id) {
      const [r] = await db.select().from(sessions).where(eq(sessions.id, id));
      return r && toSession(r);
    },
    async listSessions(campaignId, opts = {}) {
      const conds = [eq(sessions.campaignId, campaignId)];
      if (opts.level) conds.push(or(eq(sessions.level, opts.level), isNull(sessions.level))!);
      return (await db.select().from(sessions).where(and(...conds)).orderBy(asc(sessions.startsAt), asc(sessions.id))).map(toSession);
    },
    async openSessions(campaignId, w, at) {
      const rows = await openIn(db).execute({ campaignId, platform: w.platform, chatId: w.chatId, level: w.level, at: at.toISOString() });
      return rows.map(toSession);
    },
    async nextSession(campaignId, w, after) {
      const [r] = await nextIn(db).execute({ campaignId, platform: w.platform, chatId: w.chatId, level: w.level, after: after.toISOString() });
      return r && toSession(r);
    },
    async closeSession(id, at) {
      const [r] = await db
        .update(sessions)
        .set({ closedAt: at })
        .where(and(eq(sessions.id, id), isNull(sessions.closedAt)))
        .returning();
      return r && toSession(r);
    },
    async updateSession(id, patch) {
      const [r] = await db.update(sessions).set(patch).where(eq(sessions.id, id)).returning();
      return r && toSession(r);
    },

    async checkIn(r) {
      const [row] = await checkInto(db).execute({ ...r });
      return row && toAttendance(row);
    },
    async creditAttendance(r) {
      const before = await store.getAttendance(r.sessionId, r.traineeId);
      // Keep the larger credit: the same export imported twice, or a check-in then an import, never adds up.
      const [row] = await db
        .insert(attendance)
        .values(r)
        .onConflictDoUpdate({
          target: [attendance.sessionId, attendance.traineeId],
          set: { hours: sql`excluded.hours`, minutes: sql`excluded.minutes`, source: sql`excluded.source`, recordedAt: sql`excluded.recorded_at`, recordedBy: sql`excluded.recorded_by` },
          setWhere: sql`excluded.hours > ${attendance.hours} or (excluded.hours = ${attendance.hours} and coalesce(excluded.minutes, 0) > coalesce(${attendance.minutes}, 0))`,
        })
        .returning();
      if (!row) return { before, after: before!, changed: false };
      return { before, after: toAttendance(row), changed: true };
    },
    async getAttendance(sessionId, traineeId) {
      const [r] = await db
        .select()
        .from(attendance)
        .where(and(eq(attendance.sessionId, sessionId), eq(attendance.traineeId, traineeId)));
      return r && toAttendance(r);
    },

    async attendanceCount(sessionId) {
      const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(attendance).where(eq(attendance.sessionId, sessionId));
      return r.n;
    },

    async addAdjustment(a) {
      await db.insert(hourAdjustments).values(a);
    },
    async upsertExam(e) {
      const [old] = await db
        .select()
        .from(exams)
        .where(and(eq(exams.campaignId, e.campaignId), eq(exams.traineeId, e.traineeId), eq(exams.subject, e.subject)));
      const before = old && ({ ...old, subject: old.subject as ExamRecord['subject'] } satisfies ExamRecord);
      if (before && before.score === e.score && before.passed === e.passed) return { before, changed: false };
      await db
        .insert(exams)
        .values(e)
        .onConflictDoUpdate({
          target: [exams.campaignId, exams.traineeId, exams.subject],
          set: { score: e.score, passed: e.passed, source: e.source, recordedBy: e.recordedBy, recordedAt: e.recordedAt },
        });
      return { before, changed: true };
    },
    async upsertExemption(e) {
      const [old] = await db
        .select()
        .from(exemptions)
        .where(and(eq(exemptions.campaignId, e.campaignId), eq(exemptions.traineeId, e.traineeId)));
      const before: Exemption | undefined = old && !old.revokedAt ? old : undefined;
      if (before && before.reason === e.reason && before.approvalRef === e.approvalRef) return { before, changed: false };
      await db
        .insert(exemptions)
        .values(e)
        .onConflictDoUpdate({
          target: [exemptions.campaignId, exemptions.traineeId],
          set: { reason: e.reason, approvalRef: e.approvalRef, approvedBy: e.approvedBy, createdAt: e.createdAt, revokedAt: null },
        });
      return { before, changed: true };
    },
    async revokeExemption(campaignId, traineeId, at) {
      const [r] = await db
        .update(exemptions)
        .set({ revokedAt: at })
        .where(and(eq(exemptions.campaignId, campaignId), eq(exemptions.traineeId, traineeId), isNull(exemptions.revokedAt)))
        .returning();
      return r;
    },

    async figures(campaignId, traineeIds) {
      if (traineeIds) return figuresOf(db, campaignId, traineeIds);
      const only = <T extends SQL | undefined>(col: Parameters<typeof inArray>[0]) => (traineeIds ? inArray(col, traineeIds) : undefined) as T;
      const out = new Map<number, TraineeFigures>();
      const base = await db
        .select({ id: trainees.id })
        .from(trainees)
        .where(and(eq(trainees.campaignId, campaignId), only(trainees.id)));
      for (const { id } of base) out.set(id, { traineeId: id, publicHours: 0, professionalHours: 0, exams: [] });
      const add = (id: number, subject: string, h: number) => {
        const f = out.get(id);
        if (!f) return;
        if (subject === 'public') f.publicHours += h;
        else f.professionalHours += h;
      };
      const att = await db
        .select({ id: attendance.traineeId, subject: sessions.subject, h: sql<string>`sum(${attendance.hours})` })
        .from(attendance)
        .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
        .where(and(eq(sessions.campaignId, campaignId), only(attendance.traineeId)))
        .groupBy(attendance.traineeId, sessions.subject);
      for (const r of att) add(r.id, r.subject, Number(r.h));
      const adj = await db
        .select({ id: hourAdjustments.traineeId, subject: hourAdjustments.subject, h: sql<string>`sum(${hourAdjustments.hours})` })
        .from(hourAdjustments)
        .where(and(eq(hourAdjustments.campaignId, campaignId), only(hourAdjustments.traineeId)))
        .groupBy(hourAdjustments.traineeId, hourAdjustments.subject);
      for (const r of adj) add(r.id, r.subject, Number(r.h));
      for (const f of out.values()) {
        // Manual deductions never push a category below zero.
        f.publicHours = Math.max(0, Math.round(f.publicHours * 10) / 10);
        f.professionalHours = Math.max(0, Math.round(f.professionalHours * 10) / 10);
      }
      const ex = await db
        .select()
        .from(exams)
        .where(and(eq(exams.campaignId, campaignId), only(exams.traineeId)));
      for (const e of ex) out.get(e.traineeId)?.exams.push({ subject: e.subject as 'public' | 'professional', score: e.score, passed: e.passed });
      const exm = await db
        .select()
        .from(exemptions)
        .where(and(eq(exemptions.campaignId, campaignId), isNull(exemptions.revokedAt), only(exemptions.traineeId)));
      for (const e of exm) {
        const f = out.get(e.traineeId);
        if (f) f.exemption = { reason: e.reason, approvalRef: e.approvalRef };
      }
      return out;
    },
  };
  return store;
}

/** Round to tenths; manual deductions never push a category below zero. */
const settle = (h: number) => Math.max(0, Math.round(h * 10) / 10);

const anyId = (col: AnyPgColumn) => sql`${col} = any(${ph('ids')}::int[])`;
/** `figuresOf`'s one statement, built once: it runs after every check-in. */
const figuresFor = statement('ledger_figures_of', (db) => {
  const none = { subject: sql<string | null>`null::text`, h: sql<string | null>`null::numeric`, score: sql<string | null>`null::numeric`, passed: sql<boolean | null>`null::boolean`, reason: sql<string | null>`null::text`, ref: sql<string | null>`null::text` };
  const campaign = ph('campaignId');
  return unionAll(
    db.select({ k: sql<string>`'t'`, id: trainees.id, ...none }).from(trainees).where(and(eq(trainees.campaignId, campaign), anyId(trainees.id))),
    db
      .select({ k: sql<string>`'a'`, id: attendance.traineeId, ...none, subject: sql<string | null>`${sessions.subject}`, h: sql<string | null>`sum(${attendance.hours})` })
      .from(attendance)
      .innerJoin(sessions, eq(sessions.id, attendance.sessionId))
      .where(and(eq(sessions.campaignId, campaign), anyId(attendance.traineeId)))
      .groupBy(attendance.traineeId, sessions.subject),
    db
      .select({ k: sql<string>`'j'`, id: hourAdjustments.traineeId, ...none, subject: sql<string | null>`${hourAdjustments.subject}`, h: sql<string | null>`sum(${hourAdjustments.hours})` })
      .from(hourAdjustments)
      .where(and(eq(hourAdjustments.campaignId, campaign), anyId(hourAdjustments.traineeId)))
      .groupBy(hourAdjustments.traineeId, hourAdjustments.subject),
    db
      .select({ k: sql<string>`'e'`, id: exams.traineeId, ...none, subject: sql<string | null>`${exams.subject}`, score: sql<string | null>`${exams.score}`, passed: sql<boolean | null>`${exams.passed}` })
      .from(exams)
      .where(and(eq(exams.campaignId, campaign), anyId(exams.traineeId))),
    db
      .select({ k: sql<string>`'x'`, id: exemptions.traineeId, ...none, reason: sql<string | null>`${exemptions.reason}`, ref: sql<string | null>`${exemptions.approvalRef}` })
      .from(exemptions)
      .where(and(eq(exemptions.campaignId, campaign), isNull(exemptions.revokedAt), anyId(exemptions.traineeId))),
  );
});

/**
 * `figures` for given trainees in one round trip: the per-check-in running total must not cost five
 * queries. Same figures as the bulk path: hours by subject (attendance + adjustments), exams, the
 * exemption in force.
 */
export async function figuresOf(db: Db, campaignId: string, ids: number[]): Promise<Map<number, TraineeFigures>> {
  const out = new Map<number, TraineeFigures>();
  if (!ids.length) return out;
  const rows = await figuresFor(db).execute({ campaignId, ids });
  for (const r of rows) if (r.k === 't') out.set(r.id, { traineeId: r.id, publicHours: 0, professionalHours: 0, exams: [] });
  for (const r of rows) {
    const f = out.get(r.id);
    if (!f || r.k === 't') continue;
    if (r.k === 'a' || r.k === 'j') {
      if (r.subject === 'public') f.publicHours += Number(r.h);
      else f.professionalHours += Number(r.h);
    } else if (r.k === 'e') f.exams.push({ subject: r.subject as 'public' | 'professional', score: Number(r.score), passed: Boolean(r.passed) });
    else f.exemption = { reason: r.reason!, approvalRef: r.ref! };
  }
  for (const f of out.values()) {
    f.publicHours = settle(f.publicHours);
    f.professionalHours = settle(f.professionalHours);
  }
  return out;
}
