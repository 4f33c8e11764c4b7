import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../fakes/telegram/server.ts';
import { parseHtml } from '../fakes/telegram/html.ts';
import { TOKEN } from './support.ts';

/** The fake must behave like the Bot API where our adapter depends on it, or the adapter tests prove nothing. */
describe('fake Telegram Bot API', () => {
  let fake: FakeTelegram;
  const call = async (method: string, body: Record<string, unknown> = {}, token = TOKEN) => {
    const r = await fetch(`${fake.apiRoot}/bot${token}/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as any };
  };

  beforeEach(async () => {
    fake = new FakeTelegram({ token: TOKEN });
    await fake.listen();
    fake.addGroup({ id: -1001, title: '初级培训群' });
    fake.addUser({ id: 7, first_name: '张', last_name: '三' });
  });
  afterEach(() => fake.close());

  it('rejects a wrong token and unknown methods like Telegram', async () => {
    expect(await call('getMe', {}, '1:wrong')).toMatchObject({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    expect(await call('nope')).toMatchObject({ status: 404, body: { ok: false, error_code: 404 } });
    expect((await call('getMe')).body.result).toMatchObject({ id: 123456, is_bot: true, username: 'ce_test_bot' });
  });

  it('holds a long poll open until an update arrives, and confirms updates by offset', async () => {
    const poll = call('getUpdates', { timeout: 20 });
    await fake.waitFor(() => fake.calls.length === 0 && (fake as any).pollers.length === 1, 'the poll to be parked');
    const u = fake.textMessage(-1001, 7, '签到');
    const first = await poll;
    expect(first.body.result.map((x: any) => x.update_id)).toEqual([u.update_id]);
    // Not confirmed yet: asked again without an offset, it is still there.
    expect((await call('getUpdates', { timeout: 0 })).body.result).toHaveLength(1);
    expect((await call('getUpdates', { timeout: 0, offset: u.update_id + 1 })).body.result).toHaveLength(0);
    expect(fake.pendingUpdates()).toBe(0);
  });

  it('answers an empty list when the long poll times out', async () => {
    expect((await call('getUpdates', { timeout: 1 })).body).toEqual({ ok: true, result: [] });
  });

  it('withholds chat_member unless allowed_updates asks for it, and remembers the setting', async () => {
    fake.join(-1001, 7);
    const dflt = await call('getUpdates', { timeout: 0 });
    expect(dflt.body.result.map((u: any) => Object.keys(u).find((k) => k !== 'update_id'))).toEqual(['message']);
    fake.join(-1001, 7);
    const asked = await call('getUpdates', { timeout: 0, offset: dflt.body.result[0].update_id + 1, allowed_updates: ['message', 'chat_member'] });
    expect(asked.body.result.map((u: any) => Object.keys(u).find((k) => k !== 'update_id'))).toEqual(['message', 'chat_member']);
    fake.join(-1001, 7, { serviceMessage: false });
    const remembered = await call('getUpdates', { timeout: 0, offset: asked.body.result[1].update_id + 1 });
    expect(remembered.body.result).toHaveLength(1);
  });

  it('terminates an older long poll when a second one starts (two bot instances)', async () => {
    const older = call('getUpdates', { timeout: 20 });
    await fake.waitFor(() => (fake as any).pollers.length === 1, 'the first poll');
    const newer = call('getUpdates', { timeout: 0 });
    expect((await older).body).toMatchObject({ ok: false, error_code: 409 });
    expect((await newer).body.ok).toBe(true);
  });

  it('refuses getUpdates while a webhook is set, until it is deleted', async () => {
    expect((await call('setWebhook', { url: 'http://127.0.0.1:9/hook', secret_token: 's3cret', allowed_updates: ['message'] })).body).toMatchObject({ ok: true, result: true });
    expect((await call('getWebhookInfo')).body.result).toMatchObject({ url: 'http://127.0.0.1:9/hook', allowed_updates: ['message'] });
    expect((await call('getUpdates')).body).toMatchObject({ ok: false, error_code: 409 });
    await call('deleteWebhook');
    expect((await call('getUpdates')).body.ok).toBe(true);
  });

  it('refuses to write first to a user who never started the bot, and to one who blocked it', async () => {
    expect((await call('sendMessage', { chat_id: 7, text: 'hi' })).body).toEqual({ ok: false, error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" });
    fake.startPrivate(7);
    expect((await call('sendMessage', { chat_id: 7, text: 'hi' })).body.ok).toBe(true);
    fake.blockBot(7);
    expect((await call('sendMessage', { chat_id: 7, text: 'hi' })).body.description).toBe('Forbidden: bot was blocked by the user');
    expect((await call('sendMessage', { chat_id: -999, text: 'hi' })).body.description).toBe('Bad Request: chat not found');
  });

  it('injects faults for the next matching calls only', async () => {
    fake.failNext('sendMessage', { error_code: 429, retry_after: 3 });
    fake.failNext('sendMessage', { error_code: 502, raw: '<html>Bad Gateway</html>' });
    const limited = await call('sendMessage', { chat_id: -1001, text: 'a' });
    expect(limited).toMatchObject({ status: 429, body: { error_code: 429, parameters: { retry_after: 3 }, description: 'Too Many Requests: retry after 3' } });
    const r = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"chat_id":-1001,"text":"b"}' });
    expect(r.status).toBe(502);
    expect(await r.text()).toContain('Bad Gateway');
    expect((await call('sendMessage', { chat_id: -1001, text: 'c' })).body.ok).toBe(true);
    expect(fake.sent.map((m) => m.text)).toEqual(['c']);
  });

  it('enforces a per-group limit when asked to, answering 429 with retry_after', async () => {
    await fake.close();
    fake = new FakeTelegram({ token: TOKEN, groupLimit: { count: 2, windowMs: 60_000 } });
    await fake.listen();
    fake.addGroup({ id: -1001, title: 'g' });
    await call('sendMessage', { chat_id: -1001, text: '1' });
    await call('sendMessage', { chat_id: -1001, text: '2' });
    const third = await call('sendMessage', { chat_id: -1001, text: '3' });
    expect(third.body).toMatchObject({ ok: false, error_code: 429 });
    expect(third.body.parameters.retry_after).toBeGreaterThan(0);
  });

  it('reports members with their status and tag, and lists the admins', async () => {
    fake.addUser({ id: 8, first_name: 'Admin' });
    fake.setMember(-1001, 7, 'member', { tag: '张三-网信办' });
    fake.setMember(-1001, 8, 'administrator');
    expect((await call('getChatMember', { chat_id: -1001, user_id: 7 })).body.result).toMatchObject({ status: 'member', tag: '张三-网信办' });
    expect((await call('getChatAdministrators', { chat_id: -1001 })).body.result.map((m: any) => m.user.id)).toEqual([8]);
  });

  it('delivers pushed updates to the webhook with the secret header, retrying a non-2xx answer', async () => {
    const { createServer } = await import('node:http');
    const seen: Array<{ secret: unknown; body: string }> = [];
    let answer = 500;
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ secret: req.headers['x-telegram-bot-api-secret-token'], body });
        res.statusCode = answer;
        answer = 200;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const port = (hook.address() as { port: number }).port;
    try {
      await call('setWebhook', { url: `http://127.0.0.1:${port}/tg`, secret_token: 'abc_DEF-1' });
      const u = fake.textMessage(-1001, 7, '/checkin');
      await fake.waitFor(() => fake.webhookDeliveries.some((d) => d.status === 200), 'a successful delivery');
      expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([500, 200]);
      expect(seen.map((s) => s.secret)).toEqual(['abc_DEF-1', 'abc_DEF-1']);
      expect(JSON.parse(seen[1].body).update_id).toBe(u.update_id);
      expect((await call('getWebhookInfo')).body.result).toMatchObject({ pending_update_count: 0, last_error_message: 'Wrong response from the webhook: 500' });
    } finally {
      hook.closeAllConnections();
      await new Promise((r) => hook.close(r));
    }
  });
});

