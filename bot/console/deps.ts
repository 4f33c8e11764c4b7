import type { CoreContext } from '../../core/context.ts';
import type { DashboardStore } from '../../core/dashboard/ports.ts';
import type { AttendanceWriter } from '../../core/imports/ports.ts';
import type { ReportStore } from '../../core/report/ports.ts';
import type { Access } from './access.ts';
import type { Assets } from './assets.ts';
import type { PendingImports } from './pending.ts';

/** What every console route module receives. */
export interface ConsoleDeps {
  core: CoreContext;
  reports: ReportStore;
  dash: DashboardStore;
  attendance: AttendanceWriter;
  access: Extract<Access, { mode: 'token' | 'one-time' }>;
  assets: Assets;
  pending: PendingImports;
  /** URL prefix of the console ('/admin'). */
  base: string;
}
