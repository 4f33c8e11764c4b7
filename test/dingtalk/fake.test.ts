import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeDingTalk, TOPIC_ROBOT, type FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { eventually } from './support.ts';

/** A bare client (no SDK) so the fake's own rules can be checked: it acks only when told to. */
async function rawClient(fake: FakeDingTalk, opts: { ack?: boolean; subscriptions?: unknown[] } = {}) {
  const open = await post(fake, '/v1.0/gateway/connections/open', {
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    ua: 'raw',
    subscriptions: opts.subscriptions ?? [{ type: 'CALLBACK', topic: TOPIC_ROBOT }],
  });
  const frames: any[] = [];
  const ws = new WebSocket(`${open.body.endpoint}?ticket=${open.body.ticket}`);
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString());
    frames.push(f);
    if (f.type === 'CALLBACK' && opts.ack) ws.send(JSON.stringify({ code: 200, headers: { messageId: f.headers.messageId, contentType: 'application/json' }, message: 'OK', data: '{}' }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, ticket: open.body.ticket as string, endpoint: open.body.endpoint as string };
}

async function post(fake: FakeDingTalk, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${fake.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('fake DingTalk', () => {
  let fake: FakeDingTalk;
  beforeAll(async () => {
    fake = await startFakeDingTalk({ redeliverAfterMs: 300, maxDeliveries: 3, conversationLimit: { max: 20, windowMs: 60_000 } });
  });
  afterAll(() => fake.close());

  it('refuses the gateway open call with a wrong secret', async () => {
    const r = await post(fake, '/v1.0/gateway/connections/open', { clientId: fake.clientId, clientSecret: 'wrong', subscriptions: [] });
    expect(r.status).toBe(401);
  });

  it('accepts a ticket once: a reused ticket is refused at the handshake', async () => {
    const c = await rawClient(fake);
    const again = new WebSocket(`${c.endpoint}?ticket=${c.ticket}`);
    const err = await new Promise<Error>((resolve) => again.once('error', resolve));
    expect(err.message).toContain('401');
    expect(fake.stream.refusedHandshakes).toBe(1);
    c.ws.terminate();
  });

  it('redelivers an unacked callback after the configured delay, up to maxDeliveries, and stops once acked', async () => {
    const silent = await rawClient(fake, { ack: false });
    const { streamId, msgId } = fake.userSends({ senderNick: '张三', text: '签到' });
    const callbacks = await eventually(() => {
      const got = silent.frames.filter((f) => f.type === 'CALLBACK');
      return got.length === 3 && got;
    }, 'three deliveries');
    expect(fake.stream.deliveries.get(streamId)!.sentTo).toHaveLength(3);
    expect(new Set(callbacks.map((f) => f.headers.messageId))).toEqual(new Set([streamId]));
    expect(new Set(callbacks.map((f) => JSON.parse(f.data).msgId))).toEqual(new Set([msgId]));
    silent.ws.terminate();

    const acking = await rawClient(fake, { ack: true });
    const second = fake.userSends({ senderNick: '李四', text: '签到' });
    const d = await fake.waitForAck(second.streamId);
    expect(d.sentTo).toContain(d.ack!.connectionId);
    acking.ws.terminate();
  });

  it('holds callbacks while no client is connected and delivers them to the next one', async () => {
    await fake.stream.until(() => fake.stream.open().length === 0, 5_000, 'no open connections');
    const { streamId } = fake.userSends({ senderNick: '王五', text: '帮助' });
    expect(fake.stream.deliveries.get(streamId)!.sentTo).toHaveLength(0);
    const c = await rawClient(fake, { ack: true });
    await fake.waitForAck(streamId);
    c.ws.terminate();
  });

  it('delivers only to connections subscribed to the topic, choosing among them at random', async () => {
    const a = await rawClient(fake, { ack: true });
    const b = await rawClient(fake, { ack: true });
    const events = await rawClient(fake, { ack: true, subscriptions: [{ type: 'EVENT', topic: '*' }] });
    const ids = Array.from({ length: 30 }, (_, i) => fake.userSends({ senderNick: `n${i}`, text: 'x' }).streamId);
    await Promise.all(ids.map((id) => fake.waitForAck(id)));
    // Unique ids: under load a slow ack may earn a redelivery, which is not what is counted here.
    const got = (c: { frames: any[] }) => new Set(c.frames.filter((f) => f.type === 'CALLBACK').map((f) => f.headers.messageId)).size;
    const union = new Set([...a.frames, ...b.frames].filter((f) => f.type === 'CALLBACK').map((f) => f.headers.messageId));
    expect(union.size).toBe(30);
    expect(got(a)).toBeGreaterThan(0);
    expect(got(b)).toBeGreaterThan(0);
    expect(got(events)).toBe(0);
    for (const c of [a, b, events]) c.ws.terminate();
  });

  it('answers 130101 past 20 messages a minute to one group, and records every call', async () => {
    const tok = await post(fake, '/v1.0/oauth2/accessToken', { appKey: fake.clientId, appSecret: fake.clientSecret });
    expect(tok.body.expireIn).toBe(7200);
    const send = (i: number) =>
      post(
        fake,
        '/v1.0/robot/groupMessages/send',
        { robotCode: fake.robotCode, openConversationId: 'cidLimit', msgKey: 'sampleText', msgParam: JSON.stringify({ content: `m${i}` }) },
        { 'x-acs-dingtalk-access-token': tok.body.accessToken },
      );
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await send(i));
    expect(results.filter((r) => r.status === 200)).toHaveLength(20);
    expect(results.slice(20).map((r) => r.body.code)).toEqual(Array(5).fill('130101'));
    expect(fake.posted.filter((p) => p.conversationId === 'cidLimit')).toHaveLength(20);
    expect(fake.calls.filter((c) => c.path === '/v1.0/robot/groupMessages/send')).toHaveLength(25);
    const noToken = await post(fake, '/v1.0/robot/groupMessages/send', { robotCode: fake.robotCode, openConversationId: 'x', msgKey: 'sampleText', msgParam: '{"content":"a"}' });
    expect(noToken.status).toBe(401);
  });

  it('answers a session webhook with errcode 300001 once it has expired', async () => {
    const { body } = { body: fake.callbackBody({ senderNick: '赵六', text: 'x', conversationId: 'cidWh' }) };
    const ok = await fetch(body.sessionWebhook, { method: 'POST', body: JSON.stringify({ msgtype: 'text', text: { content: 'hi' }, at: { atUserIds: ['staff-赵六'] } }) });
    expect(await ok.json()).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(fake.posted.at(-1)).toMatchObject({ via: 'webhook', conversationId: 'cidWh', text: 'hi', atUserIds: ['staff-赵六'] });
    fake.expireSessions();
    const gone = await fetch(body.sessionWebhook, { method: 'POST', body: JSON.stringify({ msgtype: 'text', text: { content: 'hi' } }) });
    expect((await gone.json()).errcode).toBe(300001);
  });

  it('batchSend reports encrypted sender ids as invalid staff ids', async () => {
    const tok = await post(fake, '/v1.0/oauth2/accessToken', { appKey: fake.clientId, appSecret: fake.clientSecret });
    const r = await post(
      fake,
      '/v1.0/robot/oToMessages/batchSend',
      { robotCode: fake.robotCode, userIds: ['staff-1', '$:LWCP_v1:$abc'], msgKey: 'sampleText', msgParam: '{"content":"私信"}' },
      { 'x-acs-dingtalk-access-token': tok.body.accessToken },
    );
    expect(r.body.invalidStaffIdList).toEqual(['$:LWCP_v1:$abc']);
    expect(fake.posted.at(-1)).toMatchObject({ via: 'batchSend', userIds: ['staff-1'], text: '私信' });
  });
});
