import { missingParts } from '../chat/commands/hours.ts';
import type { CoreContext } from '../context.ts';
import { allSummaries } from '../ledger/service.ts';
import type { YearSummary } from '../ledger/summary.ts';
import type { Binding, ChatInfo, Trainee } from '../ports.ts';

/** Stable recipient id of a group, the same on every instance. */
export const groupTarget = (c: Pick<ChatInfo, 'platform' | 'chatId'>) => `${c.platform}:${c.chatId}`;
export const traineeTarget = (id: number) => `trainee:${id}`;

/**
 * Groups a reminder of `levels` (empty = all) goes to: bound to a level before the slot (a group
 * bound later does not get older reminders), on a platform that can send now.
 */
export async function groupsFor(core: CoreContext, levels: readonly string[], slot: Date, platforms: ReadonlySet<string>): Promise<ChatInfo[]> {
  const chats = await core.stores.chats.list(core.campaign.id);
  return chats.filter(
    (c) => c.level && (levels.length === 0 || levels.includes(c.level)) && (!c.boundAt || c.boundAt <= slot) && platforms.has(c.platform),
  );
}

export interface AtRiskTrainee {
  trainee: Trainee;
  summary: YearSummary;
  /** What is still missing, in the words of 我的学时. */
  missing: string[];
  /** The account to nudge privately; none when the trainee never bound one on a platform that can send. */
  binding?: Binding;
}

export interface AtRisk {
  trainees: AtRiskTrainee[];
  /** Incomplete trainees per level, bound or not: what a group hears. */
  countByLevel: Map<string, number>;
}

/**
 * Active trainees of `levels` whose year is incomplete. Exempt trainees count as complete and are
 * never here.
 */
export async function atRisk(core: CoreContext, levels: readonly string[], platforms: ReadonlySet<string>): Promise<AtRisk> {
  const roster = (await core.stores.roster.list(core.campaign.id)).filter((t) => t.active && (levels.length === 0 || levels.includes(t.level)));
  const sums = await allSummaries(core, roster.map((t) => t.id));
  const out: AtRisk = { trainees: [], countByLevel: new Map() };
  for (const trainee of roster) {
    const summary = sums.get(trainee.id);
    if (!summary || summary.complete) continue;
    out.countByLevel.set(trainee.level, (out.countByLevel.get(trainee.level) ?? 0) + 1);
    const bindings = (await core.stores.roster.bindingsOf(trainee.id)).filter((b) => platforms.has(b.platform));
    // The most recent binding is the account the trainee uses now.
    const binding = bindings.sort((a, b) => b.boundAt.getTime() - a.boundAt.getTime())[0];
    out.trainees.push({ trainee, summary, missing: missingParts(summary), binding });
  }
  return out;
}

/** One trainee's standing now (a retry must not nudge someone who has since completed). */
export async function traineeAtRisk(core: CoreContext, traineeId: number, platforms: ReadonlySet<string>): Promise<AtRiskTrainee | undefined> {
  const trainee = await core.stores.roster.get(traineeId);
  if (!trainee?.active) return undefined;
  const summary = (await allSummaries(core, [traineeId])).get(traineeId);
  if (!summary || summary.complete) return undefined;
  const bindings = (await core.stores.roster.bindingsOf(traineeId)).filter((b) => platforms.has(b.platform));
  const binding = bindings.sort((a, b) => b.boundAt.getTime() - a.boundAt.getTime())[0];
  return { trainee, summary, missing: missingParts(summary), binding };
}
