import type { CellValue } from 'exceljs';

const DAY_MS = 86_400_000;
/** Excel's day 0 as exceljs returns it (dates are UTC wall clocks). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as the text an admin sees. Durations typed as times ("01:20:00") arrive as dates on Excel's day 0
 * (or the following days past 24 h) and become "h:mm:ss"; other dates become "YYYY-MM-DD[ HH:MM:SS]".
 */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e9) / 1e9);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return dateText(v);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result);
    if ('hyperlink' in v && 'text' in v) return cellText((v as { text: CellValue }).text);
    if ('text' in v) return String((v as { text: unknown }).text ?? '');
    if ('error' in v) return String((v as { error: unknown }).error);
  }
  return String(v);
}

function dateText(d: Date): string {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return '';
  if (ms < Date.UTC(1900, 0, 1) && ms >= EXCEL_EPOCH) {
    const secs = Math.round((ms - EXCEL_EPOCH) / 1000);
    return `${Math.floor(secs / 3600)}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
  }
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return ms % DAY_MS === 0 ? date : `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
