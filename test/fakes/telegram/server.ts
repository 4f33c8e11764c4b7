import { createServer, type IncomingMessage as HttpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EntityParseError, parseHtml, type Entity } from './html.ts';

/**
 * A local Telegram Bot API server for tests: the real grammY bot talks to it over HTTP exactly as
 * it would to api.telegram.org. It holds a small world (users, groups, members, who started the
 * bot), queues updates for getUpdates or pushes them to a webhook, records every call and can
 * inject faults (429 retry_after, 403, 5xx).
 */

export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface Chat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface ChatMember {
  status: MemberStatus;
  user: User;
  tag?: string;
  custom_title?: string;
  is_member?: boolean;
  [k: string]: unknown;
}

export type Update = { update_id: number } & Record<string, unknown>;

export interface Fault {
  error_code: number;
  description?: string;
  retry_after?: number;
  /** A raw non-JSON answer (e.g. a proxy's 502 page) instead of a Bot API error object. */
  raw?: string;
}

export interface Call {
  method: string;
  params: Record<string, any>;
  status: number;
  response: any;
}

export interface SentMessage {
  message_id: number;
  chat: Chat;
  /** The text as users see it (HTML parsed), and its entities. */
  text: string;
  entities: Entity[];
  /** What the bot sent, untouched. */
  raw: Record<string, any>;
}

export interface FakeOptions {
  token: string;
  bot?: Partial<User>;
  /** Enforce a per-group send limit like Telegram's (answers 429 with retry_after when exceeded). */
  groupLimit?: { count: number; windowMs: number };
  /** Webhook delivery: how long to wait before re-sending after a non-2xx, and how often to try. */
  webhookRetryMs?: number;
  webhookMaxAttempts?: number;
}

interface Poller {
  params: Record<string, any>;
  res: ServerResponse;
  timer?: NodeJS.Timeout;
}

interface FaultRule {
  fault: Fault;
  times: number;
  when?: (params: Record<string, any>) => boolean;
}

/** Update types delivered when allowed_updates was never given (Telegram's default). */
const DEFAULT_EXCLUDED = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

export class FakeTelegram {
  readonly token: string;
  readonly bot: User;
  readonly calls: Call[] = [];
  readonly sent: SentMessage[] = [];
  /** Every webhook delivery attempt: update id and the HTTP status the bot answered. */
  readonly webhookDeliveries: Array<{ update_id: number; status: number; error?: string }> = [];

  private server: Server;
  private port = 0;
  private queue: Update[] = [];
  private nextUpdateId = 100_000;
  private pollers: Poller[] = [];
  private allowedUpdates: string[] | undefined;
  private webhook: { url: string; secret?: string; allowed?: string[]; lastError?: { date: number; message: string } } | undefined;
  private delivering = false;
  private closed = false;
  private users = new Map<number, User>();
  private chats = new Map<number, Chat>();
  private members = new Map<string, ChatMember>();
  private started = new Set<number>();
  private blocked = new Set<number>();
  private faults = new Map<string, FaultRule[]>();
  private messageIds = new Map<number, number>();
  private groupSends = new Map<number, number[]>();
  private waiters: Array<() => void> = [];

