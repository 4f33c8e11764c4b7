import { chat as t } from '../../locales/zh-CN/index.ts';
import { rosterCandidates } from '../../roster/identify.ts';
import { defineCommand, say } from '../command.ts';

export default defineCommand({
  name: 'bind',
  words: ['绑定'],
  slash: ['bind'],
  admin: false,
  async run(ctx) {
    const [name, tail] = ctx.cmd.args;
    if (!name || !tail || !/^\d{4}$/.test(tail)) return [say(t.bindUsage)];
    const { roster } = ctx.core.stores;
    const existing = await roster.getBinding(ctx.msg.platform, ctx.msg.senderId);
    if (existing) {
      const who = await roster.get(existing.traineeId);
      return [say(t.bindAlready(who?.name ?? ''))];
    }
    const named = await rosterCandidates(ctx.core, name);
    if (named.length && named.every((n) => !n.phoneTail)) return [say(t.bindNoPhone)];
    const hit = named.filter((n) => n.phoneTail === tail);
    if (hit.length !== 1) return [say(t.bindNotFound)];
    const trainee = hit[0];
    await ctx.core.stores.tx(async (st) => {
      await st.roster.bind(ctx.msg.platform, ctx.msg.senderId, trainee.id, 'self');
      await st.audit.write({ at: ctx.core.clock.now(), actor: ctx.actor, action: 'account.bind', target: `trainee:${trainee.id}`, after: { platform: ctx.msg.platform } });
    });
    return [say(t.bindOk(trainee.name, trainee.level))];
  },
});
