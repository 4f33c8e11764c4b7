import type { EvalQuestion, OutOfScope } from './eval-set.ts';

/**
 * A second set, written after the service was tuned on eval-set.ts and measured before any change
 * made for it: it shows how the answers hold up on wording nobody tuned for. Reported by the test
 * and the benchmark, not held to the 95 % bar.
 */
export const HOLDOUT_IN_SCOPE: EvalQuestion[] = [
  { q: '请问副高级这次培训收多少费', expect: ['313'] },
  { q: '我是初级群的，学费多少', level: '初级', expect: ['243'] },
  { q: '评审费中级的要多少？', expect: ['400'] },
  { q: '高工评审要交多少钱', expect: ['550'] },
  { q: '报名从几号开始', expect: ['9月22日'] },
  { q: '继续教育报名最晚哪天', expect: ['10月5日'] },
  { q: '网上职称材料最后期限', expect: ['11月15日'] },
  { q: '纸质的材料最迟什么时候报', expect: ['11月25日'] },
  { q: '培训一共几天，从哪天到哪天', expect: ['9月26日', '10月10日'] },
  { q: '现在还能报名吗', now: '2021-10-03T04:00:00Z', expect: ['还有2天'] },
  { q: '职称申报开始了没', now: '2021-10-12T04:00:00Z', expect: ['正在进行'] },
  { q: '中级群号是多少来着', expect: ['32887269'] },
  { q: '我要进副高的钉钉群', expect: ['34497409'] },
  { q: '群里昵称写什么', expect: ['真实姓名'] },
  { q: '管理平台网址发一下', expect: ['xjzcsq'] },
  { q: '培训中心的网站是多少', expect: ['wlmqcol'] },
  { q: '缴费时浏览器有要求吗', expect: ['360'] },
  { q: '交完钱要发票怎么办', expect: ['679315651'] },
  { q: '公需科目多少个学时', expect: ['30'] },
  { q: '总学时要求是多少', expect: ['90'] },
  { q: '培训需要去现场吗', expect: ['线上'] },
  { q: '培训合格了在哪查', expect: ['管理平台'] },
  { q: '报名时选什么专业', expect: ['网络安全和信息化'] },
  { q: '我是助理工程师，应该报哪一级', expect: ['高一等级'] },
  { q: '报名后怎么知道成功没有', expect: ['报名表'] },
  { q: '申报材料可以提交几回', expect: ['3次'] },
  { q: '学历证书查不到咋整', expect: ['扫描件'] },
  { q: '近三年考核证明要哪几年', expect: ['2018-2020'] },
  { q: '个人工作总结字数要求', expect: ['3000'] },
  { q: '评审表要打印几张', expect: ['1份'] },
  { q: '单位推荐意见填啥', expect: ['同意推荐'] },
  { q: '复印的材料需要盖章吗', expect: ['公章'] },
  { q: '没有的项目可以空着不填吗', expect: ['无'] },
  { q: '职称要考计算机吗', expect: ['不作硬性要求'] },
  { q: '驻村工作队员可以免考继续教育吗', expect: ['免除'] },
  { q: '援疆的专业技术人员怎么申报', expect: ['派出单位'] },
  { q: '材料造假会被怎么处理', expect: ['五年'] },
  { q: '培训的事情打哪个电话问', expect: ['8879298'] },
  { q: '纸质材料交给哪个部门', expect: ['干部处'] },
  { q: '公示证明模板内容', expect: ['不良反映'] },
];

export const HOLDOUT_OUT_OF_SCOPE: OutOfScope[] = [
  { q: '考试题目有没有答案', contact: 'training' },
  { q: '直播课几点开始', contact: 'training' },
  { q: '培训能不能用手机听课' },
  { q: '评审会议在哪里开', contact: 'title' },
  { q: '职称评上了有没有奖金', contact: 'title' },
  { q: '去年的继续教育没学能补吗', contact: 'training' },
  { q: '网站的注册手机号换了怎么改', contact: 'tech' },
  { q: '乌鲁木齐哪里可以打印', },
  { q: '评审通过后多久出证', contact: 'title' },
  { q: '公需科目在哪个平台学', contact: 'training' },
];
