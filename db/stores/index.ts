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
    batch: (fn) =>
      db === root ? root.transaction((tx) => fn(batchedStores(storesOn(tx as unknown as Db, kind, root), tx as unknown as Db))) : fn(s),
  };
  return s;
}

export function createStores(d: Database): Stores {
  return storesOn(d.db, d.kind, d.db);
}
