import type { Api } from 'grammy';
import type { ChatMember } from 'grammy/types';
import type { Logger } from '../../core/ports.ts';

export interface MemberInfo {
  isAdmin: boolean;
  /** The member tag shown in this group (Bot API 9.5), when set. */
  tag?: string;
}

/**
 * getChatMember answers cached for a short while: every group message needs the admin flag, and
 * Telegram allows only so many calls. A chat_member update refreshes the entry at once.
 */
export class MemberCache {
  private entries = new Map<string, { at: number; info: Promise<MemberInfo> }>();

  constructor(
    private readonly api: Pick<Api, 'getChatMember'>,
    private readonly log: Logger,
    private readonly ttlMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(chatId: number, userId: number): Promise<MemberInfo> {
    const key = `${chatId}:${userId}`;
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.info;
    const info = this.api.getChatMember(chatId, userId).then(memberInfo, (e: Error) => {
      // Unknown → not an admin; the core still applies ADMIN_IDS. Forget the failure so the next message asks again.
      this.log.warn({ chatId, userId, err: e.message }, 'telegram getChatMember failed');
      this.entries.delete(key);
      return { isAdmin: false };
    });
    this.entries.set(key, { at: this.now(), info });
    if (this.entries.size > 10_000) this.prune();
    return info;
  }

  /** What a chat_member update says now replaces what we had. */
  set(chatId: number, member: ChatMember): void {
    this.entries.set(`${chatId}:${member.user.id}`, { at: this.now(), info: Promise.resolve(memberInfo(member)) });
  }

  private prune(): void {
    const edge = this.now() - this.ttlMs;
    for (const [k, v] of this.entries) if (v.at < edge) this.entries.delete(k);
  }
}

export function memberInfo(m: ChatMember): MemberInfo {
  const tag = 'tag' in m && typeof m.tag === 'string' && m.tag.trim() ? m.tag : undefined;
  return { isAdmin: m.status === 'creator' || m.status === 'administrator', ...(tag ? { tag } : {}) };
}

export function fullName(u: { first_name: string; last_name?: string }): string {
  return [u.first_name, u.last_name].filter(Boolean).join(' ').trim();
}

/** Joined = was not in the group (left, kicked, or restricted non-member) and now is. */
export function isIn(m: ChatMember): boolean {
  if (m.status === 'left' || m.status === 'kicked') return false;
  if (m.status === 'restricted') return m.is_member;
  return true;
}
