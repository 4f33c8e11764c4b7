/** Texts of the conversation: commands, refusals, nickname rule. */

const subjectName = { public: '公需', professional: '专业' } as const;
export type SubjectKey = keyof typeof subjectName;
export const subjectLabel = (s: SubjectKey) => subjectName[s];
export const SUBJECT_WORDS: Record<string, SubjectKey> = {
  公需: 'public',
  公需科目: 'public',
  公共: 'public',
  专业: 'professional',
  专业科目: 'professional',
  专业课: 'professional',
};

const h = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}`;

export const chat = {
  hours: h,

  // ----- nickname rule
  /** Where the group nickname is set differs per platform. */
  renameSteps: (platform: string) =>
    platform === 'telegram'
      ? '修改方法：Telegram 打开“设置” → “编辑个人资料”，把名字改为名单上的真实姓名（可加后缀，如“张三-网信办”），或请群管理员把你在本群的成员标签设为真实姓名，改好后再发消息给我。'
      : '修改方法：钉钉打开本群 → 右上角“群设置” → “我在本群的昵称”，改为名单上的真实姓名（可加后缀，如“张三-网信办”），保存后再 @我。',
  renameStakes: '根据培训通知，群昵称须为本人真实姓名，否则影响学习记录统计及个人成绩。',
  nicknameNotInRoster: (nick: string) => `@${nick} 你的群昵称“${nick}”与培训名单上的姓名不一致。`,
  nicknameAmbiguous: (nick: string) =>
    `@${nick} 名单中有不止一位“${nick}”，请在昵称后加单位或手机后四位区分（如“${nick}-网信办”），或私聊我发送“绑定 姓名 手机后四位”。`,
  nicknameOtherPerson: (nick: string, bound: string) =>
    `@${nick} 你的账号已绑定为“${bound}”，但当前群昵称“${nick}”不是这个名字，请改回真实姓名。`,

  // ----- group binding
  groupUnbound: '本群还没有设置对应的培训级别。请群管理员发送“本群 初级”“本群 中级”或“本群 副高级”完成设置。',
  groupBound: (level: string) => `已将本群设置为【${level}】培训群。签到、统计和提醒都将按${level}名单进行。`,
  groupOnly: '这个命令需要在培训群里使用。',

  // ----- authority
  adminOnly: (cmd: string) => `抱歉，“${cmd}”是管理员命令，只有群主、群管理员或培训中心工作人员可以使用。如有需要请联系管理员。`,

  // ----- check-in
  checkinRefusedNickname: '签到未成功：你的群昵称还不符合实名要求。改好昵称后再 @我 签到即可。',
  checkinUnknown: '签到未成功：没有在培训名单中找到你。请确认群昵称为报名时的真实姓名，或发送“绑定 姓名 手机后四位”。',
  checkinWrongLevel: (mine: string, group: string) => `签到未成功：你在名单中报名的是【${mine}】培训，本群是【${group}】培训群，请到对应的群签到。`,
  checkinNoSession: '当前没有正在进行的课次，无需签到。',
  checkinNextSession: (title: string, when: string) => `当前没有正在进行的课次。下一次课：${title}，${when} 开始。`,
  checkinOk: (name: string, title: string, subject: SubjectKey, credited: string) =>
    `@${name} 签到成功：${title}（${subjectName[subject]}科目）${credited}。`,
  checkinCredit: (hours: number) => `，计 ${h(hours)} 学时`,
  checkinWatchtime: '，学时将按观看时长导入后计算',
  checkinAlready: (name: string, title: string) => `@${name} 你已签到过“${title}”，无需重复签到。`,
  runningTotal: (pub: number, pro: number, total: number) => `本年度累计：公需 ${h(pub)}、专业 ${h(pro)}，合计 ${h(total)} 学时。`,

  // ----- my hours
  hoursTitle: (name: string, year: number) => `${name} 的 ${year} 年度继续教育学时`,
  hoursLine: (pub: number, pro: number, total: number, req: { publicHours: number; professionalHours: number; totalHours: number }) =>
    `公需科目：${h(pub)} / ${req.publicHours} 学时\n专业科目：${h(pro)} / ${req.professionalHours} 学时\n合计：${h(total)} / ${req.totalHours} 学时`,
  examLine: (subject: SubjectKey, score: number, passed: boolean) => `${subjectName[subject]}考试：${h(score)} 分（${passed ? '合格' : '不合格'}）`,
  examNone: '考试：暂无成绩',
  exemptLine: (reason: string) => `已免除本年度继续教育（${reason}），视为完成。`,
  completeLine: '已完成本年度继续教育要求。',
  missingLine: (parts: string[]) => `还差：${parts.join('；')}。`,
  missingHours: (what: string, n: number) => `${what} ${h(n)} 学时`,
  missingExam: (subject: SubjectKey) => `${subjectName[subject]}考试合格`,
  hoursSentPrivately: (name: string) => `@${name} 你的学时明细已私聊发给你，请查看与我的单聊。`,
  notBound: '还没有找到你在培训名单中的记录。请把群昵称改为真实姓名后在群里 @我，或私聊我发送“绑定 姓名 手机后四位”。',

  // ----- bind
  bindUsage: '用法：绑定 姓名 手机后四位（例如：绑定 张三 1234）',
  bindOk: (name: string, level: string) => `绑定成功：你是名单中的 ${name}（${level}）。`,
  bindAlready: (name: string) => `你的账号已绑定为 ${name}。如需更改，请联系管理员。`,
  bindNotFound: '没有找到与该姓名和手机后四位对应的学员，请核对后再试，或联系培训中心。',
  bindNoPhone: '名单中该学员没有登记手机号，无法自助绑定，请联系管理员处理。',

  // ----- help
  helpTitle: '我能做什么',
  helpTrainee: [
    '签到（/checkin）— 课次进行中签到计学时',
    '我的学时（/hours）— 查看本年度学时、考试与还差多少',
    '绑定 姓名 手机后四位（/bind）— 同名或昵称无法识别时绑定身份',
    '帮助（/help）— 显示本说明',
    '其他问题直接 @我 提问，例如“副高级培训费多少”“纸质材料哪天截止”',
  ],
  helpAdmin: [
    '开课 标题 公需|专业 学时 [结束时间] [按时长] — 在本群开一次课',
    '结课 [编号] — 结束本群正在进行的课',
    '昵称检查 — 列出昵称不合规和从未出现的学员',
    '成绩 姓名 分数 [公需|专业] — 录入考试成绩',
    '学时 姓名 公需|专业 ±学时 原因 — 手工调整学时',
    '豁免 姓名 原因 批文号 — 登记继续教育免除',
    '统计 — 本群（私聊时为全部）完成情况',
    '本群 初级|中级|副高级 — 设置本群培训级别',
    '提醒 时间 内容 — 定时发通知（群里发到本群，私聊发到所有培训群），如“提醒 明天 9:00 请完成考试”',
    '提醒列表 — 查看管理员提醒和接下来的截止提醒',
    '取消提醒 编号 — 取消尚未发送的提醒',
  ],
  helpAdminHeader: '管理员命令：',

  // ----- admin commands
  usage: (form: string) => `格式不对。正确格式：${form}`,
  openUsage: '开课 标题 公需|专业 学时 [结束时间，如 21:00 或 2021-10-08 21:00] [按时长]',
  openOk: (id: number, title: string, subject: SubjectKey, hours: number, until: string, rule: 'checkin' | 'watchtime') =>
    `已开课 #${id}：${title}（${subjectName[subject]}，${h(hours)} 学时），${until} 结束。${rule === 'checkin' ? '学员向我发送“签到”即可计学时。' : '按观看时长计学时：课后导入观看时长。'}`,
  openBadHours: '学时须为 0.5 到 24 之间的数字（可带一位小数）。',
  openBadEnd: '结束时间格式不对，或早于现在。示例：21:00、2021-10-08 21:00。',
  closeOk: (id: number, title: string, count: number) => `已结课 #${id}：${title}，共 ${count} 人签到。`,
  closeNone: '本群当前没有正在进行的课次。',
  closeNotFound: (id: string) => `没有找到本群的课次 #${id}，或它已结束。`,

  traineeNotFound: (name: string) => `名单中没有“${name}”，请核对姓名。`,
  traineeAmbiguous: (name: string, options: string[]) => `名单中有多位“${name}”：${options.join('、')}。请写成“姓名-单位”以区分。`,

  scoreUsage: '成绩 姓名 分数 [公需|专业]',
  scoreBad: '分数须为 0 到 100 之间的数字。',
  scoreOk: (name: string, subject: SubjectKey, score: number, passed: boolean, before?: number) =>
    `已录入 ${name} 的${subjectName[subject]}考试成绩：${h(score)} 分（${passed ? '合格' : '不合格'}）${before !== undefined ? `，原成绩 ${h(before)} 分` : ''}。`,
  scoreSame: (name: string) => `${name} 的成绩与已录入的相同，未作修改。`,

  adjustUsage: '学时 姓名 公需|专业 ±学时 原因',
  adjustBad: '调整学时须为非零数字，如 +2 或 -1.5，绝对值不超过 90。',
  adjustOk: (name: string, subject: SubjectKey, delta: number, after: number) =>
    `已为 ${name} ${delta > 0 ? '增加' : '扣减'}${subjectName[subject]}学时 ${h(Math.abs(delta))}，调整后${subjectName[subject]}学时 ${h(after)}。`,

  exemptUsage: '豁免 姓名 原因 批文号',
  exemptBadReason: (reasons: string[]) => `免除原因须为通知列明的情形之一：${reasons.join('、')}。`,
  exemptOk: (name: string, reason: string, ref: string) => `已登记 ${name} 本年度继续教育免除（${reason}，批文号 ${ref}），视为完成。`,
  exemptSame: (name: string) => `${name} 已登记过相同的免除，未作修改。`,

  levelUsage: '本群 初级|中级|副高级',

  statsTitle: (scope: string) => `${scope}继续教育统计`,
  statsLines: (s: { trainees: number; renamed: number; bound: number; complete: number; exempt: number; atRisk: number }) =>
    [
      `名单人数：${s.trainees}`,
      `昵称已实名：${s.renamed}（${pct(s.renamed, s.trainees)}）`,
      `已绑定账号：${s.bound}（${pct(s.bound, s.trainees)}）`,
      `已完成：${s.complete}（${pct(s.complete, s.trainees)}），其中免除 ${s.exempt}`,
      `未完成：${s.atRisk}`,
    ].join('\n'),
  scopeAll: '全部级别',
  scopeLevel: (level: string) => `【${level}】`,

  nickcheckTitle: (level: string) => `【${level}】昵称检查`,
  nickcheckBad: (items: string[]) => `昵称不合规（${items.length}）：\n${items.join('\n')}`,
  nickcheckBadNone: '昵称不合规：无',
  nickcheckNever: (names: string[], more: number) =>
    `名单中尚未在群里出现或绑定（${names.length + more}）：${names.join('、')}${more ? ` 等` : ''}`,
  nickcheckNeverNone: '名单中的学员都已出现或绑定。',

  // ----- errors
  tryLater: '系统繁忙，刚才的操作没有完成，请稍后再试。',
  nonText: '请发送文字消息。',
  policyFallback: (phones: string) => `这个问题暂未收录，通知中没有涉及。继续教育问题请咨询乌鲁木齐建设职业培训中心：${phones}。`,
  welcome: (nick: string, steps: string) => `欢迎 ${nick} 加入培训群！根据培训通知，请将群昵称改为本人真实姓名，否则影响学习记录统计及个人成绩。\n${steps}`,
  privateUnavailable: (name: string) => `@${name} 我无法给你发私信，请先私聊我一次（打开与我的单聊发送任意消息），再发送“我的学时”。`,
};

function pct(n: number, of: number) {
  return of ? `${Math.round((n / of) * 100)}%` : '0%';
}
