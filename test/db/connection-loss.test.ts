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
      let pid: number | undefined;
      const afterKill: Array<Promise<unknown>> = [];
      const tx = database.db.transaction(async (t) => {
        const [row] = (await t.execute(sql`select pg_backend_pid() as pid`)) as unknown as Array<{ pid: number }>;
        pid = row!.pid;
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
      while (pid === undefined) await new Promise((r) => setTimeout(r, 10));
      await admin`select pg_terminate_backend(${pid})`;

      expect(await failed).toBeInstanceOf(Error);
      // Every statement of the dead transaction settles (none waits forever) and fails.
      for (const r of await Promise.all(afterKill)) expect(r).toBeInstanceOf(Error);
      // Give any write scheduled for the closed socket its turn.
      await new Promise((r) => setTimeout(r, 50));
      const [{ n }] = (await database.db.execute(sql`select count(*)::int as n from loss_probe`)) as unknown as Array<{ n: number }>;
      expect(n).toBe(0);
    }
    expect(uncaught).toEqual([]);
    // The same pool still runs transactions.
    await database.db.transaction(async (t) => {
      await t.execute(sql`insert into loss_probe values (1)`);
    });
    const [{ n }] = (await database.db.execute(sql`select count(*)::int as n from loss_probe`)) as unknown as Array<{ n: number }>;
    expect(n).toBe(1);
  }, 60_000);
});
