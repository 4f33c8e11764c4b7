import type { LoadedCampaign } from '../campaign/load.ts';
import type { CampaignWindow, KnowledgeEntry, Level } from '../campaign/schema.ts';
import { analyse } from './analyse.ts';
import { asksWhen, levelsNamed, namesZhenggao, questionParts, topicContacts } from './intent.ts';
import { renderAbstention, renderAnswer } from './render.ts';
import { buildRetriever, entryText, type Hit } from './retrieval.ts';
import { LEXICON } from './lexicon.ts';
import { trimStopChars } from './text.ts';
import { Vocabulary } from './vocabulary.ts';
import type { AskContext, PolicyAnswer, PolicyService } from './types.ts';

/**
 * Below this share of the question's topic words spoken to by the chosen entries, the service
 * abstains rather than answer a neighbouring question.
 */
export const MIN_CONFIDENCE = 0.5;
/** At most this many entries answer one (multi-part) question. */
const MAX_ENTRIES = 3;
const ZHENGGAO_ENTRY = 'zhenggao';
const LEXICON_SET = new Set<string>(LEXICON);

interface Indexed {
  entry: KnowledgeEntry;
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
      vocab: new Vocabulary(entryText(entry)),
      windows: ws,
      answersWhen:
        ws.length > 0 || /\d+月\d+日|\d{4}年/.test(entry.answer) || entry.keywords.some((k) => k.includes('什么时候')),
    });
  }
  const kb = new Vocabulary([...indexed.values()].map((x) => entryText(x.entry)).join('\n'));
  const retriever = buildRetriever(campaign.knowledge);
  // A word the segmenter glued particles to (要写, 我在) is known if what remains is; a lexicon word
  // (及格) is a word, not particles around a character.
  const known = (u: string) => {
    if (kb.covers(u)) return true;
    if (LEXICON_SET.has(u)) return false;
    const t = trimStopChars(u);
    return t !== u && (t === '' || kb.covers(t));
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
      const a = analyse(q);
      const units = strong(a.units).length ? strong(a.units) : a.units;
      if (!units.length) return abstain(q, a.canonical, 0);
      // Every topic word must be something the notice talks about; otherwise it is another question.
      if (units.some((u) => !known(u))) return abstain(q, a.canonical, 0);

      const hits = retriever.search(q);
      const chosen: Indexed[] = [];
      const zg = namesZhenggao(a.canonical) ? indexed.get(ZHENGGAO_ENTRY) : undefined;
      if (zg) chosen.push(zg);
      else {
        const top = best(hits, new Set());
        if (top) chosen.push(top);
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

      const covered = units.filter((u) => chosen.some((c) => c.vocab.covers(u))).length;
      const score = Math.round((covered / units.length) * 1000) / 1000;
      if (score < MIN_CONFIDENCE) return abstain(q, a.canonical, score);
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
