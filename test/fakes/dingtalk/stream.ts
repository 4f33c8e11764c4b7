import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';

export interface Subscription {
  type: string;
  topic: string;
}

export interface StreamConnection {
  id: string;
  clientId: string;
  subscriptions: Subscription[];
  openedAt: number;
  closedAt?: number;
  socket: WebSocket;
}

export interface Delivery {
  /** Stream-level message id (headers.messageId); the same on every redelivery. */
  messageId: string;
  topic: string;
  data: string;
  /** Connection ids it was written to, in order (redeliveries included). */
  sentTo: string[];
  ackedAt?: number;
  ack?: { code: number; data?: string; connectionId: string };
  timer?: NodeJS.Timeout;
}

export interface StreamOptions {
  appId: string;
  redeliverAfterMs: number;
  maxDeliveries: number;
  random: () => number;
  ticketTtlMs: number;
  disconnectGraceMs: number;
}

/**
 * The Stream-mode half of the fake: tickets from the gateway open call, the WebSocket endpoint,
 * SYSTEM ping/disconnect, CALLBACK frames to a random subscribed connection, acks, and
 * redelivery of callbacks left unacked.
 */
export class FakeStream {
  private wss = new WebSocketServer({ noServer: true });
  private tickets = new Map<string, { clientId: string; subscriptions: Subscription[]; expiresAt: number }>();
  readonly connections: StreamConnection[] = [];
  readonly deliveries = new Map<string, Delivery>();
  /** Frames the clients sent us (acks, ping echoes), for inspection. */
  readonly received: Array<{ connectionId: string; at: number; frame: unknown }> = [];
  /** Handshakes refused (bad or reused ticket), and how many more to refuse on purpose. */
  refusedHandshakes = 0;
  refuseNextHandshakes = 0;
  private waiting: Delivery[] = [];
  private pings = new Map<string, (ok: boolean) => void>();
  private listeners = new Set<() => void>();

  constructor(private opts: StreamOptions) {}

  issueTicket(clientId: string, subscriptions: Subscription[]): string {
    const ticket = randomUUID();
    this.tickets.set(ticket, { clientId, subscriptions, expiresAt: Date.now() + this.opts.ticketTtlMs });
    return ticket;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const ticket = url.searchParams.get('ticket') ?? '';
    const t = this.tickets.get(ticket);
    this.tickets.delete(ticket); // single use
    if (!t || t.expiresAt < Date.now() || this.refuseNextHandshakes > 0) {
      if (this.refuseNextHandshakes > 0) this.refuseNextHandshakes--;
      this.refusedHandshakes++;
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"code":"InvalidTicket"}');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onOpen(ws, t.clientId, t.subscriptions));
  }

  private onOpen(ws: WebSocket, clientId: string, subscriptions: Subscription[]) {
    const conn: StreamConnection = { id: randomUUID(), clientId, subscriptions, openedAt: Date.now(), socket: ws };
    this.connections.push(conn);
    ws.on('message', (raw) => this.onFrame(conn, raw.toString()));
    ws.on('close', () => {
      conn.closedAt = Date.now();
      this.notify();
    });
    ws.on('error', () => {});
    // Callbacks that found no connection wait for the next one (the platform keeps retrying too).
    const pending = this.waiting.splice(0);
    for (const d of pending) this.write(d);
    this.notify();
  }

  private onFrame(conn: StreamConnection, raw: string) {
    let frame: any;
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    this.received.push({ connectionId: conn.id, at: Date.now(), frame });
    const id = frame?.headers?.messageId;
    if (typeof id !== 'string') return;
    const ping = this.pings.get(id);
    if (ping) {
      this.pings.delete(id);
      ping(frame.code === 200);
      return;
    }
    const d = this.deliveries.get(id);
    if (d && !d.ackedAt && frame.code === 200) {
      d.ackedAt = Date.now();
      d.ack = { code: frame.code, data: frame.data, connectionId: conn.id };
      if (d.timer) clearTimeout(d.timer);
      this.notify();
    }
  }

  open(): StreamConnection[] {
    return this.connections.filter((c) => c.socket.readyState === WebSocket.OPEN);
  }

  /** Push a CALLBACK frame; returns the stream message id. */
  push(topic: string, data: unknown): string {
    const messageId = randomUUID();
    const d: Delivery = { messageId, topic, data: JSON.stringify(data), sentTo: [] };
    this.deliveries.set(messageId, d);
    this.write(d);
    return messageId;
  }

  /** Send a delivered callback again, acked or not (a lost ack, or the platform's own retry). */
  redeliver(messageId: string): void {
    const d = this.deliveries.get(messageId);
    if (!d) throw new Error(`unknown delivery ${messageId}`);
    this.write(d, true);
  }

  private write(d: Delivery, forced = false) {
    const targets = this.open().filter((c) => c.subscriptions.some((s) => s.type === 'CALLBACK' && s.topic === d.topic));
    if (targets.length === 0) {
      if (!this.waiting.includes(d)) this.waiting.push(d);
      return;
    }
    const conn = targets[Math.min(targets.length - 1, Math.floor(this.opts.random() * targets.length))]!;
    d.sentTo.push(conn.id);
    conn.socket.send(
      JSON.stringify({
        specVersion: '1.0',
        type: 'CALLBACK',
        headers: {
          appId: this.opts.appId,
          connectionId: conn.id,
          contentType: 'application/json',
          messageId: d.messageId,
          time: String(Date.now()),
          topic: d.topic,
        },
        data: d.data,
      }),
    );
    this.notify();
    if (!forced && d.timer) clearTimeout(d.timer);
    if (!d.ackedAt && d.sentTo.length < this.opts.maxDeliveries) {
      d.timer = setTimeout(() => {
        if (!d.ackedAt) this.write(d);
      }, this.opts.redeliverAfterMs);
    }
  }

  /** SYSTEM ping; resolves true when the client echoes it. */
  ping(conn: StreamConnection): Promise<boolean> {
    const messageId = randomUUID();
    return new Promise((resolve) => {
      this.pings.set(messageId, resolve);
      conn.socket.send(
        JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', headers: { contentType: 'application/json', messageId, time: String(Date.now()), topic: 'ping' }, data: JSON.stringify({ opaque: randomUUID() }) }),
      );
    });
  }

  /** SYSTEM disconnect, then close the socket after the grace period (what the platform does on redeploys). */
  disconnect(conn: StreamConnection): void {
    conn.socket.send(
      JSON.stringify({ specVersion: '1.0', type: 'SYSTEM', headers: { contentType: 'application/json', messageId: randomUUID(), time: String(Date.now()), topic: 'disconnect' }, data: JSON.stringify({ reason: 'server redeploy' }) }),
    );
    setTimeout(() => conn.socket.close(1000, 'disconnect'), this.opts.disconnectGraceMs).unref();
  }

  /** Kill every open socket without a close handshake (network drop). */
  drop(): number {
    const open = this.open();
    for (const c of open) c.socket.terminate();
    return open.length;
  }

  /** Resolve when `pred` holds, re-checked on every stream event. */
  until<T>(pred: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = pred();
        if (v) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake DingTalk: timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  notify(): void {
    for (const l of [...this.listeners]) l();
  }

  async close(): Promise<void> {
    for (const d of this.deliveries.values()) if (d.timer) clearTimeout(d.timer);
    for (const c of this.connections) c.socket.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
  }
}
