import { LEVELS, type Level } from '../campaign/schema.ts';
import type { Contact } from '../campaign/schema.ts';

/** What a question asks beyond its topic words. Works on canonicalised text (see text.ts). */

/** Levels named in the question, in the order named (副高/高级 are already 副高级 here). */
export function levelsNamed(canonical: string): Level[] {
  const found = new Map<Level, number>();
  for (const l of LEVELS) {
    const i = canonical.indexOf(l);
    if (i >= 0) found.set(l, i);
  }
  return [...found.entries()].sort((a, b) => a[1] - b[1]).map(([l]) => l);
}

/** Asks for a date or whether something is still open. */
const WHEN = /什么时候|哪天|几点|日期|截止|几月|到期|过期|来得及|多久|几天|多少天|倒计时|(报名|培训|申报|报送|考试|上课|学习)时间|时间安排|(开始|截止|结束)了(吗|没)|(还能|还可以)(报名|申报|提交|交|报送|缴费)/;
export const WHEN_RE = WHEN;
export const asksWhen = (canonical: string) => WHEN.test(canonical);

/** Questions relative to today: "还有几天", "截止了吗". */
const RELATIVE = /还有几天|还剩|剩几天|剩多少天|几天后|多少天|多久|多长时间|倒计时|来得及|还能|还可以|过期|(截止|结束|开始)了(吗|没)/;
export const asksRelative = (canonical: string) => RELATIVE.test(canonical);

/**
 * Parts of a multi-part question. Commas, semicolons, question marks and joining words separate
 * them; a part may be as short as "哪天截止" and is answered in the context of the whole.
 */
export function questionParts(canonical: string): string[] {
  return canonical
    .split(/[,;?!。、\n]|另外|还有(?!几天|多久|多少天|多长)|以及|再问|顺便问|和|跟|与|及|或者/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Which contact a question's topic belongs to, when the notice does not answer it. */
const TOPICS: Array<[Contact['id'], RegExp]> = [
  ['tech', /系统|网站|登录|登不上|打不开|密码|验证码|报错|浏览器|闪退|无法上传|上传不了|上传失败|页面|账号|卡住|卡顿|404|白屏/],
  ['title', /职称|评审|申报|论文|答辩|资格|推荐|公示|评委|专家|工资|聘任|转评|认定|评上|通过率|材料|建造师|执业|加分/],
  ['training', /继续教育|培训|学时|上课|课程|考试|补考|钉钉|群|缴费|培训费|发票|报名|视频|直播|回放|请假|退费|退款|学习|公需|专业科目|证书/],
];

export function topicContacts(canonical: string): Array<Contact['id']> {
  for (const [id, re] of TOPICS) if (re.test(canonical)) return [id];
  return [];
}
