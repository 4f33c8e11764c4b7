import { desc } from 'drizzle-orm';
import type { FailedMessage, FailedMessageStore } from '../../core/ports.ts';
import { failedMessages } from '../schema/index.ts';
import type { Db } from '../types.ts';

export function failedMessageStore(db: Db): FailedMessageStore {
  return {
    async record(f: FailedMessage) {
      await db.insert(failedMessages).values(f);
    },
    async list(limit = 100) {
      return db.select().from(failedMessages).orderBy(desc(failedMessages.id)).limit(limit);
    },
  };
}
