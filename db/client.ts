import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/postgres-js';
import { migrate as migratePg } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema/index.ts';
import { acquirePidLock } from './pid-lock.ts';
import type { Database, Db } from './types.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
/** Any constant: serialises migrations of instances starting together. */
const MIGRATION_LOCK_KEY = 724_190_001;

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Boot PGlite from a `dumpDataDir` snapshot (tests). */
  loadDataDir?: Blob | File;
  /** In-memory PGlite (tests, benchmarks). */
  memory?: boolean;
  migrate?: boolean;
  maxConnections?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts);
  return openPglite(opts);
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const client = postgres(url, { max: opts.maxConnections ?? 10, onnotice: () => {} });
  const db = drizzlePg(client, { schema }) as unknown as Db;
  if (opts.migrate !== false) {
    // drizzle's migrator has no lock of its own; hold one on a dedicated connection.
    const lockConn = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await lockConn`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      const mdb = drizzlePg(lockConn, { schema });
      await migratePg(mdb, { migrationsFolder: MIGRATIONS_DIR });
      await lockConn`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    } finally {
      await lockConn.end();
    }
  }
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  // Loaded only when used: the embedded database's module alone is ~40 MB of RSS a Postgres deployment never needs.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  let release = () => {};
  let client: PGlite;
  if (opts.memory || opts.loadDataDir) {
    client = await PGlite.create({ loadDataDir: opts.loadDataDir });
  } else {
    const dir = resolve(opts.dataDir ?? './data');
    mkdirSync(dir, { recursive: true });
    release = acquirePidLock(dir);
    try {
      client = await PGlite.create({ dataDir: join(dir, 'pglite') });
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  if (opts.migrate !== false) await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
