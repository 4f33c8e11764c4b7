import type { LoadedCampaign } from '../campaign/load.ts';
import type { ChatInfo } from '../ports.ts';
import { missingText, type ReportRow } from '../report/build.ts';
import { daysBetween, localDate } from '../time.ts';

export interface HoursBin {
  /** Lower bound, inclusive. */
  from: number;
  /** Upper bound, exclusive; null for the open last bin (at or above the requirement). */
  to: number | null;
  count: number;
}

export interface AtRisk {
  traineeId: number;
  name: string;
  unit: string;
  level: string;
  totalHours: number;
  /** What the year still lacks, in words ("公需 10 学时；专业考试"). */
  missing: string;
  /** Hours still missing in all, for ordering (most behind first). */
  shortfall: number;
}

export interface LevelDashboard {
  /** A level, or null for the whole campaign. */
  level: string | null;
  trainees: number;
  /** Latest group nickname seen complies. */
  renamed: number;
  /** A platform account is bound. */
  bound: number;
  complete: number;
  exempt: number;
  /** Trainees who passed every required exam (exempt ones not counted). */
  examsPassed: number;
  averageHours: number;
  hours: HoursBin[];
  atRiskCount: number;
  /** The most behind first, at most `atRiskLimit`. */
  atRisk: AtRisk[];
  groups: ChatInfo[];
}

export interface Deadline {
  windowId: string;
  title: string;
  start: string;
  end: string;
  /** Days until it opens (upcoming), or until its last day (open). */
  days: number;
  state: 'upcoming' | 'open';
  levels: string[];
}

export interface Dashboard {
  generatedAt: Date;
  levels: LevelDashboard[];
  total: LevelDashboard;
  deadlines: Deadline[];
}

const BIN = 10;

/** Bins of 10 hours up to the requirement, then one bin for everyone who has reached it. */
export function hoursHistogram(totals: number[], required: number): HoursBin[] {
  const bins: HoursBin[] = [];
  for (let from = 0; from < required; from += BIN) bins.push({ from, to: Math.min(from + BIN, required), count: 0 });
  bins.push({ from: required, to: null, count: 0 });
  for (const h of totals) {
    const i = h >= required ? bins.length - 1 : Math.floor(h / BIN);
    bins[Math.min(i, bins.length - 1)].count++;
  }
  return bins;
}

function levelDashboard(level: string | null, rows: ReportRow[], bound: ReadonlySet<number>, groups: ChatInfo[], campaign: LoadedCampaign, atRiskLimit: number): LevelDashboard {
  let renamed = 0;
  let boundCount = 0;
  let complete = 0;
  let exempt = 0;
  let examsPassed = 0;
  let hours = 0;
  const behind: ReportRow[] = [];
  const totals: number[] = [];
  for (const r of rows) {
    if (r.nickname === 'renamed') renamed++;
    // The report keeps one nickname state per trainee (renamed wins over bound), so bindings are counted apart.
    if (bound.has(r.traineeId)) boundCount++;
    if (r.complete) complete++;
    else behind.push(r);
    if (r.exempt) exempt++;
    else if (r.missing.exams.length === 0) examsPassed++;
    hours += r.totalHours;
    totals.push(r.totalHours);
  }
  const shortfall = (r: ReportRow) => Math.max(r.missing.totalHours, r.missing.publicHours + r.missing.professionalHours) + r.missing.exams.length;
  const atRisk = behind
    .map((r) => ({ r, s: shortfall(r) }))
    .sort((a, b) => b.s - a.s || a.r.traineeId - b.r.traineeId)
    .slice(0, atRiskLimit)
    .map(({ r, s }) => ({ traineeId: r.traineeId, name: r.name, unit: r.unit, level: r.level, totalHours: r.totalHours, missing: missingText(r), shortfall: s }));
  return {
    level,
    trainees: rows.length,
    renamed,
    bound: boundCount,
    complete,
    exempt,
    examsPassed,
    averageHours: rows.length ? Math.round((hours / rows.length) * 10) / 10 : 0,
    hours: hoursHistogram(totals, campaign.requirement.totalHours),
    atRiskCount: behind.length,
    atRisk,
    groups,
  };
}

/** Windows not yet closed, soonest first: how many days until they open, or until their last day. */
export function upcomingDeadlines(campaign: LoadedCampaign, now: Date): Deadline[] {
  const today = localDate(now, campaign.timezone);
  return campaign.windows
    .filter((w) => w.end >= today)
    .map((w) => {
      const open = w.start <= today;
      return { windowId: w.id, title: w.title, start: w.start, end: w.end, state: open ? ('open' as const) : ('upcoming' as const), days: open ? daysBetween(today, w.end) : daysBetween(today, w.start), levels: w.levels };
    })
    .sort((a, b) => (a.state === 'open' ? a.end : a.start).localeCompare(b.state === 'open' ? b.end : b.start));
}

/**
 * The console's dashboard from compliance-report rows (so both always agree): per level and for the whole
 * campaign. Pure: the rows and the chats come in, nothing is read here.
 */
export function buildDashboard(
  rows: ReportRow[],
  bound: ReadonlySet<number>,
  chats: ChatInfo[],
  campaign: LoadedCampaign,
  now: Date,
  opts: { atRiskLimit?: number } = {},
): Dashboard {
  const limit = opts.atRiskLimit ?? 50;
  const byLevel = new Map<string, ReportRow[]>();
  for (const l of campaign.levels) byLevel.set(l.level, []);
  for (const r of rows) {
    const list = byLevel.get(r.level);
    if (list) list.push(r);
    else byLevel.set(r.level, [r]);
  }
  const levels = [...byLevel].map(([level, list]) => levelDashboard(level, list, bound, chats.filter((c) => c.level === level), campaign, limit));
  return {
    generatedAt: now,
    levels,
    total: levelDashboard(null, rows, bound, chats, campaign, limit),
    deadlines: upcomingDeadlines(campaign, now),
  };
}
