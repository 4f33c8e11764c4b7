import { chineseDate, chineseFullDate } from '../../time.ts';

/** Texts of policy answers. Facts come from the campaign's knowledge entries, never from here. */
export const policy = {
  notCovered: '通知中没有涉及这个问题，我不能替您猜测。',
  emptyQuestion: '请直接输入您的问题，例如“副高级培训费多少”“纸质材料哪天截止”。',
  askContact: (name: string, topic: string, phones: string[]) => `${topic}咨询：${name}（${phones.join('、')}）`,
  yourLevel: (level: string) => `您的级别（${level}）`,
  otherLevels: '各级别标准',
  source: (section: string, quote: string) => `依据：《通知》${section}：“${quote}”`,
  today: (date: string) => chineseFullDate(date),
  windowUpcoming: (title: string, start: string, end: string, today: string, days: number) =>
    `${title}：${chineseDate(start)}开始，${chineseDate(end)}24:00截止；今天是${chineseFullDate(today)}（北京时间），距开始还有${days}天。`,
  windowOpen: (title: string, end: string, today: string, days: number) =>
    days === 0
      ? `${title}：今天（${chineseFullDate(today)}）是最后一天，今晚24:00（北京时间）截止。`
      : `${title}：正在进行，${chineseDate(end)}24:00截止；今天是${chineseFullDate(today)}（北京时间），距截止还有${days}天。`,
  windowClosed: (title: string, end: string, today: string) =>
    `${title}：已于${chineseFullDate(end)}24:00截止（今天是${chineseFullDate(today)}，北京时间）。`,
  /** Markers for the parts of a multi-part answer. */
  bullet: '▪ ',
};

/** Texts of `cebot ask`. */
export const policyCli = {
  usage: '用法：cebot ask [--json] [--level 初级|中级|副高级] [--now 时间] "问题"；不带问题时从标准输入逐行读取问题，每行输出一个 JSON。',
  badLevel: (v: string) => `无法识别的级别：${v}（可用：初级、中级、副高级）`,
  badNow: (v: string) => `无法识别的时间：${v}（例如 2021-10-01T10:00:00+08:00）`,
  badOption: (msg: string) => `参数有误：${msg}`,
};
