import type { Level, Subject } from '../campaign/schema.ts';
import type { CoreContext } from '../context.ts';
import { imports as t, subjectName } from '../locales/zh-CN/imports.ts';
import type { Trainee } from '../ports.ts';
import { normaliseName } from '../roster/normalise.ts';
import type { ColumnMap, Field } from './columns.ts';
import { cell, prepare, refused } from './prepare.ts';
import type { ImportInput, ImportOptions, ImportResult, RowIssue } from './result.ts';
import { cleanName, cleanUnit } from './roster.ts';
import { RosterIndex } from './roster-index.ts';
import { parseLevel, parseScore, parseSubject } from './values.ts';

export interface ExamPreviewRow {
  row: number;
  traineeId: number;
  name: string;
  unit: string;
  level: string;
  subject: Subject;
  score: number;
  passed: boolean;
}

export interface ExamImportOptions extends ImportOptions {
  /** Subject of rows without a subject column or cell. */
  subject?: Subject;
  /** Level whose roster entries are preferred for a name. */
  level?: Level;
}

const FIELDS: Field[] = ['name', 'unit', 'phone', 'idNumber', 'level', 'score', 'subject', 'publicScore', 'professionalScore'];

/** Which roster entry a row names: by name, narrowed by level, unit, phone tail and ID tail when given. */
function findTrainee(index: RosterIndex, cells: Record<string, string>, cols: ColumnMap, level: Level | undefined): { trainee?: Trainee; reason?: string } {
  const named = index.byKey.get(normaliseName(cleanName(cell(cells, cols, 'name')))) ?? [];
  if (!named.length) return { reason: t.notInRoster };
  let pool = named;
  const narrow = (keep: (x: Trainee) => boolean) => {
    const next = pool.filter(keep);
    pool = next;
  };
  const rowLevel = parseLevel(cell(cells, cols, 'level')) ?? level;
  if (rowLevel && pool.some((x) => x.level === rowLevel)) narrow((x) => x.level === rowLevel);
  const unit = normaliseName(cleanUnit(cell(cells, cols, 'unit')));
  if (unit) narrow((x) => {
    const u = normaliseName(x.unit);
    return Boolean(u) && (u === unit || u.includes(unit) || unit.includes(u));
  });
  const phoneDigits = cell(cells, cols, 'phone').normalize('NFKC').replace(/\D/g, '');
  if (phoneDigits.length >= 4) narrow((x) => x.phoneTail === phoneDigits.slice(-4));
  const idTail = cell(cells, cols, 'idNumber').normalize('NFKC').replace(/\s/g, '').toUpperCase().slice(-4);
  if (idTail.length === 4) narrow((x) => !x.idMasked || x.idMasked.endsWith(idTail));
  if (pool.length === 1) return { trainee: pool[0] };
  if (!pool.length) return { reason: t.notInRoster };
  return { reason: t.ambiguousName(pool.length) };
}

/**
 * Import exam results: each row names a roster entry and gives a score per subject (a 成绩 column with a
 * 科目 column, or 公需成绩/专业成绩 columns). Pass = score ≥ the campaign's pass mark. Each change is audited.
 */
export async function importExams(ctx: CoreContext, input: ImportInput, opts: ExamImportOptions): Promise<ImportResult<ExamPreviewRow>> {
  const dryRun = Boolean(opts.dryRun);
  const p = prepare(input, FIELDS, [['name'], ['score', 'publicScore', 'professionalScore']]);
  if (!p.ok) return refused('exams', p.table.rows.length, p.errors, dryRun);
  const { table, cols } = p;
  if (cols.score && !cols.subject && !opts.subject) return refused('exams', table.rows.length, [{ row: table.headerRow, reason: t.missingSubject }], dryRun);

  const index = await RosterIndex.load(ctx);
  const passMark = ctx.campaign.exam.passMark;
  const errors: RowIssue[] = [];
  const valid: ExamPreviewRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { rowNumber: row, cells } of table.rows) {
    const reasons: string[] = [];
    const scores: Array<{ subject: Subject; score: number }> = [];
    const readScore = (field: Field, subject: Subject | undefined) => {
      const raw = cell(cells, cols, field);
      if (!raw) return field === 'score' ? reasons.push(t.emptyScore) : undefined;
      const score = parseScore(raw);
      if (score === undefined) return reasons.push(t.badScore);
      if (subject) scores.push({ subject, score });
    };
    if (cols.score) {
      const rawSubject = cell(cells, cols, 'subject');
      const subject = rawSubject ? parseSubject(rawSubject) : opts.subject;
      if (rawSubject && !subject) reasons.push(t.badSubject);
      else if (!subject) reasons.push(t.emptySubject);
      readScore('score', subject);
    }
    readScore('publicScore', 'public');
    readScore('professionalScore', 'professional');
    if (!cols.score && !reasons.length && !scores.length) reasons.push(t.emptyScore);

    if (!cell(cells, cols, 'name')) reasons.push(t.emptyName);
    const found = reasons.length ? {} : findTrainee(index, cells, cols, opts.level);
    if (found.reason) reasons.push(found.reason);
    if (!reasons.length) {
      const tr = found.trainee!;
      for (const s of scores) {
        const first = firstRowOf.get(`${tr.id}:${s.subject}`);
        if (first !== undefined) reasons.push(t.duplicateExam(first, subjectName[s.subject]));
        else firstRowOf.set(`${tr.id}:${s.subject}`, row);
      }
      if (!reasons.length)
        for (const s of scores)
          valid.push({ row, traineeId: tr.id, name: tr.name, unit: tr.unit, level: tr.level, subject: s.subject, score: s.score, passed: s.score >= passMark });
    }
    if (reasons.length) errors.push({ row, reason: reasons.join('') });
  }

  if (errors.length && !opts.skipBad) return { ...refused<ExamPreviewRow>('exams', table.rows.length, errors, dryRun), fileError: false, valid: valid.length, preview: valid };
  const base = { fileError: false, kind: 'exams' as const, ok: true, dryRun, rows: table.rows.length, valid: valid.length, errors, unmatched: [], preview: valid };
  if (dryRun) return { ...base, applied: false, written: { inserted: 0, updated: 0, unchanged: 0 } };

  const written = await ctx.stores.tx(async (s) => {
    const at = ctx.clock.now();
    const w = { inserted: 0, updated: 0, unchanged: 0 };
    for (const r of valid) {
      const res = await s.ledger.upsertExam({
        campaignId: ctx.campaign.id,
        traineeId: r.traineeId,
        subject: r.subject,
        score: r.score,
        passed: r.passed,
        source: 'import',
        recordedBy: opts.actor,
        recordedAt: at,
      });
      if (!res.changed) {
        w.unchanged++;
        continue;
      }
      if (res.before) w.updated++;
      else w.inserted++;
      await s.audit.write({
        at,
        actor: opts.actor,
        action: 'exam.import',
        target: `trainee:${r.traineeId}`,
        before: res.before ? { subject: r.subject, score: res.before.score, passed: res.before.passed } : null,
        after: { subject: r.subject, score: r.score, passed: r.passed, source: opts.source ?? '' },
      });
    }
    if (w.inserted + w.updated > 0)
      await s.audit.write({ at, actor: opts.actor, action: 'import.exams', target: opts.source ?? '', after: { ...w, rows: table.rows.length, skippedBad: errors.length } });
    return w;
  });
  return { ...base, applied: true, written };
}
