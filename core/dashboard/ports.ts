import type { Subject } from '../campaign/schema.ts';

/**
 * One active trainee's year in one flat row: what the dashboard and the trainee list need, read for the
 * whole campaign in a single query (the report's several bulk reads cost twice as much at 10,000 people).
 */
export interface YearRow {
  traineeId: number;
  name: string;
  unit: string;
  level: string;
  /** Attendance credit plus manual adjustments, not yet rounded or clamped. */
  publicHours: number;
  professionalHours: number;
  exams: Array<{ subject: Subject; score: number; passed: boolean }>;
  /** Reason of the exemption in force, else null. */
  exemptReason: string | null;
  bound: boolean;
  /** Whether the latest group nickname seen for the trainee complied; null when never seen. */
  latestCompliant: boolean | null;
}

/** Bulk reads the console needs besides the common stores and the report store. */
export interface DashboardStore {
  /** Every active trainee of the campaign with their year, ordered by id. */
  yearRows(campaignId: string): Promise<YearRow[]>;
  /** Every actor and every action that appears in the audit log, for the log's filter lists. */
  auditFacets(): Promise<{ actors: string[]; actions: string[] }>;
  /** Attendance rows per session of the campaign. */
  attendanceCounts(campaignId: string): Promise<Map<number, number>>;
  /** Names of the given trainees (audit rows and lists name people, not numbers). */
  traineeNames(ids: number[]): Promise<Map<number, { name: string; level: string; unit: string }>>;
  /** Active exemptions of the campaign, newest first. */
  exemptions(campaignId: string): Promise<Array<{ traineeId: number; reason: string; approvalRef: string; approvedBy: string; createdAt: Date }>>;
}
