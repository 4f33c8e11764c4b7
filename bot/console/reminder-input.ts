import type { LoadedCampaign } from '../../core/campaign/load.ts';
import { consoleText as t } from '../../core/locales/zh-CN/console.ts';
import type { ChatInfo } from '../../core/ports.ts';
import { MAX_REMINDER_TEXT, type ReminderScope, type ScheduleOutcome } from '../../core/reminders/admin.ts';
import { field } from './form.ts';
import type { Parsed } from './inputs.ts';
import { parseLocalDateTime } from './session-form.ts';

/**
 * A one-off reminder from the form or the API: `scope` is `all`, `level:<级别>` or `chat:<platform>:<chatId>`
 * (a group bound to a level); the API may send `level`, or `platform` + `chatId`, instead.
 */
export function parseReminderInput(body: unknown, campaign: LoadedCampaign, chats: ChatInfo[]): Parsed<{ at: Date; text: string; scope: ReminderScope }> {
  const errors: string[] = [];
  const at = parseLocalDateTime(field(body, 'at'), campaign.timezone);
  if (!at) errors.push(t.reminders.badTime);
  const text = field(body, 'text').trim();
  if (!text) errors.push(t.reminders.badText);
  let raw = field(body, 'scope');
  if (!raw) raw = field(body, 'chatId') ? `chat:${field(body, 'platform')}:${field(body, 'chatId')}` : field(body, 'level') ? `level:${field(body, 'level')}` : 'all';
  let scope: ReminderScope | undefined;
  if (raw === 'all') scope = { level: null };
  else if (raw.startsWith('level:') && campaign.levels.some((l) => l.level === raw.slice(6))) scope = { level: raw.slice(6) };
  else if (raw.startsWith('chat:')) {
    const rest = raw.slice(5);
    const i = rest.indexOf(':');
    const g = chats.find((c) => c.level && c.platform === rest.slice(0, i) && c.chatId === rest.slice(i + 1));
    if (g) scope = { platform: g.platform, chatId: g.chatId };
  }
  if (!scope) errors.push(t.reminders.badScope);
  return errors.length ? { ok: false, errors } : { ok: true, value: { at: at!, text, scope: scope! } };
}

/** Why a schedule was refused, in the admin's words. */
export function scheduleError(o: Exclude<ScheduleOutcome, { kind: 'ok' }>): string {
  if (o.kind === 'past') return t.reminders.past;
  if (o.kind === 'too-far') return t.reminders.tooFar;
  if (o.kind === 'too-long') return t.reminders.tooLong(MAX_REMINDER_TEXT);
  return t.reminders.badText;
}
