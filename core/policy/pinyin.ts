import { pinyin } from 'pinyin-pro';

/**
 * Toneless pinyin of one character, its default reading. Most typing slips in Chinese are
 * homophones picked from the input method (陪训 for 培训, 申抱 for 申报), so matching on
 * pinyin as well as characters forgives them. Per character, cached: the same character always
 * gets the same reading on both sides, whatever its context.
 */
const cache = new Map<string, string>();

export function charPinyin(ch: string): string {
  let p = cache.get(ch);
  if (p === undefined) {
    p = pinyin(ch, { toneType: 'none', type: 'array' })[0] ?? ch;
    cache.set(ch, p);
  }
  return p;
}

/** Syllables of a CJK string, one per character. */
export const pinyinOf = (s: string): string[] => Array.from(s, charPinyin);
