import { adjustHours } from '../../ledger/service.ts';
import { chat as t, SUBJECT_WORDS } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';
import { findTrainee } from '../trainee-arg.ts';

export default defineCommand({
  name: 'adjust',
  words: ['学时'],
  slash: ['adjust'],
  admin: true,
  async run(ctx) {
    const [name, subjectWord, deltaWord, ...reasonParts] = ctx.cmd.args;
    const subject = subjectWord ? SUBJECT_WORDS[subjectWord] : undefined;
    const reason = reasonParts.join(' ').trim();
    if (!name || !subject || !deltaWord || !reason) return [say(t.usage(t.adjustUsage))];
    if (!/^[+-]?\d+(\.\d)?(学时)?$/.test(deltaWord)) return [say(t.adjustBad)];
    const delta = Number(deltaWord.replace(/学时$/, ''));
    if (!delta || Math.abs(delta) > 90) return [say(t.adjustBad)];
    const found = await findTrainee(ctx.core, name, ctx.chat?.level);
    if (!found.ok) return [say(found.message)];
    const r = await adjustHours(ctx.core, found.trainee, subject, delta, reason, ctx.actor);
    return [say(t.adjustOk(found.trainee.name, subject, delta, r.after))];
  },
});
