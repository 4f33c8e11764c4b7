import type { CoreContext } from '../context.ts';
import type { NicknameState, ReportStore } from '../report/ports.ts';
import { buildReport, type ComplianceReport } from '../report/build.ts';
import { buildDashboard, type Dashboard } from './build.ts';

/**
 * The compliance report and the dashboard built from it, with one read of everything: the report's
 * nickname states are kept so the dashboard can count bindings without asking again.
 */
export async function loadDashboard(ctx: CoreContext, reports: ReportStore, opts: { atRiskLimit?: number } = {}): Promise<{ report: ComplianceReport; dashboard: Dashboard }> {
  let states = new Map<number, NicknameState>();
  const capturing: ReportStore = {
    async nicknameStates(campaignId) {
      states = await reports.nicknameStates(campaignId);
      return states;
    },
  };
  const [report, chats] = await Promise.all([buildReport(ctx, capturing), ctx.stores.chats.list(ctx.campaign.id)]);
  const bound = new Set<number>();
  for (const [id, s] of states) if (s.bound) bound.add(id);
  return { report, dashboard: buildDashboard(report, bound, chats, ctx.campaign, ctx.clock.now(), opts) };
}
