import { LEXICON } from './lexicon.ts';
import { pinyinOf } from './pinyin.ts';
import { canonicalise, isCjk, NEUTRAL, STOPWORDS } from './text.ts';

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
const lexicon = new Set<string>(LEXICON);
const maxLexLen = Math.max(...LEXICON.map((w) => w.length));

/** Latin fragments that say nothing on their own (parts of web addresses). */
const LATIN_NOISE = new Set(['www', 'com', 'http', 'https', 'cn']);

interface Segment {
  segment: string;
  isWordLike?: boolean;
}

/** Forward longest match on the lexicon; the gaps between lexicon words go to Intl.Segmenter. */
function* segments(text: string): Generator<Segment> {
  let gapStart = 0;
  let i = 0;
  while (i < text.length) {
    let len = 0;
    for (let l = Math.min(maxLexLen, text.length - i); l >= 2; l--) {
      if (lexicon.has(text.slice(i, i + l))) {
        len = l;
        break;
      }
    }
    if (!len) {
      i++;
      continue;
    }
    if (gapStart < i) yield* segmenter.segment(text.slice(gapStart, i));
    yield { segment: text.slice(i, i + len), isWordLike: true };
    i += len;
    gapStart = i;
  }
  if (gapStart < text.length) yield* segmenter.segment(text.slice(gapStart));
}

export interface Analysis {
  /** The text after canonicalisation. */
  canonical: string;
  /**
   * Topic-bearing pieces of the text, in order: CJK words (runs of single characters joined,
   * since the segmenter splits words it does not know into characters) and Latin/digit words.
   * Stopwords and neutral words are not units.
   */
  units: string[];
  /**
   * Index terms: units, neutral words, single characters, character bigrams within each run of
   * kept words, and the bigrams in pinyin (prefixed `~`) for typo tolerance.
   */
  terms: string[];
}

function bigrams(run: string, out: string[]) {
  const chars = Array.from(run);
  const py = pinyinOf(run);
  for (let i = 0; i + 1 < chars.length; i++) {
    out.push(chars[i] + chars[i + 1]);
    out.push(`~${py[i]}${py[i + 1]}`);
  }
}

export function analyse(text: string): Analysis {
  const canonical = canonicalise(text);
  const units: string[] = [];
  const terms: string[] = [];
  let singles = ''; // consecutive single-character words: one unknown word the segmenter split up
  const flush = () => {
    if (singles) units.push(singles);
    singles = '';
  };
  for (const { segment, isWordLike } of segments(canonical)) {
    if (!isWordLike || STOPWORDS.has(segment)) {
      flush();
      continue;
    }
    if (NEUTRAL.has(segment)) {
      flush();
      terms.push(segment);
      continue;
    }
    if (!isCjk(segment[0])) {
      flush();
      for (const w of segment.split(/[^\p{L}\p{N}]+/u)) if (w && !LATIN_NOISE.has(w)) units.push(w);
      continue;
    }
    if (segment.length === 1) {
      singles += segment;
      terms.push(segment);
    } else {
      flush();
      units.push(segment);
    }
  }
  flush();
  // Bigrams stay inside a unit: across a word boundary they are noise (纸质材料|报 must not match 材料报送).
  for (const u of units) {
    if (u.length > 1 || !isCjk(u)) terms.push(u);
    if (u.length > 2 && isCjk(u[0])) bigrams(u, terms);
    else if (u.length === 2 && isCjk(u[0])) terms.push(`~${pinyinOf(u).join('')}`);
  }
  return { canonical, units, terms };
}