describe('fake HTML parse mode', () => {
  const users = (id: number) => (id === 7 ? { first_name: '张三' } : undefined);

  it('turns tags into entities with UTF-16 offsets, and tg://user links into text mentions', () => {
    const r = parseHtml('👋 <b>粗体</b> &lt;&amp;&gt;&quot; <a href="tg://user?id=7">张&amp;三</a>', users);
    expect(r.text).toBe('👋 粗体 <&>" 张&三');
    expect(r.entities).toEqual([
      { type: 'bold', offset: 3, length: 2 },
      { type: 'text_mention', offset: 11, length: 3, user: { id: 7, is_bot: false, first_name: '张三' } },
    ]);
  });

  it('rejects what Telegram cannot parse', () => {
    expect(() => parseHtml('a < b', users)).toThrow(/Unclosed start tag/);
    expect(() => parseHtml('a <c> b', users)).toThrow(/Unsupported start tag "c"/);
    expect(() => parseHtml('<b>x', users)).toThrow(/Can't find end tag/);
    expect(() => parseHtml('<b>x</i>', users)).toThrow(/Unmatched end tag/);
    expect(() => parseHtml('R&D', users)).toThrow(/unescaped "&"/);
    expect(() => parseHtml('a > b', users)).toThrow(/unescaped ">"/);
    expect(() => parseHtml('<span>x</span>', users)).toThrow(/tg-spoiler/);
  });
});
