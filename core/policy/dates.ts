import type { CampaignWindow } from '../campaign/schema.ts';
import { daysBetween, localDate } from '../time.ts';

/**
 * Where today stands against a window, in the campaign's time zone. The end date is inclusive:
 * the window closes at 24:00 that day, so on the end date there are 0 days left, not -1.
 */
export type WindowStatus =
  | { state: 'upcoming'; today: string; daysToStart: number }
  | { state: 'open'; today: string; daysLeft: number }
  | { state: 'closed'; today: string; daysSinceEnd: number };

export function windowStatus(w: Pick<CampaignWindow, 'start' | 'end'>, now: Date, tz: string): WindowStatus {
  const today = localDate(now, tz);
  if (today < w.start) return { state: 'upcoming', today, daysToStart: daysBetween(today, w.start) };
  if (today <= w.end) return { state: 'open', today, daysLeft: daysBetween(today, w.end) };
  return { state: 'closed', today, daysSinceEnd: daysBetween(w.end, today) };
}
