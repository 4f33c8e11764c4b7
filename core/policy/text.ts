/**
 * Text normalisation shared by the index and the questions: both sides go through the same
 * canonicalisation so everyday wording and the notice's wording meet on one form.
 */

/** NFKC folds full-width letters, digits and punctuation; case and spacing between CJK carry no meaning. */
export function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
}

/**
 * Everyday wording → the notice's wording. Order matters: longer and more specific forms first,
 * and lookarounds keep an already canonical form from growing again (副高级 must not become 副高级级).
 */
const CANONICAL: Array<[RegExp, string]> = [
  // Levels. 高级工程师 is the 副高级 title; 正高 is organised elsewhere and must stay distinct.
  [/正高(?!级)/g, '正高级'],
  [/[付傅]高/g, '副高'],
  [/高工/g, '副高级工程师'],
  [/(?<![副正])高级/g, '副高级'],
  [/副高(?!级)/g, '副高级'],
  [/助工/g, '助理工程师'],
  // "A不A" questions ask about A (包不包括 → 包括, 够不够 → 够).
  [/(\p{Script=Han})[不没]\1/gu, '$1'],
  [/下一年|下年|来年|第二年/g, '明年'],
  [/单面|双面|两面/g, '正反面'],
  [/包括|含有|包含不包含/g, '包含'],
  [/几次|多少次|几回|多少回|几遍/g, '次数'],
  [/最晚|最迟|最后期限|期限|deadline/g, '截止'],
  [/多少字|几个字|几千字/g, '字数'],
  [/退(款|钱)|(?<![被])退(?![回出还])/g, '退费'],
  [/(?<![填弥])补(?![考充贴助])/g, '补修'],
  // Fees.
  [/职评费/g, '职称评审费'],
  [/(?<!职称)评审费/g, '职称评审费'],
  [/交费|付费|交钱|付钱|给钱|缴钱/g, '缴费'],
  [/学费|课程费|课时费/g, '培训费'],
  [/职评/g, '职称评审'],
  [/继教/g, '继续教育'],
  [/课时/g, '学时'],
  [/公需课/g, '公需科目'],
  [/专业课(?!培训)/g, '专业科目'],
  [/(?<!钉)钉群/g, '钉钉群'],
  [/群名片|群名称|群备注|群里的名字|群内昵称|群名字/g, '群昵称'],
  [/纸质版|纸质档|纸版|纸件|纸质的材料|纸质稿/g, '纸质材料'],
  [/截至|截止到/g, '截止'],
  [/英语|英文|外文/g, '外语'],
  [/电脑/g, '计算机'],
  [/免考|免学|免培训|免上课/g, '免试'],
  [/qq号/g, 'qq群号'],
  [/联系方式|联系电话|手机号|号码/g, '电话'],
  [/网址|网页|官网|网站地址|链接/g, '网站'],
  [/啥时候|啥时|几时|什么时间|何时|哪个时间|多会儿/g, '什么时候'],
  [/哪一天|哪号|几月几号|几月几日|几号/g, '哪天'],
  [/在哪(里|儿)?下(?!载|面)/g, '在哪下载'],
  [/查(?![询阅看到])/g, '查询'],
  [/咋办/g, '怎么办'],
  [/咋|如何|怎样|怎么样/g, '怎么'],
  [/啥/g, '什么'],
  [/多少钱|几块钱|多少块/g, '多少钱'],
];

export function canonicalise(s: string): string {
  let out = normalise(s);
  for (const [re, to] of CANONICAL) out = out.replace(re, to);
  return out;
}

/**
 * One-to-many everyday words: the question gains the notice's terms (retrieval only; coverage
 * is judged on what the asker wrote). 交 means 报送 for materials and 缴纳 for money.
 */
