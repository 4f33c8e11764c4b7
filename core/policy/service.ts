import type { LoadedCampaign } from '../campaign/load.ts';
import type { CampaignWindow, KnowledgeEntry, Level } from '../campaign/schema.ts';
import { analyse } from './analyse.ts';
import { asksWhen, levelsNamed, questionParts, topicContacts } from './intent.ts';
import { renderAbstention, renderAnswer } from './render.ts';
import { buildRetriever, entryText, type Hit } from './retrieval.ts';
import { LEXICON } from './lexicon.ts';
import { canonicalise, trimStopChars } from './text.ts';
import { Vocabulary } from './vocabulary.ts';
import type { AskContext, PolicyAnswer, PolicyService } from './types.ts';

/**
 * Below this share of the question's topic words spoken to by the chosen entries, the service
 * abstains rather than answer a neighbouring question.
 */
export const MIN_CONFIDENCE = 0.6;
/** At most this many entries answer one (multi-part) question. */
const MAX_ENTRIES = 3;
/** Leading BM25 hits considered when choosing the entry. */
const RERANK = 5;
/** How much BM25 rank counts next to coverage when choosing among the leading hits. */
const RANK_WEIGHT = 0.15;
const WEIGHT_CACHE = 20_000;
/** Questions are a sentence or two; a pasted page is cut here rather than analysed whole. */
const MAX_QUESTION = 300;
const LEXICON_SET = new Set<string>(LEXICON);
/** Words that only ask about dates, naming no window. */
const DATE_WORDS = new Set(['截止', '日期', '时间', '期限']);

interface Indexed {
  entry: KnowledgeEntry;
  /** Canonical forms of `entry.requires`: a question naming one of them is answered by this entry first. */
  requires: string[];
  vocab: Vocabulary;
  windows: CampaignWindow[];
  /** The entry states a date or says when something happens. */
  answersWhen: boolean;
}

/** Units that carry a topic on their own; single characters (费, 交) only count when nothing else does. */
const strong = (units: string[]) => units.filter((u) => u.length > 1);

