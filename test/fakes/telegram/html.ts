/**
 * Parses a Bot API `parse_mode: 'HTML'` text into plain text + entities, the way Telegram does,
 * so tests see what a user would see. Deliberately strict: every `<`, `>` and `&` that is not part
 * of a supported tag or entity is an error, which catches escaping bugs real Telegram might forgive.
 */
export interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  user?: { id: number; is_bot: boolean; first_name: string };
  language?: string;
}

export class EntityParseError extends Error {}

const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function byteOffset(s: string, i: number): number {
  return Buffer.byteLength(s.slice(0, i), 'utf8');
}

function decodeEntity(src: string, i: number): { ch: string; end: number } | undefined {
  const m = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(src.slice(i, i + 12));
  if (!m) return undefined;
  const body = m[1];
  let ch: string | undefined;
  if (body.startsWith('#x')) ch = String.fromCodePoint(parseInt(body.slice(2), 16));
  else if (body.startsWith('#')) ch = String.fromCodePoint(parseInt(body.slice(1), 10));
  else ch = NAMED[body];
  return ch === undefined ? undefined : { ch, end: i + m[0].length };
}

function parseAttrs(raw: string, at: number, src: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /\s*([a-zA-Z-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/y;
  let pos = 0;
  while (pos < raw.length) {
    if (/^\s*$/.test(raw.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(raw);
    if (!m) throw new EntityParseError(`Bad Request: can't parse entities: Expected equal sign in declaration of an attribute of a start tag at byte offset ${byteOffset(src, at)}`);
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    attrs[m[1].toLowerCase()] = value.replace(/&(lt|gt|amp|quot);/g, (_, n: string) => NAMED[n]);
    pos = re.lastIndex;
  }
  return attrs;
}

export function parseHtml(src: string, users: (id: number) => { first_name: string } | undefined): { text: string; entities: Entity[] } {
  let text = '';
  const entities: Entity[] = [];
  const stack: Array<{ name: string; entity: Entity | undefined; start: number }> = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === '<') {
      const close = src.indexOf('>', i);
      if (close < 0) throw new EntityParseError(`Bad Request: can't parse entities: Unclosed start tag at byte offset ${byteOffset(src, i)}`);
      const inner = src.slice(i + 1, close);
      if (inner.startsWith('/')) {
        const name = inner.slice(1).trim().toLowerCase();
        const top = stack.pop();
        if (!top || top.name !== name)
          throw new EntityParseError(`Bad Request: can't parse entities: Unmatched end tag at byte offset ${byteOffset(src, i)}, expected "</${top?.name ?? ''}>", found "</${name}>"`);
        if (top.entity) {
          top.entity.length = text.length - top.start;
          if (top.entity.length > 0) entities.push(top.entity);
        }
      } else {
        const m = /^([a-zA-Z][a-zA-Z0-9-]*)([\s\S]*)$/.exec(inner);
        const name = m?.[1].toLowerCase();
        if (!m || !name || !(name in TAGS))
          throw new EntityParseError(`Bad Request: can't parse entities: Unsupported start tag "${name ?? inner}" at byte offset ${byteOffset(src, i)}`);
        const attrs = parseAttrs(m[2], i, src);
        let entity: Entity | undefined = { type: TAGS[name], offset: text.length, length: 0 };
        if (name === 'span' && attrs.class !== 'tg-spoiler')
          throw new EntityParseError(`Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, i)}`);
        if (name === 'a') {
          const href = attrs.href ?? '';
          const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
          if (mention) {
            const id = Number(mention[1]);
            entity = { ...entity, type: 'text_mention', user: { id, is_bot: false, first_name: users(id)?.first_name ?? '' } };
          } else if (/^(https?|tg):\/\//.test(href)) entity = { ...entity, url: href };
          else entity = undefined; // Telegram drops links it cannot use and keeps the text
        }
        if (name === 'code' && stack.at(-1)?.name === 'pre') {
          const lang = /^language-(.+)$/.exec(attrs.class ?? '');
          const pre = stack.at(-1)!.entity;
          if (pre && lang) pre.language = lang[1];
          entity = undefined;
        }
        stack.push({ name, entity, start: text.length });
      }
      i = close + 1;
    } else if (c === '&') {
      const d = decodeEntity(src, i);
      if (!d) throw new EntityParseError(`Bad Request: can't parse entities: unescaped "&" at byte offset ${byteOffset(src, i)} (the fake Bot API is strict)`);
      text += d.ch;
      i = d.end;
    } else if (c === '>') {
      throw new EntityParseError(`Bad Request: can't parse entities: unescaped ">" at byte offset ${byteOffset(src, i)} (the fake Bot API is strict)`);
    } else {
      text += c;
      i++;
    }
  }
  if (stack.length) throw new EntityParseError(`Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${stack.at(-1)!.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}
