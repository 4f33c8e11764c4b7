/**
 * Words the general-purpose segmenter splits wrongly (it cuts 副高级 into 副|高级 and 钉钉 into
 * 钉|钉). They are matched first, longest first, and kept whole; the segmenter handles the rest.
 * Question phrases are listed too so they come out whole and can be dropped as stopwords.
 */
export const LEXICON = [
  // levels and titles
  '副高级', '正高级', '中级', '初级', '工程师', '助理工程师', '高一级', '高一等级',
  // programme and bodies
  '继续教育', '公需科目', '专业科目', '职称评审', '评审委员会', '干部处', '网信办', '人社厅', '人社局',
  '访惠聚', '驻村', '驻村管寺', '第一书记', '深度贫困村', '南疆', '支教', '援疆', '对口支援', '派出单位',
  '培训基地', '培训中心', '培训机构', '钉钉', '钉钉群', '钉钉群号', '群号', '群昵称', '群公告', '真实姓名', 'qq群', 'qq群号',
  // fees
  '培训费', '职称评审费', '考核费', '报名费', '收费标准', '开票回执单', '开具发票', '发票', '二维码',
  // materials and rules
  '纸质材料', '申报材料', '评审表', '报名表', '工作总结', '推荐意见', '保证书', '承诺书', '公示结果证明',
  '思想政治表现', '免冠照片', '一寸', '身份证', '学信网', '学历', '学位', '年度考核', '考核登记表',
  '工作经历', '复印件', '原件', '脱密', '水印', '正反面', '形式审核', '端口', '黑名单', '弄虚作假',
  '免试', '免试审批表', '学时', '证书编号', '浏览器', '管理平台', '操作指南', '评审条件',
  '次数', '字数',
  // everyday words the segmenter cuts badly; several are topics the notice does not cover, which is
  // why they must come out whole (及格 must not become 及|格 and look like 合格's 格)
  '及格', '补考', '请假', '退费', '补修', '回放', '答辩', '论文', '加分', '明年',
  // question phrases (dropped as stopwords, but must not leak single characters like 天)
  '什么时候', '哪天', '多少钱', '怎么办', '有没有', '是不是', '能不能', '要不要', '可不可以', '需不需要',
] as const;
