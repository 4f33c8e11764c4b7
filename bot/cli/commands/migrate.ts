import { resolve } from 'node:path';
import { cli as t } from '../../../core/locales/zh-CN/cli.ts';
import { openDatabase } from '../../../db/client.ts';
import { loadConfig } from '../../config.ts';
import { parse } from '../args.ts';
import { println, type CliCommand } from '../io.ts';

/** Where the data lives, without credentials. */
export function describeDatabase(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return t.dbPglite(dataDir);
  const u = new URL(databaseUrl);
  return t.dbPostgres(u.host, u.pathname.replace(/^\//, '') || 'postgres');
}

export const command: CliCommand = {
  async run(args, io) {
    parse(args, {});
    const cfg = loadConfig(io.env);
    const dataDir = resolve(io.cwd, cfg.DATA_DIR);
    const db = await openDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir, migrate: true, maxConnections: 1 });
    await db.close();
    println(io.stdout, t.migrated(describeDatabase(cfg.DATABASE_URL, dataDir)));
    return 0;
  },
};
