import { LEXICON } from './lexicon.ts';
import { pinyinOf } from './pinyin.ts';
import { isCjk } from './text.ts';

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/**
 * Does a text talk about a word of the question? Literally; or, for a word the asker may have
 * mistyped with a homophone, by pinyin with at least half of the characters literally the same
 * (申抱 → 申报, 陪训费 → 培训费). Two-character words only match whole words of the text, so a
 * homophone across a word boundary (请假 ~ "请加…") does not count.
 */
export class Vocabulary {
  private readonly text: string;
  private readonly chars: string[];
  private readonly py: string[];
  /** Positions of each syllable in the text, to find pinyin matches quickly. */
  private readonly at = new Map<string, number[]>();
  /** Two-character words of the text, by pinyin. */
  private readonly words2 = new Map<string, string[]>();

  constructor(text: string) {
    this.text = text;
    this.chars = Array.from(text);
    this.py = this.chars.map((ch) => (isCjk(ch) ? pinyinOf(ch)[0] : '|'));
    this.py.forEach((s, i) => {
      if (s === '|') return;
      const list = this.at.get(s);
      if (list) list.push(i);
      else this.at.set(s, [i]);
    });
    const words = [
      ...Array.from(segmenter.segment(text), (x) => (x.isWordLike ? x.segment : '')),
      ...LEXICON.filter((w) => text.includes(w)),
    ];
    for (const segment of words) {
      if (segment.length !== 2 || !isCjk(segment[0]) || !isCjk(segment[1])) continue;
      const key = pinyinOf(segment).join(' ');
      const list = this.words2.get(key);
      if (!list) this.words2.set(key, [segment]);
      else if (!list.includes(segment)) list.push(segment);
    }
  }

  covers(unit: string): boolean {
    if (this.text.includes(unit)) return true;
    const u = Array.from(unit);
    if (!u.every(isCjk)) return false;
    const sy = pinyinOf(unit);
    if (u.length === 1) return false;
    if (u.length === 2) {
      const same = (w: string) => w[0] === u[0] || w[1] === u[1];
      const key = sy.join(' ');
      return (this.words2.get(key) ?? []).some(same);
    }
    const need = Math.ceil(u.length / 2);
    for (const i of this.at.get(sy[0]) ?? []) {
      let ok = true;
      let literal = 0;
      for (let k = 0; k < u.length; k++) {
        if (this.py[i + k] !== sy[k]) {
          ok = false;
          break;
        }
        if (this.chars[i + k] === u[k]) literal++;
      }
      if (ok && literal >= need) return true;
    }
    return false;
  }
}
