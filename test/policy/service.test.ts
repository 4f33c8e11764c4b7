import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import { createPolicyService } from '../../core/policy/index.ts';

const campaign = loadCampaign();
const service = createPolicyService(campaign);
const now = new Date('2021-09-28T10:00:00+08:00');
const phones = (id: string) => campaign.contacts.find((c) => c.id === id)!.phones;

describe('policy answers', () => {
  it('lead with the asker’s level and still give every level', () => {
    const a = service.answer('培训费多少', { level: '中级', now });
    expect(a.found).toBe(true);
    expect(a.text.split('\n')[0]).toContain('中级培训费每人273元');
    expect(a.text).toContain('副高级每人313元');
    expect(a.sources.map((s) => s.id)).toContain('training-fee');
  });

  it('lead with the level the question names over the asker’s', () => {
    const a = service.answer('副高的评审费呢', { level: '初级', now });
    expect(a.text.split('\n')[0]).toContain('副高级职称评审费550元');
  });

  it('quote the clause verbatim with its section', () => {
    const a = service.answer('工作总结多少字', { now });
    expect(a.text).toContain('3000');
    expect(a.text).toContain('依据：《通知》附件2');
    for (const s of a.sources) expect(campaign.noticeText.replace(/\s+/g, '')).toContain(s.quote.replace(/\s+/g, ''));
  });

  it('answer every part of a multi-part question', () => {
    const a = service.answer('培训费和评审费分别多少？钉钉群号呢', { level: '副高级', now });
    expect(a.text).toContain('313');
    expect(a.text).toContain('550');
    expect(a.text).toContain('34497409');
    expect(new Set(a.sources.map((s) => s.id))).toEqual(new Set(['training-fee', 'review-fee', 'dingtalk-groups']));
  });

  it('tolerate full-width characters and homophone typos', () => {
    expect(service.answer('ＱＱ群号是多少？', { now }).text).toContain('679315651');
    expect(service.answer('陪训费多少', { level: '初级', now }).text).toContain('243');
    expect(service.answer('职称申抱几号截至', { now }).text).toContain('11月15日');
  });

  it('answer 正高级 with the note that the notice does not organise it', () => {
    const a = service.answer('正高级工程师怎么报名培训', { now });
    expect(a.found).toBe(true);
    expect(a.text).toContain('自治区人社厅单独组织实施');
  });

  it('abstain with the contact for the topic', () => {
    const ce = service.answer('考试不及格能补考吗', { now });
    expect(ce.found).toBe(false);
    expect(ce.text).toContain('通知中没有涉及这个问题');
    for (const p of phones('training')) expect(ce.text).toContain(p);
    expect(ce.text).not.toContain(phones('title')[0]);

    const title = service.answer('论文要几篇', { now });
    expect(title.found).toBe(false);
    expect(title.text).toContain(phones('title')[0]);

    const tech = service.answer('网站验证码刷不出来怎么办', { now });
    expect(tech.found).toBe(false);
    expect(tech.text).toContain(phones('tech')[0]);
  });

  it('abstain with every contact when the topic is unclear, and on empty input', () => {
    for (const q of ['今天食堂吃什么', '', '？？？']) {
      const a = service.answer(q, { now });
      expect(a.found).toBe(false);
      expect(a.sources).toEqual([]);
      for (const c of campaign.contacts) expect(a.text).toContain(c.phones[0]);
    }
  });

  it('abstain on a "when" question the notice gives no date for', () => {
    const a = service.answer('评审结果什么时候公布', { now });
    expect(a.found).toBe(false);
  });

  it('answers a pasted wall of text from its start', () => {
    const a = service.answer('副高级培训费多少？'.repeat(1000), { now });
    expect(a.found).toBe(true);
    expect(a.text).toContain('313');
  });
});
