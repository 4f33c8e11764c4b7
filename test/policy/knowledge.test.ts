import { describe, expect, it } from 'vitest';
import { allClauses, clauseInNotice, loadCampaign, squash } from '../../core/campaign/load.ts';
import { LEVELS } from '../../core/campaign/schema.ts';

const campaign = loadCampaign();
const entries = campaign.knowledge;

describe('knowledge entries of the 2021 campaign', () => {
  it('quote the notice verbatim (whitespace aside) in every clause', () => {
    const missing = entries.flatMap((e) =>
      e.clauses.filter((c) => !clauseInNotice(c, campaign.noticeText)).map((c) => `${e.id}: ${c.quote}`),
    );
    expect(missing).toEqual([]);
    expect(entries.length).toBeGreaterThanOrEqual(40);
  });

  it('have unique ids, known windows and a contact', () => {
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const windows = new Set(campaign.windows.map((w) => w.id));
    for (const e of entries) {
      for (const w of [...(e.window ? [e.window] : []), ...(e.windows ?? [])]) expect(windows, e.id).toContain(w);
      expect(e.contact, e.id).toBeDefined();
    }
  });

  it('state no figure that their quoted clauses do not contain', () => {
    const untraced: string[] = [];
    for (const e of entries) {
      const quoted = squash(e.clauses.map((c) => c.quote).join('|'));
      for (const text of [e.answer, ...Object.values(e.byLevel ?? {})]) {
        // List numbering ("1." "2、") is layout, not a fact.
        for (const n of text.replace(/\d+(?=[.、])/g, '').match(/\d+/g) ?? []) {
          if (!quoted.includes(n)) untraced.push(`${e.id}: ${n}`);
        }
      }
    }
    expect(untraced).toEqual([]);
  });

  it('agree with the campaign data on level-specific figures', () => {
    const fee = entries.find((e) => e.id === 'training-fee')!;
    const review = entries.find((e) => e.id === 'review-fee')!;
    const groups = entries.find((e) => e.id === 'dingtalk-groups')!;
    for (const l of campaign.levels) {
      expect(fee.byLevel?.[l.level]).toContain(`${l.trainingFee}元`);
      expect(review.byLevel?.[l.level]).toContain(`${l.reviewFee}元`);
      expect(groups.byLevel?.[l.level]).toContain(l.dingtalkGroup);
    }
    expect(Object.keys(fee.byLevel ?? {}).sort()).toEqual([...LEVELS].sort());
  });

  it('cover the notice: nearly all of its text is quoted somewhere', () => {
    const notice = squash(campaign.noticeText);
    const covered = new Array<boolean>(notice.length).fill(false);
    for (const { clause } of allClauses(campaign)) {
      const q = squash(clause.quote);
      for (let i = notice.indexOf(q); i >= 0; i = notice.indexOf(q, i + 1)) covered.fill(true, i, i + q.length);
    }
    const share = covered.filter(Boolean).length / notice.length;
    console.log(`notice text quoted by campaign clauses: ${(share * 100).toFixed(1)}%`);
    // What is left is the document header, the opening sentence and section headings.
    expect(share).toBeGreaterThanOrEqual(0.9);
  });
});
