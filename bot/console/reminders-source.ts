import type { ConsoleDeps } from './deps.ts';
import type { UpcomingReminder } from './views/dashboard.ts';

/** Reminders due soon for the dashboard; null while the reminder module is not wired in. */
export async function upcomingReminders(_deps: ConsoleDeps, _level: string | null): Promise<UpcomingReminder[] | null> {
  return null;
}
