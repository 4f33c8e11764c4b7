/**
 * Turning what people type into a command word and arguments. Trainees type on phones:
 * full-width spaces and punctuation, Chinese quotes, a stray ＠mention, a trailing 。 or ！.
 */

const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"', "'": "'", '‘': '’', '《': '》' };
const TRAILING = /[\s。.!！?？~～…,，;；、]+$/u;

/** NFKC turns full-width letters, digits, ＠ and the ideographic space into their ASCII forms. */
export function cleanText(raw: string): string {
  let s = raw.normalize('NFKC').replace(/[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '');
  s = s.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, ' ');
  // Leading @mentions left by platforms that do not strip them ("@培训助手 签到").
  s = s.replace(/^(\s*@\S+\s+)+/u, '');
  return s.trim();
}

/** Split into arguments; a quoted part ("网络 安全 导论") is one argument. */
export function tokenize(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTE_PAIRS[ch];
    if (close) {
      const end = s.indexOf(close, i + 1);
      if (end > i) {
        out.push(s.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < s.length && !/\s/u.test(s[j])) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out.map((t) => t.replace(/^[“”"'‘’「」『』]+|[“”"'‘’「」『』]+$/gu, '')).filter(Boolean);
}

export interface ParsedCommand {
  /** The word as typed (for messages), and its canonical name. */
  word: string;
  name: string;
  args: string[];
  /** Everything after the command word, cleaned (for free-text arguments such as a reminder text). */
  rest: string;
}

export interface CommandWords {
  name: string;
  words: string[];
  slash: string[];
}

/**
 * Recognise a command: `/checkin`, `/checkin@botname`, or a Chinese command word standing alone or
 * followed by a space ("签到", "成绩 张三 85"). "学时要求是多少" is a question, not the 学时 command.
 */
export function parseCommand(raw: string, commands: CommandWords[]): ParsedCommand | null {
  const text = cleanText(raw);
  if (!text) return null;
  const slash = /^\/([a-z_]+)(?:@\w+)?(?:\s+|$)/i.exec(text);
  if (slash) {
    const cmd = commands.find((c) => c.slash.includes(slash[1].toLowerCase()));
    if (!cmd) return null;
    const rest = text.slice(slash[0].length).replace(TRAILING, '').trim();
    return { word: `/${slash[1]}`, name: cmd.name, args: tokenize(rest), rest };
  }
  const body = text.replace(TRAILING, '');
  let best: { cmd: CommandWords; word: string } | null = null;
  for (const cmd of commands)
    for (const w of cmd.words)
      if ((body === w || body.startsWith(w + ' ')) && (!best || w.length > best.word.length)) best = { cmd, word: w };
  if (!best) return null;
  const rest = body.slice(best.word.length).trim();
  return { word: best.word, name: best.cmd.name, args: tokenize(rest), rest };
}
