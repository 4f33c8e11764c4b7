/**
 * Name normalisation for comparing group nicknames with roster names (PRODUCT.md § Real-name nicknames).
 * Interpuncts in minority names (买买提·艾力) are part of the name, never separators.
 */

/** Every dot a trainee might type between the parts of a transliterated name. */
const INTERPUNCTS = /[·•・．‧∙⋅･·]/g;
const CJK = '\\p{Script=Han}';
/** An ASCII dot (or ideographic full stop) between CJK characters is an interpunct, too. */
const DOT_BETWEEN_CJK = new RegExp(`(?<=${CJK})[.。](?=${CJK})`, 'gu');
/** Invisible characters that sneak into copied names. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

export function normaliseName(raw: string): string {
  let s = raw.normalize('NFKC').replace(INVISIBLE, '');
  s = s.replace(/\s+/g, '');
  s = s.replace(INTERPUNCTS, '·').replace(DOT_BETWEEN_CJK, '·');
  s = s.replace(/·{2,}/g, '·').replace(/^·+|·+$/g, '');
  return s.toLowerCase();
}

/** Separators allowed between the real name and a suffix (unit, phone tail). Space is gone after normalising,
 *  so the raw nickname is checked for it separately. */
export const SUFFIX_SEPARATORS = ['-', '_', '—', '–', '（', '(', '/', '－', '＿', '／', '|'];
