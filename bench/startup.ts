/**
 * Seconds from process start (`node bin/start.mjs`, as `npm start`) to the ready line, with an empty
 * data folder (cold: the embedded database is created, migrated and the demo loaded) and again with
 * the same folder (warm). With DATABASE_URL set, the same on a new empty Postgres database (cold:
 * migrations run) and again on the migrated one (warm).
 *
 *   npx tsx bench/startup.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server-process.ts';
import { type BenchLine, emptyPostgresDatabase, round } from './support.ts';

async function timeStart(env: Record<string, string>): Promise<number> {
  const s = await startServer(env);
  await s.stop();
  return round(s.readySeconds);
}

export async function benchStartup(): Promise<BenchLine[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cebot-bench-start-'));
  const lines: BenchLine[] = [];
  try {
    const env = { DATA_DIR: join(dir, 'data') };
    const cold = await timeStart(env);
    const warm = [await timeStart(env), await timeStart(env)];
    lines.push({ name: 'startup', db: 'pglite', coldSeconds: cold, warmSeconds: Math.min(...warm), warmRuns: warm });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const pg = await emptyPostgresDatabase(url);
    try {
      const env = { DATABASE_URL: pg.url };
      const cold = await timeStart(env);
      const warm = [await timeStart(env), await timeStart(env)];
      lines.push({ name: 'startup', db: 'postgres', coldSeconds: cold, warmSeconds: Math.min(...warm), warmRuns: warm });
    } finally {
      await pg.drop();
    }
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchStartup()) console.log(JSON.stringify(line));
}
