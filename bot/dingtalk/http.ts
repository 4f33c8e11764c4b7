import type { AttemptResult } from '../outbound/send-queue.ts';

export const REQUEST_TIMEOUT_MS = 10_000;

export interface HttpAnswer {
  status: number;
  body: any;
}

/** Connect-phase failures: the request never reached DingTalk, so trying again cannot duplicate. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

export class RequestFailed extends Error {
  constructor(
    message: string,
    readonly notSent: boolean,
  ) {
    super(message);
  }
}

/** POST JSON; network failures become RequestFailed saying whether the request may have arrived. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    const err = e as { name?: string; message?: string; cause?: { code?: string } };
    const code = err.cause?.code ?? err.name ?? 'error';
    return Promise.reject(new RequestFailed(`network: ${code}`, NOT_SENT.has(code)));
  }
  const text = await res.text().catch(() => '');
  let parsed: any = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    /* keep the raw text */
  }
  return { status: res.status, body: parsed };
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
