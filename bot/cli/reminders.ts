import { reminders as t } from '../../core/locales/zh-CN/reminders.ts';
import { planSpan, previewReminders, type PreviewRow } from '../../core/reminders/preview.ts';
import { addDays, localDate, localDateTime, zonedInstant } from '../../core/time.ts';
import { parse } from './args.ts';
import { withDatabase } from './context.ts';
import { UsageError, println, type CliCommand } from './io.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateOption(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  // Round trip: 2021-02-30 parses (as March 2) but is not a date.
  if (!DATE.test(v) || addDays(v, 0) !== v) throw new UsageError(t.cliBadDate(v));
  return v;
}

function recipients(r: PreviewRow): string {
  if (r.kind === 'nudge') return t.cliNudgePrivate;
  const groups = r.groups.map((g) => t.cliGroup(g.title || g.chatId, g.platform, g.level ?? ''));
  if (r.kind === 'nudge-count') return `${t.cliNudgeCount}${groups.length ? `：${groups.join('、')}` : ''}`;
  return groups.length ? groups.join('、') : t.cliNoGroups;
}

/**
 * `cebot reminders [--from DATE] [--to DATE] [--text] [--json]`: what the scheduler will send where and
 * when. Without dates: from today to the last reminder, or the whole plan once the campaign is over.
 */
export const command: CliCommand = {
  async run(args, io) {
    const { values } = parse(args, { from: { type: 'string' }, to: { type: 'string' }, text: { type: 'boolean' }, json: { type: 'boolean' } });
    const fromDay = dateOption(values.from);
    const toDay = dateOption(values.to);
    return withDatabase(io, async ({ ctx }) => {
      const tz = ctx.campaign.timezone;
      const span = planSpan(ctx);
      const now = ctx.clock.now();
      const defaultFrom = now > span.first && now <= span.last ? localDate(now, tz) : localDate(span.first, tz);
      const from = fromDay ?? defaultFrom;
      const to = toDay ?? localDate(span.last, tz);
      // --to names a day: everything up to its end.
      const rows = await previewReminders(ctx, { from: zonedInstant(from, '00:00', tz), to: zonedInstant(addDays(to, 1), '00:00', tz) });
      if (values.json) {
        println(
          io.stdout,
          JSON.stringify(
            rows.map((r) => ({
              at: r.at.toISOString(),
              local: localDateTime(r.at, tz),
              kind: r.kind,
              title: r.title,
              what: r.what,
              adminId: r.adminId,
              groups: r.groups.map((g) => ({ platform: g.platform, chatId: g.chatId, title: g.title, level: g.level })),
              text: r.text,
            })),
            null,
            2,
          ),
        );
        return 0;
      }
      println(io.stdout, t.cliRange(from, to, tz));
      if (!rows.length) {
        println(io.stdout, t.cliEmpty);
        return 0;
      }
      let messages = 0;
      for (const r of rows) {
        const what = r.kind === 'admin' ? t.cliAdmin(r.adminId!) : `${r.title} · ${r.what}`;
        println(io.stdout, t.cliRow(localDateTime(r.at, tz), what, recipients(r)));
        if (r.kind !== 'nudge' && r.kind !== 'nudge-count') messages += r.groups.length;
        if (values.text && r.text) println(io.stdout, r.text.replace(/^/gm, '    '));
      }
      println(io.stdout, t.cliTotal(rows.length, messages));
      return 0;
    });
  },
};
