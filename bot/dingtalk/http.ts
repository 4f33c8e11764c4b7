import http from 'node:http';
import https from 'node:https';
import type { AttemptResult } from '../outbound/send-queue.ts';

export const REQUEST_TIMEOUT_MS = 10_000;

export interface HttpAnswer {
  status: number;
  body: any;
}

export class RequestFailed extends Error {
  constructor(
    message: string,
    /** The connection never came up, so DingTalk cannot have seen the request: safe to try again. */
    readonly notSent: boolean,
  ) {
    super(message);
  }
}

/**
 * POST JSON on a fresh connection. No keep-alive on purpose: a pooled socket the server has just
 * closed fails with ECONNRESET, indistinguishable from a reset after DingTalk took the message;
 * on a fresh connection a failure before it is up is certainly "not sent" and may be retried,
 * anything later is "delivery unknown". At ≤ 20 messages a minute per group the extra handshake
 * costs nothing that matters.
 */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const data = Buffer.from(JSON.stringify(body));
    const secure = u.protocol === 'https:';
    let connected = false;
    const req = (secure ? https : http).request(
      u,
      {
        method: 'POST',
        agent: false,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(data.length), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(new RequestFailed(`network: ${(e as NodeJS.ErrnoException).code ?? e.message}`, false)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any = text;
          try {
            parsed = text ? JSON.parse(text) : {};
          } catch {
            /* keep the raw text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('socket', (s) => s.once(secure ? 'secureConnect' : 'connect', () => (connected = true)));
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => reject(new RequestFailed(`network: ${e.code ?? e.message}`, !connected)));
    req.end(data);
  });
}

/** DingTalk's "too fast": errcode 130101 (webhook) or code "130101"/throttling (OpenAPI), or HTTP 429. */
export function isRateLimited(a: HttpAnswer): boolean {
  const b = a.body ?? {};
  return a.status === 429 || b.errcode === 130101 || String(b.code ?? '') === '130101' || /throttl|qpslimit|flowcontrol/i.test(String(b.code ?? ''));
}

/** Why DingTalk refused, short and without echoing the message. */
export function describe(a: HttpAnswer): string {
  const b = a.body ?? {};
  if (typeof b === 'object' && b && 'errcode' in b) return `errcode ${b.errcode}: ${String(b.errmsg ?? '').slice(0, 120)}`;
  if (typeof b === 'object' && b && 'code' in b) return `HTTP ${a.status} ${b.code}: ${String(b.message ?? '').slice(0, 120)}`;
  return `HTTP ${a.status}`;
}

/** Classify an answer: ok, retry (rate limit, 5xx), or final. */
export function classify(a: HttpAnswer, ok: (a: HttpAnswer) => boolean): AttemptResult {
  if (ok(a)) return { ok: true };
  if (isRateLimited(a)) return { ok: false, retryable: true, error: describe(a) };
  if (a.status >= 500) return { ok: false, retryable: true, error: describe(a) };
  return { ok: false, retryable: false, error: describe(a) };
}

/** No access token: nothing was sent; a 5xx from the token endpoint may pass, a refused secret will not. */
export class TokenFailed extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

export function networkFailure(e: unknown): AttemptResult {
  if (e instanceof TokenFailed) return { ok: false, retryable: e.retryable, error: e.message };
  if (e instanceof RequestFailed)
    return e.notSent
      ? { ok: false, retryable: true, error: e.message }
      : // It may have arrived: sending again could post it twice, so it goes to the admin's list instead.
        { ok: false, retryable: false, error: `${e.message} (delivery unknown, not retried)` };
  return { ok: false, retryable: false, error: e instanceof Error ? e.message : String(e) };
}