const EXPANSIONS: Array<[RegExp, string]> = [
  [/驻村/, '访惠聚'],
  [/访惠聚/, '驻村'],
  [/交(?=.{0,6}(钱|费))|(钱|费).{0,6}交|付款/, '缴纳 缴费'],
  [/交(?=.{0,6}(材料|纸质|原件|表|总结))|(材料|纸质|原件|表|总结).{0,6}交|寄|送到|邮寄/, '报送 提交'],
  [/发票|开票/, '开具发票'],
  [/证明/, '证明材料'],
  [/级别/, '副高级 中级 初级'],
  [/扫码/, '扫描 二维码'],
];

export function expansions(canonical: string): string {
  return EXPANSIONS.filter(([re]) => re.test(canonical))
    .map(([, add]) => add)
    .join(' ');
}

/**
 * Words that carry no topic: question words, particles, pronouns, greetings and fillers. Removed
 * before matching so "请问老师…吗" weighs nothing and cannot make an unknown topic look known.
 */
export const STOPWORDS = new Set(
  (
    '请问 请教 问 问问 问一下 一下 想问 想 想知道 知道 我 我们 咱 咱们 你 你们 您 他 她 它 他们 自己 本人 的 地 得 了 着 过 吗 呢 啊 吧 呀 哦 嘛 么 哈 呗 啦 嗯 噢 ' +
    '是 是不是 是否 在 有 有没有 没有 没 要 要不要 需要 需不需要 用 用不用 能 能不能 能否 可以 可不可以 可 会 会不会 应该 该 必须 得要 ' +
    '都 也 还 还是 就 才 又 再 很 太 最 更 挺 一共 总共 共 到底 究竟 具体 大概 一般 一定 ' +
    '和 与 及 以及 或 或者 跟 同 把 被 给 让 对 从 向 于 为 为了 由 ' +
    '这 那 这个 那个 这些 那些 这次 那次 此次 本次 这边 那边 这里 那里 今年 本年度 现在 目前 已经 马上 ' +
    '如果 的话 假如 要是 但是 但 可是 然后 所以 因为 ' +
    '老师 您好 你好 谢谢 感谢 麻烦 领导 大家 各位 同志 亲 请 帮 帮忙 帮我 看看 一个 个 ' +
    '多少 几 几个 多少个 什么 什么样 怎么 怎么办 哪 哪里 哪儿 哪个 哪些 为什么 为啥 ' +
    '时 完 到 了 过 ' +
    '里 里面 不 没 才 算 才算 找 谁 找谁 之 最 被 前 后 其 其中 ' +
    '天 几天 多少天 多久 多长时间 还有 还剩 剩 剩下 哪天 什么时候 有没有 是不是 能不能 要不要 可不可以 需不需要 事 事情 问题 情况 一下子 呢吗 分别 各 各自 都是'
  ).split(/\s+/),
);

/**
 * Words that help ranking but say nothing about whether the notice covers a question ("最多几次",
 * "多少钱"): searched, never required to be known.
 */
export const NEUTRAL = new Set(
  (
    '助理工程师 工程师 技术员 项目 队员 人员 员工 职工 同事 开始 结束 一年 处理 办理 操作 今天 今晚 明天 后天 ' +
    '多少钱 费用 收费 之前 以前 之后 以后 最多 最少 至少 第一次 首次 一直 几份 几年'
  ).split(' '),
);

const STOP_CHARS = new Set([...STOPWORDS].filter((w) => w.length === 1));

/** A word with the particles and pronouns the segmenter glued to it removed (要写 → 写, 我在 → ''). */
export function trimStopChars(word: string): string {
  const chars = Array.from(word);
  let a = 0;
  let b = chars.length;
  while (a < b && STOP_CHARS.has(chars[a])) a++;
  while (b > a && STOP_CHARS.has(chars[b - 1])) b--;
  return chars.slice(a, b).join('');
}

const CJK = /[\u3400-\u9fff]/;
export const isCjk = (ch: string) => CJK.test(ch);
