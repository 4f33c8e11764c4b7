import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Mention, ReplyButton } from '../../core/chat/types.ts';

/**
 * Core replies → Telegram HTML. Everything the core wrote is text, so it is escaped; markdown
 * replies (CommonMark subset, literal characters backslash-escaped by the core) become HTML tags;
 * `@name` (or the name) of a mentioned user becomes a tg://user?id= link, so any name is delivered as written.
 */

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function mentionLink(m: Mention): string {
  const name = escapeHtml(m.name || m.userId);
  return /^\d+$/.test(m.userId) ? `<a href="tg://user?id=${m.userId}">${name}</a>` : name;
}

// Private-use characters as placeholders: they survive escaping and markdown untouched.
const PH_OPEN = '\uE000';
const PH_CLOSE = '\uE001';
const placeholder = (i: number) => `${PH_OPEN}${i}${PH_CLOSE}`;

/** Telegram counts at most 4096 characters after parsing; stay well below so tags never push us over. */
export const CHUNK_CHARS = 3500;

export interface RenderInput {
  format: 'text' | 'markdown';
  text: string;
  mentions?: Mention[];
}

/**
 * Render one reply; returns one HTML string per message (long replies are split at line ends).
 * Mentions whose `@name` does not appear in the text are put in front of the first message.
 */
export function renderHtml(r: RenderInput): string[] {
  const mentions = r.mentions ?? [];
  let text = r.text;
  const unplaced: number[] = [];
  mentions.forEach((m, i) => {
    // "@name" becomes the link; failing that the name itself ("欢迎 张三 加入"); failing that, a prefix.
    for (const needle of m.name ? [`@${m.name}`, m.name] : []) {
      const pos = text.indexOf(needle);
      if (pos >= 0) {
        text = text.slice(0, pos) + placeholder(i) + text.slice(pos + needle.length);
        return;
      }
    }
    unplaced.push(i);
  });
  const chunks = splitLines(text, CHUNK_CHARS).map((chunk) => {
    const html = r.format === 'markdown' ? markdownToHtml(chunk) : escapeHtml(chunk);
    return html.replace(new RegExp(`${PH_OPEN}(\\d+)${PH_CLOSE}`, 'g'), (_, i: string) => mentionLink(mentions[Number(i)]));
  });
  if (unplaced.length) chunks[0] = `${unplaced.map((i) => mentionLink(mentions[i])).join(' ')} ${chunks[0]}`;
  return chunks;
}

/** Split at line boundaries into pieces of at most `max` characters (a longer line is cut). */
export function splitLines(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    let l = line;
    while (l.length > max) {
      if (cur) out.push(cur), (cur = '');
      out.push(l.slice(0, max));
      l = l.slice(max);
    }
    if (cur && cur.length + 1 + l.length > max) out.push(cur), (cur = '');
    cur = cur ? `${cur}\n${l}` : l;
  }
  if (cur) out.push(cur);
  return out;
}

/** The markdown the core writes for DingTalk: headings, **bold**, `code`, [links](url), lists, quotes. */
export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length) out.push(`<blockquote>${quote.join('\n')}</blockquote>`);
    quote = [];
  };
  for (const line of md.split('\n')) {
    const q = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (q) {
      quote.push(inline(q[1]));
      continue;
    }
    flushQuote();
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    const li = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (h) out.push(`<b>${inline(h[1])}</b>`);
    else if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) out.push('——————');
    else if (li) out.push(`${li[1]}• ${inline(li[2])}`);
    else out.push(inline(line));
  }
  flushQuote();
  return out.join('\n');
}

const INLINE = /\\([!-/:-@[-`{-~])|`([^`]+)`|\*\*(.+?)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(s: string, inBold = false): string {
  let out = '';
  let last = 0;
  for (const m of s.matchAll(INLINE)) {
    out += escapeHtml(s.slice(last, m.index));
    last = m.index! + m[0].length;
    if (m[1] !== undefined) out += escapeHtml(m[1]);
    else if (m[2] !== undefined) out += `<code>${escapeHtml(m[2])}</code>`;
    else if (m[3] !== undefined) out += inBold ? inline(m[3], true) : `<b>${inline(m[3], true)}</b>`;
    else if (/^(https?|tg):\/\//.test(m[5])) out += `<a href="${escapeHtml(m[5])}">${inline(m[4], inBold)}</a>`;
    else out += `${inline(m[4], inBold)} (${escapeHtml(m[5])})`;
  }
  return out + escapeHtml(s.slice(last));
}

/** Buttons as an inline keyboard; a press comes back as a callback query carrying the command. */
export function keyboard(buttons: ReplyButton[] | undefined): InlineKeyboardMarkup | undefined {
  // callback_data is limited to 64 bytes; a longer command cannot be a button.
  const usable = (buttons ?? []).filter((b) => Buffer.byteLength(b.command, 'utf8') <= 64);
  if (!usable.length) return undefined;
  const rows: InlineKeyboardMarkup['inline_keyboard'] = [];
  for (let i = 0; i < usable.length; i += 2) rows.push(usable.slice(i, i + 2).map((b) => ({ text: b.label, callback_data: b.command })));
  return { inline_keyboard: rows };
}
