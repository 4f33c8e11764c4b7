import type { Campaign, Subject } from '../campaign/schema.ts';
import { roundHours } from './credit.ts';

export interface ExamResult {
  subject: Subject;
  score: number;
  passed: boolean;
}

export interface YearFigures {
  publicHours: number;
  professionalHours: number;
  exams: ExamResult[];
  exempt: boolean;
  exemptReason?: string;
}

export interface YearSummary extends YearFigures {
  totalHours: number;
  complete: boolean;
  missing: { publicHours: number; professionalHours: number; totalHours: number; exams: Subject[] };
}

/**
 * complete = exempt OR (public ≥ req AND professional ≥ req AND total ≥ req AND required exams passed).
 * "Still missing" is stated per category; the total shortfall may exceed the sum of the two.
 */
export function summarise(f: YearFigures, campaign: Pick<Campaign, 'requirement' | 'exam'>): YearSummary {
  const r = campaign.requirement;
  const total = roundHours(f.publicHours + f.professionalHours);
  const missingExams = campaign.exam.required.filter((s) => !f.exams.some((e) => e.subject === s && e.passed));
  const missing = {
    publicHours: roundHours(Math.max(0, r.publicHours - f.publicHours)),
    professionalHours: roundHours(Math.max(0, r.professionalHours - f.professionalHours)),
    totalHours: roundHours(Math.max(0, r.totalHours - total)),
    exams: missingExams,
  };
  const met = missing.publicHours === 0 && missing.professionalHours === 0 && missing.totalHours === 0 && missingExams.length === 0;
  return {
    ...f,
    publicHours: roundHours(f.publicHours),
    professionalHours: roundHours(f.professionalHours),
    totalHours: total,
    complete: f.exempt || met,
    missing: f.exempt ? { publicHours: 0, professionalHours: 0, totalHours: 0, exams: [] } : missing,
  };
}
