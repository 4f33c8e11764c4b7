import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';
import { artefactPath, hasChromium, launchBrowser } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;
let url: string;

beforeAll(async () => {
  t = await startTestApp({ policy: null });
  url = await t.app.server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.runIf(hasChromium())('the sandbox chat page in a real browser', () => {
  it('shows the rename instruction to a wrong nickname, then credits a compliant trainee', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${url}/sandbox`);
    await page.selectOption('[data-testid=group]', 'sandbox-junior');
    await page.selectOption('[data-testid=person]', { label: '小明同学 — 昵称不是实名的学员' });
    await page.fill('[data-testid=text]', '签到');
    await page.click('[data-testid=send]');
    const groupLog = page.locator('[data-testid=group-log]');
    await expect.poll(() => groupLog.innerText()).toContain('我在本群的昵称');
    expect(await groupLog.innerText()).toContain('签到未成功');

    const trainee = await page.locator('[data-testid=person] option', { hasText: '李娜' }).getAttribute('value');
    await page.selectOption('[data-testid=person]', trainee!);
    expect(await page.inputValue('[data-testid=nick]')).toBe('李娜');
    await page.fill('[data-testid=text]', '签到');
    await page.click('[data-testid=send]');
    await expect.poll(() => groupLog.innerText()).toContain('签到成功：网络安全专业课（演示）（专业科目），计 3 学时');
    expect(await groupLog.locator('.mention').last().innerText()).toBe('@李娜');

    await page.fill('[data-testid=text]', '我的学时');
    await page.click('[data-testid=send]');
    await expect.poll(() => page.locator('[data-testid=private-log]').innerText()).toContain('合计：5 / 90 学时');
    await page.screenshot({ path: artefactPath('sandbox-checkin.png'), fullPage: true });
    await page.close();
  });
});
