import type { CoreContext } from '../context.ts';
import type { AdminReminder, DeliveryStatus } from '../ports.ts';

/** Longest notice an administrator may schedule (a few lines in a group). */
export const MAX_REMINDER_TEXT = 500;
const YEAR_MS = 366 * 86_400_000;

/** Where a reminder goes: one group, or every bound group (of one level when given). */
export type ReminderScope = { platform: string; chatId: string } | { level: string | null };

export type ScheduleOutcome = { kind: 'ok'; reminder: AdminReminder } | { kind: 'past' } | { kind: 'too-far' } | { kind: 'empty' } | { kind: 'too-long' };

export async function scheduleAdminReminder(core: CoreContext, r: { text: string; at: Date; scope: ReminderScope }, actor: string): Promise<ScheduleOutcome> {
  const now = core.clock.now();
  const text = r.text.trim();
  if (!text) return { kind: 'empty' };
  if (text.length > MAX_REMINDER_TEXT) return { kind: 'too-long' };
  if (r.at <= now) return { kind: 'past' };
  if (r.at.getTime() - now.getTime() > YEAR_MS) return { kind: 'too-far' };
  const where = 'chatId' in r.scope ? { platform: r.scope.platform, chatId: r.scope.chatId, level: null } : { platform: null, chatId: null, level: r.scope.level };
  const reminder = await core.stores.tx(async (st) => {
    const created = await st.reminders.createAdmin({ campaignId: core.campaign.id, ...where, text, at: r.at, createdBy: actor, createdAt: now });
    await st.audit.write({ at: now, actor, action: 'reminder.create', target: `reminder:${created.id}`, after: { at: created.at, ...where, text } });
    return created;
  });
  return { kind: 'ok', reminder };
}

export type CancelOutcome =
  | { kind: 'ok'; reminder: AdminReminder }
  | { kind: 'not-found' }
  | { kind: 'not-yours'; reminder: AdminReminder }
  | { kind: 'already'; reminder: AdminReminder }
  | { kind: 'too-late'; reminder: AdminReminder };

/**
 * Cancel a reminder that has not come due. From a group only that group's reminders may be
 * cancelled; from a private chat (staff) any of the campaign's.
 */
export async function cancelAdminReminder(core: CoreContext, id: number, from: { platform: string; chatId: string } | null, actor: string): Promise<CancelOutcome> {
  const now = core.clock.now();
  return core.stores.tx(async (st) => {
    const r = await st.reminders.getAdmin(id);
    if (!r || r.campaignId !== core.campaign.id) return { kind: 'not-found' as const };
    if (from && !(r.platform === from.platform && r.chatId === from.chatId)) return { kind: 'not-yours' as const, reminder: r };
    if (r.cancelledAt) return { kind: 'already' as const, reminder: r };
    const cancelled = await st.reminders.cancelAdmin(id, actor, now);
    if (!cancelled) return { kind: 'too-late' as const, reminder: r };
    await st.audit.write({ at: now, actor, action: 'reminder.cancel', target: `reminder:${id}`, before: { at: r.at, text: r.text }, after: { cancelledAt: now } });
    return { kind: 'ok' as const, reminder: cancelled };
  });
}

export type AdminReminderState = 'pending' | 'cancelled' | 'sending' | 'sent' | 'failed' | 'missed';

export interface AdminReminderView {
  reminder: AdminReminder;
  state: AdminReminderState;
  counts: Partial<Record<DeliveryStatus, number>>;
}

/** Reminders visible from a chat (a group sees its own; staff in private see all), recent and upcoming. */
export async function listAdminReminders(
  core: CoreContext,
  from: { platform: string; chatId: string } | null,
  opts: { sinceDays?: number; limit?: number; catchUpMs?: number } = {},
): Promise<AdminReminderView[]> {
  const now = core.clock.now();
  const since = new Date(now.getTime() - (opts.sinceDays ?? 7) * 86_400_000);
  const all = await core.stores.reminders.listAdmin(core.campaign.id, { since, limit: 200 });
  const mine = all.filter((r) => !from || (r.platform === from.platform && r.chatId === from.chatId)).slice(0, opts.limit ?? 20);
  const counts = await core.stores.reminders.statusCounts(mine.map((r) => `admin:${r.id}`));
  const catchUp = opts.catchUpMs ?? 24 * 3_600_000;
  return mine
    .map((reminder) => {
      const c = counts.get(`admin:${reminder.id}`) ?? {};
      let state: AdminReminderState;
      if (reminder.cancelledAt) state = 'cancelled';
      else if (reminder.at > now) state = 'pending';
      else if (c.sending || c.retry) state = 'sending';
      else if (c.sent) state = 'sent';
      else if (c.failed) state = 'failed';
      else state = now.getTime() - reminder.at.getTime() > catchUp ? 'missed' : 'sending';
      return { reminder, state, counts: c };
    })
    .sort((a, b) => a.reminder.at.getTime() - b.reminder.at.getTime());
}
