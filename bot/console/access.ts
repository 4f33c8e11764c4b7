import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.ts';

/**
 * How the console is reached: with ADMIN_TOKEN; with a token made up at start (sandbox mode, embedded
 * database, the admin's own machine); or not at all (a shared database and no token would leave the
 * roster open to anyone who can reach the port).
 */
export type Access =
  | { mode: 'token' | 'one-time'; token: string; cookieSecret: string }
  | { mode: 'disabled'; reason: 'no-token-with-database' };

export function resolveAccess(config: Pick<Config, 'ADMIN_TOKEN' | 'DATABASE_URL'>): Access {
  if (config.ADMIN_TOKEN)
    return {
      mode: 'token',
      token: config.ADMIN_TOKEN,
      // Derived, so sessions survive a restart and are shared by instances, and die when the token changes.
      cookieSecret: createHmac('sha256', config.ADMIN_TOKEN).update('ce-bot console cookie v1').digest('base64url'),
    };
  if (config.DATABASE_URL) return { mode: 'disabled', reason: 'no-token-with-database' };
  return { mode: 'one-time', token: randomBytes(18).toString('base64url'), cookieSecret: randomBytes(32).toString('base64url') };
}

/** Constant-time comparison: hashing first makes the lengths equal, so length leaks nothing either. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The bearer token of an Authorization header, if any. */
export function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return m?.[1].trim();
}

export interface ConsoleSession {
  /** Display name the admin gave at login; audit rows carry it. */
  name: string;
  /** Expiry, epoch ms. */
  exp: number;
}

export const SESSION_COOKIE = 'cebot_admin';
export const SESSION_HOURS = 12;

export const encodeSession = (s: ConsoleSession) => Buffer.from(JSON.stringify(s)).toString('base64url');

export function decodeSession(value: string | null | undefined, now: number): ConsoleSession | undefined {
  if (!value) return undefined;
  try {
    const s = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as ConsoleSession;
    if (typeof s.name !== 'string' || !s.name || typeof s.exp !== 'number' || s.exp <= now) return undefined;
    return s;
  } catch {
    return undefined;
  }
}

/** Display names: trimmed, one line, short, no characters that could fake another actor. */
export function cleanAdminName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.normalize('NFKC').replace(/[\p{Cc}\p{Cf}]/gu, '').replace(/\s+/g, ' ').trim();
  if (!s || s.length > 30) return undefined;
  return s;
}

export const webActor = (name: string) => `web:${name}`;
export const apiActor = (name: string) => `api:${name}`;
