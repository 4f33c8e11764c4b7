import { grantExemption, matchExemptionReason } from '../../ledger/service.ts';
import { chat as t } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';
import { findTrainee } from '../trainee-arg.ts';

export default defineCommand({
  name: 'exempt',
  words: ['豁免', '免除'],
  slash: ['exempt'],
  admin: true,
  async run(ctx) {
    const [name, reasonWord, ...refParts] = ctx.cmd.args;
    const ref = refParts.join(' ').trim();
    if (!name || !reasonWord || !ref) return [say(t.usage(t.exemptUsage))];
    const reason = matchExemptionReason(ctx.core, reasonWord);
    if (!reason) return [say(t.exemptBadReason(ctx.core.campaign.exemptionReasons))];
    const found = await findTrainee(ctx.core, name, ctx.chat?.level);
    if (!found.ok) return [say(found.message)];
    const r = await grantExemption(ctx.core, found.trainee, reason, ref, ctx.actor);
    if (!r.changed) return [say(t.exemptSame(found.trainee.name))];
    return [say(t.exemptOk(found.trainee.name, reason, ref))];
  },
});
