/**
 * DingTalk Stream acks under load: the real dingtalk-stream SDK against the local fake, with a
 * chat engine that takes `handleMs` per message (far slower than the real one). Every callback must
 * be acked long before its handling ends, or DingTalk would redeliver it. Reports ack latency
 * (push → ack frame at the fake) and reply latency (push → message posted) percentiles.
 *
 *   npx tsx bench/dingtalk-ack.ts [callbacks=300] [handleMs=200]
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../bot/config.ts';
import { startDingTalk } from '../bot/dingtalk/start.ts';
import type { ChatEngine } from '../core/chat/types.ts';
import type { Logger } from '../core/ports.ts';
import { startFakeDingTalk } from '../test/fakes/dingtalk/server.ts';
import { type BenchLine, percentile, round, rssMb } from './support.ts';

export async function benchDingTalkAck(opts: { callbacks?: number; handleMs?: number } = {}): Promise<BenchLine> {
  const callbacks = opts.callbacks || 300;
  const handleMs = opts.handleMs || 200;
  const groups = 3;
  // Budgets opened up: this measures the adapter, not the platform's 20-a-minute rule.
  const wide = { max: 100_000, windowMs: 60_000 };
  const fake = await startFakeDingTalk({ conversationLimit: wide });
  const engine: ChatEngine = {
    async handle(m) {
      await new Promise((r) => setTimeout(r, handleMs));
      return [{ target: 'group', format: 'text', text: `ok ${m.messageId}` }];
    },
  };
  const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} };
  const adapter = await startDingTalk({
    config: loadConfig({ ...fake.env(), LOG_LEVEL: 'silent' }),
    engine,
    failed: { record: async () => {}, list: async () => [] },
    log: quiet,
    tuning: { conversationBudget: wide, globalBudget: wide, keepAlive: false },
  });
  try {
    await adapter.ready();
    const pushedAt = new Map<string, number>();
    const t0 = performance.now();
    const sent = Array.from({ length: callbacks }, (_, i) => {
      const s = fake.userSends({ conversationId: `cidBench${i % groups}`, senderNick: `学员${i}`, text: '签到' });
      pushedAt.set(s.streamId, Date.now());
      return s;
    });
    await Promise.all(sent.map((s) => fake.waitForAck(s.streamId)));
    const ackDone = performance.now();
    await fake.stream.until(() => fake.posted.length >= callbacks, 600_000, 'all replies');
    const wallMs = performance.now() - t0;
    // The fake stamps acks and posts with Date.now(), like the pushes here.
    const ackLat = sent.map((s) => fake.stream.deliveries.get(s.streamId)!.ackedAt! - pushedAt.get(s.streamId)!).sort((a, b) => a - b);
    const byMsgId = new Map(sent.map((s) => [s.msgId, s.streamId]));
    const replyLat = fake.posted.map((p) => p.at - pushedAt.get(byMsgId.get(p.text.slice(3))!)!);
    replyLat.sort((a, b) => a - b);
    return {
      name: 'dingtalk_ack',
      callbacks,
      groups,
      handleMs,
      ackP50Ms: round(percentile(ackLat, 50)),
      ackP99Ms: round(percentile(ackLat, 99)),
      ackMaxMs: round(ackLat.at(-1) ?? 0),
      allAckedMs: Math.round(ackDone - t0),
      replyP50Ms: Math.round(percentile(replyLat, 50)),
      replyMaxMs: Math.round(replyLat.at(-1) ?? 0),
      wallMs: Math.round(wallMs),
      redeliveries: sent.reduce((n, s) => n + fake.stream.deliveries.get(s.streamId)!.sentTo.length - 1, 0),
      rssMb: rssMb(),
    };
  } finally {
    await adapter.stop();
    await fake.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [callbacks, handleMs] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(await benchDingTalkAck({ callbacks, handleMs })));
}
