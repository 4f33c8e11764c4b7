import { chat as t } from '../../locales/zh-CN/index.ts';
import { defineCommand, say } from '../command.ts';

export default defineCommand({
  name: 'help',
  words: ['帮助', '菜单', '命令', '使用说明'],
  slash: ['help', 'start'],
  admin: false,
  async run(ctx) {
    const lines = [t.helpTitle, ...t.helpTrainee.map((l) => `· ${l}`)];
    if (ctx.isAdmin) lines.push('', t.helpAdminHeader, ...t.helpAdmin.map((l) => `· ${l}`));
    return [say(lines.join('\n'))];
  },
});