export function createPolicyService(campaign: LoadedCampaign): PolicyService {
  const windows = new Map(campaign.windows.map((w) => [w.id, w]));
  const indexed = new Map<string, Indexed>();
  for (const entry of campaign.knowledge) {
    const ids = [...(entry.window ? [entry.window] : []), ...(entry.windows ?? [])];
    const ws = ids.map((id) => {
      const w = windows.get(id);
      if (!w) throw new Error(`knowledge entry ${entry.id} names unknown window ${id}`);
      return w;
    });
    indexed.set(entry.id, {
      entry,
      requires: (entry.requires ?? []).map(canonicalise),
      vocab: new Vocabulary(entryText(entry)),
      windows: ws,
      answersWhen:
        ws.length > 0 || /\d+月\d+日|\d{4}年/.test(entry.answer) || entry.keywords.some((k) => k.includes('什么时候')),
    });
  }
  const kb = new Vocabulary([...indexed.values()].map((x) => entryText(x.entry)).join('\n'));
  const retriever = buildRetriever(campaign.knowledge);
  // A word the segmenter glued particles to (要写, 我在) stands for what remains once they are
  // trimmed; a lexicon word (及格) is a word, not particles around a character.
  const core = (u: string): string => {
    if (kb.covers(u) || LEXICON_SET.has(u)) return u;
    const t = trimStopChars(u);
    return t !== u && (t === '' || kb.covers(t)) ? t : u;
  };
  const N = indexed.size;
  const schedule = [...indexed.values()].reduce<Indexed | undefined>(
    (best, x) => (x.windows.length > 1 && x.windows.length > (best?.windows.length ?? 0) ? x : best),
    undefined,
  );
  const entries = [...indexed.values()];
  /** Rarer words weigh more: missing 打印 says more than missing 开始. */
  const weightCache = new Map<string, number>();
  const weight = (u: string) => {
    let w = weightCache.get(u);
    if (w === undefined) {
      const df = entries.filter((x) => x.vocab.covers(u)).length;
      w = Math.log((N + 1) / (df + 0.5));
      // The knowledge never changes while the service lives; the cache only needs a bound.
      if (weightCache.size < WEIGHT_CACHE) weightCache.set(u, w);
    }
    return w;
  };

  const abstain = (question: string, canonical: string, score: number): PolicyAnswer => ({
    question,
    found: false,
    text: renderAbstention(campaign, topicContacts(canonical)),
    sources: [],
    score,
  });

  function best(hits: Hit[], exclude: Set<string>): Indexed | undefined {
    const h = hits.find((x) => !exclude.has(x.id));
    return h && indexed.get(h.id);
  }

  return {
    answer(question: string, ctx: AskContext): PolicyAnswer {
      const q = question.trim();
      const a = analyse(q.slice(0, MAX_QUESTION));
      const cores = a.units.map(core).filter((u) => u !== '');
      const units = strong(cores).length ? strong(cores) : cores;
      if (!units.length) return abstain(q, a.canonical, 0);
      // Every topic word must be something the notice talks about; otherwise it is another question.
      if (units.some((u) => !kb.covers(u))) return abstain(q, a.canonical, 0);

      const weights = units.map(weight);
      const total = weights.reduce((x, y) => x + y, 0);
      /** Share of the question's (weighted) topic words that a set of entries speaks to. */
      const coverage = (set: Indexed[]) =>
        total > 0 ? units.reduce((sum, u, i) => sum + (set.some((c) => c.vocab.covers(u)) ? weights[i] : 0), 0) / total : 0;

      const chosen: Indexed[] = [];
      // An entry that requires a word (正高级) is the answer whenever the question names it: the
      // notice does not organise that level, whatever else is asked about it.
      const forced = entries.find((x) => x.requires.some((w) => a.canonical.includes(w)));
      if (forced) chosen.push(forced);
      else if (asksWhen(a.canonical) && units.every((u) => DATE_WORDS.has(u)) && schedule) {
        // "还有几天截止" names no window: every window's standing answers it.
        chosen.push(schedule);
      } else {
        // BM25 proposes, coverage disposes: among the leading hits, the entry that speaks to most of
        // the question wins; BM25 breaks near-ties.
        const hits = retriever.search(q).slice(0, RERANK);
        const topScore = hits[0]?.score ?? 0;
        let bestValue = -1;
        for (const h of hits) {
          const x = indexed.get(h.id)!;
          const value = coverage([x]) + RANK_WEIGHT * (h.score / topScore);
          if (value > bestValue) {
            bestValue = value;
            chosen[0] = x;
          }
        }
      }
      if (!chosen.length) return abstain(q, a.canonical, 0);

      // Multi-part questions: a part whose words the chosen entries do not speak to gets its own entry.
      const parts = questionParts(a.canonical);
      if (parts.length > 1) {
        for (const part of parts) {
          if (chosen.length >= MAX_ENTRIES) break;
          const pu = strong(analyse(part).units);
          const open = pu.filter((u) => !chosen.some((c) => c.vocab.covers(u)));
          if (!open.length) continue;
          // A bare part ("培训") borrows the whole question's "when" so it finds the dates, not a topic.
          const query = asksWhen(a.canonical) && !asksWhen(part) ? `${part} 什么时候` : part;
          const cand = best(retriever.search(query), new Set(chosen.map((c) => c.entry.id)));
          if (cand && open.every((u) => cand.vocab.covers(u))) chosen.push(cand);
        }
      }

      const score = Math.round(coverage(chosen) * 1000) / 1000;
      if (score < MIN_CONFIDENCE && !forced) return abstain(q, a.canonical, score);
      // "When …?" answered by entries that state no date would be a guess.
      if (asksWhen(a.canonical) && !chosen.some((c) => c.answersWhen)) return abstain(q, a.canonical, score);

      const named = levelsNamed(a.canonical);
      const levels: Level[] = named.length ? named : ctx.level ? [ctx.level] : [];
      return {
        question: q,
        found: true,
        score,
        ...renderAnswer(
          campaign,
          chosen.map((c) => ({ entry: c.entry, windows: c.windows })),
          { levels, now: ctx.now },
        ),
      };
    },
  };
}
