import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import type { Stores } from '../../core/ports.ts';
import { openDatabase } from '../../db/client.ts';
import { createStores } from '../../db/stores/index.ts';
import type { Database } from '../../db/types.ts';
import { main } from '../../bot/cli/main.ts';
import { testDatabase, usingPostgres } from '../support/db.ts';
import { writeCsv, writeXlsx } from '../imports/make-files.ts';

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/cebot.mjs');
const dir = mkdtempSync(join(tmpdir(), 'cebot-cli-'));
const dataDir = join(dir, 'data');
/** On Postgres runs the CLI uses this file's test database; otherwise its own PGlite folder. */
let pg: (Database & { url?: string }) | undefined;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cebot(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, USER: 'tester', ...extraEnv };
  delete env.DATABASE_URL;
  if (pg?.url) env.DATABASE_URL = pg.url;
  Object.assign(env, extraEnv);
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: dir, env, timeout: 120_000 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Direct access to the same database between CLI runs (the PGlite folder only while no CLI holds it). */
async function withStores<T>(fn: (s: Stores) => Promise<T>): Promise<T> {
  if (pg) return fn(createStores(pg));
  const d = await openDatabase({ dataDir, migrate: false });
  try {
    return await fn(createStores(d));
  } finally {
    await d.close();
  }
}

beforeAll(async () => {
  if (usingPostgres()) pg = await testDatabase();
  await writeXlsx(join(dir, 'roster.xlsx'), ['姓名', '单位', '级别', '手机号'], [
    ['张三', '网信办', '初级', '13900001111'],
    ['李四', '信息中心', '初级', ''],
    ['王五', '网信办', '中欧', ''],
    ['赵六', '公安厅', '中级', '13900002222'],
    ['王五', '网信办', '中级', ''],
  ]);
  writeCsv(join(dir, 'watch.csv'), ['昵称', '观看时长'], [['张三-网信办', '1小时40分'], ['李四', 30], ['路人甲', 90]]);
  await writeXlsx(join(dir, 'scores.xlsx'), ['姓名', '科目', '成绩'], [['张三', '专业', 85]]);
});
afterAll(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('cebot on the command line', { timeout: 120_000 }, () => {
  it('migrates the database', async () => {
    const r = await cebot(['migrate']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pg ? /^数据库结构已是最新（PostgreSQL：/ : /^数据库结构已是最新（内置数据库：/);
  });

  it('refuses a roster with a bad row, naming the row in Chinese on stderr, and writes nothing', async () => {
    const r = await cebot(['import', 'roster', 'roster.xlsx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('未写入任何数据：文件中有 1 处错误');
    expect(r.stderr).toContain('第 4 行：级别无法识别');
    expect(await withStores((s) => s.roster.count(loadCampaign().id))).toBe(0);
  });

  it('imports the good rows with --skip-bad', async () => {
    const r = await cebot(['import', 'roster', 'roster.xlsx', '--skip-bad']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('花名册：共 5 行，正确 4 行，错误 1 行。');
    expect(r.stdout).toContain('已写入：新增 4，更新 0，无变化 0。');
  });

  it('imports watch time for a session and lists unmatched nicknames', async () => {
    const session = await withStores((s) =>
      s.ledger.createSession({
        campaignId: loadCampaign().id,
        title: '专业课一',
        level: '初级',
        subject: 'professional',
        startsAt: new Date('2021-09-26T02:00:00Z'),
        endsAt: new Date('2021-09-26T04:00:00Z'),
        hours: 60,
        creditRule: 'watchtime',
        thresholdPercent: null,
        platform: null,
        chatId: null,
        createdBy: 'test',
      }),
    );
    const missing = await cebot(['import', 'attendance', 'watch.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('导入观看时长需要 --session 课次编号');
    const r = await cebot(['import', 'attendance', 'watch.csv', '--session', String(session.id)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已写入：新增 2，更新 0，无变化 0。');
    expect(r.stdout).toContain('未匹配到花名册的昵称 1 个');
    expect(r.stdout).toContain('第 4 行“路人甲”：花名册中没有与此昵称对应的人。');
  });

  it('imports exam results', async () => {
    const r = await cebot(['import', 'exams', 'scores.xlsx']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('考试成绩：共 1 行，正确 1 行，错误 0 行。');
  });

  it("prints one trainee's year", async () => {
    const r = await cebot(['summary', '张三']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 7)).toEqual([
      '张三（网信办，初级）',
      '公需：0 学时（要求 30，还差 30）',
      '专业：60 学时（要求 60，已达标）',
      '总学时：60 学时（要求 90，还差 30）',
      '考试：专业 85（合格）',
      '完成情况：未完成',
      '缺少：公需 30 学时',
    ]);
  });

  it('exports the report as JSON, CSV and .xlsx', async () => {
    const json = await cebot(['report', '--format', 'json', '--level', '初级']);
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout);
    expect(data.rows.map((r: { name: string; totalHours: number }) => [r.name, r.totalHours])).toEqual([
      ['张三', 60],
      ['李四', 15], // 30 of 120 minutes of a 60-hour session
    ]);
    const xlsx = await cebot(['report', '--out', 'report.xlsx']);
    expect(xlsx.stdout).toContain('报表已写入 report.xlsx（4 名学员）');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'report.xlsx')) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '初级', '中级']);
  });

  it('prints the campaign of the notice', async () => {
    const r = await cebot(['campaign']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('初级：钉钉群 32158018，培训费 243 元，评审费 300 元');
    expect(r.stdout).toContain('学时要求：每年不少于 90 学时（公需不少于 30，专业不少于 60）');
  });

  it('explains usage, file and configuration errors in Chinese with a non-zero exit', async () => {
    // Same entry point as the binary, in-process: these fail before any database is opened.
    const run = async (args: string[], env: Record<string, string> = {}) => {
      let stdout = '';
      let stderr = '';
      const code = await main(args, {
        stdout: { write: (x) => (stdout += String(x)) },
        stderr: { write: (x) => (stderr += String(x)) },
        env: { DATA_DIR: dataDir, ...(pg?.url ? { DATABASE_URL: pg.url } : {}), ...env },
        cwd: dir,
      });
      return { code, stdout, stderr };
    };
    expect(await run(['frob'])).toMatchObject({ code: 2, stderr: '未知命令“frob”。运行 cebot help 查看可用命令。\n' });
    const noFile = await run(['import', 'roster', 'nope.xlsx']);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/^找不到文件：.*nope\.xlsx/);
    expect(await run(['report', '--format', 'xlsx'])).toMatchObject({ code: 2, stderr: expect.stringContaining('导出 xlsx 需要用 --out 指定输出文件') });
    expect(await run(['report', '--level', '高级'])).toMatchObject({ code: 2, stderr: '级别“高级”无效，应为：初级、中级、副高级。\n' });
    expect(await run(['import', 'roster', 'roster.xlsx', '--force'])).toMatchObject({ code: 2, stderr: '不认识的参数 --force。\n' });
    const badEnv = await run(['summary', '张三'], { DATABASE_URL: 'mysql://x' });
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain('配置有误，请检查以下环境变量');
    expect((await run(['help'])).stdout).toContain('cebot —— 继续教育培训机器人管理命令');
    const ask = await run(['ask', '副高级培训费多少']);
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain('313');
  });
});
