import type { Table, SheetRow } from './table.ts';

export type ImportKind = 'roster' | 'attendance' | 'exams';

export interface RowIssue {
  /** Row number as the admin sees it in the spreadsheet (header row counts). */
  row: number;
  reason: string;
}

export interface UnmatchedNickname {
  row: number;
  nickname: string;
  reason: string;
  /** Roster names it could be (ambiguous), else empty. */
  candidates: string[];
}

export interface WrittenCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult<P> {
  kind: ImportKind;
  /** Rows were valid (or bad ones skipped on request) and the file was fully understood. */
  ok: boolean;
  /** Whether the database was written (false on dry runs and refused imports). */
  applied: boolean;
  dryRun: boolean;
  /** The file as a whole could not be used (missing column, no data rows, unknown session): `errors` says why. */
  fileError: boolean;
  /** Data rows read (blank rows excluded). */
  rows: number;
  /** Rows that passed validation. */
  valid: number;
  written: WrittenCounts;
  errors: RowIssue[];
  unmatched: UnmatchedNickname[];
  /** Every valid row as it would be (or was) written, for a preview. */
  preview: P[];
}

export interface ImportOptions {
  /** Who imports, for the audit log ("cli:alice", "web:admin"). */
  actor: string;
  /** Write the valid rows even if some are bad (the bad ones are still reported). */
  skipBad?: boolean;
  /** Validate and match only; write nothing. */
  dryRun?: boolean;
  /** File name or other label of the source, for the audit log. */
  source?: string;
}

export type ImportInput = Table | SheetRow[];

export const noWrites = (): WrittenCounts => ({ inserted: 0, updated: 0, unchanged: 0 });
