import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../core/chat/types.ts';
import { startFakeDingTalk, type FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { ScriptEngine, eventually, startAdapter } from './support.ts';

const say = (text: string): Reply => ({ target: 'group', format: 'text', text });

let fake: FakeDingTalk | undefined;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  await fake?.close();
  fake = undefined;
});

async function withAdapter(f: FakeDingTalk, engine = new ScriptEngine(), tuning = {}) {
  const s = await startAdapter(f, engine, tuning);
  stops.push(() => s.adapter.stop());
  return { ...s, engine };
}

const opens = (f: FakeDingTalk) => f.calls.filter((c) => c.path === '/v1.0/gateway/connections/open').length;

describe('DingTalk connection health', () => {
  it('reconnects after the gateway drops the socket and keeps working; status() tells', async () => {
    fake = await startFakeDingTalk();
    const { adapter, log } = await withAdapter(fake);
    const first = adapter.status().since;
    expect(fake.stream.drop()).toBe(1);
    await eventually(() => adapter.status().reconnects === 1 && adapter.status().connected, 'reconnected');
    expect(adapter.status().since).not.toBe(first);
    expect(fake.stream.open()).toHaveLength(1);
    expect(opens(fake)).toBe(2);
    fake.userSends({ conversationId: 'cidAfter', senderNick: '张三', text: '还在吗' });
    await fake.waitForPosted((p) => p.some((x) => x.conversationId === 'cidAfter'));
    const msgs = log.lines.map((l) => l.msg);
    expect(msgs).toContain('dingtalk stream disconnected');
    expect(msgs.filter((m) => m === 'dingtalk stream connected')).toHaveLength(2);
  });

  it('delivers callbacks pushed while the socket was down once it is back', async () => {
    fake = await startFakeDingTalk();
    const { adapter } = await withAdapter(fake, new ScriptEngine(), { reconnect: { baseMs: 300, factor: 2, capMs: 1_000, stableMs: 60_000 } });
    fake.stream.drop();
    await eventually(() => !adapter.status().connected, 'seen as down');
    const { streamId } = fake.userSends({ conversationId: 'cidGap', senderNick: '李四', text: '签到' });
    await fake.waitForAck(streamId);
    await fake.waitForPosted((p) => p.some((x) => x.conversationId === 'cidGap'));
    expect(adapter.status().connected).toBe(true);
  });

  it('after refused handshakes makes exactly one gateway call per attempt, with growing jittered delays (no reconnect storm)', async () => {
    fake = await startFakeDingTalk();
    fake.stream.refuseNextHandshakes = 4;
    const engine = new ScriptEngine();
    const { adapter, log } = await withAdapter(fake, engine, { random: () => 0.5, reconnect: { baseMs: 40, factor: 2, capMs: 200, stableMs: 60_000 } });
    expect(fake.stream.refusedHandshakes).toBe(4);
    expect(opens(fake)).toBe(5);
    expect(fake.stream.open()).toHaveLength(1);
    // Equal jitter at random()=0.5: 3/4 of 40, 80, 160, then of the 200 cap.
    const waits = log.lines.filter((l) => l.msg === 'dingtalk stream connect failed').map((l) => (l.obj as { retryInMs: number }).retryInMs);
    expect(waits).toEqual([30, 60, 120, 150]);
    expect(adapter.status()).toMatchObject({ connected: true, reconnects: 1 });
    const conn = fake.connections().filter((c) => !c.closedAt);
    expect(conn).toHaveLength(1);
    fake.userSends({ conversationId: 'cidOk', senderNick: '王五', text: '签到' });
    await fake.waitForPosted((p) => p.some((x) => x.conversationId === 'cidOk'));
    // Still a single connection and no extra gateway calls: nothing else was scheduled behind our back.
    expect(opens(fake)).toBe(5);
    expect(fake.stream.open()).toHaveLength(1);
  });

  it('backs off while the gateway refuses to open, then connects', async () => {
    fake = await startFakeDingTalk();
    fake.failNextOpens = 3;
    const { adapter, log } = await withAdapter(fake, new ScriptEngine(), { random: () => 0.5 });
    expect(opens(fake)).toBe(4);
    expect(adapter.status()).toMatchObject({ connected: true, reconnects: 1 });
    const failures = log.lines.filter((l) => l.msg === 'dingtalk stream connect failed');
    expect(failures).toHaveLength(3);
    expect(JSON.stringify(log.lines)).not.toContain(fake.clientSecret);
  });

  it('on a SYSTEM disconnect opens a new connection at once and keeps answering', async () => {
    fake = await startFakeDingTalk({ disconnectGraceMs: 5_000 });
    const { adapter } = await withAdapter(fake, new ScriptEngine(), { reconnect: { baseMs: 60_000, factor: 2, capMs: 60_000, stableMs: 60_000 } });
    const [old] = fake.stream.open();
    fake.stream.disconnect(old);
    // The backoff base is a minute: only the "planned disconnect" path can bring it back this soon.
    await eventually(() => fake!.stream.open().length === 1 && fake!.stream.open()[0] !== old && adapter.status().connected, 'new connection');
    expect(old.closedAt).toBeDefined();
    fake.userSends({ conversationId: 'cidSys', senderNick: '赵六', text: '签到' });
    await fake.waitForPosted((p) => p.some((x) => x.conversationId === 'cidSys'));
  });

  it('echoes the platform ping (the SDK does it on our connection)', async () => {
    fake = await startFakeDingTalk();
    await withAdapter(fake);
    expect(await fake.stream.ping(fake.stream.open()[0])).toBe(true);
  });

  it('stop() closes the socket, reports disconnected, and lets queued replies go out first', async () => {
    fake = await startFakeDingTalk();
    const engine = new ScriptEngine(() => Array.from({ length: 3 }, (_, i) => say(`第${i + 1}条`)));
    const s = await startAdapter(fake, engine);
    engine.hold();
    const { streamId } = fake.userSends({ conversationId: 'cidStop', senderNick: '钱七', text: '帮助' });
    await fake.waitForAck(streamId);
    const stopping = s.adapter.stop();
    engine.release();
    await stopping;
    expect(s.adapter.status().connected).toBe(false);
    await eventually(() => fake!.connections().every((c) => c.closedAt), 'the fake to see the socket closed');
    expect(fake.posted.filter((p) => p.conversationId === 'cidStop').map((p) => p.text)).toEqual(['第1条', '第2条', '第3条']);
    expect(opens(fake)).toBe(1);
  });
});

