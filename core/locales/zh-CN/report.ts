/** Texts of the compliance report (console export, CLI). */

export const reportColumns = ['姓名', '单位', '级别', '昵称状态', '公需', '专业', '总学时', '考试', '完成情况', '缺少'] as const;

export const summaryColumns = ['级别', '人数', '已完成', '完成率', '豁免', '已改名', '已绑定', '未见', '不合规', '平均总学时'] as const;

export const report = {
  nickname: { renamed: '已改名', bound: '已绑定', unseen: '未见', noncompliant: '不合规' } as const,
  complete: '已完成',
  incomplete: '未完成',
  exempt: (reason?: string) => (reason ? `豁免（${reason}）` : '豁免'),
  passed: '合格',
  failed: '不合格',
  exam: (subject: string, score: number, passed: boolean) => `${subject} ${score}（${passed ? '合格' : '不合格'}）`,
  noExam: '—',
  missingHours: (subject: string, h: number) => `${subject} ${h} 学时`,
  missingTotal: (h: number) => `总学时 ${h}`,
  missingExam: (subject: string) => `${subject}考试`,
  separator: '；',
  totalRow: '合计',
  summarySheet: '汇总',
  subject: { public: '公需', professional: '专业' } as const,
};
