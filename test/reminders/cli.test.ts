import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../bot/cli/main.ts';
import { loadCampaign } from '../../core/campaign/load.ts';
import { systemClock } from '../../core/ports.ts';
import { scheduleAdminReminder } from '../../core/reminders/admin.ts';
import { openDatabase } from '../../db/client.ts';
import { createStores } from '../../db/stores/index.ts';
import type { Database } from '../../db/types.ts';
import { testDatabase, usingPostgres } from '../support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'cebot-reminders-cli-'));
let pg: (Database & { url?: string }) | undefined;

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent', USER: 'tester' };
  if (pg?.url) e.DATABASE_URL = pg.url;
  return e;
}

async function cebot(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
    stderr: { write: (s: string | Uint8Array) => (stderr += String(s)) },
    env: env(),
    cwd: dir,
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  if (usingPostgres()) pg = await testDatabase();
  // Two bound groups, one unbound, and an admin reminder: what an operator would have after setup.
  const d = pg ?? (await openDatabase({ dataDir: join(dir, 'data') }));
  try {
    const campaign = loadCampaign();
    const stores = createStores(d);
    const boundAt = new Date('2021-09-01T00:00:00Z');
    for (const [id, title, level] of [
      ['cidJunior', '初级培训群', '初级'],
      ['cidSenior', '副高级培训群', '副高级'],
      ['cidNew', '新群', null],
    ] as const) {
      await stores.chats.touch('dingtalk', id, title, campaign.id);
      if (level) await stores.chats.bindLevel('dingtalk', id, level, 'test', boundAt);
    }
    const clock = { now: () => new Date('2021-09-20T00:00:00+08:00') };
    await scheduleAdminReminder({ stores, campaign, clock }, { text: '周五考试', at: new Date('2021-09-24T09:00:00+08:00'), scope: { level: '初级' } }, 'cli:tester');
  } finally {
    if (!pg) await d.close();
  }
}, 120_000);

afterAll(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cebot reminders', { timeout: 120_000 }, () => {
  it('prints what will be sent where and when in a date range', async () => {
    const r = await cebot(['reminders', '--from', '2021-09-22', '--to', '2021-09-28']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const groups = '初级培训群[dingtalk·初级]、副高级培训群[dingtalk·副高级]';
    expect(r.stdout.trim().split('\n')).toEqual([
      '提醒计划：2021-09-22 至 2021-09-28（Asia/Shanghai）',
      `2021-09-22 10:00  继续教育培训报名 · 开始  → ${groups}`,
      '2021-09-24 09:00  管理员提醒 #1  → 初级培训群[dingtalk·初级]',
      `2021-09-26 10:00  继续教育培训 · 开始  → ${groups}`,
      `2021-09-28 10:00  继续教育培训报名 · 截止前 7 天  → ${groups}`,
      '共 4 条提醒，7 条群消息（不含私信）。',
    ]);
  });

  it('shows the texts with --text and the data with --json', async () => {
    const r = await cebot(['reminders', '--from', '2021-10-07', '--to', '2021-10-07', '--text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('    【继续教育培训】将于10月10日 24:00 截止，还有 3 天。');
    expect(r.stdout).toContain('截止前 3 天私信未完成学员  → 未完成且已绑定账号的学员');
    const j = await cebot(['reminders', '--from', '2021-11-25', '--to', '2021-11-25', '--json']);
    const rows = JSON.parse(j.stdout);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ at: '2021-11-25T02:00:00.000Z', local: '2021-11-25 10:00', kind: 'closes', title: '职称评审纸质材料报送' });
    expect(rows[0].groups.map((g: { chatId: string }) => g.chatId)).toEqual(['cidJunior', 'cidSenior']);
  });

  it('refuses a bad date with the right form', async () => {
    const r = await cebot(['reminders', '--from', '2021-13-01']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('日期“2021-13-01”无效，应为 YYYY-MM-DD。');
    expect((await cebot(['reminders', '--to', '2021-02-30'])).stderr.trim()).toBe('日期“2021-02-30”无效，应为 YYYY-MM-DD。');
  });
});
