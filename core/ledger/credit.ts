/**
 * How a session's hours are earned (PRODUCT.md § CE hours ledger).
 * - checkin: a valid check-in earns the session's hours.
 * - watchtime: ≥ threshold % of the session length earns the full hours; below it, proportional
 *   credit rounded DOWN to the campaign's step (0.5 h by default).
 */
export type CreditRule = 'checkin' | 'watchtime';

export function sessionMinutes(startsAt: Date, endsAt: Date): number {
  return Math.max(0, Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000));
}

export function watchTimeCredit(opts: {
  watchedMinutes: number;
  sessionMinutes: number;
  hours: number;
  thresholdPercent: number;
  roundingStep: number;
}): number {
  const { watchedMinutes, sessionMinutes, hours, thresholdPercent, roundingStep } = opts;
  if (sessionMinutes <= 0 || watchedMinutes <= 0) return 0;
  const ratio = watchedMinutes / sessionMinutes;
  if (ratio * 100 >= thresholdPercent) return hours;
  // Integer arithmetic in steps avoids 0.1+0.2 style drift at the rounding boundary.
  const steps = Math.floor((hours * ratio) / roundingStep + 1e-9);
  return Math.min(hours, steps * roundingStep);
}

/** Round to one decimal, the precision hours are stored with. */
export const roundHours = (h: number) => Math.round(h * 10) / 10;
