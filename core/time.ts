/**
 * Calendar arithmetic in a named time zone (campaign dates are Beijing time) without a date library:
 * Intl gives the zone's wall clock, and the offset is derived from it.
 */

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(tz: string) {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fmtCache.set(tz, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function wallClock(at: Date, tz: string): WallClock {
  const parts = Object.fromEntries(fmt(tz).formatToParts(at).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' of the instant in the zone. */
export function localDate(at: Date, tz: string): string {
  const w = wallClock(at, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** 'YYYY-MM-DD HH:MM' in the zone. */
export function localDateTime(at: Date, tz: string): string {
  const w = wallClock(at, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant at which the zone's wall clock shows `date` `time`. */
export function zonedInstant(date: string, time: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // Offset of the zone at the guessed instant; one correction step covers DST edges.
  const off = (t: number) => {
    const w = wallClock(new Date(t), tz);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t;
  };
  let t = guess - off(guess);
  t = guess - off(t);
  return new Date(t);
}

export function addDays(date: string, days: number): string {
  const t = new Date(utcDay(date) + days * 86_400_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

const utcDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcDay(to) - utcDay(from)) / 86_400_000);
}

/** A window's end date is inclusive: it closes at 24:00 of that day, i.e. 00:00 of the next. */
export function windowClosesAt(endDate: string, tz: string): Date {
  return zonedInstant(addDays(endDate, 1), '00:00', tz);
}

export function windowOpensAt(startDate: string, tz: string): Date {
  return zonedInstant(startDate, '00:00', tz);
}

/** '10月5日' style, as the notice writes dates. */
export function chineseDate(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

export function chineseFullDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
