import { describe, expect, it } from 'vitest';
import { loadCampaign } from '../../core/campaign/load.ts';
import { summarise } from '../../core/ledger/summary.ts';

const campaign = loadCampaign();
const passed = [{ subject: 'professional' as const, score: 75, passed: true }];

describe('the yearly summary', () => {
  it('is complete with 30 public, 60 professional and the professional exam passed', () => {
    const s = summarise({ publicHours: 30, professionalHours: 60, exams: passed, exempt: false }, campaign);
    expect(s).toMatchObject({ totalHours: 90, complete: true, missing: { publicHours: 0, professionalHours: 0, totalHours: 0, exams: [] } });
  });

  it('states what is still missing per category', () => {
    const s = summarise({ publicHours: 12, professionalHours: 50.5, exams: [], exempt: false }, campaign);
    expect(s.complete).toBe(false);
    expect(s.missing).toEqual({ publicHours: 18, professionalHours: 9.5, totalHours: 27.5, exams: ['professional'] });
  });

  it('does not let extra public hours make up for missing professional hours', () => {
    const s = summarise({ publicHours: 60, professionalHours: 30, exams: passed, exempt: false }, campaign);
    expect(s.totalHours).toBe(90);
    expect(s.complete).toBe(false);
    expect(s.missing.professionalHours).toBe(30);
  });

  it('is not complete with the hours but a failed exam', () => {
    const s = summarise({ publicHours: 30, professionalHours: 60, exams: [{ subject: 'professional', score: 59, passed: false }], exempt: false }, campaign);
    expect(s.complete).toBe(false);
    expect(s.missing.exams).toEqual(['professional']);
  });

  it('counts an exempt trainee as complete with nothing missing', () => {
    const s = summarise({ publicHours: 0, professionalHours: 0, exams: [], exempt: true, exemptReason: '访惠聚驻村' }, campaign);
    expect(s.complete).toBe(true);
    expect(s.missing).toEqual({ publicHours: 0, professionalHours: 0, totalHours: 0, exams: [] });
  });
});
