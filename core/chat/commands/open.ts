import { openSession } from '../../ledger/service.ts';
import { chat as t, SUBJECT_WORDS } from '../../locales/zh-CN/index.ts';
import { addDays, localDate, localDateTime, zonedInstant } from '../../time.ts';
import { defineCommand, say } from '../command.ts';
import { parseWhen } from '../when.ts';

const WATCHTIME_WORDS = ['按时长', '按观看时长', '时长'];

export default defineCommand({
  name: 'open',
  words: ['开课'],
  slash: ['open'],
  admin: true,
  groupOnly: true,
  needsLevel: true,
  async run(ctx) {
    const args = [...ctx.cmd.args];
    const rule = args.length && WATCHTIME_WORDS.includes(args[args.length - 1]) ? (args.pop(), 'watchtime' as const) : ('checkin' as const);
    const [title, subjectWord, hoursWord, ...endTokens] = args;
    const subject = subjectWord ? SUBJECT_WORDS[subjectWord] : undefined;
    if (!title || !subject || !hoursWord) return [say(t.usage(t.openUsage))];
    const hours = Number(hoursWord.replace(/学时$/, ''));
    if (!Number.isFinite(hours) || hours < 0.5 || hours > 24 || Math.round(hours * 10) !== hours * 10) return [say(t.openBadHours)];
    const { clock, campaign } = ctx.core;
    const now = clock.now();
    const tz = campaign.timezone;
    let endsAt = zonedInstant(addDays(localDate(now, tz), 1), '00:00', tz);
    if (endTokens.length) {
      const w = parseWhen(endTokens, now, tz);
      if (!w || w.used !== endTokens.length || w.at <= now) return [say(t.openBadEnd)];
      endsAt = w.at;
    }
    const s = await openSession(
      ctx.core,
      {
        title,
        level: ctx.chat!.level,
        subject,
        startsAt: now,
        endsAt,
        hours,
        creditRule: rule,
        thresholdPercent: null,
        platform: ctx.msg.platform,
        chatId: ctx.msg.chatId,
        createdBy: ctx.actor,
      },
      ctx.actor,
    );
    return [say(t.openOk(s.id, s.title, s.subject, s.hours, localDateTime(s.endsAt, tz), s.creditRule))];
  },
});
