import type { Level } from '../../core/campaign/schema.ts';

/**
 * Questions as trainees type them in the groups: colloquial, with typos (homophones from the
 * input method), full-width characters, clipped words and mixed levels. Each names the facts the
 * answer must contain. Written for this set, not lifted from the notice.
 */
export interface EvalQuestion {
  q: string;
  level?: Level;
  /** ISO instant; defaults to EVAL_NOW. */
  now?: string;
  /** Every one of these must appear in the answer (whitespace ignored). */
  expect: string[];
}

export interface OutOfScope {
  q: string;
  /** The contact whose phone number the abstention must give, when the topic is clear. */
  contact?: 'training' | 'title' | 'tech';
}

/** 2021-09-28 10:00 Beijing time: registration and training are open, title windows not yet. */
export const EVAL_NOW = '2021-09-28T02:00:00Z';

export const IN_SCOPE: EvalQuestion[] = [
  // training fees
  { q: '副高培训费多少钱', expect: ['313'] },
  { q: '中级的培训费是多少', expect: ['273'] },
  { q: '初级培训要交多少钱？', expect: ['243'] },
  { q: '培训费多少', level: '中级', expect: ['273'] },
  { q: '陪训费多少啊', level: '副高级', expect: ['313'] },
  { q: '老师好，我们这个培训收费标准是啥', level: '初级', expect: ['243'] },
  { q: '培训费都包含什么', expect: ['考核费', '报名费'] },
  { q: '交的钱里包不包括考试的费用', expect: ['考核费'] },
  { q: '高级工程师的培训费', expect: ['313'] },
  { q: '付高的陪训费', expect: ['313'] },
  // review fees
  { q: '副高评审费多少', expect: ['550'] },
  { q: '评审费怎么收', level: '初级', expect: ['300'] },
  { q: '中级职称评审费', expect: ['400'] },
  { q: '评审费啥时候交', expect: ['通过形式审核'] },
  { q: '职称评审费怎么交？', expect: ['另行通知'] },
  { q: '评审费', expect: ['550', '400', '300'] },
  // DingTalk
  { q: '钉钉群号多少', level: '中级', expect: ['32887269'] },
  { q: '副高级的钉钉群是哪个', expect: ['34497409'] },
  { q: '初级群号', expect: ['32158018'] },
  { q: '钉钉群怎么进', expect: ['实名注册'] },
  { q: '付高级钉钉群', expect: ['34497409'] },
  { q: '群昵称要改吗', expect: ['真实姓名'] },
  { q: '不改群名片会怎样', expect: ['学习记录'] },
  { q: '在钉钉群里名字要写什么', expect: ['真实姓名'] },
  // web sites
  { q: '继续教育在哪个网站报名', expect: ['www.xjzcsq.com'] },
  { q: '报名网址是啥', expect: ['xjzcsq'] },
  { q: '缴费网站是哪个', expect: ['wlmqcol'] },
  { q: '用什么浏览器交费', expect: ['360'] },
  { q: '证书编号怎么填', expect: ['无'] },
  { q: '没有证书编号咋办', expect: ['无'] },
  // windows
  { q: '报名什么时候截止', expect: ['10月5日'] },
  { q: '什么时候开始报名，哪天截止', expect: ['9月22日', '10月5日'] },
  { q: '培训几号开始', expect: ['9月26日'] },
  { q: '培训啥时候结束', expect: ['10月10日'] },
  { q: '职称网上申报截止时间', expect: ['11月15日'] },
  { q: '纸质材料哪天之前交', expect: ['11月25日'] },
  { q: '保名截止日期', expect: ['10月5日'] },
  { q: '职称申抱几号截至', expect: ['11月15日'] },
  { q: '培训和评审时间都是啥时候', expect: ['9月26日', '11月15日'] },
  { q: '报名截止了吗', now: '2021-10-06T03:00:00Z', expect: ['已于2021年10月5日24:00截止'] },
  { q: '报名还有几天截止', now: '2021-10-01T02:00:00Z', expect: ['还有4天'] },
  { q: '纸质材料还剩几天', now: '2021-11-25T15:00:00Z', expect: ['最后一天'] },
  { q: '网上申报还有多久开始', now: '2021-10-01T02:00:00Z', expect: ['还有9天'] },
  // paper materials
  { q: '纸质材料交到哪里', expect: ['干部处'] },
  { q: '我们是地州的，纸质材料怎么报', expect: ['干部处'] },
  { q: '纸质版寄给谁', expect: ['干部处'] },
  // hours and completion
  { q: '一年要多少学时', expect: ['90'] },
  { q: '公需课要多少学时', expect: ['30'] },
  { q: '专业课需要几个学时', expect: ['60'] },
  { q: '继教学时', expect: ['90'] },
  { q: '是每年都要学吗', expect: ['每年'] },
  { q: '怎样才算完成培训', expect: ['成绩合格'] },
  { q: '培训完要考试吗', expect: ['考试'] },
  { q: '培训是线上还是线下', expect: ['线上'] },
  { q: '在哪查培训情况', expect: ['查询'] },
  // registration
  { q: '报名步骤是啥', expect: ['新增报名'] },
  { q: '报名入口找不到', expect: ['我的主页'] },
  { q: '第一次报名点哪里', expect: ['新增报名'] },
  { q: '培训报哪个级别', expect: ['高一等级'] },
  { q: '我现在是中级职称，培训该选什么级别', expect: ['高一等级'] },
  { q: '正高级培训怎么报', expect: ['人社厅'] },
  { q: '正高的钉钉群号', expect: ['人社厅'] },
  { q: '培训基地选哪个', expect: ['乌鲁木齐建设职业培训中心'] },
  { q: '怎么才算报名成功', expect: ['报名表'] },
  { q: '报名要上传附件吗', expect: ['上传相应附件'] },
  // payment and invoices
  { q: '怎么付款', expect: ['二维码'] },
  { q: '发票怎么开', expect: ['679315651'] },
  { q: '开票回执单在哪下', expect: ['679315651'] },
  { q: 'ＱＱ群号多少', expect: ['679315651'] },
  { q: '单位报销要发票，找谁开', expect: ['679315651'] },
  // title application
  { q: '职称申报能提交几次', expect: ['3次'] },
  { q: '材料最多能交几次', expect: ['3次'] },
  { q: '材料被退回了怎么办', expect: ['修改意见'] },
  { q: '评审条件在哪看', expect: ['当地网信部门'] },
  { q: '职称怎么申报', expect: ['操作指南'] },
  { q: '要准备哪些材料', expect: ['身份证', '工作总结'] },
  { q: '身份证要传正反面吗', expect: ['正、反面'] },
  { q: '照片有什么要求', expect: ['一寸免冠'] },
  { q: '一寸照有啥用', expect: ['电子职称证书'] },
  { q: '学历在学信网查不到怎么办', expect: ['扫描件'] },
  { q: '学信网网址', expect: ['chsi'] },
  { q: '工作经历证明要盖章吗', expect: ['公章'] },
  { q: '年度考核要哪几年的', expect: ['2018-2020'] },
  { q: '要不要传年度考核登记表', expect: ['无需'] },
  { q: '继续教育合格证书要上传吗', expect: ['合格证书'] },
  { q: '思想政治表现证明谁开', expect: ['推荐单位'] },
  { q: '政治表现证明写什么内容', expect: ['政治立场'] },
  { q: '保证书要本人签字吗', expect: ['签字'] },
  { q: '公示结果证明怎么写', expect: ['不良反映'] },
  { q: '评审表打几份', expect: ['1份'] },
  { q: '评审表可以单面打印吗', expect: ['正反面'] },
  { q: '评审表没有水印有效吗', expect: ['水印'] },
  { q: '评审表盖什么章', expect: ['公章'] },
  { q: '工作总结多少字', expect: ['3000'] },
  { q: '个人总结要盖章吗', expect: ['单位盖章'] },
  { q: '推荐意见怎么写', expect: ['同意推荐'] },
  { q: '表里没内容的栏目怎么填', expect: ['无'] },
  { q: '上传的材料模糊会怎样', expect: ['视为无'] },
  { q: '材料需要脱密吗', expect: ['脱密'] },
  { q: '复印件要怎么处理', expect: ['此件与原件核对一致'] },
  // policies
  { q: '要考英语吗', expect: ['不作硬性要求'] },
  { q: '计算机要考吗', expect: ['不作硬性要求'] },
  { q: '驻村干部要参加继续教育吗', expect: ['免除'] },
  { q: '访惠聚的怎么申请免试', expect: ['免试审批表'] },
  { q: '免试审批表在哪下', expect: ['人社厅官网'] },
  { q: '南疆支教的能免继续教育吗', expect: ['免除'] },
  { q: '第一书记还要培训吗', expect: ['免除'] },
  { q: '可以不参加培训吗，我在驻村', expect: ['免除'] },
  { q: '连续三年驻村能直接评职称吗', expect: ['直接认定'] },
  { q: '援疆干部能报吗', expect: ['派出单位'] },
  { q: '内地来援疆的需要啥证明', expect: ['派出单位'] },
  { q: '弄虚作假有啥后果', expect: ['五年'] },
  { q: '单位造假会怎样', expect: ['三年内取消'] },
  // contacts and the notice itself
  { q: '继续教育咨询电话', expect: ['8879298'] },
  { q: '职称问题打哪个电话', expect: ['2384781'] },
  { q: '网站登不上找谁', expect: ['3193615'] },
  { q: '谁可以参加这次培训', expect: ['网络安全和信息化'] },
  { q: '这个通知是哪发的', expect: ['自治区党委网信办'] },
  { q: '文号多少', expect: ['5号'] },
  { q: '其他政策文件在哪看', expect: ['人社厅官网'] },
  // lessons
  { q: '怎么上课', expect: ['群公告'] },
  { q: '考试怎么考', expect: ['管理员通知'] },
  // multi-part
  { q: '培训费和评审费分别多少', level: '副高级', expect: ['313', '550'] },
  { q: '钉钉群号和QQ群号', level: '初级', expect: ['32158018', '679315651'] },
  { q: '工作总结多少字？评审表打几份？', expect: ['3000', '1份'] },
];

