import { chat as c } from '../../locales/zh-CN/index.ts';
import { reminders as t } from '../../locales/zh-CN/reminders.ts';
import { cancelAdminReminder } from '../../reminders/admin.ts';
import { localDateTime } from '../../time.ts';
import { defineCommand, say } from '../command.ts';

export default defineCommand({
  name: 'remind-cancel',
  words: ['取消提醒', '删除提醒'],
  slash: ['unremind', 'cancelreminder'],
  admin: true,
  async run(ctx) {
    const { core, msg } = ctx;
    const typed = (ctx.cmd.args[0] ?? '').replace(/^[#＃]/, '');
    if (!/^\d{1,9}$/.test(typed)) return [say(c.usage(t.cancelUsage))];
    const from = msg.chatType === 'group' ? { platform: msg.platform, chatId: msg.chatId } : null;
    const r = await cancelAdminReminder(core, Number(typed), from, ctx.actor);
    const tz = core.campaign.timezone;
    switch (r.kind) {
      case 'not-found':
        return [say(t.cancelNotFound(typed))];
      case 'not-yours':
        return [say(t.cancelNotYours(r.reminder.id))];
      case 'already':
        return [say(t.cancelAlready(r.reminder.id))];
      case 'too-late':
        return [say(t.cancelTooLate(r.reminder.id))];
      case 'ok':
        return [say(t.cancelOk(r.reminder.id, localDateTime(r.reminder.at, tz)))];
    }
  },
});
