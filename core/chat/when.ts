import { addDays, localDate, wallClock, zonedInstant } from '../time.ts';

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2 };

/** "21:00", "21点", "21点30" → "HH:MM". */
function parseClock(s: string): string | undefined {
  const m = /^(\d{1,2})(?::|点|时)(\d{1,2})?分?$/.exec(s) ?? /^(\d{1,2})[:：](\d{2})$/.exec(s);
  if (!m) return undefined;
  const hh = Number(m[1]);
  const mm = Number(m[2] ?? 0);
  if (hh > 23 || mm > 59) return undefined;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** "2021-10-08", "2021/10/08", "10-08", "10月8日" → "YYYY-MM-DD" (the year defaults to `now`'s). */
function parseDay(s: string, now: Date, tz: string): string | undefined {
  if (s in RELATIVE) return addDays(localDate(now, tz), RELATIVE[s]);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
    if (!m) return undefined;
    [y, mo, d] = [wallClock(now, tz).year, Number(m[1]), Number(m[2])];
  }
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Read a date-time from the start of `tokens` in the campaign's zone: "21:00" (today), "明天 9:00",
 * "2021-10-08 10:00", "10月8日 10:00", "2021-10-08T10:00". Returns the instant and how many tokens it took.
 */
export function parseWhen(tokens: string[], now: Date, tz: string): { at: Date; used: number } | undefined {
  const [a, b] = tokens;
  if (!a) return undefined;
  const joined = /^(.+?)[T ](\d{1,2}:\d{2})$/.exec(a);
  if (joined) {
    const day = parseDay(joined[1], now, tz);
    const clock = parseClock(joined[2]);
    if (day && clock) return { at: zonedInstant(day, clock, tz), used: 1 };
  }
  const clockOnly = parseClock(a);
  if (clockOnly) return { at: zonedInstant(localDate(now, tz), clockOnly, tz), used: 1 };
  const day = parseDay(a, now, tz);
  if (!day) return undefined;
  const clock = b ? parseClock(b) : undefined;
  if (clock) return { at: zonedInstant(day, clock, tz), used: 2 };
  // A day alone means the end of that day for deadlines.
  return { at: zonedInstant(addDays(day, 1), '00:00', tz), used: 1 };
}
