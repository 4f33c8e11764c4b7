/** Texts of roster, watch-time and exam imports. Reasons never echo a phone or ID number. */

export const fieldLabel = {
  name: '姓名',
  unit: '单位',
  level: '级别',
  phone: '手机号',
  idNumber: '身份证号',
  nickname: '昵称',
  minutes: '观看时长',
  score: '成绩',
  subject: '科目',
  publicScore: '公需成绩',
  professionalScore: '专业成绩',
} as const;

export const imports = {
  kindLabel: { roster: '花名册', attendance: '观看时长', exams: '考试成绩' } as const,

  // ----- whole file
  noRows: '文件中没有数据行。',
  missingColumn: (label: string, accepted: string[]) => `缺少“${label}”列（可用的列名：${accepted.join('、')}）。`,
  missingScoreColumn: '缺少成绩列：需要“成绩”列（配合“科目”列或指定科目），或“公需成绩”/“专业成绩”列。',
  missingSubject: '文件没有“科目”列，请在文件中加上“科目”列（公需/专业），或导入时指定科目。',
  sessionNotFound: (id: number) => `找不到编号为 ${id} 的课次。`,
  sessionOtherCampaign: (id: number) => `课次 ${id} 不属于当前活动。`,
  sessionRequired: '导入观看时长需要指定课次编号。',
  badLevelOption: (v: string, levels: string[]) => `级别“${v}”无效，应为：${levels.join('、')}。`,

  // ----- row reasons
  emptyName: '姓名为空。',
  badName: '姓名含有无法识别的字符。',
  emptyLevel: '级别为空。',
  badLevel: (levels: string[]) => `级别无法识别，应为：${levels.join('、')}。`,
  levelConflict: (given: string) => `级别与导入时指定的“${given}”不一致。`,
  badPhone: '手机号格式不对（应为 11 位手机号或带区号的固定电话）。',
  badIdFormat: '身份证号格式不对（应为 18 位，最后一位可以是 X；或旧式 15 位）。',
  badIdChecksum: '身份证号校验位不对（若该列在 Excel 中是数字格式，末几位可能已丢失，请把该列设为文本后重新填写）。',
  duplicateTrainee: (row: number) => `与第 ${row} 行是同一人（姓名、单位、手机后四位都相同）。`,
  emptyNickname: '昵称为空。',
  emptyMinutes: '观看时长为空。',
  badMinutes: '观看时长无法识别（可写分钟数，如 95；或“1小时20分”“01:20:00”）。',
  tooManyMinutes: '观看时长超过 24 小时，请核对。',
  emptyScore: '成绩为空。',
  badScore: '成绩应为 0–100 之间的数字。',
  emptySubject: '科目为空。',
  badSubject: '科目应为“公需”或“专业”。',
  notInRoster: '花名册中没有此人。',
  ambiguousName: (n: number) => `花名册中有 ${n} 位同名人员，请加上“单位”或“手机号”列以区分。`,
  duplicateExam: (row: number, subject: string) => `与第 ${row} 行是同一人同一科目（${subject}）的成绩。`,

  // ----- unmatched watch-time nicknames
  unmatchedNone: '花名册中没有与此昵称对应的人。',
  unmatchedAmbiguous: (names: string[]) => `昵称可能对应多人：${names.join('、')}。`,
};

/** Subject words accepted in files, to the ledger's subject keys. */
export const SUBJECT_ALIASES: Record<string, 'public' | 'professional'> = {
  公需: 'public',
  公需科目: 'public',
  公需课: 'public',
  公共: 'public',
  公共科目: 'public',
  public: 'public',
  专业: 'professional',
  专业科目: 'professional',
  专业课: 'professional',
  professional: 'professional',
};

export const subjectName = { public: '公需', professional: '专业' } as const;

/**
 * Column names accepted for each field, best first. Matching ignores spaces, `*`, case and full/half width;
 * a unit in brackets ("观看时长(分钟)") is read separately. `contains` catches longer headers ("累计观看时长").
 */
export const HEADER_ALIASES = {
  name: { exact: ['姓名', '真实姓名', '学员姓名', '人员姓名', '名字', '学员', 'name'], contains: ['姓名'] },
  unit: { exact: ['单位', '工作单位', '单位名称', '所在单位', '工作单位名称', 'unit'], contains: ['单位'] },
  level: { exact: ['级别', '申报级别', '培训级别', '职称级别', '层级', 'level'], contains: ['级别'] },
  phone: { exact: ['手机', '手机号', '手机号码', '联系电话', '电话', '联系方式', 'phone', 'mobile'], contains: ['手机', '电话'] },
  idNumber: { exact: ['身份证', '身份证号', '身份证号码', '证件号', '证件号码', '公民身份号码'], contains: ['身份证', '证件号'] },
  nickname: { exact: ['昵称', '群昵称', '用户名', '用户昵称', '钉钉昵称', '观众昵称', '成员昵称', 'nickname'], contains: ['昵称'] },
  minutes: { exact: ['观看时长', '时长', '学习时长', '在线时长', '累计观看时长', '观看总时长', 'minutes'], contains: ['时长'] },
  score: { exact: ['成绩', '分数', '考试成绩', '得分', '考试分数', 'score'], contains: ['成绩', '分数'] },
  subject: { exact: ['科目', '考试科目', '科目类别', '课程类别', 'subject'], contains: ['科目'] },
  publicScore: { exact: ['公需成绩', '公需科目成绩', '公需分数', '公需科目分数'], contains: [] },
  professionalScore: { exact: ['专业成绩', '专业科目成绩', '专业分数', '专业科目分数'], contains: [] },
} as const;

/** Units written in a duration header's brackets. */
export const DURATION_UNITS: Record<string, 'minute' | 'second' | 'hour'> = {
  分钟: 'minute',
  分: 'minute',
  min: 'minute',
  minutes: 'minute',
  秒: 'second',
  s: 'second',
  sec: 'second',
  seconds: 'second',
  小时: 'hour',
  时: 'hour',
  h: 'hour',
  hours: 'hour',
};

/** Texts about the file itself, before any row is read. */
export const files = {
  unsupported: (name: string) => `不支持的文件类型：${name}（请使用 .xlsx 或 .csv 文件；老式 .xls 请在 Excel 中另存为 .xlsx）。`,
  notFound: (name: string) => `找不到文件：${name}`,
  unreadable: (name: string) => `无法读取文件 ${name}，文件可能已损坏或不是有效的 Excel 文件。`,
};
