import type { AttendanceRecord, AuditEntry } from '../ports.ts';
import type { WrittenCounts } from './result.ts';

/**
 * Bulk attendance writes for watch-time imports. `LedgerStore.creditAttendance` costs two round trips per
 * trainee (minutes for 10,000 rows on PGlite); this writes a chunk per statement with the same rule.
 */
export interface AttendanceWriter {
  /**
   * Credit each record, keeping the larger of old and new credit exactly as `LedgerStore.creditAttendance`
   * does, so a re-import changes nothing. Runs in one transaction together with the audit entry built from
   * the counts (none when `audit` returns null). At most one record per (session, trainee).
   */
  creditMany(records: AttendanceRecord[], audit: (w: WrittenCounts) => AuditEntry | null): Promise<WrittenCounts>;
}
