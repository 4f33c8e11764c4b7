import { imports as t, fieldLabel } from '../locales/zh-CN/imports.ts';
import { acceptedHeaders, matchColumns, type ColumnMap, type Field } from './columns.ts';
import { noWrites, type ImportInput, type ImportKind, type ImportResult, type RowIssue } from './result.ts';
import { toTable, type Table } from './table.ts';

/** A header row is one that names at least one of the fields an import needs. */
function tableOf(input: ImportInput, required: readonly Field[]): Table {
  if (!Array.isArray(input)) return input;
  return toTable(input, (hs) => Object.keys(matchColumns(hs, required)).length > 0);
}

export type Prepared = { ok: true; table: Table; cols: ColumnMap } | { ok: false; table: Table; errors: RowIssue[] };

/**
 * Find the header and the columns. `required` lists alternatives: each inner list needs one of its fields
 * ([['nickname', 'name']] = a nickname column, or a name column instead).
 */
export function prepare(input: ImportInput, fields: readonly Field[], required: readonly (readonly Field[])[]): Prepared {
  const table = tableOf(input, required.flat());
  if (!table.rows.length) return { ok: false, table, errors: [{ row: table.headerRow, reason: t.noRows }] };
  const cols = matchColumns(table.headers, fields);
  const errors: RowIssue[] = [];
  for (const alts of required)
    if (!alts.some((f) => cols[f])) errors.push({ row: table.headerRow, reason: t.missingColumn(fieldLabel[alts[0]], acceptedHeaders(alts[0])) });
  return errors.length ? { ok: false, table, errors } : { ok: true, table, cols };
}

/** The result of an import refused as a whole, before any row was judged. */
export function refused<P>(kind: ImportKind, rows: number, errors: RowIssue[], dryRun = false): ImportResult<P> {
  return { kind, ok: false, applied: false, dryRun, fileError: true, rows, valid: 0, written: noWrites(), errors, unmatched: [], preview: [] };
}

/** Read one field of a row ('' when the column is absent). */
export const cell = (cells: Record<string, string>, cols: ColumnMap, f: Field): string => {
  const c = cols[f];
  return c ? (cells[c.header] ?? '') : '';
};
