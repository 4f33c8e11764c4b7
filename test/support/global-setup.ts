import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client.ts';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_DIR } from '../../db/client.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteSnapshot: string;
    pgPrefix: string;
  }
}

/** Migrate once; each test file then gets its own copy (template database or PGlite snapshot). */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const tpl = `cebot_tpl_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${tpl}`);
    await admin.unsafe(`create database ${tpl}`);
    const u = new URL(url);
    u.pathname = `/${tpl}`;
    const d = await openDatabase({ databaseUrl: u.toString() });
    await d.close();
    project.provide('pgTemplate', tpl);
    project.provide('pgPrefix', `cebot_t_${process.pid}`);
    project.provide('pgliteSnapshot', '');
    return async () => {
      const dbs = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`cebot_t_${process.pid}_%`}`;
      for (const { datname } of dbs) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.unsafe(`drop database if exists ${tpl} with (force)`);
      await admin.end();
    };
  }
  const pg = await PGlite.create();
  await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_DIR });
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  const dir = mkdtempSync(join(tmpdir(), 'cebot-test-'));
  const file = join(dir, 'snapshot.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgTemplate', '');
  project.provide('pgPrefix', '');
  project.provide('pgliteSnapshot', file);
}
