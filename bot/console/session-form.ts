import type { LoadedCampaign } from '../../core/campaign/load.ts';
import { consoleText as t } from '../../core/locales/zh-CN/console.ts';
import type { Session } from '../../core/ports.ts';
import { zonedInstant } from '../../core/time.ts';
import { field } from './form.ts';

export type SessionInput = Pick<Session, 'title' | 'level' | 'subject' | 'startsAt' | 'endsAt' | 'hours' | 'creditRule' | 'thresholdPercent'>;

/**
 * 'YYYY-MM-DD HH:MM' or the browser's 'YYYY-MM-DDTHH:MM', in the campaign's zone; an ISO 8601 instant with
 * 'Z' or an offset (API callers) as given.
 */
export function parseLocalDateTime(raw: string, tz: string): Date | undefined {
  const s = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?$/.exec(s);
  if (!m) return undefined;
  const d = zonedInstant(m[1], m[2], tz);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A session form (or API body) checked whole: every problem at once, in the admin's words. */
export function parseSessionInput(body: unknown, campaign: LoadedCampaign): { ok: true; value: SessionInput } | { ok: false; errors: string[] } {
  const s = t.sessions;
  const errors: string[] = [];
  const title = field(body, 'title').trim().slice(0, 200);
  if (!title) errors.push(s.emptyTitle);
  const levelRaw = field(body, 'level');
  const level = campaign.levels.some((l) => l.level === levelRaw) ? levelRaw : null;
  const subject = field(body, 'subject') === 'public' ? 'public' : 'professional';
  const startsAt = parseLocalDateTime(field(body, 'startsAt'), campaign.timezone);
  const endsAt = parseLocalDateTime(field(body, 'endsAt'), campaign.timezone);
  if (!startsAt || !endsAt) errors.push(s.badTime);
  else if (endsAt <= startsAt) errors.push(s.endBeforeStart);
  const hours = Number(field(body, 'hours'));
  if (!Number.isFinite(hours) || hours < 0.5 || hours > 100 || Math.round(hours * 2) !== hours * 2) errors.push(s.badHours);
  const creditRule = field(body, 'creditRule') === 'watchtime' ? 'watchtime' : 'checkin';
  const thRaw = field(body, 'thresholdPercent').trim();
  const thresholdPercent = thRaw ? Number(thRaw) : null;
  if (thresholdPercent !== null && (!Number.isInteger(thresholdPercent) || thresholdPercent < 1 || thresholdPercent > 100)) errors.push(s.badThreshold);
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { title, level, subject, startsAt: startsAt!, endsAt: endsAt!, hours, creditRule, thresholdPercent } };
}

export type SessionState = 'upcoming' | 'open' | 'ended' | 'closed';

export function sessionState(s: Session, now: Date): SessionState {
  if (s.closedAt) return 'closed';
  if (now < s.startsAt) return 'upcoming';
  if (now > s.endsAt) return 'ended';
  return 'open';
}
