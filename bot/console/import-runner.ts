import type { Level, Subject } from '../../core/campaign/schema.ts';
import type { CoreContext } from '../../core/context.ts';
import type { AttendanceWriter } from '../../core/imports/ports.ts';
import { importExams, type ExamPreviewRow } from '../../core/imports/exams.ts';
import type { ImportResult } from '../../core/imports/result.ts';
import { importRoster, type RosterPreviewRow } from '../../core/imports/roster.ts';
import type { SheetRow } from '../../core/imports/table.ts';
import { importWatchTime, type WatchPreviewRow } from '../../core/imports/watchtime.ts';
import type { ImportKindKey, PendingImport } from './pending.ts';

export type AnyImportResult =
  | (ImportResult<RosterPreviewRow> & { kind: 'roster' })
  | (ImportResult<WatchPreviewRow> & { kind: 'attendance' })
  | (ImportResult<ExamPreviewRow> & { kind: 'exams' });

export const IMPORT_KINDS: ImportKindKey[] = ['roster', 'attendance', 'exams'];

/** One entry point for the three imports, for the preview/commit pages and the API alike. */
export async function runImport(
  core: CoreContext,
  attendance: AttendanceWriter,
  kind: ImportKindKey,
  rows: SheetRow[],
  options: PendingImport['options'],
  run: { actor: string; dryRun: boolean; skipBad?: boolean; source: string },
): Promise<AnyImportResult> {
  const common = { actor: run.actor, dryRun: run.dryRun, skipBad: run.skipBad, source: run.source };
  const level = options.level as Level | undefined;
  if (kind === 'roster') return (await importRoster(core, rows, { ...common, level })) as AnyImportResult;
  if (kind === 'attendance') return (await importWatchTime(core, attendance, rows, { ...common, sessionId: options.sessionId ?? 0, level })) as AnyImportResult;
  return (await importExams(core, rows, { ...common, level, subject: options.subject as Subject | undefined })) as AnyImportResult;
}
