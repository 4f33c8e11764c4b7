import { sql } from 'drizzle-orm';
import type { Stores } from '../../core/ports.ts';
import type { Database, Db } from '../types.ts';
import { auditStore } from './audit.ts';
import { batchedStores } from './batched.ts';
import { chatStore } from './chats.ts';
import { failedMessageStore } from './failed-messages.ts';
import { ledgerStore } from './ledger.ts';
import { reminderStore } from './reminders.ts';
import { rosterStore } from './roster.ts';

function storesOn(db: Db, kind: Database['kind'], root: Db): Stores {
  const s: Stores = {
    kind,
    roster: rosterStore(db),
    chats: chatStore(db),
    ledger: ledgerStore(db),
    audit: auditStore(db),
    failed: failedMessageStore(db),
    reminders: reminderStore(db),
    // Nested units of work join the outer transaction.
    tx: (fn) => (db === root ? root.transaction((tx) => fn(storesOn(tx as unknown as Db, kind, root))) : fn(s)),
    batch: (fn) => (db === root ? root.transaction((tx) => inBatch(tx as unknown as Db, kind, (t) => fn(batchedStores(storesOn(t, kind, root), t)))) : fn(s)),
  };
  return s;
}

const customPlans = sql.raw('set local plan_cache_mode = force_custom_plan');

/**
 * A batch's statements are planned for the values they carry. A statement prepared once per connection
 * would otherwise keep a generic plan made while a table had no statistics yet (a roster just imported,
 * accounts bound during the first check-in burst): that plan reads every trainee of the campaign for
 * each name lookup. Sent ahead of the batch's first statement on the same connection, so no extra wait.
 */
async function inBatch<T>(tx: Db, kind: Database['kind'], fn: (tx: Db) => Promise<T>): Promise<T> {
  if (kind !== 'postgres') return fn(tx);
  const planning = tx.execute(customPlans);
  planning.catch(() => {}); // awaited below; a failure also fails the batch's own statements
  const result = await fn(tx);
  await planning;
  return result;
}

export function createStores(d: Database): Stores {
  return storesOn(d.db, d.kind, d.db);
}
