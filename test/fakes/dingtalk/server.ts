import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RobotCallbackBody, type RobotMessageInput, newMsgId, senderIdOf } from './callbacks.ts';
import { FakeStream, type StreamConnection, type Subscription } from './stream.ts';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export interface FakeDingTalkOptions {
  clientId?: string;
  clientSecret?: string;
  robotCode?: string;
  /** Unacked callbacks are pushed again after this long (the platform: about a minute). */
  redeliverAfterMs?: number;
  /** Deliveries of one callback in total, the first included. */
  maxDeliveries?: number;
  /** Messages one robot may post to one conversation in a rolling window (the platform: 20 a minute). */
  conversationLimit?: { max: number; windowMs: number };
  tokenTtlSec?: number;
  webhookTtlMs?: number;
  /** Picks the connection a callback goes to; Math.random unless a test wants it fixed. */
  random?: () => number;
  /** The business clock: `createAt` of callbacks and session-webhook expiry follow it. */
  now?: () => number;
  disconnectGraceMs?: number;
}

/** One HTTP request the fake answered. */
export interface RecordedCall {
  at: number;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  status: number;
  response: any;
}

/** A message that reached a DingTalk chat (what users would see). */
export interface Posted {
  via: 'webhook' | 'groupSend' | 'batchSend';
  conversationId?: string;
  userIds?: string[];
  msgtype: 'text' | 'markdown';
  title?: string;
  text: string;
  atUserIds: string[];
  at: number;
}

interface Session {
  conversationId: string;
  conversationType: '1' | '2';
  expiresAt: number;
}

/**
 * A local DingTalk for tests: the Stream gateway (open call + WebSocket), the robot session
 * webhook, oauth2 access tokens, group send (rate-limited like the platform, errcode 130101) and
 * private batch send. Every HTTP call is recorded; every delivered message lands in `posted`.
 */
export class FakeDingTalk {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly robotCode: string;
  readonly calls: RecordedCall[] = [];
  readonly posted: Posted[] = [];
  /** Sends refused with 130101 (too fast). */
  rateLimited = 0;
  readonly stream: FakeStream;
  baseUrl = '';
  private server = createServer((req, res) => void this.route(req, res));
  private sessions = new Map<string, Session>();
  private tokens = new Map<string, number>();
  private sentTo = new Map<string, number[]>();
  private failures: Array<{ path: string; status: number; body: unknown }> = [];
  /** Gateway open calls to refuse with 503, for reconnect tests. */
  failNextOpens = 0;
  private opts: Required<Omit<FakeDingTalkOptions, 'clientId' | 'clientSecret' | 'robotCode'>>;