  constructor(private readonly opts: FakeOptions) {
    this.token = opts.token;
    const id = Number(opts.token.split(':')[0]);
    this.bot = { id, is_bot: true, first_name: 'CE Bot', username: 'ce_test_bot', ...opts.bot };
    this.users.set(id, this.bot);
    this.server = createServer((req, res) => {
      this.route(req, res).catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
  }

  /** Base URL to use as grammY's `client.apiRoot` (no trailing slash). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.apiRoot;
  }

  /** Answers pending long polls, then drops every socket so keep-alive clients cannot hold the process. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pollers.splice(0)) this.answerPoll(p, []);
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await done;
  }

  // ---- the world -------------------------------------------------------------------------------

  addUser(u: Omit<User, 'is_bot'> & { is_bot?: boolean }): User {
    const user = { is_bot: false, ...u };
    this.users.set(user.id, user);
    return user;
  }

  addGroup(c: { id: number; title: string; type?: 'group' | 'supergroup' }): Chat {
    const chat: Chat = { id: c.id, type: c.type ?? 'supergroup', title: c.title };
    this.chats.set(chat.id, chat);
    return chat;
  }

  setMember(chatId: number, userId: number, status: MemberStatus, extra: Partial<ChatMember> = {}): void {
    const user = this.user(userId);
    this.members.set(`${chatId}:${userId}`, { status, user, ...(status === 'restricted' ? { is_member: true } : {}), ...extra });
  }

  /** The user pressed Start in a private chat with the bot, so the bot may write to them. */
  startPrivate(userId: number): void {
    this.started.add(userId);
    this.blocked.delete(userId);
  }

  blockBot(userId: number): void {
    this.blocked.add(userId);
  }

  privateChat(userId: number): Chat {
    const u = this.user(userId);
    return { id: u.id, type: 'private', first_name: u.first_name, last_name: u.last_name, username: u.username };
  }

  chat(id: number): Chat {
    const c = this.chats.get(id);
    if (!c) throw new Error(`fake: unknown chat ${id}`);
    return c;
  }

  user(id: number): User {
    const u = this.users.get(id);
    if (!u) throw new Error(`fake: unknown user ${id}`);
    return u;
  }

  // ---- updates -------------------------------------------------------------------------------

  /** Queue an update (for getUpdates or webhook delivery). Pass `update_id` to re-deliver one. */
  pushUpdate(u: Record<string, unknown> & { update_id?: number }): Update {
    const update = { ...u, update_id: u.update_id ?? this.nextUpdateId++ } as Update;
    this.queue.push(update);
    this.wakePollers();
    void this.deliverWebhook();
    return update;
  }

  /** Queue several updates before any poll sees them (e.g. the same update twice in one batch). */
  pushUpdates(list: Array<Record<string, unknown> & { update_id?: number }>): Update[] {
    const out = list.map((u) => ({ ...u, update_id: u.update_id ?? this.nextUpdateId++ }) as Update);
    this.queue.push(...out);
    this.wakePollers();
    void this.deliverWebhook();
    return out;
  }

  /** The id the next pushed update would get (to build a re-delivery with the same id). */
  allocateUpdateId(): number {
    return this.nextUpdateId++;
  }

  /** Parameters of the long polls currently held open. */
  parkedPolls(): Array<Record<string, any>> {
    return this.pollers.map((p) => p.params);
  }

  /**
   * A text message as a Telegram client would send it: `/command` and `@username` get their
   * entities. `chatId` equal to the user's id means the private chat.
   */
  textMessage(chatId: number, userId: number, text: string, extra: Record<string, unknown> = {}): Update {
    return this.pushUpdate(this.textUpdate(chatId, userId, text, extra));
  }

  /** The update `textMessage` would push, without pushing it. */
  textUpdate(chatId: number, userId: number, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { message: this.buildMessage(chatId, userId, { text, entities: clientEntities(text) }, extra) };
  }

  buildMessage(chatId: number, userId: number, content: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const chat = chatId === userId ? this.privateChat(userId) : this.chat(chatId);
    const e = content.entities as unknown[] | undefined;
    return {
      message_id: this.nextMessageId(chatId),
      from: this.user(userId),
      chat,
      date: Math.floor(Date.now() / 1000),
      ...content,
      ...(e && e.length === 0 ? { entities: undefined } : {}),
      ...extra,
    };
  }

  /** A user joins a group: the service message and (if asked for) the chat_member update. */
  join(chatId: number, userId: number, opts: { serviceMessage?: boolean; chatMember?: boolean; tag?: string } = {}): Update[] {
    const { serviceMessage = true, chatMember = true } = opts;
    const user = this.user(userId);
    const date = Math.floor(Date.now() / 1000);
    this.setMember(chatId, userId, 'member', opts.tag ? { tag: opts.tag } : {});
    const out: Update[] = [];
    if (serviceMessage)
      out.push(this.pushUpdate({ message: this.buildMessage(chatId, userId, { new_chat_members: [user], new_chat_member: user, new_chat_participant: user }, { date }) }));
    if (chatMember)
      out.push(
        this.pushUpdate({
          chat_member: {
            chat: this.chat(chatId),
            from: user,
            date,
            old_chat_member: { status: 'left', user },
            new_chat_member: { status: 'member', user, ...(opts.tag ? { tag: opts.tag } : {}) },
          },
        }),
      );
    return out;
  }

  // ---- faults and inspection -----------------------------------------------------------------

  /** The next `times` calls of `method` (matching `when`) fail with `fault`. */
  failNext(method: string, fault: Fault, opts: { times?: number; when?: (params: Record<string, any>) => boolean } = {}): void {
    const list = this.faults.get(method) ?? [];
    list.push({ fault, times: opts.times ?? 1, when: opts.when });
    this.faults.set(method, list);
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((m) => m.chat.id === chatId);
  }

  webhookInfo() {
    return this.webhook;
  }

  pendingUpdates(): number {
    return this.queue.length;
  }

  /** Resolves when `check()` holds; re-checked after every API call and webhook delivery. */
  async waitFor<T>(check: () => T | undefined | false, what = 'condition', timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`fake Telegram: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  private async route(req: HttpRequest, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!m) return this.reply(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token, rawMethod] = m;
    const method = rawMethod;
    const params: Record<string, any> = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    const type = req.headers['content-type'] ?? '';
    if (body.length) {
      if (type.startsWith('application/json')) Object.assign(params, JSON.parse(body.toString('utf8')));
      else if (type.startsWith('application/x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
      else return this.record(res, method, params, 400, { ok: false, error_code: 400, description: 'Bad Request: the fake Bot API accepts JSON or form bodies only' });
    }
    if (token !== this.token) return this.record(res, method, params, 401, { ok: false, error_code: 401, description: 'Unauthorized' });

    const rules = this.faults.get(method);
    const rule = rules?.find((r) => r.times > 0 && (!r.when || r.when(params)));
    if (rule) {
      rule.times--;
      const f = rule.fault;
      if (f.raw !== undefined) return this.record(res, method, params, f.error_code, f.raw);
      return this.record(res, method, params, f.error_code, {
        ok: false,
        error_code: f.error_code,
        description: f.description ?? defaultDescription(f),
        ...(f.retry_after !== undefined ? { parameters: { retry_after: f.retry_after } } : {}),
      });
    }

    if (method === 'getUpdates') return this.getUpdates(params, res);
    const out = this.handle(method, params);
    return this.record(res, method, params, out.ok ? 200 : out.error_code, out);
  }

  private record(res: ServerResponse, method: string, params: Record<string, any>, status: number, response: unknown): void {
    this.calls.push({ method, params, status, response });
    this.reply(res, status, response);
    this.notify();
  }

  private reply(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.statusCode = status;
    if (typeof body === 'string') {
      res.setHeader('content-type', 'text/html');
      res.end(body);
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  }

  private handle(method: string, p: Record<string, any>): any {
    const ok = (result: unknown) => ({ ok: true, result });
    const bad = (description: string, error_code = 400) => ({ ok: false, error_code, description });
    switch (method) {
      case 'getMe':
        return ok({ ...this.bot, can_join_groups: true, can_read_all_group_messages: true, supports_inline_queries: false });
      case 'setWebhook': {
        if (!p.url) return this.deleteWebhook(p);
        if (!/^https?:\/\//.test(String(p.url))) return bad('Bad Request: bad webhook: invalid URL');
        if (p.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(p.secret_token))) return bad('Bad Request: bad webhook: secret token contains unallowed characters');
        const allowed = parseList(p.allowed_updates);
        if (allowed) this.allowedUpdates = allowed;
        if (truthy(p.drop_pending_updates)) this.queue = [];
        this.webhook = { url: String(p.url), secret: p.secret_token, allowed: this.allowedUpdates };
        for (const poller of this.pollers.splice(0)) this.conflict(poller, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        void this.deliverWebhook();
        return { ok: true, result: true, description: 'Webhook was set' };
      }
      case 'deleteWebhook':
        return this.deleteWebhook(p);
      case 'getWebhookInfo':
        return ok({
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
          max_connections: 40,
          ...(this.allowedUpdates ? { allowed_updates: this.allowedUpdates } : {}),
          ...(this.webhook?.lastError ? { last_error_date: this.webhook.lastError.date, last_error_message: this.webhook.lastError.message } : {}),
        });
      case 'sendMessage':
        return this.sendMessage(p);
      case 'answerCallbackQuery':
        return ok(true);
      case 'getChatMember': {
        const chatId = Number(p.chat_id);
        const userId = Number(p.user_id);
        if (!this.chats.has(chatId)) return bad('Bad Request: chat not found');
        if (!this.users.has(userId)) return bad('Bad Request: user not found');
        return ok(this.members.get(`${chatId}:${userId}`) ?? { status: 'left', user: this.user(userId) });
      }
      case 'getChatAdministrators': {
        const chatId = Number(p.chat_id);
        if (!this.chats.has(chatId)) return bad('Bad Request: chat not found');
        return ok([...this.members.entries()].filter(([k, v]) => k.startsWith(`${chatId}:`) && (v.status === 'creator' || v.status === 'administrator')).map(([, v]) => v));
      }
      default:
        return bad('Not Found: method not found', 404);
    }
  }

  private deleteWebhook(p: Record<string, any>) {
    if (truthy(p.drop_pending_updates)) this.queue = [];
    this.webhook = undefined;
    return { ok: true, result: true, description: 'Webhook was deleted' };
  }

  private sendMessage(p: Record<string, any>) {
    const bad = (description: string, error_code = 400) => ({ ok: false, error_code, description });
    const chatId = Number(p.chat_id);
    let chat: Chat;
    if (this.chats.has(chatId)) chat = this.chats.get(chatId)!;
    else if (this.users.has(chatId) && !this.users.get(chatId)!.is_bot) {
      if (this.blocked.has(chatId)) return bad('Forbidden: bot was blocked by the user', 403);
      if (!this.started.has(chatId)) return bad("Forbidden: bot can't initiate conversation with a user", 403);
      chat = this.privateChat(chatId);
    } else return bad('Bad Request: chat not found');

    const raw = String(p.text ?? '');
    let parsed: { text: string; entities: Entity[] };
    if (p.parse_mode === 'HTML') {
      try {
        parsed = parseHtml(raw, (id) => this.users.get(id));
      } catch (e) {
        if (e instanceof EntityParseError) return bad(e.message);
        throw e;
      }
    } else if (p.parse_mode) return bad(`Bad Request: the fake Bot API only understands parse_mode HTML, got ${p.parse_mode}`);
    else parsed = { text: raw, entities: parseList(p.entities) ?? [] };
    if (!parsed.text.trim()) return bad('Bad Request: message text is empty');
    if (parsed.text.length > 4096) return bad('Bad Request: message is too long');

    if (chat.type !== 'private' && this.opts.groupLimit) {
      const { count, windowMs } = this.opts.groupLimit;
      const now = Date.now();
      const recent = (this.groupSends.get(chatId) ?? []).filter((t) => t > now - windowMs);
      if (recent.length >= count) {
        const retry = Math.max(1, Math.ceil((recent[0] + windowMs - now) / 1000));
        this.groupSends.set(chatId, recent);
        return { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retry}`, parameters: { retry_after: retry } };
      }
      recent.push(now);
      this.groupSends.set(chatId, recent);
    }

