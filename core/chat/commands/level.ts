import { levelSchema } from '../../campaign/schema.ts';
import { chat as t } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';

const ALIASES: Record<string, string> = { 副高: '副高级', 中: '中级', 初: '初级', 副高级群: '副高级', 中级群: '中级', 初级群: '初级' };

export default defineCommand({
  name: 'level',
  words: ['本群', '设置本群', '绑定本群'],
  slash: ['level', 'group'],
  admin: true,
  groupOnly: true,
  async run(ctx) {
    const typed = ctx.cmd.args[0] ?? '';
    const parsed = levelSchema.safeParse(ALIASES[typed] ?? typed);
    if (!parsed.success || !ctx.core.campaign.levels.some((l) => l.level === parsed.data)) return [say(t.usage(t.levelUsage))];
    const level = parsed.data;
    await ctx.core.stores.tx(async (st) => {
      const at = ctx.core.clock.now();
      const after = await st.chats.bindLevel(ctx.msg.platform, ctx.msg.chatId, level, ctx.actor, at);
      await st.audit.write({ at, actor: ctx.actor, action: 'chat.level', target: `${ctx.msg.platform}:${ctx.msg.chatId}`, before: { level: ctx.chat?.level ?? null }, after: { level: after.level } });
    });
    return [say(t.groupBound(level))];
  },
});
