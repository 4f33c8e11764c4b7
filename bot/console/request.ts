import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, decodeSession, type ConsoleSession } from './access.ts';
import type { ConsoleDeps } from './deps.ts';
import type { Flash, PageContext } from './layout.ts';

const FLASH_COOKIE = 'cebot_flash';
const sessions = new WeakMap<FastifyRequest, ConsoleSession>();

/** The signed-in admin of a request, read from the signed session cookie. */
export function readSession(req: FastifyRequest): ConsoleSession | undefined {
  const cached = sessions.get(req);
  if (cached) return cached;
  const raw = req.cookies[SESSION_COOKIE];
  if (!raw) return undefined;
  const u = req.unsignCookie(raw);
  const s = u.valid ? decodeSession(u.value, Date.now()) : undefined;
  if (s) sessions.set(req, s);
  return s;
}

/** Admin name of a request that passed the session guard. */
export const adminName = (req: FastifyRequest) => readSession(req)?.name ?? '';

export const cookieOptions = (req: FastifyRequest, base: string) => ({
  path: base,
  httpOnly: true,
  sameSite: 'strict' as const,
  // Intranet installs often run plain HTTP; a Secure cookie would never come back there.
  secure: req.protocol === 'https',
  signed: true,
});

/** A one-shot message for the next page (Post/Redirect/Get), signed so nobody can plant text in it. */
export function setFlash(req: FastifyRequest, reply: FastifyReply, base: string, f: Flash) {
  reply.setCookie(FLASH_COOKIE, Buffer.from(JSON.stringify(f)).toString('base64url'), { ...cookieOptions(req, base), maxAge: 120 });
}

function takeFlash(req: FastifyRequest, reply: FastifyReply, base: string): Flash | undefined {
  const raw = req.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: base });
  const u = req.unsignCookie(raw);
  if (!u.valid || !u.value) return undefined;
  try {
    const f = JSON.parse(Buffer.from(u.value, 'base64url').toString('utf8')) as Flash;
    return typeof f.text === 'string' && ['ok', 'error', 'info'].includes(f.kind) ? f : undefined;
  } catch {
    return undefined;
  }
}

/** Redirect after a change, with a message for the page it lands on. */
export function redirectWith(req: FastifyRequest, reply: FastifyReply, base: string, path: string, f: Flash) {
  setFlash(req, reply, base, f);
  return reply.code(303).redirect(`${base}${path}`);
}

export function pageContext(req: FastifyRequest, reply: FastifyReply, deps: Pick<ConsoleDeps, 'base' | 'assets'>, flash?: Flash): PageContext {
  return {
    base: deps.base,
    assetVersion: deps.assets.version,
    admin: readSession(req)?.name,
    csrf: reply.generateCsrf(),
    flash: flash ?? takeFlash(req, reply, deps.base),
  };
}
