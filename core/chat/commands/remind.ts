import { chat as c } from '../../locales/zh-CN/index.ts';
import { reminders as t } from '../../locales/zh-CN/reminders.ts';
import { MAX_REMINDER_TEXT, scheduleAdminReminder } from '../../reminders/admin.ts';
import { localDateTime } from '../../time.ts';
import { defineCommand, say } from '../command.ts';
import { cleanText } from '../parse.ts';
import { parseWhen } from '../when.ts';

/** A day alone ("明天") would mean midnight: a notice needs a time of day. */
const HAS_CLOCK = /\d{1,2}\s*(?::|点|时)/;

/** The text after the time tokens, as typed (tokenising would lose inner spacing and quotes). */
function contentAfter(rest: string, used: string[]): string {
  let s = rest;
  for (const tok of used) {
    s = s.trimStart();
    if (!s.startsWith(tok)) return '';
    s = s.slice(tok.length);
  }
  return s.trim();
}

/**
 * The same content as the admin typed it: parsing normalises to NFKC (full-width ， becomes ,), which
 * must not change the notice the groups read. The raw suffix that cleans to `content` is it.
 */
function asTyped(raw: string, content: string): string {
  if (!content) return content;
  for (let i = 0; i < raw.length; i++) {
    const c = cleanText(raw.slice(i));
    if (c.length < content.length) break;
    if (c.startsWith(content) && /^[\s。.!！?？~～…,，;；、]*$/u.test(c.slice(content.length))) return raw.slice(i).trim();
  }
  return content;
}

export default defineCommand({
  name: 'remind',
  words: ['提醒', '定时提醒', '添加提醒'],
  slash: ['remind'],
  admin: true,
  async run(ctx) {
    const { core, msg } = ctx;
    const tz = core.campaign.timezone;
    const now = core.clock.now();
    const w = parseWhen(ctx.cmd.args, now, tz);
    if (!w) return [say(c.usage(t.remindUsage))];
    const used = ctx.cmd.args.slice(0, w.used);
    if (!used.some((tok) => HAS_CLOCK.test(tok))) return [say(t.remindNeedsClock)];
    const cleaned = contentAfter(ctx.cmd.rest, used) || ctx.cmd.args.slice(w.used).join(' ');
    const text = asTyped(msg.text, cleaned);
    const inGroup = msg.chatType === 'group';
    const scope = inGroup ? { platform: msg.platform, chatId: msg.chatId } : { level: null };
    const r = await scheduleAdminReminder(core, { text, at: w.at, scope }, ctx.actor);
    switch (r.kind) {
      case 'empty':
        return [say(c.usage(t.remindUsage))];
      case 'too-long':
        return [say(t.remindTooLong(MAX_REMINDER_TEXT))];
      case 'past':
        return [say(t.remindPast(localDateTime(now, tz)))];
      case 'too-far':
        return [say(t.remindTooFar)];
      case 'ok':
        return [say(t.remindOk(r.reminder.id, localDateTime(r.reminder.at, tz), inGroup ? t.whereThisGroup : t.whereAllGroups))];
    }
  },
});
