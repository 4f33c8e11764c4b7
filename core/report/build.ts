import type { Subject } from '../campaign/schema.ts';
import type { CoreContext } from '../context.ts';
import { summarise, type YearSummary } from '../ledger/summary.ts';
import { report as t } from '../locales/zh-CN/report.ts';
import { nicknameStatus, type NicknameStatusKey } from './nickname-status.ts';
import type { ReportStore } from './ports.ts';

export interface ReportRow {
  traineeId: number;
  name: string;
  unit: string;
  level: string;
  nickname: NicknameStatusKey;
  publicHours: number;
  professionalHours: number;
  totalHours: number;
  exams: YearSummary['exams'];
  exempt: boolean;
  exemptReason?: string;
  complete: boolean;
  missing: YearSummary['missing'];
}

/** A report row: a roster entry, its nickname state and its year. The dashboard builds the same rows. */
export function reportRow(tr: { id: number; name: string; unit: string; level: string }, nickname: NicknameStatusKey, s: YearSummary): ReportRow {
  const { publicHours, professionalHours, totalHours, exams, exempt, exemptReason, complete, missing } = s;
  return { traineeId: tr.id, name: tr.name, unit: tr.unit, level: tr.level, nickname, publicHours, professionalHours, totalHours, exams, exempt, exemptReason, complete, missing };
}

export interface LevelSummary {
  /** A level, or null for the total line. */
  level: string | null;
  trainees: number;
  complete: number;
  exempt: number;
  nickname: Record<NicknameStatusKey, number>;
  averageHours: number;
}

export interface ComplianceReport {
  campaignId: string;
  generatedAt: Date;
  rows: ReportRow[];
  levels: LevelSummary[];
  total: LevelSummary;
}

/**
 * Every active trainee's year (hours, exams, completion, what is missing) and nickname state, with per-level
 * counts. A fixed number of bulk queries whatever the roster size.
 */
export async function buildReport(ctx: CoreContext, store: ReportStore, opts: { level?: string } = {}): Promise<ComplianceReport> {
  const campaignId = ctx.campaign.id;
  const [trainees, figures, states] = await Promise.all([
    ctx.stores.roster.list(campaignId, opts.level ? { level: opts.level } : {}),
    ctx.stores.ledger.figures(campaignId),
    store.nicknameStates(campaignId),
  ]);
  const levelOrder = ctx.campaign.levels.map((l) => l.level as string);
  const rank = (l: string) => (levelOrder.includes(l) ? levelOrder.indexOf(l) : levelOrder.length);
  const rows: ReportRow[] = trainees
    .filter((tr) => tr.active)
    .sort((a, b) => rank(a.level) - rank(b.level) || a.id - b.id)
    .map((tr) => {
      const f = figures.get(tr.id);
      const s = summarise(
        {
          publicHours: f?.publicHours ?? 0,
          professionalHours: f?.professionalHours ?? 0,
          exams: f?.exams ?? [],
          exempt: Boolean(f?.exemption),
          exemptReason: f?.exemption?.reason,
        },
        ctx.campaign,
      );
      return reportRow(tr, nicknameStatus(states.get(tr.id)), s);
    });
  const levels = [...new Set(rows.map((r) => r.level))].map((l) => summariseRows(l, rows.filter((r) => r.level === l)));
  return { campaignId, generatedAt: ctx.clock.now(), rows, levels, total: summariseRows(null, rows) };
}

function summariseRows(level: string | null, rows: ReportRow[]): LevelSummary {
  const nickname: Record<NicknameStatusKey, number> = { renamed: 0, bound: 0, unseen: 0, noncompliant: 0 };
  let hours = 0;
  for (const r of rows) {
    nickname[r.nickname]++;
    hours += r.totalHours;
  }
  return {
    level,
    trainees: rows.length,
    complete: rows.filter((r) => r.complete).length,
    exempt: rows.filter((r) => r.exempt).length,
    nickname,
    averageHours: rows.length ? Math.round((hours / rows.length) * 10) / 10 : 0,
  };
}

// ---------------------------------------------------------------- text cells, shared by every output format

const subjectText = (s: Subject) => t.subject[s];

export function examsText(r: Pick<ReportRow, 'exams'>): string {
  if (!r.exams.length) return t.noExam;
  const order: Subject[] = ['public', 'professional'];
  return [...r.exams].sort((a, b) => order.indexOf(a.subject) - order.indexOf(b.subject)).map((e) => t.exam(subjectText(e.subject), e.score, e.passed)).join(t.separator);
}

export function completionText(r: Pick<ReportRow, 'exempt' | 'exemptReason' | 'complete'>): string {
  if (r.exempt) return t.exempt(r.exemptReason);
  return r.complete ? t.complete : t.incomplete;
}

/** "公需 10 学时；专业 20 学时；专业考试"; the total only when it asks more than the two categories. */
export function missingText(r: Pick<ReportRow, 'missing'>): string {
  const m = r.missing;
  const parts: string[] = [];
  if (m.publicHours > 0) parts.push(t.missingHours(t.subject.public, m.publicHours));
  if (m.professionalHours > 0) parts.push(t.missingHours(t.subject.professional, m.professionalHours));
  if (m.totalHours > Math.round((m.publicHours + m.professionalHours) * 10) / 10) parts.push(t.missingTotal(m.totalHours));
  for (const s of m.exams) parts.push(t.missingExam(subjectText(s)));
  return parts.join(t.separator);
}

/** One row in the column order of `reportColumns`. */
export function reportCells(r: ReportRow): Array<string | number> {
  return [r.name, r.unit, r.level, t.nickname[r.nickname], r.publicHours, r.professionalHours, r.totalHours, examsText(r), completionText(r), missingText(r)];
}

/** One summary line in the column order of `summaryColumns`. */
export function summaryCells(s: LevelSummary): Array<string | number> {
  const rate = s.trainees ? `${Math.round((s.complete / s.trainees) * 1000) / 10}%` : '0%';
  return [s.level ?? t.totalRow, s.trainees, s.complete, rate, s.exempt, s.nickname.renamed, s.nickname.bound, s.nickname.unseen, s.nickname.noncompliant, s.averageHours];
}
