import { previewReminders, type PreviewRow } from '../../core/reminders/preview.ts';
import { consoleText } from '../../core/locales/zh-CN/console.ts';
import { reminders as tr } from '../../core/locales/zh-CN/reminders.ts';
import type { ConsoleDeps } from './deps.ts';
import type { UpcomingReminder } from './views/dashboard.ts';

const DAY = 86_400_000;

/** Where a planned reminder goes, in words: its groups, or the private nudges. */
export function targetText(r: PreviewRow): string {
  if (r.kind === 'nudge') return tr.cliNudgePrivate;
  if (!r.groups.length) return tr.cliNoGroups;
  return consoleText.fmt.list(r.groups.map((g) => tr.cliGroup(g.title || g.chatId, g.platform, g.level ?? '')));
}

export const whatText = (r: PreviewRow) => (r.kind === 'admin' ? tr.cliAdmin(r.adminId!) : `${r.title} · ${r.what}`);

/** Reminders due in the next week for the dashboard (those reaching a group of `level` when one is chosen). */
export async function upcomingReminders(deps: ConsoleDeps, level: string | null): Promise<UpcomingReminder[]> {
  const now = deps.core.clock.now();
  const rows = await previewReminders(deps.core, { from: now, to: new Date(now.getTime() + 7 * DAY) });
  return rows
    .filter((r) => !level || r.kind === 'nudge' || r.groups.some((g) => g.level === level))
    .slice(0, 8)
    .map((r) => ({ at: r.at, text: whatText(r), target: targetText(r) }));
}
