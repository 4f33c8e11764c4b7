import type { CoreContext } from '../context.ts';
import type { Trainee } from '../ports.ts';
import { checkNickname, type ComplianceResult } from '../roster/compliance.ts';

/** The active roster of the campaign, by normalised name: one query, then matching in memory. */
export class RosterIndex {
  readonly byKey = new Map<string, Trainee[]>();
  readonly byId = new Map<number, Trainee>();

  constructor(trainees: Trainee[]) {
    for (const t of trainees) {
      if (!t.active) continue;
      this.byId.set(t.id, t);
      const list = this.byKey.get(t.nameKey);
      if (list) list.push(t);
      else this.byKey.set(t.nameKey, [t]);
    }
  }

  static async load(ctx: Pick<CoreContext, 'stores' | 'campaign'>): Promise<RosterIndex> {
    return new RosterIndex(await ctx.stores.roster.list(ctx.campaign.id));
  }

  /**
   * Match a nickname with the nickname rules; entries of `level` first, the whole roster when no entry of
   * that level has the name.
   */
  matchNickname(nickname: string, level: string | null | undefined, allowSuffix: boolean): ComplianceResult {
    if (level) {
      const r = checkNickname(nickname, (k) => (this.byKey.get(k) ?? []).filter((t) => t.level === level), { allowSuffix });
      if (r.status !== 'noncompliant') return r;
    }
    return checkNickname(nickname, (k) => this.byKey.get(k) ?? [], { allowSuffix });
  }
}
