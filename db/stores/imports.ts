import { sql } from 'drizzle-orm';
import type { AttendanceWriter } from '../../core/imports/ports.ts';
import { attendance } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { auditStore } from './audit.ts';

/** Postgres allows 65k bind parameters per statement; 7 per row. */
const CHUNK = 2000;

export function attendanceWriter(db: Db): AttendanceWriter {
  return {
    async creditMany(records, audit) {
      return db.transaction(async (tx) => {
        let inserted = 0;
        let updated = 0;
        for (let i = 0; i < records.length; i += CHUNK) {
          // Same rule as the ledger store's creditAttendance: replace only a smaller credit (or equal hours
          // with fewer minutes). xmax = 0 tells a fresh insert from an update.
          const res = await tx
            .insert(attendance)
            .values(records.slice(i, i + CHUNK))
            .onConflictDoUpdate({
              target: [attendance.sessionId, attendance.traineeId],
              set: {
                hours: sql`excluded.hours`,
                minutes: sql`excluded.minutes`,
                source: sql`excluded.source`,
                recordedAt: sql`excluded.recorded_at`,
                recordedBy: sql`excluded.recorded_by`,
              },
              setWhere: sql`excluded.hours > ${attendance.hours} or (excluded.hours = ${attendance.hours} and coalesce(excluded.minutes, 0) > coalesce(${attendance.minutes}, 0))`,
            })
            .returning({ inserted: sql<boolean>`(xmax = 0)` });
          for (const r of res) r.inserted ? inserted++ : updated++;
        }
        const w = { inserted, updated, unchanged: records.length - inserted - updated };
        const entry = audit(w);
        if (entry) await auditStore(tx as unknown as Db).write(entry);
        return w;
      });
    },
  };
}
