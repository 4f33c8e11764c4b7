/** Texts of the `cebot` command line. */

export const cli = {
  help: `cebot —— 继续教育培训机器人管理命令

用法：cebot <命令> [参数]

命令：
  migrate                                   建立或升级数据库结构
  import roster 文件 [--level 级别]           导入花名册（.xlsx 或 .csv）
  import attendance 文件 --session 课次编号    导入某一课次的观看时长
  import exams 文件 [--subject 公需|专业]      导入考试成绩
      导入共用参数：--skip-bad 跳过错误行只写入正确的行；--dry-run 只检查不写入
  summary 姓名 [--unit 单位] [--phone 手机后四位] [--level 级别]
                                            查看一名学员本年度的学时、考试与完成情况
  report [--level 级别] [--format table|json|csv|xlsx] [--out 文件]
                                            导出达标情况报表
  campaign [--json]                         显示当前活动（通知）信息
  ask [--json] [问题]                         按通知内容回答政策问题（不给问题时逐行读标准输入）
  reminders [--from 日期] [--to 日期] [--text] [--json]
                                            预览提醒计划：何时向哪些群发送什么
  help                                      显示本帮助

级别：初级、中级、副高级
数据库：设置 DATABASE_URL 使用 PostgreSQL；否则使用 DATA_DIR（默认 ./data）中的内置数据库。`,

  // ----- usage problems
  unknownCommand: (c: string) => `未知命令“${c}”。运行 cebot help 查看可用命令。`,
  unknownOption: (o: string) => `不认识的参数 ${o}。`,
  optionNeedsValue: (o: string) => `参数 ${o} 后面需要跟一个值。`,
  badArguments: (usage: string) => `参数有误。用法：${usage}`,
  importKind: '请指定导入类型：roster（花名册）、attendance（观看时长）或 exams（考试成绩）。',
  importFile: '请指定要导入的文件。',
  sessionOption: '导入观看时长需要 --session 课次编号（正整数）。',
  badLevel: (v: string) => `级别“${v}”无效，应为：初级、中级、副高级。`,
  badSubject: (v: string) => `科目“${v}”无效，应为：公需 或 专业。`,
  badFormat: (v: string) => `格式“${v}”无效，应为：table、json、csv、xlsx。`,
  xlsxNeedsOut: '导出 xlsx 需要用 --out 指定输出文件，例如：--out 报表.xlsx',
  summaryName: '请指定学员姓名，例如：cebot summary 张三',
  failed: (msg: string) => `出错了：${msg}`,

  // ----- migrate
  migrated: (where: string) => `数据库结构已是最新（${where}）。`,
  dbPglite: (dir: string) => `内置数据库：${dir}`,
  dbPostgres: (host: string, db: string) => `PostgreSQL：${host}/${db}`,

  // ----- import
  importHeadline: (kind: string, rows: number, valid: number, bad: number) => `${kind}：共 ${rows} 行，正确 ${valid} 行，错误 ${bad} 行。`,
  written: (w: { inserted: number; updated: number; unchanged: number }) => `已写入：新增 ${w.inserted}，更新 ${w.updated}，无变化 ${w.unchanged}。`,
  dryRun: (valid: number) => `检查完毕（--dry-run），未写入任何数据；正确的 ${valid} 行可以导入。`,
  refused: (bad: number) => `未写入任何数据：文件中有 ${bad} 处错误。请修正后重新导入，或加 --skip-bad 只导入正确的行。`,
  fileProblem: '未写入任何数据：',
  skippedBad: (n: number) => `已跳过 ${n} 行错误数据：`,
  rowError: (row: number, reason: string) => (row > 0 ? `  第 ${row} 行：${reason}` : `  ${reason}`),
  unmatchedHeadline: (n: number) => `未匹配到花名册的昵称 ${n} 个（未写入）：`,
  unmatchedRow: (row: number, nick: string, reason: string) => `  第 ${row} 行“${nick}”：${reason}`,
  creditedHeadline: (title: string, hours: number) => `课次：${title}（${hours} 学时）`,

  // ----- summary
  traineeNotFound: (name: string) => `花名册中没有“${name}”。`,
  traineeAmbiguous: (name: string, n: number) => `花名册中有 ${n} 位“${name}”，请用 --unit 单位、--phone 手机后四位 或 --level 级别 区分：`,
  traineeCandidate: (name: string, unit: string, level: string, tail: string) =>
    `  ${name}  ${unit || '（无单位）'}  ${level}${tail ? `  手机尾号 ${tail}` : ''}`,
  summaryHead: (name: string, unit: string, level: string) => `${name}（${[unit, level].filter(Boolean).join('，')}）`,
  summaryHours: (label: string, h: number, need: number, missing: number) =>
    `${label}：${h} 学时（要求 ${need}${missing > 0 ? `，还差 ${missing}` : '，已达标'}）`,
  summaryExams: (text: string) => `考试：${text}`,
  summaryCompletion: (text: string) => `完成情况：${text}`,
  summaryMissing: (text: string) => `缺少：${text}`,
  labelPublic: '公需',
  labelProfessional: '专业',
  labelTotal: '总学时',

  // ----- report
  reportWritten: (file: string, rows: number) => `报表已写入 ${file}（${rows} 名学员）。`,
  reportEmpty: '没有符合条件的学员。',

  // ----- campaign
  campaign: {
    name: (n: string) => `活动：${n}`,
    document: (num: string, issuer: string, date: string) => `依据：${num}（${issuer}，${date}）`,
    levelsHead: '级别与钉钉群：',
    level: (l: string, group: string, training: number, review: number) => `  ${l}：钉钉群 ${group}，培训费 ${training} 元，评审费 ${review} 元`,
    windowsHead: '时间安排（北京时间，截止日当天 24:00 前有效）：',
    window: (title: string, start: string, end: string) => `  ${title}：${start} 至 ${end}`,
    requirement: (total: number, pub: number, prof: number) => `学时要求：每年不少于 ${total} 学时（公需不少于 ${pub}，专业不少于 ${prof}）`,
    exam: (mark: number, required: string) => `考试：${mark} 分及格；须通过：${required}`,
    credit: (pct: number, step: number) => `按观看时长计学时：达到课时 ${pct}% 计满学时，不足按比例计（以 ${step} 学时为单位向下取整）`,
    submissionLimit: (n: number) => `职称申报材料提交次数上限：${n} 次`,
    exemptions: (list: string) => `可免于参加继续教育：${list}`,
    contactsHead: '联系方式：',
    contact: (name: string, topic: string, phones: string) => `  ${name}（${topic}）：${phones}`,
    websitesHead: '网址：',
    website: (name: string, url: string) => `  ${name}：${url}`,
  },
};