export const OUT_OF_SCOPE: OutOfScope[] = [
  { q: '考试不及格可以补考吗', contact: 'training' },
  { q: '培训期间能请假吗', contact: 'training' },
  { q: '明年什么时候报名', contact: 'training' },
  { q: '培训费可以退吗', contact: 'training' },
  { q: '考试多少分及格', contact: 'training' },
  { q: '课程视频能回放吗', contact: 'training' },
  { q: '考试可以开卷吗', contact: 'training' },
  { q: '继续教育能抵扣个税吗', contact: 'training' },
  { q: '论文要发表几篇', contact: 'title' },
  { q: '有答辩环节吗', contact: 'title' },
  { q: '评审结果什么时候公布', contact: 'title' },
  { q: '职称证书什么时候发', contact: 'title' },
  { q: '评审通过率高不高', contact: 'title' },
  { q: '外省的职称怎么转过来', contact: 'title' },
  { q: '评上副高工资能涨多少', contact: 'title' },
  { q: '评审专家都有谁', contact: 'title' },
  { q: '二级建造师证书能加分吗', contact: 'title' },
  { q: '钉钉直播看不了回放怎么办', contact: 'training' },
  { q: '网站验证码一直刷不出来', contact: 'tech' },
  { q: '今天食堂吃什么' },
  { q: '乌鲁木齐明天天气怎么样' },
  { q: '中秋节放假几天' },
  { q: '学时不够可以下一年补吗', contact: 'training' },
];
