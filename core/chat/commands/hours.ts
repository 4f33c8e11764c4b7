import { yearSummary } from '../../ledger/service.ts';
import type { YearSummary } from '../../ledger/summary.ts';
import { chat as t } from '../../locales/zh-CN/index.ts';
import type { Campaign } from '../../campaign/schema.ts';
import { defineCommand, mention, say, sayPrivately } from '../command.ts';

export function describeSummary(s: YearSummary, campaign: Campaign): string {
  const lines = [t.hoursLine(s.publicHours, s.professionalHours, s.totalHours, campaign.requirement)];
  if (s.exams.length) for (const e of s.exams) lines.push(t.examLine(e.subject, e.score, e.passed));
  else lines.push(t.examNone);
  if (s.exempt) lines.push(t.exemptLine(s.exemptReason ?? ''));
  else if (s.complete) lines.push(t.completeLine);
  else lines.push(t.missingLine(missingParts(s)));
  return lines.join('\n');
}

export function missingParts(s: YearSummary): string[] {
  const parts: string[] = [];
  if (s.missing.publicHours) parts.push(t.missingHours('公需科目', s.missing.publicHours));
  if (s.missing.professionalHours) parts.push(t.missingHours('专业科目', s.missing.professionalHours));
  const byCategory = s.missing.publicHours + s.missing.professionalHours;
  if (s.missing.totalHours > byCategory) parts.push(t.missingHours('总计', s.missing.totalHours));
  for (const e of s.missing.exams) parts.push(t.missingExam(e));
  return parts;
}

export default defineCommand({
  name: 'hours',
  words: ['我的学时', '学时查询', '查学时', '我的成绩'],
  slash: ['hours', 'me'],
  admin: false,
  async run(ctx) {
    const trainee = ctx.identity.trainee;
    const inGroup = ctx.msg.chatType === 'group';
    if (!trainee) return [say(t.notBound, inGroup ? { mentions: mention(ctx) } : {})];
    const s = await yearSummary(ctx.core, trainee.id);
    const details = sayPrivately(`${t.hoursTitle(trainee.name, ctx.core.campaign.year)}\n${describeSummary(s, ctx.core.campaign)}`, {
      title: t.hoursTitle(trainee.name, ctx.core.campaign.year),
    });
    if (!inGroup) return [details];
    // Figures are personal: the group only hears where to look.
    return [details, say(t.hoursSentPrivately(ctx.msg.senderNick), { mentions: mention(ctx) })];
  },
});
