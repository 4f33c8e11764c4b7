import type { Mention, Reply } from '../../core/chat/types.ts';
import { dingtalk as t } from '../../core/locales/zh-CN/dingtalk.ts';

/** One DingTalk message ready to post. */
export interface DingMessage {
  msgtype: 'text' | 'markdown';
  title?: string;
  text: string;
  /** Staff ids to @ (session webhook only; the OpenAPI group send has no @). */
  atUserIds: string[];
}

export type Renderable = Pick<Reply, 'format' | 'title' | 'text' | 'mentions' | 'buttons'>;

/** msgParam is capped at 15 000 bytes; Chinese is 3 bytes a character in UTF-8. */
export const CHUNK_CHARS = 3000;

/** Encrypted sender ids ($:LWCP_v1:$…) of people outside the organisation cannot be @-ed by id. */
const atable = (m: Mention) => Boolean(m.userId) && !m.userId.startsWith('$:');

/**
 * Render a core reply. With `realAt` (session webhook) each `@昵称` the core wrote becomes
 * `@staffId` plus an `at.atUserIds` entry, which DingTalk shows as a real @ that notifies; without
 * it (OpenAPI send) the `@昵称` text stays as written. Mentions missing from the text go in front.
 */
export function renderReply(r: Renderable, realAt: boolean): DingMessage[] {
  let text = r.text;
  const atUserIds: string[] = [];
  const front: string[] = [];
  for (const m of r.mentions ?? []) {
    const label = `@${m.name}`;
    const useId = realAt && atable(m);
    const pos = m.name ? text.indexOf(label) : -1;
    if (useId) {
      if (pos >= 0) text = text.slice(0, pos) + `@${m.userId}` + text.slice(pos + label.length);
      else front.push(`@${m.userId}`);
      if (!atUserIds.includes(m.userId)) atUserIds.push(m.userId);
    } else if (pos < 0 && m.name) front.push(label);
  }
  if (front.length) text = `${front.join(' ')} ${text}`;
  if (r.buttons?.length) text = `${text}\n${t.buttonsHint(r.buttons.map((b) => b.command))}`;
  const title = r.title ?? firstLine(r.text);
  return splitLines(text, CHUNK_CHARS).map((chunk, i) => ({
    msgtype: r.format,
    ...(r.format === 'markdown' ? { title } : {}),
    text: chunk,
    atUserIds: i === 0 ? atUserIds : [],
  }));
}

function firstLine(s: string): string {
  const line = s.split('\n').find((l) => l.trim())?.replace(/[#*>`_]/g, '').trim() ?? '';
  return line ? line.slice(0, 30) : t.defaultTitle;
}

/** Body for a session webhook POST. */
export function webhookBody(m: DingMessage) {
  const at = { atUserIds: m.atUserIds, isAtAll: false };
  return m.msgtype === 'markdown'
    ? { msgtype: 'markdown', markdown: { title: m.title ?? t.defaultTitle, text: m.text }, at }
    : { msgtype: 'text', text: { content: m.text }, at };
}

/** msgKey/msgParam for the robot OpenAPI (group send, batch send). */
export function sampleOf(m: DingMessage): { msgKey: string; msgParam: string } {
  return m.msgtype === 'markdown'
    ? { msgKey: 'sampleMarkdown', msgParam: JSON.stringify({ title: m.title ?? t.defaultTitle, text: m.text }) }
    : { msgKey: 'sampleText', msgParam: JSON.stringify({ content: m.text }) };
}

/** Split at line ends into pieces of at most `max` characters (a longer line is cut). */
export function splitLines(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur) out.push(cur);
    cur = '';
  };
  for (const line of text.split('\n')) {
    const piece = cur ? `\n${line}` : line;
    if (cur.length + piece.length <= max) {
      cur += piece;
      continue;
    }
    flush();
    for (let i = 0; i < line.length; i += max) {
      const part = line.slice(i, i + max);
      if (part.length === max) out.push(part);
      else cur = part;
    }
  }
  flush();
  return out;
}
