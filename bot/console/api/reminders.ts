import type { FastifyInstance } from 'fastify';
import type { ConsoleDeps } from '../deps.ts';

/** Reminder endpoints arrive with the reminder module. */
export async function reminderApi(_app: FastifyInstance, _deps: ConsoleDeps) {}
