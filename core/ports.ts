/**
 * What the core needs from outside. `db/` implements the stores, `bot/` the messengers and the clock.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface FailedMessage {
  platform: string;
  chatId: string;
  private: boolean;
  text: string;
  reason: string;
  attempts: number;
  at: Date;
}

/** Messages that could not be delivered after every retry, for the admin to see. */
export interface FailedMessageStore {
  record(f: FailedMessage): Promise<void>;
  list(limit?: number): Promise<Array<FailedMessage & { id: number }>>;
}

/** pino-compatible logger (fastify's logger satisfies it). Never pass secrets, ID or phone numbers. */
export interface Logger {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
  child?(bindings: Record<string, unknown>): Logger;
}
