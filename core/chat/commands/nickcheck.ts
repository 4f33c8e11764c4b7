import { chat as t } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';

/** Long rosters: list the first names only, the console has the full list. */
const MAX_LISTED = 50;

export default defineCommand({
  name: 'nickcheck',
  words: ['昵称检查', '检查昵称'],
  slash: ['nickcheck'],
  admin: true,
  groupOnly: true,
  needsLevel: true,
  async run(ctx) {
    const { core, msg, chat } = ctx;
    const obs = await core.stores.roster.observations(msg.platform, msg.chatId);
    const bad = obs.filter((o) => !o.compliant).map((o) => `· ${o.nickname}`);
    const never = await core.stores.roster.neverSeen(core.campaign.id, chat!.level!);
    const dup = new Set(never.filter((n, i) => never.findIndex((m) => m.nameKey === n.nameKey) !== i).map((n) => n.nameKey));
    const names = never.slice(0, MAX_LISTED).map((n) => (dup.has(n.nameKey) ? `${n.name}（${n.unit}）` : n.name));
    return [
      say(
        [
          t.nickcheckTitle(chat!.level!),
          bad.length ? t.nickcheckBad(bad.slice(0, MAX_LISTED)) : t.nickcheckBadNone,
          never.length ? t.nickcheckNever(names, never.length - names.length) : t.nickcheckNeverNone,
        ].join('\n'),
      ),
    ];
  },
});
