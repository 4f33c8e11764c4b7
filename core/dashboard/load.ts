import type { CoreContext } from '../context.ts';
import type { ReportRow } from '../report/build.ts';
import { buildDashboard, type Dashboard } from './build.ts';
import type { DashboardStore } from './ports.ts';
import { toReportRows } from './rows.ts';

/** Every active trainee's year as report rows, and who is bound: one read for the whole campaign. */
export async function loadYearRows(ctx: CoreContext, store: DashboardStore): Promise<{ rows: ReportRow[]; bound: Set<number> }> {
  const year = await store.yearRows(ctx.campaign.id);
  return { rows: toReportRows(year, ctx.campaign), bound: new Set(year.filter((r) => r.bound).map((r) => r.traineeId)) };
}

export async function loadDashboard(ctx: CoreContext, store: DashboardStore, opts: { atRiskLimit?: number } = {}): Promise<Dashboard> {
  const [{ rows, bound }, chats] = await Promise.all([loadYearRows(ctx, store), ctx.stores.chats.list(ctx.campaign.id)]);
  return buildDashboard(rows, bound, chats, ctx.campaign, ctx.clock.now(), opts);
}
