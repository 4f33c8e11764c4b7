import { checkIn, yearSummary } from '../../ledger/service.ts';
import { chat as t } from '../../locales/zh-CN/index.ts';
import { localDateTime } from '../../time.ts';
import { defineCommand, mention, say } from '../command.ts';

export default defineCommand({
  name: 'checkin',
  words: ['签到', '打卡'],
  slash: ['checkin'],
  admin: false,
  groupOnly: true,
  needsLevel: true,
  async run(ctx) {
    const { identity, msg, chat, core } = ctx;
    const at = mention(ctx);
    if (identity.nickname !== 'ok') return [say(t.checkinRefusedNickname, { mentions: at })];
    if (!identity.trainee) return [say(t.checkinUnknown, { mentions: at })];
    const trainee = identity.trainee;
    const outcomes = await checkIn(core, trainee, { platform: msg.platform, chatId: msg.chatId, level: chat!.level }, ctx.actor);
    const lines: string[] = [];
    let credited = false;
    for (const o of outcomes) {
      if (o.kind === 'none')
        lines.push(o.next ? t.checkinNextSession(o.next.title, localDateTime(o.next.startsAt, core.campaign.timezone)) : t.checkinNoSession);
      else if (o.kind === 'wrong-level') lines.push(t.checkinWrongLevel(trainee.level, o.level));
      else if (o.kind === 'already') lines.push(t.checkinAlready(msg.senderNick, o.session.title));
      else {
        credited = true;
        const c = o.session.creditRule === 'checkin' ? t.checkinCredit(o.record.hours) : t.checkinWatchtime;
        lines.push(t.checkinOk(msg.senderNick, o.session.title, o.session.subject, c));
      }
    }
    if (credited) {
      const s = await yearSummary(core, trainee.id);
      lines.push(t.runningTotal(s.publicHours, s.professionalHours, s.totalHours));
    }
    return [say([...new Set(lines)].join('\n'), { mentions: at })];
  },
});
