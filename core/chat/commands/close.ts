import { closeSession } from '../../ledger/service.ts';
import { chat as t } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';

export default defineCommand({
  name: 'close',
  words: ['结课', '下课'],
  slash: ['close'],
  admin: true,
  groupOnly: true,
  needsLevel: true,
  async run(ctx) {
    const { core, msg, chat } = ctx;
    const open = await core.stores.ledger.openSessions(core.campaign.id, { platform: msg.platform, chatId: msg.chatId, level: chat!.level }, core.clock.now());
    const idArg = ctx.cmd.args[0]?.replace(/^#/, '');
    // Without a number, only a session opened in this very group; sessions for every group need their number.
    const target = idArg ? open.find((s) => String(s.id) === idArg) : open.filter((s) => s.chatId === msg.chatId && s.platform === msg.platform).at(-1);
    if (!target) return [say(idArg ? t.closeNotFound(idArg) : t.closeNone)];
    const closed = await closeSession(core, target.id, ctx.actor);
    if (!closed) return [say(t.closeNotFound(String(target.id)))];
    const count = await core.stores.ledger.attendanceCount(target.id);
    return [say(t.closeOk(closed.id, closed.title, count))];
  },
});
