import type { Subject } from '../campaign/schema.ts';
import type { CoreContext } from '../context.ts';
import type { AttendanceRecord, NewSession, Session, Trainee } from '../ports.ts';
import { roundHours, sessionMinutes, watchTimeCredit } from './credit.ts';
import { summarise, type YearSummary } from './summary.ts';

export async function yearSummary(ctx: CoreContext, traineeId: number): Promise<YearSummary> {
  const figs = (await ctx.stores.ledger.figures(ctx.campaign.id, [traineeId])).get(traineeId);
  return summarise(
    {
      publicHours: figs?.publicHours ?? 0,
      professionalHours: figs?.professionalHours ?? 0,
      exams: figs?.exams ?? [],
      exempt: Boolean(figs?.exemption),
      exemptReason: figs?.exemption?.reason,
    },
    ctx.campaign,
  );
}

export async function allSummaries(ctx: CoreContext, traineeIds?: number[]): Promise<Map<number, YearSummary>> {
  const figs = await ctx.stores.ledger.figures(ctx.campaign.id, traineeIds);
  const out = new Map<number, YearSummary>();
  for (const [id, f] of figs)
    out.set(
      id,
      summarise(
        { publicHours: f.publicHours, professionalHours: f.professionalHours, exams: f.exams, exempt: Boolean(f.exemption), exemptReason: f.exemption?.reason },
        ctx.campaign,
      ),
    );
  return out;
}

export function creditFor(ctx: CoreContext, s: Session, watchedMinutes?: number): number {
  if (s.creditRule === 'checkin') return s.hours;
  if (watchedMinutes === undefined) return 0;
  return watchTimeCredit({
    watchedMinutes,
    sessionMinutes: sessionMinutes(s.startsAt, s.endsAt),
    hours: s.hours,
    thresholdPercent: s.thresholdPercent ?? ctx.campaign.credit.watchThresholdPercent,
    roundingStep: ctx.campaign.credit.roundingStep,
  });
}

export type CheckInOutcome =
  | { kind: 'ok'; session: Session; record: AttendanceRecord }
  | { kind: 'already'; session: Session }
  | { kind: 'wrong-level'; session: Session; level: string }
  | { kind: 'none'; next?: Session };

/** Check a trainee in to the sessions open in this chat now; idempotent per session. */
export async function checkIn(
  ctx: CoreContext,
  trainee: Trainee,
  where: { platform: string; chatId: string; level: string | null },
  actor: string,
): Promise<CheckInOutcome[]> {
  const now = ctx.clock.now();
  const open = await ctx.stores.ledger.openSessions(ctx.campaign.id, where, now);
  if (!open.length) return [{ kind: 'none', next: await ctx.stores.ledger.nextSession(ctx.campaign.id, where, now) }];
  // The sessions' writes are independent: issued together they share one round trip. Outcomes keep the sessions' order.
  return Promise.all(
    open.map(async (session): Promise<CheckInOutcome> => {
      // A session for every level still counts only for the level of the group it is taken in.
      const level = session.level ?? where.level;
      if (level && level !== trainee.level) return { kind: 'wrong-level', session, level };
      const record = await ctx.stores.ledger.checkIn({
        sessionId: session.id,
        traineeId: trainee.id,
        source: 'checkin',
        minutes: null,
        hours: creditFor(ctx, session),
        recordedAt: now,
        recordedBy: actor,
      });
      return record ? { kind: 'ok', session, record } : { kind: 'already', session };
    }),
  );
}

export async function openSession(ctx: CoreContext, s: Omit<NewSession, 'campaignId'>, actor: string): Promise<Session> {
  return ctx.stores.tx(async (st) => {
    const session = await st.ledger.createSession({ ...s, campaignId: ctx.campaign.id });
    await st.audit.write({ at: ctx.clock.now(), actor, action: 'session.open', target: `session:${session.id}`, after: session });
    return session;
  });
}

export async function closeSession(ctx: CoreContext, id: number, actor: string): Promise<Session | undefined> {
  return ctx.stores.tx(async (st) => {
    const before = await st.ledger.getSession(id);
    const after = await st.ledger.closeSession(id, ctx.clock.now());
    if (after) await st.audit.write({ at: ctx.clock.now(), actor, action: 'session.close', target: `session:${id}`, before, after });
    return after;
  });
}

export async function recordExam(ctx: CoreContext, trainee: Trainee, subject: Subject, score: number, actor: string, source = 'manual') {
  const passed = score >= ctx.campaign.exam.passMark;
  return ctx.stores.tx(async (st) => {
    const at = ctx.clock.now();
    const r = await st.ledger.upsertExam({ campaignId: ctx.campaign.id, traineeId: trainee.id, subject, score, passed, source, recordedBy: actor, recordedAt: at });
    if (r.changed)
      await st.audit.write({
        at,
        actor,
        action: 'exam.record',
        target: `trainee:${trainee.id}`,
        before: r.before ? { subject, score: r.before.score, passed: r.before.passed } : null,
        after: { subject, score, passed },
      });
    return { ...r, passed };
  });
}

export async function adjustHours(ctx: CoreContext, trainee: Trainee, subject: Subject, delta: number, reason: string, actor: string) {
  return ctx.stores.tx(async (st) => {
    const at = ctx.clock.now();
    const figs = (await st.ledger.figures(ctx.campaign.id, [trainee.id])).get(trainee.id)!;
    const key = subject === 'public' ? 'publicHours' : 'professionalHours';
    const before = figs[key];
    await st.ledger.addAdjustment({ campaignId: ctx.campaign.id, traineeId: trainee.id, subject, hours: delta, reason, createdBy: actor, createdAt: at });
    const after = Math.max(0, roundHours(before + delta));
    await st.audit.write({ at, actor, action: 'hours.adjust', target: `trainee:${trainee.id}`, before: { subject, hours: before }, after: { subject, hours: after, delta, reason } });
    return { before, after };
  });
}

export async function grantExemption(ctx: CoreContext, trainee: Trainee, reason: string, approvalRef: string, actor: string) {
  return ctx.stores.tx(async (st) => {
    const at = ctx.clock.now();
    const r = await st.ledger.upsertExemption({ campaignId: ctx.campaign.id, traineeId: trainee.id, reason, approvalRef, approvedBy: actor, createdAt: at });
    if (r.changed)
      await st.audit.write({
        at,
        actor,
        action: 'exemption.grant',
        target: `trainee:${trainee.id}`,
        before: r.before ? { reason: r.before.reason, approvalRef: r.before.approvalRef } : null,
        after: { reason, approvalRef },
      });
    return r;
  });
}

/** Match a typed reason to the notice's list of exemption cases ("驻村" → "访惠聚驻村"). */
export function matchExemptionReason(ctx: CoreContext, typed: string): string | undefined {
  const t = typed.replace(/["“”]/g, '');
  const reasons = ctx.campaign.exemptionReasons;
  return reasons.find((r) => r === t) ?? reasons.find((r) => r.includes(t) || t.includes(r)) ?? (t.includes('访惠聚') ? reasons[0] : undefined);
}
