/** Bulk reads the console needs besides the common stores and the report store. */
export interface DashboardStore {
  /** Every actor and every action that appears in the audit log, for the log's filter lists. */
  auditFacets(): Promise<{ actors: string[]; actions: string[] }>;
  /** Attendance rows per session of the campaign. */
  attendanceCounts(campaignId: string): Promise<Map<number, number>>;
  /** Names of the given trainees (audit rows and lists name people, not numbers). */
  traineeNames(ids: number[]): Promise<Map<number, { name: string; level: string; unit: string }>>;
  /** Active exemptions of the campaign, newest first. */
  exemptions(campaignId: string): Promise<Array<{ traineeId: number; reason: string; approvalRef: string; approvedBy: string; createdAt: Date }>>;
}
