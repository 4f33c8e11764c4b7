/** Texts only the DingTalk adapter says (platform mechanics, not product rules). */
export const dingtalk = {
  /** A picture, voice, file or rich text instead of plain text. */
  textOnly: '请发送文字：我目前只能识别文字消息，例如 @我 “签到”“我的学时”“帮助”。',
  /** A private reply to someone the robot cannot message privately (not a member of the organisation). */
  privateUnreachable: (name: string) => `@${name} 我无法私聊发送给你（只能私聊本单位通讯录内的成员），请联系培训中心工作人员查询。`,
  /** DingTalk robot messages have no quick-reply buttons: the choices are listed instead. */
  buttonsHint: (commands: string[]) => `可 @我 发送：${commands.map((c) => `“${c}”`).join('、')}`,
  /** Markdown replies need a title; used when the core gave none. */
  defaultTitle: '继续教育培训助手',
};
