import type { DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from '../../core/ports.ts';
import { type BackoffPolicy, backoffDelay } from '../outbound/backoff.ts';
import { type Timers, realTimers, sleep } from '../outbound/timers.ts';
import { TOPIC_ROBOT } from './callback.ts';
import { GatewayClient } from './gateway-client.ts';

export interface ConnectionStatus {
  connected: boolean;
  /** When the current connection opened (ISO), or when the last one closed while down. */
  since?: string;
  /** Connections re-established after a drop or a failed attempt. */
  reconnects: number;
}

export interface ReconnectPolicy extends BackoffPolicy {
  /** A connection that lasted this long resets the backoff. */
  stableMs: number;
}

const HANDSHAKE_TIMEOUT_MS = 15_000;

export const defaultReconnect: ReconnectPolicy = { baseMs: 1_000, factor: 2, capMs: 60_000, stableMs: 30_000 };

export interface StreamConnectionOptions {
  gatewayUrl: string;
  clientId: string;
  clientSecret: string;
  onCallback(frame: DWClientDownStream, client: GatewayClient): void;
  log: Logger;
  reconnect?: Partial<ReconnectPolicy>;
  timers?: Timers;
  random?: () => number;
  /** SDK-side websocket ping every 8 s, terminating a dead connection (default on). */
  keepAlive?: boolean;
}

/**
 * Keeps one Stream-mode connection up: open, wait for it to close, reconnect after an
 * exponential, jittered, capped delay. A SYSTEM "disconnect" (the platform redeploying) is not
 * a failure: the next connection opens at once.
 */
export class StreamConnection {
  readonly client: GatewayClient;
  private connected = false;
  private since?: Date;
  private reconnects = 0;
  private everConnected = false;
  private stopped = false;
  private serverAsked = false;
  private abort = new AbortController();
  private loopDone?: Promise<void>;
  private readonly policy: ReconnectPolicy;
  private readonly timers: Timers;
  private readonly random: () => number;
  /** Delays chosen before each reconnect attempt (for status and tests). */
  readonly delays: number[] = [];
  private firstOpen: { promise: Promise<void>; resolve: () => void };

  constructor(private readonly o: StreamConnectionOptions) {
    this.policy = { ...defaultReconnect, ...o.reconnect };
    this.timers = o.timers ?? realTimers;
    this.random = o.random ?? Math.random;
    this.client = new GatewayClient(o.gatewayUrl, { clientId: o.clientId, clientSecret: o.clientSecret, keepAlive: o.keepAlive ?? true });
    this.client.registerCallbackListener(TOPIC_ROBOT, (frame) => o.onCallback(frame, this.client));
    this.client.onServerDisconnect = () => {
      this.serverAsked = true;
      o.log.info({}, 'dingtalk stream: server announced disconnect, reconnecting');
      this.client.currentSocket?.close(1000, 'server disconnect');
    };
    let resolve = () => {};
    const promise = new Promise<void>((r) => (resolve = r));
    this.firstOpen = { promise, resolve };
  }

  start(): void {
    this.loopDone ??= this.loop();
  }

  /** Resolves when the first connection is open. */
  opened(): Promise<void> {
    return this.firstOpen.promise;
  }

  status(): ConnectionStatus {
    return { connected: this.connected, ...(this.since ? { since: this.since.toISOString() } : {}), reconnects: this.reconnects };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    const socket = this.client.currentSocket;
    const closed = socket && socket.readyState <= 1 ? new Promise<void>((r) => socket.once('close', () => r())) : Promise.resolve();
    this.client.disconnect();
    this.client.clearHeartbeat();
    // A peer that never answers the close handshake does not hold up shutdown.
    const killer = setTimeout(() => socket?.terminate(), 2_000);
    await closed;
    clearTimeout(killer);
    await this.loopDone;
  }

  /** The SDK sets no handshake timeout: a gateway that accepts TCP and then stalls would hang us. */
  private async connectWithin(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.client.currentSocket?.terminate();
        reject(new Error(`websocket handshake timed out after ${ms} ms`));
      }, ms);
    });
    try {
      await Promise.race([this.client._connect(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let openedAt: number | undefined;
      let failure: string | undefined;
      let closed: { code: number; reason: string } | undefined;
      try {
        this.client.clearHeartbeat();
        await this.client.getEndpoint();
        if (this.stopped) break;
        await this.connectWithin(HANDSHAKE_TIMEOUT_MS);
        const socket = this.client.currentSocket!;
        const closing = new Promise<{ code: number; reason: string }>((resolve) => {
          if (socket.readyState >= 2) resolve({ code: 1006, reason: 'closed before open completed' });
          socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
        });
        openedAt = this.timers.now();
        if (this.everConnected || failures > 0) this.reconnects++;
        this.everConnected = true;
        this.connected = true;
        this.since = new Date();
        this.o.log.info({ reconnects: this.reconnects }, 'dingtalk stream connected');
        this.firstOpen.resolve();
        if (this.stopped) socket.close();
        closed = await closing;
        this.connected = false;
        this.since = new Date();
      } catch (err) {
        this.connected = false;
        failure = err instanceof Error ? err.message : String(err);
      }
      if (this.stopped) break;
      if (openedAt !== undefined && this.timers.now() - openedAt >= this.policy.stableMs) failures = 0;
      let delay: number;
      if (this.serverAsked) {
        // A planned disconnect: come back at once (a little jitter so a fleet does not stampede).
        this.serverAsked = false;
        failures = 0;
        delay = Math.round(this.random() * Math.min(1_000, this.policy.baseMs));
      } else {
        failures++;
        delay = backoffDelay(failures, this.policy, this.random);
      }
      this.delays.push(delay);
      if (closed)
        this.o.log.warn({ code: closed.code, reason: closed.reason, lastedMs: this.timers.now() - openedAt!, retryInMs: delay }, 'dingtalk stream disconnected');
      else this.o.log.warn({ err: failure, failures, retryInMs: delay }, 'dingtalk stream connect failed');
      await sleep(this.timers, delay, this.abort.signal);
    }
    this.connected = false;
    this.client.clearHeartbeat();
  }
}
