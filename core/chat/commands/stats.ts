import { allSummaries } from '../../ledger/service.ts';
import { chat as t } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';

export default defineCommand({
  name: 'stats',
  words: ['统计', '完成情况'],
  slash: ['stats'],
  admin: true,
  async run(ctx) {
    const { core } = ctx;
    const level = ctx.chat?.level ?? undefined;
    const counts = await core.stores.roster.identityCounts(core.campaign.id, level);
    const ids = level ? (await core.stores.roster.list(core.campaign.id, { level })).filter((x) => x.active).map((x) => x.id) : undefined;
    const sums = await allSummaries(core, ids);
    let complete = 0;
    let exempt = 0;
    for (const s of sums.values()) {
      if (s.complete) complete++;
      if (s.exempt) exempt++;
    }
    const scope = level ? t.scopeLevel(level) : t.scopeAll;
    return [say(`${t.statsTitle(scope)}\n${t.statsLines({ ...counts, complete, exempt, atRisk: counts.trainees - complete })}`)];
  },
});
