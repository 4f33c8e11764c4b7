import { consoleText as t } from '../../../core/locales/zh-CN/console.ts';
import { r1, x } from './svg.ts';

export interface ProgressRow {
  label: string;
  done: number;
  total: number;
  title: string;
}

const W = 640;
const ROW = 30;
const LEFT = 70;
const RIGHT = 120;

/** Horizontal completion bars, one per row (levels), as inline SVG. */
export function progressChart(rows: ProgressRow[], o: { label: string; testId?: string }): string {
  const H = rows.length * ROW + 10;
  const inner = W - LEFT - RIGHT;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${x(o.label)}"${o.testId ? ` data-testid="${x(o.testId)}"` : ''} font-family="system-ui,sans-serif" font-size="12">`);
  out.push(`<title>${x(o.label)}</title>`);
  rows.forEach((r, i) => {
    const y = 6 + i * ROW;
    const share = r.total ? r.done / r.total : 0;
    out.push(`<text x="${LEFT - 8}" y="${y + 15}" text-anchor="end" fill="#1f2329">${x(r.label)}</text>`);
    out.push(`<rect x="${LEFT}" y="${y + 3}" width="${inner}" height="16" rx="3" fill="#eef0f3"/>`);
    out.push(`<rect x="${LEFT}" y="${y + 3}" width="${r1(inner * share)}" height="16" rx="3" fill="#34a853"><title>${x(r.title)}</title></rect>`);
    out.push(`<text x="${LEFT + inner + 8}" y="${y + 15}" fill="#646a73">${x(t.fmt.share(r1(share * 100), r.done, r.total))}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
