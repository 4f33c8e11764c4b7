import cron from 'node-cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScheduler } from '../../bot/scheduler/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ now: '2021-09-22T10:00:00+08:00', policy: null });
});
afterAll(() => t.close());

describe('the node-cron wiring', () => {
  it('ticks every minute through node-cron with the app clock, and stops with the app', async () => {
    const s = startScheduler(t.app, { instanceId: 'cron-test' });
    expect(s.task).toBeDefined();
    expect(s.task!.getPattern()).toBe('* * * * *');
    expect(cron.getTasks().get(s.task!.id)).toBe(s.task);
    // The next run lands on a whole minute; which one depends on the real clock, so only its shape is checked.
    expect(s.task!.getNextRun()!.getSeconds()).toBe(0);

    // A cron run uses the app's clock (the test clock: registration opens at 10:00 today).
    await s.task!.execute();
    const posts = t.app.sandbox.transcript.filter((e) => e.from === 'bot' && e.text.includes('【继续教育培训报名】今天开始'));
    expect(posts.map((e) => e.chatId).sort()).toEqual(['sandbox-intermediate', 'sandbox-junior', 'sandbox-senior']);
    await s.task!.execute();
    expect(t.app.sandbox.transcript.filter((e) => e.text.includes('【继续教育培训报名】今天开始'))).toHaveLength(3);

    expect(t.app.onStop).toContain(s.stop);
    await s.stop();
    expect(cron.getTasks().has(s.task!.id)).toBe(false);
  });
});
