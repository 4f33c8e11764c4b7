/** Texts only the Telegram adapter says (platform mechanics, not product rules). */
export const telegram = {
  /** Posted in the group when a private reply could not be delivered (the user never pressed “开始”, or blocked the bot). */
  openPrivateChatFirst: (name: string, botUsername: string) =>
    `@${name} 我还不能给你发私信：请先点击 @${botUsername} 打开与我的私聊并点“开始”，然后在群里再发一次刚才的指令。`,
};
