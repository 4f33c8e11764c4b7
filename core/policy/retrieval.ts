import MiniSearch from 'minisearch';
import type { KnowledgeEntry } from '../campaign/schema.ts';
import { analyse } from './analyse.ts';
import { asksWhen, topicContacts, WHEN_RE } from './intent.ts';
import { canonicalise, expansions } from './text.ts';

/**
 * Ranking of knowledge entries with MiniSearch (BM25+) over pre-analysed terms: words, character
 * bigrams and pinyin bigrams. Titles and everyday keywords weigh more than the answer and quotes.
 */

interface Doc {
  id: string;
  title: string;
  keywords: string;
  body: string;
}

const FIELD_BOOST = { title: 2, keywords: 2.5, body: 1 };
/** Pinyin bigrams only rescue typos; they must not outvote the characters. */
const PINYIN_BOOST = 0.35;
/** Terms the question gained from synonyms, not words the asker wrote. */
const EXPANSION_BOOST = 0.5;

const split = (s: string) => s.split(' ').filter(Boolean);
const termsOf = (text: string) => analyse(text).terms.join(' ');

/** Everything an entry says, for coverage checks: the entry "talks about" the words in it. */
export function entryText(e: KnowledgeEntry): string {
  return canonicalise(
    [e.title, e.keywords.join('，'), e.answer, ...Object.values(e.byLevel ?? {}), ...e.clauses.map((c) => c.quote)].join('\n'),
  ).replace(/\s+/g, '');
}

/**
 * What kind of fact a question wants, and how to recognise an entry that states one. An entry of
 * the wanted kind ranks higher: "在哪个网站报名" wants an address, not the registration dates.
 */
const ANSWER_TYPES: Array<{ asks: RegExp; states: (e: KnowledgeEntry) => boolean }> = [
  { asks: /(哪个|什么|哪)网站|网站(是|多少|在哪)|网站$/, states: (e) => /www\.|http/.test(e.answer) },
  { asks: /电话|打给谁|找谁|联系谁|打哪个/, states: (e) => /0991-\d{7}/.test(e.answer) },
  { asks: /多少钱|收费|费用|多少元|交多少|费多少|费是多少|费怎么收/, states: (e) => /\d+元/.test(e.answer) },
  { asks: WHEN_RE, states: (e) => Boolean(e.window || e.windows?.length) },
  { asks: /在哪(里|儿)?(下载|看|查|找|查询)|哪里(下载|看|查|找)/, states: (e) => /官网|www\.|http|查阅|群文件|平台/.test(e.answer) },
];
const ANSWER_TYPE_BOOST = 1.8;
/** A dates-only entry answering a question that does not ask when. */
const DATES_ONLY_PENALTY = 0.3;
/** An entry of the question's topic (continuing education, title application, the system). */
const TOPIC_BOOST = 1.3;

export interface Hit {
  id: string;
  score: number;
}

export interface Retriever {
  search(question: string): Hit[];
}

export function buildRetriever(entries: KnowledgeEntry[]): Retriever {
  const ms = new MiniSearch<Doc>({
    fields: ['title', 'keywords', 'body'],
    idField: 'id',
    tokenize: split,
    processTerm: (t) => t,
    searchOptions: { boost: FIELD_BOOST, combineWith: 'OR', prefix: false, fuzzy: false },
  });
  ms.addAll(
    entries.map((e) => ({
      id: e.id,
      title: termsOf(e.title),
      // Keywords are separate phrases: a comma keeps bigrams from bridging two of them.
      keywords: termsOf(e.keywords.join('，')),
      body: termsOf(
        [e.answer, ...Object.values(e.byLevel ?? {}), ...e.clauses.flatMap((c) => [c.section, c.quote])].join('\n'),
      ),
    })),
  );
  const byId = new Map(entries.map((e) => [e.id, e]));
  const required = new Map(
    entries.filter((e) => e.requires?.length).map((e) => [e.id, e.requires!.map(canonicalise)] as const),
  );
  return {
    search(question) {
      const main = analyse(question);
      const wanted = ANSWER_TYPES.filter((t) => t.asks.test(main.canonical));
      const when = asksWhen(main.canonical);
      const topics = topicContacts(main.canonical);
      const extra = analyse(expansions(main.canonical)).terms;
      const boosts = new Map<string, number>();
      for (const t of extra) boosts.set(t, EXPANSION_BOOST);
      for (const t of main.terms) boosts.set(t, t.startsWith('~') ? PINYIN_BOOST : 1);
      if (!boosts.size) return [];
      return ms
        .search([...boosts.keys()].join(' '), {
          tokenize: split,
          processTerm: (t) => t,
          boostTerm: (t) => boosts.get(t) ?? 1,
          filter: (r) => required.get(String(r.id))?.some((w) => main.canonical.includes(w)) ?? true,
          boostDocument: (id) => {
            const e = byId.get(String(id))!;
            let f = wanted.some((t) => t.states(e)) ? ANSWER_TYPE_BOOST : 1;
            if (e.datesOnly && !when) f *= DATES_ONLY_PENALTY;
            if (e.contact && topics.includes(e.contact)) f *= TOPIC_BOOST;
            return f;
          },
        })
        .map((r) => ({ id: String(r.id), score: r.score }));
    },
  };
}
