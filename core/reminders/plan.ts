import type { Campaign, CampaignWindow } from '../campaign/schema.ts';
import { addDays, daysBetween, windowClosesAt, zonedInstant } from '../time.ts';

/**
 * The window whose deadline trainees who are behind are nudged for. The campaign schema has no field
 * for it yet; every campaign so far calls its training window this.
 */
export const TRAINING_WINDOW_ID = 'ce-training';

export type PostKind = 'opens' | 'before' | 'closes' | 'nudge' | 'nudge-count';

/** One scheduled reminder of the plan: data, not yet addressed to a chat. */
export interface PlannedPost {
  /** Stable id of the reminder, part of the delivery claim. */
  key: string;
  kind: PostKind;
  window: CampaignWindow;
  /** Local date of the slot, 'YYYY-MM-DD'. */
  date: string;
  /** The slot: `campaign.reminders.time` on `date`, in the campaign's zone. */
  at: Date;
  /**
   * Still worth sending until then: the next reminder of the same window (which replaces it) or the
   * moment the window closes, whichever comes first. A late catch-up never goes out after it.
   */
  validUntil: Date;
  /** Whole days from `date` to the window's last day (0 on the day it closes). */
  daysBefore: number;
}

const windowKey = (c: Campaign, w: CampaignWindow, what: string) => `window:${c.id}:${w.id}:${what}`;
const nudgeKey = (c: Campaign, w: CampaignWindow, days: number, count: boolean) => `${count ? 'nudge-count' : 'nudge'}:${c.id}:${w.id}:${days}`;

/** Chain a window's posts: each is valid until the next one of its series, never past the close. */
function chain(posts: PlannedPost[], closes: Date): PlannedPost[] {
  const sorted = posts.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let i = 0; i < sorted.length; i++) {
    const next = sorted[i + 1]?.at;
    sorted[i].validUntil = next && next < closes ? next : closes;
  }
  return sorted;
}

/** Posts to groups: when a window opens, N days before it closes, and on the day it closes. */
export function planWindowPosts(c: Campaign): PlannedPost[] {
  const tz = c.timezone;
  const time = c.reminders.time;
  const out: PlannedPost[] = [];
  for (const w of c.windows) {
    if (!w.remind) continue;
    const closes = windowClosesAt(w.end, tz);
    const posts: PlannedPost[] = [];
    const add = (kind: PostKind, date: string, what: string, daysBefore: number) =>
      posts.push({ key: windowKey(c, w, what), kind, window: w, date, at: zonedInstant(date, time, tz), validUntil: closes, daysBefore });
    // A one-day window gets only its "closes today" post.
    if (w.start < w.end) add('opens', w.start, 'opens', daysBetween(w.start, w.end));
    // "N days before" on or before the opening day would repeat the opening post.
    for (const n of [...new Set(c.reminders.daysBefore)]) {
      const date = addDays(w.end, -n);
      if (date > w.start) add('before', date, `before-${n}`, n);
    }
    add('closes', w.end, 'closes', 0);
    out.push(...chain(posts, closes));
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

/**
 * At-risk nudges during the training window: a private message to each trainee who is behind, and a
 * count to each group, N days before the window closes.
 */
export function planNudges(c: Campaign): PlannedPost[] {
  const w = c.windows.find((x) => x.id === TRAINING_WINDOW_ID);
  if (!w) return [];
  const tz = c.timezone;
  const closes = windowClosesAt(w.end, tz);
  const days = [...new Set(c.reminders.nudgeDaysBefore)].filter((n) => addDays(w.end, -n) >= w.start);
  const slot = (n: number) => {
    const date = addDays(w.end, -n);
    return { date, at: zonedInstant(date, c.reminders.time, tz), daysBefore: n };
  };
  const series = (count: boolean) =>
    chain(
      days.map((n) => ({ key: nudgeKey(c, w, n, count), kind: count ? ('nudge-count' as const) : ('nudge' as const), window: w, validUntil: closes, ...slot(n) })),
      closes,
    );
  return [...series(false), ...series(true)].sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

/** The whole plan of a campaign, in time order. */
export function planAll(c: Campaign): PlannedPost[] {
  return [...planWindowPosts(c), ...planNudges(c)].sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

/** Posts whose slot has come and that are still worth sending at `now`. */
export function duePosts(plan: PlannedPost[], now: Date): PlannedPost[] {
  return plan.filter((p) => p.at <= now && now < p.validUntil);
}

