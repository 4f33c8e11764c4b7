import type { FastifyInstance } from 'fastify';
import { webhookCallback, type Bot } from 'grammy';
import type { Logger } from '../../core/ports.ts';

/**
 * The webhook route lives at the path of TELEGRAM_WEBHOOK_URL on our fastify server (a reverse
 * proxy forwards the public URL to it unchanged). grammY checks X-Telegram-Bot-Api-Secret-Token
 * and answers 401 without touching the bot when it is missing or wrong.
 */
export function webhookPath(webhookUrl: string): string {
  return new URL(webhookUrl).pathname || '/';
}

export function registerWebhookRoute(app: FastifyInstance, bot: Bot, o: { path: string; secret: string; log: Logger; timeoutMs?: number }): void {
  const handle = webhookCallback(bot, 'fastify', {
    secretToken: o.secret,
    // Telegram re-sends an update whose request takes too long. Answer 200 after a while and let
    // the handling finish in the background; a re-send would be deduped anyway, but costs work.
    onTimeout: () => o.log.warn({ path: o.path }, 'telegram update still being handled; answered the webhook early'),
    timeoutMilliseconds: o.timeoutMs ?? 9_000,
  });
  app.post(o.path, handle);
}
