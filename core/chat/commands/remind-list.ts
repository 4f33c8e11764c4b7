import { reminders as t } from '../../locales/zh-CN/reminders.ts';
import { listAdminReminders, type AdminReminderView } from '../../reminders/admin.ts';
import { planAll } from '../../reminders/plan.ts';
import { describePost } from '../../reminders/texts.ts';
import { localDateTime } from '../../time.ts';
import { defineCommand, say } from '../command.ts';

/** Upcoming plan entries shown under the admin reminders. */
const PLAN_SHOWN = 3;

function stateLabel(v: AdminReminderView): string {
  switch (v.state) {
    case 'pending':
      return t.statusPending;
    case 'cancelled':
      return t.statusCancelled;
    case 'sending':
      return t.statusSending;
    case 'missed':
      return t.statusMissed;
    case 'sent':
      return v.counts.failed ? `${t.statusSent(v.counts.sent ?? 0)}，${t.statusFailed(v.counts.failed)}` : t.statusSent(v.counts.sent ?? 0);
    case 'failed':
      return t.statusFailed(v.counts.failed ?? 0);
  }
}

export default defineCommand({
  name: 'remind-list',
  words: ['提醒列表', '查看提醒'],
  slash: ['reminders'],
  admin: true,
  async run(ctx) {
    const { core, msg, chat } = ctx;
    const tz = core.campaign.timezone;
    const now = core.clock.now();
    const inGroup = msg.chatType === 'group';
    const views = await listAdminReminders(core, inGroup ? { platform: msg.platform, chatId: msg.chatId } : null);
    const lines = [t.listTitle];
    if (views.length) {
      lines.push(t.listAdminHeader);
      for (const v of views)
        lines.push(
          t.listLine(v.reminder.id, localDateTime(v.reminder.at, tz), v.reminder.chatId ? (inGroup ? t.whereThisGroup : v.reminder.chatId) : t.whereAllGroups, stateLabel(v), v.reminder.text),
        );
    } else lines.push(t.listEmpty);
    // The group's own level decides which deadline reminders it will see.
    const level = inGroup ? chat?.level : undefined;
    const next = planAll(core.campaign)
      .filter((p) => p.at > now && p.kind !== 'nudge' && (!level || !p.window.levels.length || p.window.levels.includes(level as never)))
      .slice(0, PLAN_SHOWN);
    if (next.length) {
      lines.push('', t.listPlanHeader);
      for (const p of next) lines.push(t.listPlanLine(localDateTime(p.at, tz), p.window.title, describePost(p)));
    }
    return [say(lines.join('\n'))];
  },
});
