import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artefactPath, hasChromium, launchBrowser } from '../support/browser.ts';
import { startConsoleApp, TOKEN, type TestApp } from './support.ts';

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let url: string;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function xlsx(headers: string[], rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名表');
  ws.addRow(headers);
  ws.addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ROSTER_HEADERS = ['序号', '姓名', '工作单位', '申报级别', '手机号码', '身份证号'];
const GOOD_ROWS: Array<Array<string | number>> = [
  [1, '努尔兰·哈力克', '伊犁州网信办', '初级', '13999110001', '650102199003071235'],
  [2, '钱多多', '伊犁州网信办', '初级', '13999110002', ''],
  [3, '孙悟净', '哈密市信息中心', '初级', '13999110003', ''],
];
const BAD_ROWS: Array<Array<string | number>> = [
  [4, '', '哈密市信息中心', '初级', '13999110004', ''],
  [5, '白龙', '哈密市信息中心', '特级', '13999110005', ''],
];

const count = () => t.app.stores.roster.count(t.app.campaign.id);
const flash = () => page.locator('[data-testid=flash]').innerText();

beforeAll(async () => {
  if (!hasChromium()) return;
  t = await startConsoleApp();
  url = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  page = await context.newPage();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.close();
});

describe.runIf(hasChromium())('the admin console in a real browser', { timeout: 90_000 }, () => {
  it('refuses a wrong token, then logs in with ADMIN_TOKEN and a display name', async () => {
    await page.goto(`${url}/admin/`);
    expect(page.url()).toContain('/admin/login');
    await page.fill('[data-testid=token]', 'this-is-not-the-token');
    await page.fill('[data-testid=name]', '培训中心王老师');
    await page.click('[data-testid=login]');
    expect(await page.locator('.login .flash.error').innerText()).toBe('令牌不正确。');
    await page.fill('[data-testid=token]', TOKEN);
    await page.click('[data-testid=login]');
    await page.waitForURL(`${url}/admin/`);
    expect(await page.locator('[data-testid=admin-name]').innerText()).toBe('当前管理员：培训中心王老师');
    expect(await page.locator('[data-testid=stat-trainees] .value').innerText()).toBe('30');
    // The chart is server-rendered SVG with one bar per 10-hour bin and one for ≥ 90.
    expect(await page.locator('[data-testid=hours-chart] rect[data-value]').count()).toBe(10);
  });

  it('previews a roster with two bad rows: both reasons shown, nothing written', async () => {
    const before = await count();
    await page.goto(`${url}/admin/imports`);
    await page.selectOption('[data-testid=import-kind]', 'roster');
    await page.setInputFiles('[data-testid=import-file]', { name: '2021初级报名表.xlsx', mimeType: XLSX, buffer: await xlsx(ROSTER_HEADERS, [...GOOD_ROWS, ...BAD_ROWS]) });
    await page.click('[data-testid=import-preview]');
    const errors = page.locator('[data-testid=import-errors] tbody tr');
    await expect.poll(() => errors.count()).toBe(2);
    expect(await errors.nth(0).innerText()).toMatch(/^5\s+姓名为空。/);
    expect(await errors.nth(1).innerText()).toMatch(/^6\s+级别无法识别/);
    expect(await page.locator('[data-testid=import-summary]').innerText()).toContain('共 5 行：有效 3 行，错误 2 行。 尚未写入任何数据。');
    expect(await page.locator('[data-testid=import-rows] tbody tr').count()).toBe(3);
    // With bad rows the plain commit is not offered; only "skip them" is.
    expect(await page.locator('[data-testid=import-commit]').count()).toBe(0);
    expect(await page.locator('[data-testid=import-commit-skip]').count()).toBe(1);
    await page.screenshot({ path: artefactPath('console-roster-preview-errors.png'), fullPage: true });
    expect(await count()).toBe(before);
  });

  it('commits the corrected roster in one go', async () => {
    const before = await count();
    const fixed = [...GOOD_ROWS, [4, '沙悟能', '哈密市信息中心', '初级', '13999110004', ''], [5, '白龙', '哈密市信息中心', '初级', '13999110005', '']];
    await page.goto(`${url}/admin/imports`);
    await page.selectOption('[data-testid=import-kind]', 'roster');
    await page.setInputFiles('[data-testid=import-file]', { name: '2021初级报名表-修正.xlsx', mimeType: XLSX, buffer: await xlsx(ROSTER_HEADERS, fixed) });
    await page.click('[data-testid=import-preview]');
    expect(await page.locator('[data-testid=import-errors]').count()).toBe(0);
    expect(await count()).toBe(before);
    await page.click('[data-testid=import-commit]');
    expect(await page.locator('[data-testid=import-result]').innerText()).toBe('导入完成：新增 5 条，更新 0 条，未变 0 条。');
    expect(await count()).toBe(before + 5);
    const [audit] = await t.app.stores.audit.list({ action: 'import.roster' });
    expect(audit).toMatchObject({ actor: 'web:培训中心王老师', target: '2021初级报名表-修正.xlsx' });
  });

  it('creates a watch-time session and imports its export: hours reach the dashboard; unmatched nicknames are listed', async () => {
    await page.goto(`${url}/admin/sessions`);
    await page.fill('[data-testid=session-title]', '专业课：网络安全等级保护');
    await page.selectOption('[data-testid=session-form] select[name=level]', '初级');
    await page.fill('[data-testid=session-hours]', '12');
    await page.selectOption('[data-testid=session-rule]', 'watchtime');
    await page.click('[data-testid=session-submit]');
    expect(await flash()).toMatch(/^已新建课次 \d+。$/);
    const sessionId = Number(/课次 (\d+)/.exec(await flash())![1]);

    await page.goto(`${url}/admin/imports?kind=attendance&sessionId=${sessionId}`);
    expect(await page.inputValue('[data-testid=import-session]')).toBe(String(sessionId));
    const watch = await xlsx(['昵称', '观看时长(分钟)'], [
      ['努尔兰•哈力克', 118],
      ['钱多多-伊犁州网信办', 100],
      ['孙悟净', 48],
      ['不认识的人', 90],
    ]);
    await page.setInputFiles('[data-testid=import-file]', { name: '直播观看数据.xlsx', mimeType: XLSX, buffer: watch });
    await page.click('[data-testid=import-preview]');
    const unmatched = page.locator('[data-testid=import-unmatched] tbody tr');
    expect(await unmatched.count()).toBe(1);
    expect(await unmatched.first().innerText()).toContain('不认识的人');
    expect(await unmatched.first().locator('a', { hasText: '在花名册中查找' }).getAttribute('href')).toContain('/admin/trainees?q=');
    await page.screenshot({ path: artefactPath('console-watchtime-preview.png'), fullPage: true });
    await page.click('[data-testid=import-commit]');
    expect(await page.locator('[data-testid=import-result]').innerText()).toBe('导入完成：新增 3 条，更新 0 条，未变 0 条。');

    await page.goto(`${url}/admin/?level=${encodeURIComponent('初级')}`);
    const row = (name: string) => page.locator('[data-testid=at-risk] tbody tr', { hasText: name });
    // 118 and 100 of 120 minutes ≥ 80 %: the full 12 h; 48 minutes = 40 %: 4.5 h (rounded down to 0.5).
    expect(await row('努尔兰·哈力克').locator('td').nth(3).innerText()).toBe('12');
    expect(await row('钱多多').locator('td').nth(3).innerText()).toBe('12');
    expect(await row('孙悟净').locator('td').nth(3).innerText()).toBe('4.5');
    expect(await page.locator('[data-testid=hours-chart] rect[data-value]').nth(1).getAttribute('data-value')).toBe('2');
    await page.screenshot({ path: artefactPath('console-dashboard-junior.png'), fullPage: true });
  });

  it('adds an exemption with its approval reference', async () => {
    await page.goto(`${url}/admin/exemptions`);
    await page.fill('[data-testid=exempt-trainee]', '钱多多');
    await page.selectOption('[data-testid=exempt-reason]', '南疆学前教育支教');
    await page.fill('[data-testid=exempt-ref]', '伊人社函〔2021〕88号');
    await page.click('[data-testid=exempt-submit]');
    expect(await flash()).toBe('已登记 钱多多 的豁免。');
    expect(await page.locator('[data-testid=exemptions] tbody tr', { hasText: '钱多多' }).innerText()).toContain('伊人社函〔2021〕88号');
    await page.goto(`${url}/admin/`);
    expect(await page.locator('[data-testid=stat-exempt] .value').innerText()).toBe('2');
    await page.screenshot({ path: artefactPath('console-dashboard.png'), fullPage: true });
  });

  it('downloads the compliance report as .xlsx with a summary sheet and one sheet per level', async () => {
    await page.goto(`${url}/admin/exports`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    expect(download.suggestedFilename()).toMatch(/^合规报表-2021-xj-cyber-2021-09-28\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '初级', '中级', '副高级']);
    const junior = wb.getWorksheet('初级')!;
    expect((junior.getRow(1).values as unknown[]).slice(1)).toEqual(['姓名', '单位', '级别', '昵称状态', '公需', '专业', '总学时', '考试', '完成情况', '缺少']);
    expect(junior.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(junior.getColumn(2).width).toBeGreaterThan(10);
    const rowOf = (name: string) => {
      let found: unknown[] | undefined;
      junior.eachRow((r) => {
        if ((r.values as unknown[])[1] === name) found = (r.values as unknown[]).slice(1);
      });
      return found!;
    };
    expect(rowOf('努尔兰·哈力克')).toEqual(['努尔兰·哈力克', '伊犁州网信办', '初级', '未见', 0, 12, 12, '—', '未完成', '公需 30 学时；专业 48 学时；专业考试']);
    expect(rowOf('钱多多').slice(8)).toEqual(['豁免（南疆学前教育支教）', '']);
    const summary = wb.getWorksheet('汇总')!;
    expect((summary.getRow(5).values as unknown[]).slice(1, 3)).toEqual(['合计', 35]);
  });

  it('refuses a form whose CSRF token was removed, and writes nothing', async () => {
    const id = (await t.app.stores.roster.list(t.app.campaign.id, { search: '孙悟净' }))[0].id;
    await page.goto(`${url}/admin/trainees/${id}`);
    await page.fill('[data-testid=adjust-form] input[name=delta]', '8');
    await page.fill('[data-testid=adjust-form] input[name=reason]', '线下补课');
    await page.evaluate(() => document.querySelector('[data-testid=adjust-form] input[name=_csrf]')!.remove());
    await page.click('[data-testid=adjust-form] button[type=submit]');
    expect(await page.locator('[data-testid=message]').innerText()).toContain('安全校验码');
    expect(await t.app.stores.audit.list({ action: 'hours.adjust', target: `trainee:${id}` })).toEqual([]);
    await page.screenshot({ path: artefactPath('console-csrf-refused.png') });

    // The same form with its token goes through.
    await page.goto(`${url}/admin/trainees/${id}`);
    await page.fill('[data-testid=adjust-form] input[name=delta]', '8');
    await page.fill('[data-testid=adjust-form] input[name=reason]', '线下补课');
    await page.click('[data-testid=adjust-form] button[type=submit]');
    // Professional hours (the form's default subject): 4.5 from the import, plus 8.
    expect(await flash()).toBe('已调整 孙悟净：4.5 → 12.5 学时。');
    expect(await page.locator('[data-testid=trainee-total]').innerText()).toBe('12.5 / 90');
  });
});
