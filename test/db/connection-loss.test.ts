import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/types.ts';
import { testDatabase, usingPostgres } from '../support/db.ts';

// postgres.js 3.4.9 has no guard for a transaction whose backend dies while it runs (porsager/postgres
// #1208, #1186, #1216): its own ROLLBACK was written to the closed socket from a setImmediate (an
// uncaught TypeError that killed the process), bytes buffered for the dead backend were sent to the
// next one, and the transaction's later statements could run outside it on the reconnected socket.
// patches/postgres+3.4.9.patch fixes these; this checks them through our own database layer.

/** A step that does not settle in time fails the test with its name, instead of a bare timeout. */
async function within<T>(ms: number, step: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${step}: not settled within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe.runIf(usingPostgres())('a transaction whose connection is killed (PostgreSQL)', () => {
  let database: Database & { url?: string };
  let admin: postgres.Sql;
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);

  beforeAll(async () => {
    database = await testDatabase();
    admin = postgres(database.url!, { max: 1, onnotice: () => {} });
    await database.db.execute(sql`create table loss_probe (n int)`);
    process.on('uncaughtException', onUncaught);
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await admin.end();
    await database.close();
  });

  it('fails the transaction cleanly, writes nothing outside it, and the pool carries on', async () => {
    for (let round = 0; round < 5; round++) {
      let started!: (pid: number) => void;
      const backend = new Promise<number>((r) => (started = r));
      const afterKill: Array<Promise<unknown>> = [];
      const tx = database.db.transaction(async (t) => {
        const [row] = (await t.execute(sql`select pg_backend_pid() as pid`)) as unknown as Array<{ pid: number }>;
        started(row!.pid);
        await t.execute(sql`insert into loss_probe values (${round})`);
        try {
          await t.execute(sql`select pg_sleep(5)`);
        } finally {
          // What a batch does when one of its statements fails: the others still go out.
          for (let i = 0; i < 3; i++) afterKill.push(t.execute(sql`insert into loss_probe values (${100 + round})`).catch((e) => e));
        }
      });
      const failed = tx.then(
        () => null,
        (e: unknown) => e,
      );
      // A transaction that fails before it starts (say the server refuses another connection) says why.
      const pid = await within(
        10_000,
        `round ${round}: the transaction starting`,
        Promise.race([backend, failed.then((e) => Promise.reject(new Error(`round ${round}: the transaction failed before the kill: ${String(e)}`)))]),
      );
      await within(10_000, `round ${round}: the kill`, admin`select pg_terminate_backend(${pid})`);

      expect(await within(10_000, `round ${round}: the transaction`, failed)).toBeInstanceOf(Error);
      // Every statement of the dead transaction settles (none waits forever) and fails.
      for (const r of await within(10_000, `round ${round}: statements after the kill`, Promise.all(afterKill))) expect(r).toBeInstanceOf(Error);
      // Give any write scheduled for the closed socket its turn.
      await new Promise((r) => setTimeout(r, 50));
      const [{ n }] = (await within(10_000, `round ${round}: the next query`, database.db.execute(sql`select count(*)::int as n from loss_probe`))) as unknown as Array<{ n: number }>;
      expect(n).toBe(0);
    }
    expect(uncaught).toEqual([]);
    // The same pool still runs transactions.
    await within(
      10_000,
      'a new transaction',
      database.db.transaction(async (t) => {
        await t.execute(sql`insert into loss_probe values (1)`);
      }),
    );
    const [{ n }] = (await database.db.execute(sql`select count(*)::int as n from loss_probe`)) as unknown as Array<{ n: number }>;
    expect(n).toBe(1);
  }, 60_000);
});
