import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import { windowStatus } from '../../core/policy/dates.ts';
import { createPolicyService } from '../../core/policy/index.ts';

const campaign = loadCampaign();
const service = createPolicyService(campaign);
const registration = campaign.windows.find((w) => w.id === 'ce-registration')!;
const ask = (q: string, now: string) => service.answer(q, { now: new Date(now) });

describe('window status in Beijing time', () => {
  it('counts days to the start, days left (end date inclusive) and days since the end', () => {
    const tz = campaign.timezone;
    expect(windowStatus(registration, new Date('2021-09-20T12:00:00+08:00'), tz)).toEqual({
      state: 'upcoming',
      today: '2021-09-20',
      daysToStart: 2,
    });
    expect(windowStatus(registration, new Date('2021-09-22T00:00:00+08:00'), tz)).toMatchObject({ state: 'open', daysLeft: 13 });
    expect(windowStatus(registration, new Date('2021-10-05T23:59:59+08:00'), tz)).toMatchObject({ state: 'open', daysLeft: 0 });
    expect(windowStatus(registration, new Date('2021-10-06T00:00:00+08:00'), tz)).toMatchObject({
      state: 'closed',
      daysSinceEnd: 1,
    });
  });

  it('uses the Beijing date, not the UTC date', () => {
    // 01:00 on 5 October in Beijing is still 4 October in UTC.
    const s = windowStatus(registration, new Date('2021-10-04T17:00:00Z'), campaign.timezone);
    expect(s).toEqual({ state: 'open', today: '2021-10-05', daysLeft: 0 });
  });
});

describe('relative-date answers', () => {
  it('says how many days are left before the registration deadline', () => {
    const a = ask('报名还有几天截止？', '2021-10-01T10:00:00+08:00');
    expect(a.found).toBe(true);
    expect(a.text).toContain('距截止还有4天');
    expect(a.text).toContain('今天是2021年10月1日');
    expect(a.sources[0].quote).toContain('2021年9月22日至10月5日');
  });

  it('on the last day says it closes tonight at 24:00', () => {
    const a = ask('报名今天还能报吗', '2021-10-05T22:30:00+08:00');
    expect(a.text).toContain('今天（2021年10月5日）是最后一天，今晚24:00（北京时间）截止');
  });

  it('after the deadline says it has closed', () => {
    const a = ask('报名截止了吗', '2021-10-06T00:00:01+08:00');
    expect(a.text).toContain('已于2021年10月5日24:00截止');
  });

  it('before a window opens says how long until it starts', () => {
    const a = ask('纸质材料什么时候可以交', '2021-10-01T09:00:00+08:00');
    expect(a.text).toContain('11月25日');
    expect(a.text).toContain('距开始还有9天');
  });

  it('answers "还有几天" without a topic with every window', () => {
    const a = ask('还有几天截止', '2021-10-12T09:00:00+08:00');
    expect(a.found).toBe(true);
    expect(a.text).toContain('继续教育培训报名：已于2021年10月5日24:00截止');
    expect(a.text).toContain('职称评审网上材料申报：正在进行，11月15日24:00截止');
    expect(a.text).toContain('距截止还有34天');
    expect(a.text).toContain('距截止还有44天');
  });
});
