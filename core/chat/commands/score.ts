import { recordExam } from '../../ledger/service.ts';
import { chat as t, SUBJECT_WORDS } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';
import { findTrainee } from '../trainee-arg.ts';

export default defineCommand({
  name: 'score',
  words: ['成绩', '录成绩'],
  slash: ['score'],
  admin: true,
  async run(ctx) {
    const [name, scoreWord, subjectWord] = ctx.cmd.args;
    if (!name || !scoreWord || ctx.cmd.args.length > 3) return [say(t.usage(t.scoreUsage))];
    const subject = subjectWord ? SUBJECT_WORDS[subjectWord] : 'professional';
    if (!subject) return [say(t.usage(t.scoreUsage))];
    const score = Number(scoreWord.replace(/分$/, ''));
    if (!/^\d+(\.\d)?分?$/.test(scoreWord) || score > 100) return [say(t.scoreBad)];
    const found = await findTrainee(ctx.core, name, ctx.chat?.level);
    if (!found.ok) return [say(found.message)];
    const r = await recordExam(ctx.core, found.trainee, subject, score, ctx.actor);
    if (!r.changed) return [say(t.scoreSame(found.trainee.name))];
    return [say(t.scoreOk(found.trainee.name, subject, score, r.passed, r.before?.score))];
  },
});
