import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, keyboard, markdownToHtml, renderHtml, splitLines } from '../../bot/telegram/render.ts';
import { parseHtml } from '../fakes/telegram/html.ts';

/** Rendering core replies as Telegram HTML, checked by parsing the result the way Telegram does. */
const seen = (html: string) => parseHtml(html, () => undefined);

describe('rendering core replies as Telegram HTML', () => {
  it('escapes plain text so nothing in it can become markup', () => {
    const text = '<b>不是粗体</b> & "引号" a>b 5<6 &amp; **星号** _下划线_ [链接](x)';
    const [html] = renderHtml({ format: 'text', text });
    expect(seen(html)).toEqual({ text, entities: [] });
  });

  it('turns the first @name of each mention into a tg://user link, or the bare name, or a prefix', () => {
    const [a] = renderHtml({ format: 'text', text: '@张三 签到成功。@张三 再见', mentions: [{ userId: '42', name: '张三' }] });
    expect(a).toBe('<a href="tg://user?id=42">张三</a> 签到成功。@张三 再见');
    const [b] = renderHtml({ format: 'text', text: '欢迎 张三 加入', mentions: [{ userId: '42', name: '张三' }] });
    expect(b).toBe('欢迎 <a href="tg://user?id=42">张三</a> 加入');
    const [c] = renderHtml({ format: 'text', text: '请改名', mentions: [{ userId: '42', name: '张三' }] });
    expect(c).toBe('<a href="tg://user?id=42">张三</a> 请改名');
    const [d] = renderHtml({ format: 'text', text: '@a<b> hi', mentions: [{ userId: '7', name: 'a<b>' }] });
    expect(seen(d)).toEqual({ text: 'a<b> hi', entities: [{ type: 'text_mention', offset: 0, length: 4, user: { id: 7, is_bot: false, first_name: '' } }] });
  });

  it('renders the markdown the core writes: headings, bold, code, links, lists, quotes, escapes', () => {
    const md = '## 学时\n**公需** 10 / 30\n- 专业 `20`\n> 引用 1\n> 引用 2\n[平台](https://www.xjzcsq.com) [坏链接](javascript:alert(1))\n\\*不是粗体\\* 3\\<4';
    const html = markdownToHtml(md);
    const r = seen(html);
    expect(r.text).toBe('学时\n公需 10 / 30\n• 专业 20\n引用 1\n引用 2\n平台 坏链接 (javascript:alert(1))\n*不是粗体* 3<4');
    expect(r.entities.map((e) => e.type)).toEqual(['bold', 'bold', 'code', 'blockquote', 'text_link']);
    expect(r.entities.find((e) => e.type === 'text_link')?.url).toBe('https://www.xjzcsq.com');
  });

  it('splits a long reply at line ends into messages Telegram accepts', () => {
    const line = '公需科目：10 / 30 学时 <&>';
    const text = Array.from({ length: 400 }, (_, i) => `${i} ${line}`).join('\n');
    const parts = renderHtml({ format: 'text', text });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(seen(p).text.length).toBeLessThanOrEqual(4096);
    expect(parts.map((p) => seen(p).text).join('\n')).toBe(text);
    expect(splitLines('x'.repeat(CHUNK_CHARS * 2 + 1), CHUNK_CHARS).map((p) => p.length)).toEqual([CHUNK_CHARS, CHUNK_CHARS, 1]);
  });

  it('makes buttons an inline keyboard, leaving out commands too long for callback data', () => {
    expect(keyboard([{ label: '签到', command: '签到' }, { label: '学时', command: '我的学时' }, { label: '长', command: '很'.repeat(30) }])).toEqual({
      inline_keyboard: [[{ text: '签到', callback_data: '签到' }, { text: '学时', callback_data: '我的学时' }]],
    });
    expect(keyboard([])).toBeUndefined();
  });
});
