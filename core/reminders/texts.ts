import type { Campaign, CampaignWindow } from '../campaign/schema.ts';
import { reminders as t, type WindowFacts } from '../locales/zh-CN/reminders.ts';
import { chineseDate, daysBetween, localDate } from '../time.ts';
import type { PlannedPost } from './plan.ts';

/** Whom to call about a window: the contact its knowledge entries name. */
function contactFor(c: Campaign, w: CampaignWindow): string {
  const entry = c.knowledge.find((k) => (k.window === w.id || k.windows?.length === 1 && k.windows[0] === w.id) && k.contact);
  const contact = entry && c.contacts.find((x) => x.id === entry.contact);
  return contact ? `${contact.name} ${contact.phones.join('、')}` : '';
}

/** The facts a reminder states, with the days left counted from `now` (a late catch-up says the truth). */
export function windowFacts(c: Campaign, w: CampaignWindow, now: Date): WindowFacts {
  return {
    title: w.title,
    start: chineseDate(w.start),
    end: chineseDate(w.end),
    action: w.action.replace(/[。.]$/, ''),
    daysLeft: daysBetween(localDate(now, c.timezone), w.end),
    contact: contactFor(c, w),
    document: c.document.number,
  };
}

/** Text of a window post to a group, as sent at `now`. */
export function windowPostText(c: Campaign, p: PlannedPost, now: Date, late: boolean): string {
  const f = windowFacts(c, p.window, now);
  if (p.kind === 'opens') return t.opens(f, localDate(now, c.timezone) === p.window.start, late);
  if (p.kind === 'closes') return t.closes(f, late);
  return t.before(f, late);
}

export function nudgeText(c: Campaign, p: PlannedPost, now: Date, late: boolean, name: string, missing: string[]): string {
  return t.nudgePrivate(name, windowFacts(c, p.window, now), missing, late);
}

export function nudgeCountText(c: Campaign, p: PlannedPost, now: Date, late: boolean, count: number): string {
  return t.nudgeGroup(count, windowFacts(c, p.window, now), late);
}

/** What the plan entry is, in a few words (lists, previews, failure reports). */
export function describePost(p: PlannedPost): string {
  if (p.kind === 'opens') return t.planOpens;
  if (p.kind === 'closes') return t.planCloses;
  if (p.kind === 'nudge') return t.planNudge(p.daysBefore);
  if (p.kind === 'nudge-count') return t.planNudgeCount(p.daysBefore);
  return t.planBefore(p.daysBefore);
}
