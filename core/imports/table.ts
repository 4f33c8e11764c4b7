/**
 * A spreadsheet as the imports see it: text cells, with the row numbers the admin sees in Excel
 * (header row included), so every reported problem points at the right line.
 */
export interface SheetRow {
  rowNumber: number;
  values: string[];
}

export interface TableRow {
  rowNumber: number;
  cells: Record<string, string>;
}

export interface Table {
  headers: string[];
  /** Row number of the header row (title rows above it are skipped). */
  headerRow: number;
  rows: TableRow[];
}

const isBlank = (values: string[]) => values.every((v) => v.trim() === '');

/** How many rows at the top may be titles or notes above the real header. */
const HEADER_SCAN = 10;

/**
 * Turn raw rows into a table. The header is the first row `looksLikeHeader` accepts within the first few
 * non-blank rows (exports often carry a title row), else the first non-blank row. Blank rows are dropped;
 * duplicate or empty header names get a suffix so no cell is lost.
 */
export function toTable(rows: SheetRow[], looksLikeHeader?: (headers: string[]) => boolean): Table {
  const filled = rows.filter((r) => !isBlank(r.values));
  if (!filled.length) return { headers: [], headerRow: 0, rows: [] };
  let at = 0;
  if (looksLikeHeader) {
    const found = filled.slice(0, HEADER_SCAN).findIndex((r) => looksLikeHeader(r.values.map((v) => v.trim())));
    if (found >= 0) at = found;
  }
  const seen = new Map<string, number>();
  const headers = filled[at].values.map((raw, i) => {
    const base = raw.trim() || `列${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}(${n})`;
  });
  const out: TableRow[] = [];
  for (const r of filled.slice(at + 1)) {
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => (cells[h] = (r.values[i] ?? '').trim()));
    out.push({ rowNumber: r.rowNumber, cells });
  }
  return { headers, headerRow: filled[at].rowNumber, rows: out };
}