    const message = {
      message_id: this.nextMessageId(chatId),
      from: this.bot,
      chat,
      date: Math.floor(Date.now() / 1000),
      text: parsed.text,
      ...(parsed.entities.length ? { entities: parsed.entities } : {}),
      ...(p.reply_markup ? { reply_markup: typeof p.reply_markup === 'string' ? JSON.parse(p.reply_markup) : p.reply_markup } : {}),
    };
    this.sent.push({ message_id: message.message_id, chat, text: parsed.text, entities: parsed.entities, raw: p });
    return { ok: true, result: message };
  }

  private nextMessageId(chatId: number): number {
    const n = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, n);
    return n;
  }

  // ---- getUpdates: a real long poll ------------------------------------------------------------

  private getUpdates(params: Record<string, any>, res: ServerResponse): void {
    if (this.webhook) {
      return this.record(res, 'getUpdates', params, 409, {
        ok: false,
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    }
    // Only one long poll at a time, as on Telegram: the older one is terminated.
    for (const old of this.pollers.splice(0)) this.conflict(old, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    const allowed = parseList(params.allowed_updates);
    if (allowed) this.allowedUpdates = allowed;
    const offset = params.offset !== undefined ? Number(params.offset) : undefined;
    if (offset !== undefined && offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    else if (offset !== undefined && offset < 0) this.queue = this.queue.slice(offset);
    const poller: Poller = { params, res };
    const ready = this.take(poller.params);
    const timeout = Math.min(Number(params.timeout ?? 0), 50);
    if (ready.length || timeout <= 0 || this.closed) return this.answerPoll(poller, ready);
    poller.timer = setTimeout(() => {
      this.pollers = this.pollers.filter((p) => p !== poller);
      this.answerPoll(poller, []);
    }, timeout * 1000);
    res.on('close', () => {
      if (!res.writableEnded) {
        clearTimeout(poller.timer);
        this.pollers = this.pollers.filter((p) => p !== poller);
      }
    });
    this.pollers.push(poller);
  }

  /** Updates for a poll: allowed types only; others are dropped as Telegram never stores them. */
  private take(params: Record<string, any>): Update[] {
    const allowed = this.allowedUpdates;
    this.queue = this.queue.filter((u) => isAllowed(u, allowed));
    const limit = Math.max(1, Math.min(Number(params.limit ?? 100), 100));
    return this.queue.slice(0, limit);
  }

  private wakePollers(): void {
    if (!this.pollers.length) return;
    const p = this.pollers[0];
    const ready = this.take(p.params);
    if (!ready.length) return;
    this.pollers.shift();
    clearTimeout(p.timer);
    this.answerPoll(p, ready);
  }

  private answerPoll(p: Poller, updates: Update[]): void {
    clearTimeout(p.timer);
    this.record(p.res, 'getUpdates', p.params, 200, { ok: true, result: updates });
  }

  private conflict(p: Poller, description: string): void {
    clearTimeout(p.timer);
    this.record(p.res, 'getUpdates', p.params, 409, { ok: false, error_code: 409, description });
  }

  // ---- webhook delivery ----------------------------------------------------------------------

  /** Sends queued updates to the webhook one by one; non-2xx answers are retried, like Telegram. */
  private async deliverWebhook(): Promise<void> {
    if (this.delivering || !this.webhook || this.closed) return;
    this.delivering = true;
    try {
      const attempts = new Map<number, number>();
      while (this.webhook && !this.closed) {
        const hook = this.webhook;
        this.queue = this.queue.filter((u) => isAllowed(u, hook.allowed));
        const u = this.queue[0];
        if (!u) break;
        let status = 0;
        let error: string | undefined;
        try {
          const r = await fetch(hook.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(hook.secret ? { 'x-telegram-bot-api-secret-token': hook.secret } : {}) },
            body: JSON.stringify(u),
          });
          status = r.status;
          await r.arrayBuffer();
        } catch (e) {
          error = (e as Error).message;
        }
        this.webhookDeliveries.push({ update_id: u.update_id, status, ...(error ? { error } : {}) });
        if (status >= 200 && status < 300) {
          this.queue = this.queue.filter((x) => x !== u);
        } else {
          const n = (attempts.get(u.update_id) ?? 0) + 1;
          attempts.set(u.update_id, n);
          if (this.webhook) this.webhook.lastError = { date: Math.floor(Date.now() / 1000), message: error ?? `Wrong response from the webhook: ${status}` };
          if (n >= (this.opts.webhookMaxAttempts ?? 3)) this.queue = this.queue.filter((x) => x !== u);
          else await new Promise((r) => setTimeout(r, this.opts.webhookRetryMs ?? 100));
        }
        this.notify();
      }
    } finally {
      this.delivering = false;
    }
  }
}

function readBody(req: HttpRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseList(v: unknown): any[] | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v;
  const parsed = JSON.parse(String(v));
  return Array.isArray(parsed) ? parsed : undefined;
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true';
}

function isAllowed(u: Update, allowed: string[] | undefined): boolean {
  const kind = Object.keys(u).find((k) => k !== 'update_id');
  if (!kind) return false;
  return allowed && allowed.length ? allowed.includes(kind) : !DEFAULT_EXCLUDED.has(kind);
}

function defaultDescription(f: Fault): string {
  if (f.error_code === 429) return `Too Many Requests: retry after ${f.retry_after ?? 1}`;
  if (f.error_code === 403) return 'Forbidden: bot was blocked by the user';
  if (f.error_code >= 500) return 'Internal Server Error';
  return 'Bad Request';
}

/** The entities a Telegram client attaches to typed text: a leading /command and @usernames. */
export function clientEntities(text: string): Entity[] {
  const out: Entity[] = [];
  const cmd = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (cmd) out.push({ type: 'bot_command', offset: 0, length: cmd[0].length });
  for (const m of text.matchAll(/(^|[^A-Za-z0-9_/])(@[A-Za-z][A-Za-z0-9_]{3,31})/g)) {
    out.push({ type: 'mention', offset: (m.index ?? 0) + m[1].length, length: m[2].length });
  }
  return out;
}
