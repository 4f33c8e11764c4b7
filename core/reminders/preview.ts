import type { CoreContext } from '../context.ts';
import type { ChatInfo } from '../ports.ts';
import { planAll, type PostKind } from './plan.ts';
import { describePost, windowPostText } from './texts.ts';

export interface PreviewRow {
  at: Date;
  kind: PostKind | 'admin';
  /** What it is: the window's title and which post, or the admin reminder's number. */
  title: string;
  what: string;
  /** Groups it goes to as bound now; empty for private nudges (computed when sent). */
  groups: ChatInfo[];
  /** The text as it would read at its slot (nudges depend on the ledger then: none). */
  text?: string;
  adminId?: number;
}

/**
 * The plan as data: what will be sent where and when in [from, to), addressed to the groups bound
 * now (a group bound later joins the posts after its binding). Admin reminders not cancelled are in it.
 */
export async function previewReminders(core: CoreContext, range: { from: Date; to: Date }): Promise<PreviewRow[]> {
  const c = core.campaign;
  const chats = (await core.stores.chats.list(c.id)).filter((g) => g.level);
  const inRange = (d: Date) => d >= range.from && d < range.to;
  const rows: PreviewRow[] = [];
  for (const p of planAll(c)) {
    if (!inRange(p.at)) continue;
    const groups = p.kind === 'nudge' ? [] : chats.filter((g) => !p.window.levels.length || p.window.levels.includes(g.level as never));
    rows.push({
      at: p.at,
      kind: p.kind,
      title: p.window.title,
      what: describePost(p),
      groups,
      text: p.kind === 'nudge' || p.kind === 'nudge-count' ? undefined : windowPostText(c, p, p.at, false),
    });
  }
  const admins = await core.stores.reminders.listAdmin(c.id, { since: range.from, limit: 500 });
  for (const r of admins) {
    if (r.cancelledAt || !inRange(r.at)) continue;
    const groups = r.chatId ? chats.filter((g) => g.platform === r.platform && g.chatId === r.chatId) : chats.filter((g) => !r.level || g.level === r.level);
    rows.push({ at: r.at, kind: 'admin', title: '', what: '', groups, text: r.text, adminId: r.id });
  }
  return rows.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The span the plan covers: first and last slot. */
export function planSpan(core: CoreContext): { first: Date; last: Date } {
  const plan = planAll(core.campaign);
  return { first: plan[0].at, last: plan[plan.length - 1].at };
}
