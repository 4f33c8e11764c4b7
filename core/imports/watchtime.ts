import type { Level } from '../campaign/schema.ts';
import type { CoreContext } from '../context.ts';
import { sessionMinutes, watchTimeCredit } from '../ledger/credit.ts';
import { imports as t } from '../locales/zh-CN/imports.ts';
import type { Session } from '../ports.ts';
import type { Field } from './columns.ts';
import { parseMinutes } from './duration.ts';
import type { AttendanceWriter } from './ports.ts';
import { cell, prepare, refused } from './prepare.ts';
import type { ImportInput, ImportOptions, ImportResult, RowIssue, UnmatchedNickname } from './result.ts';
import { RosterIndex } from './roster-index.ts';

export interface WatchPreviewRow {
  /** First row of this trainee in the file; `rows` lists them all (minutes are added up). */
  row: number;
  rows: number[];
  nickname: string;
  traineeId: number;
  name: string;
  unit: string;
  level: string;
  minutes: number;
  hours: number;
}

export interface WatchImportOptions extends ImportOptions {
  sessionId: number;
  /** Level whose roster entries are matched first when the session is for every level. */
  level?: Level;
}

const FIELDS: Field[] = ['nickname', 'name', 'minutes'];
/** More than a day of watching one session is a typo or a wrong column. */
const MAX_MINUTES = 24 * 60;

/**
 * Import a watch-time export for one session: nicknames are matched to the roster with the nickname rules,
 * credit follows the session's (or campaign's) threshold, and the larger credit is kept, so a re-import
 * changes nothing. Unmatched nicknames are listed, not written. All writes and the audit row are one
 * transaction (`writer`, a bulk store: see ports.ts).
 */
export async function importWatchTime(
  ctx: CoreContext,
  writer: AttendanceWriter,
  input: ImportInput,
  opts: WatchImportOptions,
): Promise<ImportResult<WatchPreviewRow>> {
  const dryRun = Boolean(opts.dryRun);
  const session = await ctx.stores.ledger.getSession(opts.sessionId);
  if (!session) return refused('attendance', 0, [{ row: 0, reason: t.sessionNotFound(opts.sessionId) }], dryRun);
  if (session.campaignId !== ctx.campaign.id) return refused('attendance', 0, [{ row: 0, reason: t.sessionOtherCampaign(opts.sessionId) }], dryRun);

  const p = prepare(input, FIELDS, [['nickname', 'name'], ['minutes']]);
  if (!p.ok) return refused('attendance', p.table.rows.length, p.errors, dryRun);
  const { table, cols } = p;
  const nickField: Field = cols.nickname ? 'nickname' : 'name';
  const unit = cols.minutes!.unit ?? 'minute';

  const errors: RowIssue[] = [];
  const good: Array<{ row: number; nickname: string; minutes: number }> = [];
  for (const { rowNumber: row, cells } of table.rows) {
    const reasons: string[] = [];
    const nickname = cell(cells, cols, nickField);
    if (!nickname) reasons.push(t.emptyNickname);
    const raw = cell(cells, cols, 'minutes');
    const minutes = raw ? parseMinutes(raw, unit) : undefined;
    if (!raw) reasons.push(t.emptyMinutes);
    else if (minutes === undefined) reasons.push(t.badMinutes);
    else if (minutes > MAX_MINUTES) reasons.push(t.tooManyMinutes);
    if (reasons.length) errors.push({ row, reason: reasons.join('') });
    else good.push({ row, nickname, minutes: minutes! });
  }

  const index = await RosterIndex.load(ctx);
  const level = session.level ?? opts.level ?? null;
  const unmatched: UnmatchedNickname[] = [];
  const byTrainee = new Map<number, WatchPreviewRow>();
  for (const g of good) {
    const m = index.matchNickname(g.nickname, level, ctx.campaign.nickname.allowSuffix);
    if (m.status === 'ok') {
      const tr = index.byId.get(m.traineeId)!;
      const prev = byTrainee.get(tr.id);
      // One person in several rows (left and rejoined): their minutes add up.
      if (prev) {
        prev.rows.push(g.row);
        prev.minutes += g.minutes;
      } else
        byTrainee.set(tr.id, { row: g.row, rows: [g.row], nickname: g.nickname, traineeId: tr.id, name: tr.name, unit: tr.unit, level: tr.level, minutes: g.minutes, hours: 0 });
    } else if (m.status === 'ambiguous') {
      const names = m.candidates.map((id) => index.byId.get(id)!).map((c) => (c.unit ? `${c.name}（${c.unit}）` : c.name));
      unmatched.push({ row: g.row, nickname: g.nickname, reason: t.unmatchedAmbiguous(names), candidates: names });
    } else unmatched.push({ row: g.row, nickname: g.nickname, reason: t.unmatchedNone, candidates: [] });
  }
  const preview = [...byTrainee.values()];
  for (const r of preview) r.hours = creditOf(ctx, session, r.minutes);

  if (errors.length && !opts.skipBad) return { ...refused<WatchPreviewRow>('attendance', table.rows.length, errors, dryRun), fileError: false, valid: good.length, unmatched, preview };
  const base = { fileError: false, kind: 'attendance' as const, ok: true, dryRun, rows: table.rows.length, valid: good.length, errors, unmatched, preview };
  if (dryRun) return { ...base, applied: false, written: { inserted: 0, updated: 0, unchanged: 0 } };

  const at = ctx.clock.now();
  const records = preview.map((r) => ({
    sessionId: session.id,
    traineeId: r.traineeId,
    source: 'import' as const,
    minutes: Math.round(r.minutes),
    hours: r.hours,
    recordedAt: at,
    recordedBy: opts.actor,
  }));
  const written = await writer.creditMany(records, (w) =>
    w.inserted + w.updated > 0
      ? {
          at,
          actor: opts.actor,
          action: 'import.attendance',
          target: `session:${session.id}`,
          after: { ...w, source: opts.source ?? '', rows: table.rows.length, unmatched: unmatched.length, skippedBad: errors.length },
        }
      : null,
  );
  return { ...base, applied: true, written };
}

function creditOf(ctx: CoreContext, s: Session, minutes: number): number {
  return watchTimeCredit({
    watchedMinutes: minutes,
    sessionMinutes: sessionMinutes(s.startsAt, s.endsAt),
    hours: s.hours,
    thresholdPercent: s.thresholdPercent ?? ctx.campaign.credit.watchThresholdPercent,
    roundingStep: ctx.campaign.credit.roundingStep,
  });
}
