/**
 * Resident memory of the bot process (`node bin/start.mjs`, as `npm start`) right after a (re)start and
 * after a load of sandbox conversation through its HTTP API (check-ins, 我的学时, help, policy
 * questions from every demo trainee), on the embedded database and, with DATABASE_URL set, on Postgres.
 * Also the benchmark runner's own RSS after every benchmark before it ran.
 *
 *   npx tsx bench/memory.ts [messages=2000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server-process.ts';
import { type BenchLine, emptyPostgresDatabase, rssMb, runConcurrent } from './support.ts';

const TEXTS = ['签到', '我的学时', '帮助', '职称申报材料什么时候交', '培训费多少钱', '继续教育要多少学时', '考试不及格怎么办', '昵称要怎么改'];

async function measure(env: Record<string, string>, messages: number) {
  // The first start creates the database (PGlite: a new data folder, far more memory than a restart);
  // the figures are for the restart, as a deployment runs most of the time.
  const first = await startServer({ DEMO: 'true', ...env });
  const firstStartRssMb = first.rssMb();
  await first.stop();
  const s = await startServer({ DEMO: 'true', ...env });
  try {
    const afterStart = s.rssMb();
    const state = (await (await fetch(`${s.baseUrl}/sandbox/api/state`)).json()) as {
      groups: Array<{ chatId: string; level: string | null }>;
      people: Array<{ id: string; level?: string }>;
    };
    const trainees = state.people.filter((p) => p.level);
    const sends = Array.from({ length: messages }, (_, i) => {
      const p = trainees[i % trainees.length]!;
      const group = state.groups.find((g) => g.level === p.level)!;
      return { chatId: group.chatId, personId: p.id, text: TEXTS[Math.floor(i / trainees.length) % TEXTS.length]! };
    });
    let failures = 0;
    const t0 = performance.now();
    await runConcurrent(sends, 8, async (body) => {
      const r = await fetch(`${s.baseUrl}/sandbox/api/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (r.status !== 200) failures++;
      await r.arrayBuffer();
    });
    const seconds = (performance.now() - t0) / 1000;
    return { firstStartRssMb, rssAfterStartMb: afterStart, rssAfterLoadMb: s.rssMb(), messages, httpFailures: failures, messagesPerSec: Math.round(messages / seconds) };
  } finally {
    await s.stop();
  }
}

export async function benchMemory(o: { messages?: number } = {}): Promise<BenchLine[]> {
  const messages = o.messages ?? 2_000;
  const dir = mkdtempSync(join(tmpdir(), 'cebot-bench-mem-'));
  const out: BenchLine = { name: 'memory', db: process.env.DATABASE_URL ? 'postgres' : 'pglite' };
  try {
    out.pglite = await measure({ DATA_DIR: join(dir, 'data') }, messages);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (url) {
    const pg = await emptyPostgresDatabase(url);
    try {
      out.postgres = await measure({ DATABASE_URL: pg.url }, messages);
    } finally {
      await pg.drop();
    }
  }
  out.benchRunnerRssMb = rssMb();
  return [out];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const messages = Number(process.argv[2]) || undefined;
  for (const line of await benchMemory({ messages })) console.log(JSON.stringify(line));
}
