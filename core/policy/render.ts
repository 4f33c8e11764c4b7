import type { LoadedCampaign } from '../campaign/load.ts';
import type { CampaignWindow, Contact, KnowledgeEntry, Level } from '../campaign/schema.ts';
import { policy as t } from '../locales/zh-CN/policy.ts';
import { windowStatus } from './dates.ts';
import type { PolicySource } from './types.ts';

/** Quotes shown in the reply per entry; the JSON sources always carry all of them. */
const QUOTES_SHOWN = 2;

/** The notice's page layout breaks lines mid-sentence; a chat reply shows the clause as one line. */
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, '').trim();

function statusLine(w: CampaignWindow, now: Date, tz: string): string {
  const s = windowStatus(w, now, tz);
  if (s.state === 'upcoming') return t.windowUpcoming(w.title, w.start, w.end, s.today, s.daysToStart);
  if (s.state === 'open') return t.windowOpen(w.title, w.end, s.today, s.daysLeft);
  return t.windowClosed(w.title, w.end, s.today);
}

export interface Chosen {
  entry: KnowledgeEntry;
  windows: CampaignWindow[];
}

/**
 * One block per entry: the asker's level-specific fact first, then the answer (figure first by
 * how entries are written), where each window stands today, and the clause it rests on.
 */
export function renderAnswer(
  campaign: LoadedCampaign,
  chosen: Chosen[],
  opts: { levels: Level[]; now: Date },
): { text: string; sources: PolicySource[] } {
  const sources: PolicySource[] = [];
  const seenWindows = new Set<string>();
  const blocks = chosen.map(({ entry, windows }) => {
    const lines: string[] = [];
    for (const l of opts.levels) {
      const fact = entry.byLevel?.[l];
      if (fact) lines.push(fact);
    }
    lines.push(entry.answer);
    for (const w of windows) {
      if (seenWindows.has(w.id)) continue;
      seenWindows.add(w.id);
      lines.push(statusLine(w, opts.now, campaign.timezone));
    }
    entry.clauses.forEach((c, i) => {
      sources.push({ id: entry.id, title: entry.title, quote: c.quote });
      if (i < QUOTES_SHOWN) lines.push(t.source(c.section, oneLine(c.quote)));
    });
    return lines.join('\n');
  });
  const text =
    blocks.length === 1 ? blocks[0] : blocks.map((b, i) => `${t.bullet}${chosen[i].entry.title}\n${b}`).join('\n\n');
  return { text, sources };
}

/** "Not covered" and the phone numbers for the topic; every contact when the topic is unclear. */
export function renderAbstention(campaign: LoadedCampaign, topics: Array<Contact['id']>): string {
  const contacts = topics.length
    ? campaign.contacts.filter((c) => topics.includes(c.id))
    : campaign.contacts;
  return [t.notCovered, ...contacts.map((c) => t.askContact(c.name, c.topic, c.phones))].join('\n');
}
