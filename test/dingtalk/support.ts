import type { ChatEngine, IncomingMessage, Reply } from '../../core/chat/types.ts';
import type { FailedMessage, FailedMessageStore } from '../../core/ports.ts';
import { loadConfig } from '../../bot/config.ts';
import { type DingTalkAdapter, type DingTalkTuning, startDingTalk } from '../../bot/dingtalk/start.ts';
import type { FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { memoryLogger } from '../outbound/memory-log.ts';

/**
 * A small real ChatEngine for adapter tests: it records what it is given, can be held up on
 * purpose, answers by a script, and answers a messageId only once (as the core does).
 */
export class ScriptEngine implements ChatEngine {
  readonly seen: IncomingMessage[] = [];
  private answered = new Set<string>();
  private gate?: { promise: Promise<void>; open: () => void };

  constructor(private script: (m: IncomingMessage) => Reply[] = (m) => [{ target: 'group', format: 'text', text: `收到：${m.text}` }]) {}

  /** Hold every handle() until release() is called. */
  hold(): void {
    let open = () => {};
    const promise = new Promise<void>((r) => (open = r));
    this.gate = { promise, open };
  }

  release(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  setScript(s: (m: IncomingMessage) => Reply[]): void {
    this.script = s;
  }

  async handle(m: IncomingMessage): Promise<Reply[]> {
    this.seen.push(m);
    if (this.gate) await this.gate.promise;
    if (this.answered.has(m.messageId)) return [];
    this.answered.add(m.messageId);
    return this.script(m);
  }
}

/** Failed messages kept in memory (the database-backed store is exercised in the outbound and e2e tests). */
export function memoryFailedStore(): FailedMessageStore & { rows: FailedMessage[] } {
  const rows: FailedMessage[] = [];
  return {
    rows,
    record: async (f) => void rows.push(f),
    list: async () => rows.map((r, i) => ({ ...r, id: i + 1 })),
  };
}

/** Fast settings for tests: short backoffs and no SDK keepalive timer. */
export const fastTuning: DingTalkTuning = {
  retry: { baseMs: 20, factor: 2, capMs: 400, maxAttempts: 8 },
  reconnect: { baseMs: 20, factor: 2, capMs: 400, stableMs: 60_000 },
  keepAlive: false,
  shutdownGraceMs: 2_000,
};

export async function startAdapter(fake: FakeDingTalk, engine: ChatEngine, tuning: DingTalkTuning = {}, failed = memoryFailedStore()) {
  const log = memoryLogger();
  const config = loadConfig({ ...fake.env(), LOG_LEVEL: 'silent' });
  const adapter: DingTalkAdapter = await startDingTalk({ config, engine, failed, log, tuning: { ...fastTuning, ...tuning } });
  await adapter.ready();
  return { adapter, log, failed, config };
}

/** Wait until `pred` returns something truthy (polling; the wait is not an assertion on time). */
export async function eventually<T>(pred: () => T | undefined | null | false, what = 'condition', timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = pred();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
