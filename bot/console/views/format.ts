import { localDateTime } from '../../../core/time.ts';
import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';

/** Instants are shown in the campaign's zone (Beijing time), as the notice's dates are. */
export const when = (d: Date | null | undefined, tz: string) => (d ? localDateTime(d, tz) : t.none);
export const hrs = (n: number) => t.hours(n);
export const pct = t.pct;

/** A page link keeping the other query parameters. */
export function withQuery(path: string, q: Record<string, string | number | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}
