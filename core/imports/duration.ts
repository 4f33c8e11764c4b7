import type { DurationUnit } from './columns.ts';

const FACTOR: Record<DurationUnit, number> = { minute: 1, second: 1 / 60, hour: 60 };
const NUM = String.raw`(\d+(?:\.\d+)?)`;
const CLOCK = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/;
const WORDS = new RegExp(
  String.raw`^(?:${NUM}(?:小时|时|h|hr|hours?))?(?:${NUM}(?:分钟|分|min|mins|minutes?|m))?(?:${NUM}(?:秒钟|秒|s|sec|seconds?))?$`,
  'i',
);

/**
 * Watch time in minutes (fractional) from what exports contain: a number in the column's unit
 * (minutes unless the header says otherwise), "1小时20分(30秒)", "80分钟", or a clock "01:20:00" / "1:20"
 * (hours:minutes). Undefined when unreadable.
 */
export function parseMinutes(raw: string, unit: DurationUnit = 'minute'): number | undefined {
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  if (!s) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s) * FACTOR[unit];
  const c = CLOCK.exec(s);
  if (c) {
    if (Number(c[2]) >= 60 || (c[3] !== undefined && Number(c[3]) >= 60)) return undefined;
    return Number(c[1]) * 60 + Number(c[2]) + Number(c[3] ?? 0) / 60;
  }
  const w = WORDS.exec(s);
  if (w && (w[1] || w[2] || w[3])) return Number(w[1] ?? 0) * 60 + Number(w[2] ?? 0) + Number(w[3] ?? 0) / 60;
  return undefined;
}
