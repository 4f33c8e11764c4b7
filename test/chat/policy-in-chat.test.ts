import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import { createPolicyService } from '../../core/policy/index.ts';
import { INTERMEDIATE, SENIOR, startTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
const policy = createPolicyService(loadCampaign());
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('policy questions asked in a group', () => {
  it.each([
    ['副高级培训费多少', SENIOR, '副高级'],
    ['纸质材料哪天截止', INTERMEDIATE, '中级'],
    ['评审费交多少钱', INTERMEDIATE, '中级'],
    ['食堂几点开饭', SENIOR, '副高级'],
  ] as const)('%s gets the same answer as the policy service, for the group\'s level', async (q, chat, level) => {
    const r = await t.say('admin', chat, q);
    expect(r).toHaveLength(1);
    expect(r[0].text).toBe(policy.answer(q, { level, now: t.clock.now() }).text);
  });

  it('leads with the group\'s level when the question names none', async () => {
    const r = await t.say('admin', INTERMEDIATE, '评审费多少');
    expect(r[0].text.split('\n')[0]).toContain('中级职称评审费400元');
  });

  it('abstains honestly with the contact numbers on a question the notice does not cover', async () => {
    const r = await t.say('admin', SENIOR, '食堂几点开饭');
    expect(r[0].text).toContain('通知中没有涉及这个问题');
    expect(r[0].text).toContain('0991-8879298');
  });
});
