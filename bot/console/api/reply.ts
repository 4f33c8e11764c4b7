import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiActor, cleanAdminName } from '../access.ts';

/** Who made an API call, for the audit log: the X-Admin-Name header, else "api". */
export const callerOf = (req: FastifyRequest) => {
  const h = req.headers['x-admin-name'];
  // Header values are Latin-1 on the wire; scripts send UTF-8 names percent-encoded.
  let name: string | undefined;
  try {
    name = typeof h === 'string' ? decodeURIComponent(h) : undefined;
  } catch {
    name = typeof h === 'string' ? h : undefined;
  }
  return apiActor(cleanAdminName(name) ?? 'api');
};

export const fail = (reply: FastifyReply, code: number, error: string, message: string, details?: string[]) =>
  reply.code(code).send({ error, message, ...(details ? { details } : {}) });
