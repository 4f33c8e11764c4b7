import { DWClient, type DWClientDownStream } from 'dingtalk-stream';
import type { WebSocket } from 'ws';
import { TOPIC_ROBOT } from './callback.ts';

/** What the SDK keeps private but a supervisor of its connection must reach. */
interface DWClientInternals {
  dw_url?: string;
  socket?: WebSocket;
  heartbeatIntervallId?: NodeJS.Timeout;
  config: { autoReconnect?: boolean; subscriptions: Array<{ type: string; topic: string }> };
}

export const USER_AGENT = 'ce-bot/0.1 (dingtalk-stream 2.1.5)';

/**
 * The real dingtalk-stream client with two changes: the gateway URL is configurable (2.1.5 has
 * it as a module constant), and the SDK's own reconnect is off — it doubles after a failed
 * handshake — so StreamConnection can reconnect with backoff instead. Frame handling, ping
 * echo and callback acks stay the SDK's.
 */
export class GatewayClient extends DWClient {
  /** Called when DingTalk announces it will close this connection (SYSTEM "disconnect"). */
  onServerDisconnect: () => void = () => {};

  constructor(
    private readonly gatewayUrl: string,
    opts: { clientId: string; clientSecret: string; keepAlive: boolean },
  ) {
    super({ ...opts, ua: USER_AGENT });
    const self = this as unknown as DWClientInternals;
    self.config.autoReconnect = false;
    // Own array: the SDK's default one is shared by every client in the process.
    self.config.subscriptions = [{ type: 'CALLBACK', topic: TOPIC_ROBOT }];
  }

  override async getEndpoint(): Promise<this> {
    const cfg = this.getConfig();
    const res = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId: cfg.clientId, clientSecret: cfg.clientSecret, ua: cfg.ua, subscriptions: cfg.subscriptions }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string; code?: string };
    // Never echo the request: it carries the client secret.
    if (!res.ok) throw new Error(`gateway open refused: HTTP ${res.status} ${body.code ?? ''}`.trim());
    if (!body.endpoint || !body.ticket) throw new Error('gateway open: endpoint or ticket missing');
    (this as unknown as DWClientInternals).dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream.headers.topic === 'disconnect') this.onServerDisconnect();
  }

  /** The socket of the current connection (the SDK keeps it private). */
  get currentSocket(): WebSocket | undefined {
    return (this as unknown as DWClientInternals).socket;
  }

  /** The SDK starts a heartbeat interval on each open and clears it only on disconnect(). */
  clearHeartbeat(): void {
    const self = this as unknown as DWClientInternals;
    if (self.heartbeatIntervallId) clearInterval(self.heartbeatIntervallId);
    self.heartbeatIntervallId = undefined;
  }

  /** Ack a callback so DingTalk does not redeliver it. */
  ack(messageId: string): void {
    this.socketCallBackResponse(messageId, { status: 'SUCCESS' });
  }
}
