import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase } from '../../db/client.ts';
import type { Database } from '../../db/types.ts';

let counter = 0;

/** A fresh, migrated database for one test file: PGlite from the snapshot, or a Postgres copy of the template. */
export async function testDatabase(): Promise<Database & { url?: string }> {
  const tpl = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (tpl && url) {
    const name = `${inject('pgPrefix')}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    // Several workers copying one template at once: Postgres refuses while the template is in use, so retry.
    for (let i = 0; ; i++) {
      try {
        await admin.unsafe(`create database ${name} template ${tpl}`);
        break;
      } catch (e) {
        if (i > 50) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    const d = await openDatabase({ databaseUrl: u.toString(), migrate: false });
    return {
      ...d,
      url: u.toString(),
      close: async () => {
        await d.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const snap = readFileSync(inject('pgliteSnapshot'));
  return openDatabase({ loadDataDir: new Blob([snap]), migrate: false });
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * The environment for a bot process (`npm start`) under test: a fresh Postgres copy when the suite runs
 * on Postgres (with the demo data), else an embedded data folder under `dir`.
 */
export async function serverDatabase(dir: string): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  if (!usingPostgres()) return { env: { DATA_DIR: join(dir, 'data') }, close: async () => {} };
  const pg = await testDatabase();
  return { env: { DATABASE_URL: pg.url!, DEMO: 'true' }, close: () => pg.close() };
}
