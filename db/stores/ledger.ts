import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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
/**
 * `figuresOf`'s one statement, built once: it runs after every check-in. One row per trainee (hours by
 * subject from attendance and adjustments, exams as JSON, the exemption in force), so a batch of a
 * hundred check-ins reads a hundred rows, not several hundred.
 */
const figuresFor = statement('ledger_figures_of', (db) => {
  const campaign = ph('campaignId');
  const pub = (h: SQL, subject: SQL) => sql`sum(${h}) filter (where ${subject} = 'public')`;
  const pro = (h: SQL, subject: SQL) => sql`sum(${h}) filter (where ${subject} <> 'public')`;
  return db
    .select({
      id: trainees.id,
      attPublic: sql<string | null>`att.pub`,
      attProfessional: sql<string | null>`att.pro`,
      adjPublic: sql<string | null>`adj.pub`,
      adjProfessional: sql<string | null>`adj.pro`,
      exams: sql<Array<{ subject: 'public' | 'professional'; score: number | string; passed: boolean }> | null>`ex.list`,
      reason: sql<string | null>`${exemptions.reason}`,
      approvalRef: sql<string | null>`${exemptions.approvalRef}`,
    })
    .from(trainees)
    .leftJoin(
      sql`lateral (select ${pub(sql`a.hours`, sql`s.subject`)} as pub, ${pro(sql`a.hours`, sql`s.subject`)} as pro
        from ${attendance} a join ${sessions} s on s.id = a.session_id
        where a.trainee_id = ${trainees.id} and s.campaign_id = ${campaign}) att`,
      sql`true`,
    )
    .leftJoin(
      sql`lateral (select ${pub(sql`j.hours`, sql`j.subject`)} as pub, ${pro(sql`j.hours`, sql`j.subject`)} as pro
        from ${hourAdjustments} j where j.trainee_id = ${trainees.id} and j.campaign_id = ${campaign}) adj`,
      sql`true`,
    )
    .leftJoin(
      sql`lateral (select json_agg(json_build_object('subject', e.subject, 'score', e.score, 'passed', e.passed) order by e.subject) as list
        from ${exams} e where e.trainee_id = ${trainees.id} and e.campaign_id = ${campaign}) ex`,
      sql`true`,
    )
    .leftJoin(exemptions, and(eq(exemptions.traineeId, trainees.id), eq(exemptions.campaignId, campaign), isNull(exemptions.revokedAt)))
    .where(and(eq(trainees.campaignId, campaign), anyId(trainees.id)));
});

/**
 * `figures` for given trainees in one round trip: the per-check-in running total must not cost five
 * queries. Same figures as the bulk path: hours by subject (attendance + adjustments), exams, the
 * exemption in force.
 */
export async function figuresOf(db: Db, campaignId: string, ids: number[]): Promise<Map<number, TraineeFigures>> {
  const out = new Map<number, TraineeFigures>();
  if (!ids.length) return out;
  for (const r of await figuresFor(db).execute({ campaignId, ids })) {
    out.set(r.id, {
      traineeId: r.id,
      publicHours: settle(Number(r.attPublic ?? 0) + Number(r.adjPublic ?? 0)),
      professionalHours: settle(Number(r.attProfessional ?? 0) + Number(r.adjProfessional ?? 0)),
      exams: (r.exams ?? []).map((e) => ({ subject: e.subject, score: Number(e.score), passed: Boolean(e.passed) })),
      ...(r.reason !== null ? { exemption: { reason: r.reason, approvalRef: r.approvalRef! } } : {}),
    });
  }
  return out;
}
