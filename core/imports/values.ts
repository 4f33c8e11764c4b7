import { LEVELS, type Level, type Subject } from '../campaign/schema.ts';
import { SUBJECT_ALIASES } from '../locales/zh-CN/imports.ts';

/** "初级"/"中级"/"副高级", also written "副高"/"中级职称"/"初级 "; undefined when unreadable. */
export function parseLevel(raw: string): Level | undefined {
  const s = raw.normalize('NFKC').replace(/\s+/g, '');
  if ((LEVELS as readonly string[]).includes(s)) return s as Level;
  if (s.includes('副高')) return '副高级';
  if (s.includes('中级')) return '中级';
  if (s.includes('初级')) return '初级';
  return undefined;
}

export function parseSubject(raw: string): Subject | undefined {
  return SUBJECT_ALIASES[raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase()];
}

/** A score 0–100, "85", "85.5" or "85分". */
export function parseScore(raw: string): number | undefined {
  const s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
  if (!/^\d+(?:\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 0 && n <= 100 ? Math.round(n * 10) / 10 : undefined;
}
