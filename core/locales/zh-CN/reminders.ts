/** Texts of scheduled reminders, private nudges and the admin reminder commands. */

export interface WindowFacts {
  title: string;
  /** '9月26日' */
  start: string;
  end: string;
  action: string;
  daysLeft: number;
  /** '乌鲁木齐建设职业培训中心 0991-8879298、0991-2814961', or '' */
  contact: string;
  /** 新党网信明电〔2021〕5号 */
  document: string;
}

const left = (n: number) => (n <= 0 ? '今天 24:00 截止' : `还有 ${n} 天`);
const contactLine = (c: string) => (c ? `\n咨询：${c}` : '');
const late = (isLate: boolean) => (isLate ? '（补发）' : '');

export const reminders = {
  late,

  // ----- window posts to groups
  opens: (w: WindowFacts, today: boolean, isLate: boolean) =>
    `${late(isLate)}【${w.title}】${today ? '今天开始' : `已于${w.start}开始`}，${w.end} 24:00 截止（${left(w.daysLeft)}）。\n请${w.action}。${contactLine(w.contact)}\n依据：${w.document}`,
  before: (w: WindowFacts, isLate: boolean) =>
    `${late(isLate)}【${w.title}】将于${w.end} 24:00 截止，${left(w.daysLeft)}。\n请尽快${w.action}。${contactLine(w.contact)}\n依据：${w.document}`,
  closes: (w: WindowFacts, isLate: boolean) =>
    `${late(isLate)}【${w.title}】今天（${w.end}）24:00 截止，逾期不再受理。\n尚未完成的请抓紧${w.action}。${contactLine(w.contact)}\n依据：${w.document}`,

  // ----- at-risk nudges
  nudgePrivate: (name: string, w: WindowFacts, missing: string[], isLate: boolean) =>
    `${late(isLate)}${name}，你好！【${w.title}】将于${w.end} 24:00 截止（${left(w.daysLeft)}）。\n你的本年度继续教育还差：${missing.join('；')}。\n请${w.action}。在群里 @我 发送“我的学时”可随时查看进度。${contactLine(w.contact)}`,
  nudgeGroup: (count: number, w: WindowFacts, isLate: boolean) =>
    `${late(isLate)}【${w.title}】将于${w.end} 24:00 截止（${left(w.daysLeft)}）。本群名单中还有 ${count} 位学员尚未完成本年度继续教育要求，已绑定账号的学员已收到私信提醒。\n请大家 @我 发送“我的学时”查看自己还差什么。`,

  // ----- admin one-off
  adminPost: (text: string, isLate: boolean) => `${late(isLate)}【通知】${text}`,
  adminWhat: (id: number) => `管理员提醒 #${id}`,
  remindUsage: '提醒 时间 内容（例如：提醒 2021-10-08 10:00 今晚八点直播课；提醒 明天 9:00 请完成考试）',
  remindNeedsClock: '请写明发送的具体时间，例如“明天 9:00”或“2021-10-08 10:00”。',
  remindPast: (now: string) => `提醒时间须晚于现在（${now}）。`,
  remindTooFar: '提醒时间不能超过一年以后。',
  remindTooLong: (max: number) => `提醒内容不能超过 ${max} 个字。`,
  remindOk: (id: number, when: string, where: string) => `已登记提醒 #${id}：${when} 发送到${where}。取消请发送“取消提醒 ${id}”。`,
  whereThisGroup: '本群',
  whereAllGroups: '所有已设置级别的培训群',

  listTitle: '提醒列表',
  listEmpty: '没有待发送或近期的管理员提醒。',
  listAdminHeader: '管理员提醒：',
  listLine: (id: number, when: string, where: string, status: string, text: string) => `#${id} ${when} ${where}【${status}】${text}`,
  statusPending: '待发送',
  statusCancelled: '已取消',
  statusSent: (n: number) => `已发送 ${n} 个群`,
  statusFailed: (n: number) => `${n} 个群发送失败`,
  statusSending: '发送中',
  statusMissed: '未发送（已过补发时限）',
  listPlanHeader: '接下来的截止提醒：',
  listPlanLine: (when: string, title: string, what: string) => `${when} ${title}：${what}`,
  planOpens: '开始',
  planBefore: (n: number) => `截止前 ${n} 天`,
  planCloses: '截止当天',
  planNudge: (n: number) => `截止前 ${n} 天私信未完成学员`,
  planNudgeCount: (n: number) => `截止前 ${n} 天告知各群未完成人数`,

  cancelUsage: '取消提醒 编号（编号见“提醒列表”，如：取消提醒 3）',
  cancelNotFound: (id: string) => `没有找到提醒 #${id}。`,
  cancelNotYours: (id: number) => `提醒 #${id} 不是发往本群的，请在原来的群里或私聊中取消。`,
  cancelAlready: (id: number) => `提醒 #${id} 已经取消过了。`,
  cancelTooLate: (id: number) => `提醒 #${id} 已到发送时间，无法取消。`,
  cancelOk: (id: number, when: string) => `已取消提醒 #${id}（原定 ${when} 发送）。`,

  // ----- failure report to administrators
  failedReport: (what: string, where: string, attempts: number, reason: string) =>
    `提醒发送失败：${what}，发往${where}，已尝试 ${attempts} 次仍未成功（${reason}）。已记入失败消息列表，请检查机器人在该群的状态。`,
  failedPrivate: (n: number) => `${n} 条给学员的私信提醒多次尝试仍未送达（多为学员未与机器人私聊过），已记入失败消息列表。`,
  failedSummary: (lines: string[]) => `有 ${lines.length} 项提醒发送失败：\n${lines.map((l, i) => `${i + 1}. ${l}`).join('\n')}`,
  failedWhereGroup: (title: string) => `群“${title}”`,
  failedWherePrivate: '一位学员的私聊',
  failedExpired: '已过有效期，不再重试',

  // ----- `cebot reminders` (preview of the plan)
  cliUsage: 'cebot reminders [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--text] [--json]',
  cliBadDate: (v: string) => `日期“${v}”无效，应为 YYYY-MM-DD。`,
  cliRange: (from: string, to: string, tz: string) => `提醒计划：${from} 至 ${to}（${tz}）`,
  cliEmpty: '这段时间没有要发送的提醒。',
  cliRow: (when: string, what: string, to: string) => `${when}  ${what}  → ${to}`,
  cliAdmin: (id: number) => `管理员提醒 #${id}`,
  cliNudgePrivate: '未完成且已绑定账号的学员（私信，发送时按当时学时计算）',
  cliNudgeCount: '各群（只说未完成人数，发送时计算；人数为 0 的群不发）',
  cliNoGroups: '（目前没有已设置级别的群；群设置级别后即按计划发送）',
  cliGroup: (title: string, platform: string, level: string) => `${title}[${platform}·${level}]`,
  cliTotal: (posts: number, messages: number) => `共 ${posts} 条提醒，${messages} 条群消息（不含私信）。`,
};
