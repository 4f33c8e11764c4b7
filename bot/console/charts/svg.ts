import { escapeHtml } from '../html.ts';

/** Attribute-safe text for SVG (labels come from data such as level names). */
export const x = (s: string | number) => escapeHtml(String(s));

/** Round to one decimal: SVG coordinates need no more, and the markup stays small. */
export const r1 = (n: number) => Math.round(n * 10) / 10;

/** 1, 2, 5 × 10^k steps giving about `ticks` gridlines up to `max`. */
export function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}
