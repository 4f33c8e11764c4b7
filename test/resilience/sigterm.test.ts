import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../bench/server-process.ts';
import { serverDatabase } from '../support/db.ts';

// The real process (`node bin/start.mjs`, as `npm start`) on a loopback port. What a broadcast
// interrupted by a stop does (claimed sends finish, the restarted process sends the rest, nobody twice)
// is tested in test/reminders/restart.test.ts; this checks the signal path itself: SIGTERM → app.stop()
// → database closed → exit 0, and a restart on the same database finds everything written before.
let dir: string;
let db: Awaited<ReturnType<typeof serverDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cebot-sigterm-'));
  db = await serverDatabase(dir);
  env = db.env;
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function send(baseUrl: string, personId: string, text: string) {
  const r = await fetch(`${baseUrl}/sandbox/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId: 'sandbox-junior', personId, text }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { entries: Array<{ from: string; text: string }> }).entries.filter((e) => e.from === 'bot').map((e) => e.text);
}

it('SIGTERM stops the bot gracefully (exit 0, database closed) and a restart on the same database carries on', { timeout: 180_000 }, async () => {
  const first = await startServer(env);
  const state = (await (await fetch(`${first.baseUrl}/sandbox/api/state`)).json()) as { people: Array<{ id: string; nick: string }> };
  const wang = state.people.find((p) => p.nick === '王芳')!;
  expect((await send(first.baseUrl, wang.id, '签到'))[0]).toContain('签到成功');
  const exited = new Promise<number | null>((resolve) => first.child.once('exit', (code) => resolve(code)));
  first.child.kill('SIGTERM');
  expect(await exited).toBe(0);

  // The pid lock and the database were released: a new process starts on the same data.
  const second = await startServer(env);
  try {
    expect((await send(second.baseUrl, wang.id, '签到'))[0]).toContain('已签到过');
  } finally {
    await second.stop();
  }
  expect(second.child.exitCode).toBe(0);
});
