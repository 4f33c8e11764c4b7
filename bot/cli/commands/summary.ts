import { yearSummary } from '../../../core/ledger/service.ts';
import { cli as t } from '../../../core/locales/zh-CN/cli.ts';
import { report as rt } from '../../../core/locales/zh-CN/report.ts';
import { completionText, examsText, missingText } from '../../../core/report/build.ts';
import type { Trainee } from '../../../core/ports.ts';
import { cleanUnit } from '../../../core/imports/roster.ts';
import { RosterIndex } from '../../../core/imports/roster-index.ts';
import { normaliseName } from '../../../core/roster/normalise.ts';
import { splitNickname } from '../../../core/roster/compliance.ts';
import { levelOption, parse } from '../args.ts';
import { withDatabase } from '../context.ts';
import { CliError, UsageError, println, type CliCommand } from '../io.ts';

export const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parse(args, { unit: { type: 'string' }, phone: { type: 'string' }, level: { type: 'string' } });
    const name = positionals.join(' ').trim();
    if (!name) throw new UsageError(t.summaryName);
    const level = levelOption(values.level);
    return withDatabase(io, async ({ ctx }) => {
      const keys = [normaliseName(name)];
      const parts = splitNickname(name);
      if (parts) keys.push(normaliseName(parts.name));
      const index = new RosterIndex(await ctx.stores.roster.findByNameKeys(ctx.campaign.id, keys.filter(Boolean)));
      // "张三-网信办" picks by the nickname rules; options narrow further.
      const m = index.matchNickname(name, level, true);
      let pool: Trainee[] = m.status === 'ok' ? [index.byId.get(m.traineeId)!] : m.status === 'ambiguous' ? m.candidates.map((id) => index.byId.get(id)!) : [];
      if (level) pool = pool.filter((x) => x.level === level);
      if (values.unit) {
        const u = normaliseName(cleanUnit(values.unit));
        pool = pool.filter((x) => normaliseName(x.unit).includes(u));
      }
      if (values.phone) pool = pool.filter((x) => x.phoneTail && values.phone!.endsWith(x.phoneTail));
      if (!pool.length) throw new CliError(t.traineeNotFound(name));
      if (pool.length > 1)
        throw new CliError([t.traineeAmbiguous(name, pool.length), ...pool.map((x) => t.traineeCandidate(x.name, x.unit, x.level, x.phoneTail))].join('\n'));
      const tr = pool[0];
      const s = await yearSummary(ctx, tr.id);
      const req = ctx.campaign.requirement;
      println(
        io.stdout,
        [
          t.summaryHead(tr.name, tr.unit, tr.level),
          t.summaryHours(t.labelPublic, s.publicHours, req.publicHours, s.missing.publicHours),
          t.summaryHours(t.labelProfessional, s.professionalHours, req.professionalHours, s.missing.professionalHours),
          t.summaryHours(t.labelTotal, s.totalHours, req.totalHours, s.missing.totalHours),
          t.summaryExams(examsText(s)),
          t.summaryCompletion(completionText(s)),
          ...(s.complete ? [] : [t.summaryMissing(missingText(s) || rt.noExam)]),
        ].join('\n'),
      );
      return 0;
    });
  },
};