describe('DingTalk rate limits end to end', () => {
  it('25 replies to one group in a burst: none refused by the platform limit, all delivered in order', async () => {
    // The platform window shortened to 1.5 s for speed; the bot is told the same budget.
    const window = { max: 20, windowMs: 1_500 };
    fake = await startFakeDingTalk({ conversationLimit: window });
    const engine = new ScriptEngine((m) => [say(`回复 ${m.text}`)]);
    await withAdapter(fake, engine, { conversationBudget: window });
    for (let i = 0; i < 25; i++) fake.userSends({ conversationId: 'cidBurst', senderNick: `学员${i}`, text: `${i}` });
    const got = await fake.waitForPosted((p) => p.filter((x) => x.conversationId === 'cidBurst').length === 25, '25 replies');
    expect(fake.rateLimited).toBe(0);
    expect(got.filter((x) => x.conversationId === 'cidBurst').map((x) => x.text)).toEqual(Array.from({ length: 25 }, (_, i) => `回复 ${i}`));
    expect(fake.calls.filter((c) => c.response?.errcode === 130101 || c.response?.code === '130101')).toHaveLength(0);
  });

  it('when the platform refuses with 130101 anyway (another instance used the budget), retries until each message is delivered exactly once', async () => {
    fake = await startFakeDingTalk({ conversationLimit: { max: 5, windowMs: 400 } });
    const engine = new ScriptEngine((m) => [say(`回复 ${m.text}`)]);
    await withAdapter(fake, engine, { conversationBudget: { max: 20, windowMs: 400 }, retry: { baseMs: 100, factor: 2, capMs: 400, maxAttempts: 20 } });
    for (let i = 0; i < 12; i++) fake.userSends({ conversationId: 'cidTight', senderNick: `学员${i}`, text: `${i}` });
    const got = await fake.waitForPosted((p) => p.filter((x) => x.conversationId === 'cidTight').length >= 12, '12 replies');
    expect(fake.rateLimited).toBeGreaterThan(0);
    const texts = got.filter((x) => x.conversationId === 'cidTight').map((x) => x.text);
    expect(texts).toEqual(Array.from({ length: 12 }, (_, i) => `回复 ${i}`));
  });
});
