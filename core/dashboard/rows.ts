import type { LoadedCampaign } from '../campaign/load.ts';
import { summarise } from '../ledger/summary.ts';
import { reportRow, type ReportRow } from '../report/build.ts';
import { nicknameStatus } from '../report/nickname-status.ts';
import type { YearRow } from './ports.ts';

/** Hours as the ledger reports them: one decimal, and manual deductions never below zero. */
const ledgerHours = (h: number) => Math.max(0, Math.round(h * 10) / 10);

/**
 * Year rows as compliance-report rows, with the same rules (summary, nickname state) and the same order
 * (campaign level order, then roster order), so the dashboard and the exported report always agree.
 */
export function toReportRows(rows: YearRow[], campaign: LoadedCampaign): ReportRow[] {
  const levelOrder = campaign.levels.map((l) => l.level as string);
  const rank = (l: string) => (levelOrder.includes(l) ? levelOrder.indexOf(l) : levelOrder.length);
  return [...rows]
    .sort((a, b) => rank(a.level) - rank(b.level) || a.traineeId - b.traineeId)
    .map((r) => {
      const s = summarise(
        {
          publicHours: ledgerHours(r.publicHours),
          professionalHours: ledgerHours(r.professionalHours),
          exams: r.exams,
          exempt: r.exemptReason !== null,
          exemptReason: r.exemptReason ?? undefined,
        },
        campaign,
      );
      return reportRow({ id: r.traineeId, name: r.name, unit: r.unit, level: r.level }, nicknameStatus({ bound: r.bound, latestCompliant: r.latestCompliant }), s);
    });
}
