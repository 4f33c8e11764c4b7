import { niceStep, r1, x } from './svg.ts';

export interface Bar {
  label: string;
  value: number;
  /** Tooltip. */
  title: string;
  /** Bars at or past the requirement are drawn in the "done" colour. */
  done?: boolean;
}

const W = 640;
const H = 260;
const M = { top: 16, right: 12, bottom: 42, left: 48 };

/**
 * A vertical bar chart as inline SVG, drawn on the server: no script, no CDN, readable in any browser and
 * printable. `marker` draws a dashed line before the bar with that index (the requirement).
 */
export function barChart(bars: Bar[], o: { label: string; xAxis: string; yAxis: string; marker?: number; testId?: string }): string {
  const innerW = W - M.left - M.right;
  const innerH = H - M.top - M.bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v: number) => M.top + innerH - (v / top) * innerH;
  const slot = innerW / Math.max(1, bars.length);
  const bw = slot * 0.72;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${x(o.label)}"${o.testId ? ` data-testid="${x(o.testId)}"` : ''} font-family="system-ui,sans-serif" font-size="11">`);
  out.push(`<title>${x(o.label)}</title>`);
  for (let v = 0; v <= top; v += step) {
    const yy = r1(y(v));
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${yy}" y2="${yy}" stroke="#e5e6eb"/>`);
    out.push(`<text x="${M.left - 6}" y="${yy + 4}" text-anchor="end" fill="#646a73">${x(v)}</text>`);
  }
  bars.forEach((b, i) => {
    const x0 = M.left + i * slot + (slot - bw) / 2;
    const y0 = y(b.value);
    const h = M.top + innerH - y0;
    out.push(
      `<rect x="${r1(x0)}" y="${r1(y0)}" width="${r1(bw)}" height="${r1(Math.max(0, h))}" fill="${b.done ? '#34a853' : '#3370ff'}" data-value="${b.value}"><title>${x(b.title)}</title></rect>`,
    );
    if (b.value > 0) out.push(`<text x="${r1(x0 + bw / 2)}" y="${r1(y0 - 4)}" text-anchor="middle" fill="#1f2329">${x(b.value)}</text>`);
    out.push(`<text x="${r1(x0 + bw / 2)}" y="${H - M.bottom + 16}" text-anchor="middle" fill="#646a73">${x(b.label)}</text>`);
  });
  if (o.marker !== undefined) {
    const mx = r1(M.left + o.marker * slot);
    out.push(`<line x1="${mx}" x2="${mx}" y1="${M.top}" y2="${M.top + innerH}" stroke="#d83931" stroke-dasharray="4 3"/>`);
  }
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${M.top + innerH}" y2="${M.top + innerH}" stroke="#8f959e"/>`);
  out.push(`<text x="${M.left + innerW / 2}" y="${H - 6}" text-anchor="middle" fill="#646a73">${x(o.xAxis)}</text>`);
  out.push(`<text x="12" y="${M.top + innerH / 2}" text-anchor="middle" fill="#646a73" transform="rotate(-90 12 ${M.top + innerH / 2})">${x(o.yAxis)}</text>`);
  out.push('</svg>');
  return out.join('');
}
