import { describe, expect, it } from 'vitest';
import { watchTimeCredit } from '../../core/ledger/credit.ts';

const session = { sessionMinutes: 180, hours: 3, thresholdPercent: 80, roundingStep: 0.5 };

describe('watch-time credit', () => {
  it('gives the full hours at exactly the threshold', () => {
    expect(watchTimeCredit({ ...session, watchedMinutes: 144 })).toBe(3);
  });
  it('gives the full hours above the threshold, never more', () => {
    expect(watchTimeCredit({ ...session, watchedMinutes: 170 })).toBe(3);
    expect(watchTimeCredit({ ...session, watchedMinutes: 400 })).toBe(3);
  });
  it('is proportional and rounded down to half an hour below the threshold', () => {
    expect(watchTimeCredit({ ...session, watchedMinutes: 143 })).toBe(2); // 2.38 h → 2
    expect(watchTimeCredit({ ...session, watchedMinutes: 90 })).toBe(1.5); // exactly 1.5 h
    expect(watchTimeCredit({ ...session, watchedMinutes: 89 })).toBe(1); // 1.48 h → 1
    expect(watchTimeCredit({ ...session, watchedMinutes: 29 })).toBe(0);
  });
  it('follows a campaign that sets another threshold and step', () => {
    expect(watchTimeCredit({ ...session, thresholdPercent: 50, watchedMinutes: 90 })).toBe(3);
    expect(watchTimeCredit({ ...session, roundingStep: 1, watchedMinutes: 100 })).toBe(1);
  });
  it('gives nothing for no watch time or an empty session', () => {
    expect(watchTimeCredit({ ...session, watchedMinutes: 0 })).toBe(0);
    expect(watchTimeCredit({ ...session, sessionMinutes: 0, watchedMinutes: 50 })).toBe(0);
  });
});
