import { DURATION_UNITS, HEADER_ALIASES } from '../locales/zh-CN/imports.ts';

export type Field = keyof typeof HEADER_ALIASES;
export type DurationUnit = 'minute' | 'second' | 'hour';

export interface Column {
  header: string;
  /** Unit written in brackets after the header, for durations ("观看时长(秒)"). */
  unit?: DurationUnit;
}

export type ColumnMap = Partial<Record<Field, Column>>;

const BRACKETED = /[(（\[【]([^)）\]】]*)[)）\]】]/g;

/** Header text reduced to what matters for matching: no spaces, stars, colons or bracketed notes. */
function headerKey(h: string): { key: string; note: string } {
  const s = h.normalize('NFKC').toLowerCase().replace(/[\s*:：]/g, '');
  const notes: string[] = [];
  const key = s.replace(BRACKETED, (_, n: string) => (notes.push(n), ''));
  return { key, note: notes.join('') };
}

/**
 * Which header holds which field. Exact aliases win over "contains" matches, and a header is used for one
 * field only; among several headers for one field the best alias wins, then the leftmost.
 */
export function matchColumns(headers: string[], fields: readonly Field[]): ColumnMap {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const out: ColumnMap = {};
  const take = (f: Field, i: number) => {
    used.add(i);
    const unit = DURATION_UNITS[keys[i].note];
    out[f] = unit ? { header: headers[i], unit } : { header: headers[i] };
  };
  for (const f of fields) {
    const exact = HEADER_ALIASES[f].exact.map((a) => a.toLowerCase());
    let best = -1;
    let bestRank = Infinity;
    keys.forEach((k, i) => {
      const rank = exact.indexOf(k.key);
      if (rank >= 0 && rank < bestRank && !used.has(i)) [best, bestRank] = [i, rank];
    });
    if (best >= 0) take(f, best);
  }
  for (const f of fields) {
    if (out[f]) continue;
    const i = keys.findIndex((k, i) => !used.has(i) && HEADER_ALIASES[f].contains.some((c) => k.key.includes(c)));
    if (i >= 0) take(f, i);
  }
  return out;
}

/** Accepted header names of a field, for "missing column" messages. */
export const acceptedHeaders = (f: Field): string[] => HEADER_ALIASES[f].exact.filter((a) => /\p{Script=Han}/u.test(a));
