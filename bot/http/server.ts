import Fastify, { LogController, type FastifyInstance } from 'fastify';

/** The HTTP server every part mounts on: health, sandbox, console, Telegram webhook. */
export function createServer(opts: { logLevel: string }): FastifyInstance {
  return Fastify({
    logger:
      opts.logLevel === 'silent'
        ? false
        : {
            level: opts.logLevel,
            // Secrets and personal numbers never reach the log, even by accident.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-telegram-bot-api-secret-token"]', '*.token', '*.secret', '*.phone', '*.idNumber'],
          },
    bodyLimit: 20 * 1024 * 1024,
    trustProxy: true,
    // Request lines add noise and can carry query strings; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
  });
}
