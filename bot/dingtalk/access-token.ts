import type { Timers } from '../outbound/timers.ts';
import { RequestFailed, TokenFailed, describe, postJson } from './http.ts';

/** Refresh this long before DingTalk says the token expires (it lives 7200 s). */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * The app's OpenAPI access token (`POST /v1.0/oauth2/accessToken`), cached until shortly before
 * it expires; concurrent callers share one request.
 */
export class AccessToken {
  private token?: { value: string; refreshAt: number };
  private inFlight?: Promise<string>;

  constructor(
    private readonly apiBase: string,
    private readonly appKey: string,
    private readonly appSecret: string,
    private readonly timers: Timers,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.refreshAt > this.timers.now()) return this.token.value;
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** DingTalk refused the token (rotated, revoked): fetch a new one next time. */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = undefined;
  }

  private async fetch(): Promise<string> {
    let a;
    try {
      a = await postJson(`${this.apiBase}/v1.0/oauth2/accessToken`, { appKey: this.appKey, appSecret: this.appSecret });
    } catch (e) {
      throw new TokenFailed(`access token: ${(e as Error).message}`, e instanceof RequestFailed);
    }
    const value = a.body?.accessToken;
    if (a.status !== 200 || typeof value !== 'string')
      throw new TokenFailed(`access token: ${describe(a)}`, a.status >= 500 || a.status === 429);
    const ttlMs = (Number(a.body.expireIn) || 7200) * 1000;
    this.token = { value, refreshAt: this.timers.now() + Math.max(ttlMs - REFRESH_MARGIN_MS, ttlMs / 2) };
    return value;
  }
}
