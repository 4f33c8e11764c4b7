import type { CoreContext } from '../context.ts';
import type { Binding, Trainee } from '../ports.ts';
import { checkNickname, splitNickname, type RosterName } from './compliance.ts';
import { normaliseName } from './normalise.ts';

export type NicknameStatus =
  /** Names a roster entry (the bound one, if bound). */
  | 'ok'
  /** Not a roster name. */
  | 'noncompliant'
  /** A roster name shared by several entries, not disambiguated. */
  | 'ambiguous'
  /** The account is bound, but the nickname names someone else or no one. */
  | 'mismatch'
  /** Private chats carry no group nickname. */
  | 'unchecked';

export interface Identity {
  nickname: NicknameStatus;
  trainee?: Trainee;
  binding?: Binding;
  /**
   * With `overlap`, the nickname record of a compliant speaker is still being written: the caller's
   * next statements go out with it instead of after it, and the caller awaits this before its
   * transaction commits.
   */
  recorded?: Promise<void>;
}

/** Roster entries a nickname could name: the whole normalised nickname, and its part before a separator. */
export async function rosterCandidates(ctx: CoreContext, nickname: string): Promise<Trainee[]> {
  const keys = new Set([normaliseName(nickname)]);
  const parts = splitNickname(nickname);
  if (parts) keys.add(normaliseName(parts.name));
  return ctx.stores.roster.findByNameKeys(ctx.campaign.id, [...keys].filter(Boolean));
}

/** Check a name (or "name-unit") against the roster; when a level is given, its entries are preferred. */
export async function matchRosterName(ctx: CoreContext, nickname: string, level?: string | null) {
  const all = await rosterCandidates(ctx, nickname);
  const pool = level && all.some((t) => t.level === level) ? all.filter((t) => t.level === level) : all;
  const byKey = (k: string): RosterName[] => pool.filter((t) => t.nameKey === k);
  const result = checkNickname(nickname, byKey, ctx.campaign.nickname);
  return { result, candidates: pool, all };
}

/**
 * Who is speaking, and does their group nickname comply? An unbound account whose nickname names exactly
 * one roster entry is bound to it automatically; a binding, once made, is kept.
 */
export async function identify(
  ctx: CoreContext,
  who: { platform: string; chatId: string; accountId: string; nickname: string; group: boolean; level: string | null; staff?: boolean },
  opts: { overlap?: boolean } = {},
): Promise<Identity> {
  const { roster } = ctx.stores;
  // Independent lookups: issued together, they share one wait on Postgres.
  const [found, match] = await Promise.all([
    roster.getBinding(who.platform, who.accountId),
    who.group ? matchRosterName(ctx, who.nickname, who.level) : undefined,
  ]);
  // The bound entry is usually among the nickname's candidates (active entries): no second lookup then.
  const entry = async (id: number) => match?.all.find((t) => t.id === id) ?? (await roster.get(id));
  let binding = found;
  let trainee = binding ? await entry(binding.traineeId) : undefined;
  if (!match) return { nickname: 'unchecked', trainee, binding };

  const { result } = match;
  let status: NicknameStatus;
  if (binding) {
    const names = result.status === 'ok' ? [result.traineeId] : result.status === 'ambiguous' ? result.candidates : [];
    status = names.includes(binding.traineeId) ? 'ok' : 'mismatch';
  } else if (result.status === 'ok') {
    const bound = await roster.bind(who.platform, who.accountId, result.traineeId, 'nickname');
    binding = bound.binding;
    trainee = await entry(binding.traineeId);
    status = binding.traineeId === result.traineeId ? 'ok' : 'mismatch';
  } else {
    status = result.status;
  }
  // Staff are not on the roster; their nicknames would only clutter 昵称检查.
  if (who.staff && status !== 'ok') return { nickname: status, trainee, binding };
  const recorded = roster.observe({
    platform: who.platform,
    chatId: who.chatId,
    accountId: who.accountId,
    nickname: who.nickname,
    compliant: status === 'ok',
    traineeId: trainee?.id ?? null,
    lastSeen: ctx.clock.now(),
  });
  // Only a compliant speaker's: a warning claim reads the record, so it must come after it.
  if (opts.overlap && status === 'ok') {
    recorded.catch(() => {}); // awaited by the caller; this only keeps it from counting as unhandled meanwhile
    return { nickname: status, trainee, binding, recorded };
  }
  await recorded;
  return { nickname: status, trainee, binding };
}
