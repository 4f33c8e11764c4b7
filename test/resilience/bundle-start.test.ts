import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer } from '../../bench/server-process.ts';
import { serverDatabase } from '../support/db.ts';

// `npm start` bundles bot/, core/ and db/ into dist/<content hash>/ and runs plain JavaScript
// (bin/build.mjs). Run on a copy of the project, so that its dist/ is this test's own.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let copy: string;
let db: Awaited<ReturnType<typeof serverDatabase>>;
let env: Record<string, string>;

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'cebot-bundle-'));
  for (const d of ['bin', 'bot', 'core', 'db', 'migrations']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  db = await serverDatabase(copy);
  env = db.env;
});
afterAll(async () => {
  await db?.close();
  rmSync(copy, { recursive: true, force: true });
});

const builds = () => readdirSync(join(copy, 'dist')).filter((d) => !d.startsWith('.'));

it('builds the bundle once, reuses it on restart, and the bundle finds its data, migrations and console assets', { timeout: 180_000 }, async () => {
  const first = await startServer(env, 120_000, copy);
  try {
    expect(builds()).toHaveLength(1);
    expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
    // Console assets are read from bot/console/assets/ through the rewritten module URL.
    const login = await (await fetch(`${first.baseUrl}/admin/login`)).text();
    const css = /href="([^"]*console\.css[^"]*)"/.exec(login)?.[1];
    expect(css).toBeTruthy();
    expect((await fetch(new URL(css!, first.baseUrl))).status).toBe(200);
    // A sandbox check-in: campaign data and the migrated schema are in place.
    const state = (await (await fetch(`${first.baseUrl}/sandbox/api/state`)).json()) as { people: Array<{ id: string; nick: string }> };
    const lina = state.people.find((p) => p.nick === '李娜')!;
    const r = await fetch(`${first.baseUrl}/sandbox/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatId: 'sandbox-junior', personId: lina.id, text: '签到' }),
    });
    expect(JSON.stringify(await r.json())).toContain('签到成功');
  } finally {
    await first.stop();
  }
  const [hash] = builds();
  const builtAt = statSync(join(copy, 'dist', hash!, 'main.mjs')).mtimeMs;

  const second = await startServer(env, 120_000, copy);
  await second.stop();
  expect(builds()).toEqual([hash]);
  expect(statSync(join(copy, 'dist', hash!, 'main.mjs')).mtimeMs).toBe(builtAt);

  // A changed source is a new build; the old one is removed.
  writeFileSync(join(copy, 'core', 'zz-touched.ts'), 'export const touched = 1;\n');
  const third = await startServer(env, 120_000, copy);
  await third.stop();
  expect(builds()).toHaveLength(1);
  expect(builds()[0]).not.toBe(hash);
  rmSync(join(copy, 'core', 'zz-touched.ts'));
});

it('says so and runs the TypeScript through tsx when dist/ cannot be written', { timeout: 180_000 }, async () => {
  rmSync(join(copy, 'dist'), { recursive: true, force: true });
  writeFileSync(join(copy, 'dist'), 'not a folder');
  const s = await startServer(env, 120_000, copy);
  try {
    expect((await fetch(`${s.baseUrl}/healthz`)).status).toBe(200);
    expect(s.stderr()).toContain('无法生成 dist/');
  } finally {
    await s.stop();
    rmSync(join(copy, 'dist'), { force: true });
  }
  expect(existsSync(join(copy, 'dist'))).toBe(false);
});