  constructor(o: FakeDingTalkOptions = {}) {
    this.clientId = o.clientId ?? 'dingfaketestapp';
    this.clientSecret = o.clientSecret ?? 'fake-secret-do-not-log';
    this.robotCode = o.robotCode ?? this.clientId;
    this.opts = {
      redeliverAfterMs: o.redeliverAfterMs ?? 60_000,
      maxDeliveries: o.maxDeliveries ?? 4,
      conversationLimit: o.conversationLimit ?? { max: 20, windowMs: 60_000 },
      tokenTtlSec: o.tokenTtlSec ?? 7200,
      webhookTtlMs: o.webhookTtlMs ?? 90 * 60_000,
      random: o.random ?? Math.random,
      now: o.now ?? Date.now,
      disconnectGraceMs: o.disconnectGraceMs ?? 200,
    };
    this.stream = new FakeStream({
      appId: randomUUID(),
      redeliverAfterMs: this.opts.redeliverAfterMs,
      maxDeliveries: this.opts.maxDeliveries,
      random: this.opts.random,
      ticketTtlMs: 60_000,
      disconnectGraceMs: this.opts.disconnectGraceMs,
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname === '/connect') this.stream.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The bot's environment pointing at this fake. */
  env(): Record<string, string> {
    return {
      DINGTALK_CLIENT_ID: this.clientId,
      DINGTALK_CLIENT_SECRET: this.clientSecret,
      DINGTALK_ROBOT_CODE: this.robotCode,
      DINGTALK_GATEWAY_URL: `${this.baseUrl}/v1.0/gateway/connections/open`,
      DINGTALK_API_BASE: this.baseUrl,
      DINGTALK_OAPI_BASE: this.baseUrl,
    };
  }

  // ------------------------------------------------------------------ inbound (platform → bot)

  /** A user @s the robot (or writes to it privately): the callback is pushed to a random connection. */
  userSends(input: RobotMessageInput): { msgId: string; streamId: string; body: RobotCallbackBody } {
    const body = this.callbackBody(input);
    const streamId = this.stream.push(TOPIC_ROBOT, body);
    return { msgId: body.msgId, streamId, body };
  }

  callbackBody(input: RobotMessageInput): RobotCallbackBody {
    const now = this.opts.now();
    const group = (input.chat ?? 'group') === 'group';
    const staffId = input.senderStaffId === null ? undefined : (input.senderStaffId ?? `staff-${input.senderNick}`);
    const senderId = senderIdOf(staffId ?? `external-${input.senderNick}`);
    const conversationId = input.conversationId ?? (group ? 'cidGroupDefault==' : `cidPrivate-${staffId ?? senderId}`);
    const session = randomUUID();
    const expiresAt = input.webhookExpiresAt ?? now + this.opts.webhookTtlMs;
    this.sessions.set(session, { conversationId, conversationType: group ? '2' : '1', expiresAt });
    const msgtype = input.msgtype ?? 'text';
    return {
      conversationId,
      conversationType: group ? '2' : '1',
      ...(group ? { conversationTitle: input.conversationTitle ?? '继续教育培训群' } : {}),
      chatbotCorpId: 'dingcorpfake',
      chatbotUserId: '$:LWCP_v1:$robot',
      msgId: input.msgId ?? newMsgId(),
      senderNick: input.senderNick,
      isAdmin: input.isAdmin ?? false,
      ...(staffId ? { senderStaffId: staffId } : {}),
      senderId,
      senderCorpId: 'dingcorpfake',
      sessionWebhook: `${this.baseUrl}/robot/sendBySession?session=${session}`,
      sessionWebhookExpiredTime: expiresAt,
      createAt: now,
      robotCode: this.robotCode,
      msgtype,
      ...(msgtype === 'text' ? { text: { content: ` ${input.text ?? ''}` } } : { content: { downloadCode: 'x', pictureDownloadCode: 'y' } }),
      isInAtList: group,
      atUsers: group ? [{ dingtalkId: '$:LWCP_v1:$robot' }] : [],
    };
  }

  /** Make every session webhook issued so far expired. */
  expireSessions(): void {
    for (const s of this.sessions.values()) s.expiresAt = this.opts.now() - 1;
  }

  /** Answer the next `n` requests to `path` with an error (e.g. 503; 0 cuts the connection instead), for retry tests. */
  failNext(path: string, n: number, status: number, body: unknown = { code: 'ServiceUnavailable', message: 'busy' }): void {
    for (let i = 0; i < n; i++) this.failures.push({ path, status, body });
  }

  connections(): StreamConnection[] {
    return this.stream.connections;
  }

  /** Resolve when `n` connections are open. */
  waitForOpen(n = 1): Promise<StreamConnection[]> {
    return this.stream.until(() => (this.stream.open().length >= n ? this.stream.open() : undefined), 15_000, `${n} open connection(s)`);
  }

  /** Resolve when `pred(posted)` holds. */
  waitForPosted(pred: (posted: Posted[]) => boolean, what = 'posted messages'): Promise<Posted[]> {
    return this.stream.until(() => (pred(this.posted) ? this.posted : undefined), 20_000, what);
  }

  waitForAck(streamId: string) {
    return this.stream.until(() => this.stream.deliveries.get(streamId)?.ack && this.stream.deliveries.get(streamId), 10_000, `ack of ${streamId}`);
  }

  // ------------------------------------------------------------------ HTTP

  private async route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await new Promise<string>((resolve) => {
      let s = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (s += c));
      req.on('end', () => resolve(s));
    });
    let body: any = undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const reply = (status: number, response: unknown) => {
      this.calls.push({ at: Date.now(), method: req.method ?? '', path: url.pathname, headers: req.headers, body, status, response });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response));
      this.stream.notify();
    };
    const injected = this.failures.findIndex((f) => f.path === url.pathname);
    if (injected >= 0) {
      const [f] = this.failures.splice(injected, 1);
      if (f!.status === 0) {
        // The request arrived, the answer never does: the connection is cut.
        this.calls.push({ at: Date.now(), method: req.method ?? '', path: url.pathname, headers: req.headers, body, status: 0, response: null });
        req.socket.destroy();
        return;
      }
      return reply(f!.status, f!.body);
    }
    if (req.method !== 'POST') return reply(405, { code: 'MethodNotAllowed' });
    switch (url.pathname) {
      case '/v1.0/gateway/connections/open':
        return this.gatewayOpen(body, reply);
      case '/v1.0/oauth2/accessToken':
        return this.accessToken(body, reply);
      case '/robot/sendBySession':
        return this.sessionWebhook(url.searchParams.get('session') ?? '', body, reply);
      case '/v1.0/robot/groupMessages/send':
        return this.groupSend(req, body, reply);
      case '/v1.0/robot/oToMessages/batchSend':
        return this.batchSend(req, body, reply);
      default:
        return reply(404, { code: 'NotFound', message: url.pathname });
    }
  }

  private gatewayOpen(body: any, reply: (s: number, r: unknown) => void) {
    if (this.failNextOpens > 0) {
      this.failNextOpens--;
      return reply(503, { code: 'ServiceUnavailable', message: 'gateway busy' });
    }
    if (body?.clientId !== this.clientId || body?.clientSecret !== this.clientSecret)
      return reply(401, { code: 'InvalidAuthentication', message: 'clientId or clientSecret is wrong' });
    const subs: Subscription[] = Array.isArray(body.subscriptions) ? body.subscriptions : [];
    const ticket = this.stream.issueTicket(body.clientId, subs);
    return reply(200, { endpoint: `${this.baseUrl.replace(/^http/, 'ws')}/connect`, ticket });
  }

  private accessToken(body: any, reply: (s: number, r: unknown) => void) {
    if (body?.appKey !== this.clientId || body?.appSecret !== this.clientSecret)
      return reply(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
    const token = randomUUID().replace(/-/g, '');
    this.tokens.set(token, Date.now() + this.opts.tokenTtlSec * 1000);
    return reply(200, { accessToken: token, expireIn: this.opts.tokenTtlSec });
  }

  /** Expire every access token issued so far (the platform rotated them). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  private tokenOk(req: IncomingMessage): boolean {
    const t = req.headers['x-acs-dingtalk-access-token'];
    const exp = typeof t === 'string' ? this.tokens.get(t) : undefined;
    return exp !== undefined && exp > Date.now();
  }

  /** Count a message to a conversation against the platform's rolling limit; false when over it. */
  private admit(conversationId: string): boolean {
    const { max, windowMs } = this.opts.conversationLimit;
    const now = Date.now();
    const list = (this.sentTo.get(conversationId) ?? []).filter((t) => t > now - windowMs);
    if (list.length >= max) {
      this.sentTo.set(conversationId, list);
      this.rateLimited++;
      return false;
    }
    list.push(now);
    this.sentTo.set(conversationId, list);
    return true;
  }

  private sessionWebhook(session: string, body: any, reply: (s: number, r: unknown) => void) {
    const s = this.sessions.get(session);
    if (!s || s.expiresAt <= this.opts.now()) return reply(200, { errcode: 300001, errmsg: 'session 不存在' });
    const m = parseWebhookBody(body);
    if (!m) return reply(200, { errcode: 40035, errmsg: '缺少参数 json' });
    if (!this.admit(s.conversationId)) return reply(200, { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    this.posted.push({ via: 'webhook', conversationId: s.conversationId, ...m, at: Date.now() });
    return reply(200, { errcode: 0, errmsg: 'ok' });
  }

  private groupSend(req: IncomingMessage, body: any, reply: (s: number, r: unknown) => void) {
    if (!this.tokenOk(req)) return reply(401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    if (body?.robotCode !== this.robotCode) return reply(400, { code: 'resource.not.found', message: 'robot 不存在' });
    const m = parseSample(body?.msgKey, body?.msgParam);
    if (!body?.openConversationId || !m) return reply(400, { code: 'param.invalid', message: 'msgKey/msgParam/openConversationId' });
    if (!this.admit(body.openConversationId)) return reply(400, { code: '130101', message: 'send too fast, exceed 20 times per minute' });
    this.posted.push({ via: 'groupSend', conversationId: body.openConversationId, ...m, atUserIds: [], at: Date.now() });
    return reply(200, { processQueryKey: randomUUID() });
  }

  private batchSend(req: IncomingMessage, body: any, reply: (s: number, r: unknown) => void) {
    if (!this.tokenOk(req)) return reply(401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    if (body?.robotCode !== this.robotCode) return reply(400, { code: 'resource.not.found', message: 'robot 不存在' });
    const m = parseSample(body?.msgKey, body?.msgParam);
    const userIds: unknown = body?.userIds;
    if (!Array.isArray(userIds) || userIds.length === 0 || userIds.length > 20 || !m)
      return reply(400, { code: 'param.invalid', message: 'userIds/msgKey/msgParam' });
    // Encrypted sender ids are not staff ids: the platform reports them as invalid.
    const invalid = userIds.filter((u) => typeof u !== 'string' || u.startsWith('$:'));
    const valid = userIds.filter((u) => !invalid.includes(u)) as string[];
    if (valid.length) this.posted.push({ via: 'batchSend', userIds: valid, ...m, atUserIds: [], at: Date.now() });
    return reply(200, { processQueryKey: randomUUID(), invalidStaffIdList: invalid, flowControlledStaffIdList: [] });
  }

  async close(): Promise<void> {
    await this.stream.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

function parseWebhookBody(b: any): Omit<Posted, 'via' | 'at' | 'conversationId'> | undefined {
  const atUserIds: string[] = Array.isArray(b?.at?.atUserIds) ? b.at.atUserIds : [];
  if (b?.msgtype === 'text' && typeof b.text?.content === 'string') return { msgtype: 'text', text: b.text.content, atUserIds };
  if (b?.msgtype === 'markdown' && typeof b.markdown?.text === 'string' && typeof b.markdown?.title === 'string')
    return { msgtype: 'markdown', title: b.markdown.title, text: b.markdown.text, atUserIds };
  return undefined;
}

function parseSample(msgKey: unknown, msgParam: unknown): { msgtype: 'text' | 'markdown'; title?: string; text: string } | undefined {
  if (typeof msgParam !== 'string') return undefined;
  let p: any;
  try {
    p = JSON.parse(msgParam);
  } catch {
    return undefined;
  }
  if (msgKey === 'sampleText' && typeof p?.content === 'string') return { msgtype: 'text', text: p.content };
  if (msgKey === 'sampleMarkdown' && typeof p?.text === 'string' && typeof p?.title === 'string') return { msgtype: 'markdown', title: p.title, text: p.text };
  return undefined;
}

export async function startFakeDingTalk(o: FakeDingTalkOptions = {}): Promise<FakeDingTalk> {
  return new FakeDingTalk(o).start();
}
