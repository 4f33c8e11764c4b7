/**
 * The yearly summary of 10,000 trainees and its .xlsx report: the compliance report the admin exports
 * (core/report + bot/files/write-report, when present), else the ledger's summaries written with exceljs
 * directly. The ledger is filled with bulk inserts first: 6 sessions, ~30,000 attendance rows, exams,
 * adjustments, exemptions, bindings and nickname observations.
 *
 *   npx tsx bench/report.ts
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadCampaign } from '../core/campaign/load.ts';
import type { CoreContext } from '../core/context.ts';
import type { Session } from '../core/ports.ts';
import { allSummaries, openSession } from '../core/ledger/service.ts';
import { normaliseName } from '../core/roster/normalise.ts';
import { accounts, attendance, exams, exemptions, hourAdjustments, nicknameObservations } from '../db/schema/index.ts';
import { createStores } from '../db/stores/index.ts';
import type { Db } from '../db/types.ts';
import { type BenchLine, benchDatabase, benchName, round } from './support.ts';

const N = 10_000;
const LEVELS = ['初级', '中级', '副高级'] as const;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

/** The admin's report when the report module has landed; undefined otherwise. */
async function reportModules() {
  try {
    const [build, store, write] = await Promise.all([import('../core/report/build.ts'), import('../db/stores/report.ts'), import('../bot/files/write-report.ts')]);
    return { buildReport: build.buildReport, reportStore: store.reportStore, reportXlsx: write.reportXlsx };
  } catch {
    return undefined;
  }
}

/** Fallback: the ledger's yearly summaries, one sheet, written with exceljs. */
async function summariesXlsx(ctx: CoreContext): Promise<{ rows: number; bytes: Buffer }> {
  const { default: ExcelJS } = await import('exceljs');
  const trainees = await ctx.stores.roster.list(ctx.campaign.id);
  const sums = await allSummaries(ctx);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('summary');
  ws.addRow(['name', 'unit', 'level', 'public', 'professional', 'total', 'exempt', 'complete']);
  for (const t of trainees) {
    const s = sums.get(t.id)!;
    ws.addRow([t.name, t.unit, t.level, s.publicHours, s.professionalHours, s.totalHours, s.exempt, s.complete]);
  }
  return { rows: trainees.length, bytes: Buffer.from(await wb.xlsx.writeBuffer()) };
}

export async function benchReport(): Promise<BenchLine[]> {
  const database = await benchDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'cebot-bench-report-'));
  try {
    const now = new Date('2021-11-20T04:00:00Z');
    const campaign = loadCampaign();
    const ctx: CoreContext = { stores: createStores(database), campaign, clock: { now: () => now } };
    const db: Db = database.db;
    await ctx.stores.roster.upsertMany(
      Array.from({ length: N }, (_, i) => ({
        campaignId: campaign.id,
        name: benchName(i),
        nameKey: normaliseName(benchName(i)),
        level: LEVELS[i % 3]!,
        unit: `单位${i % 80}`,
        phoneTail: String(1000 + (i % 9000)),
        idMasked: '',
      })),
    );
    const trainees = await ctx.stores.roster.list(campaign.id);
    const sessions: Session[] = [];
    for (let d = 0; d < 6; d++) {
      const startsAt = new Date(Date.UTC(2021, 8, 26 + d, 2));
      sessions.push(
        await openSession(
          ctx,
          { title: `第${d + 1}课`, level: null, subject: d % 2 ? 'public' : 'professional', hours: d % 2 ? 15 : 20, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), creditRule: 'checkin', thresholdPercent: null, platform: null, chatId: null, createdBy: 'bench' },
          'bench',
        ),
      );
    }
    const att = trainees.flatMap((t, i) =>
      sessions.filter((_, s) => (i + s) % 6 !== 0).map((s) => ({ sessionId: s.id, traineeId: t.id, source: 'checkin', minutes: null, hours: s.hours, recordedAt: now, recordedBy: 'bench' })),
    );
    await insertChunked(att, (c) => db.insert(attendance).values(c));
    const ex = trainees.filter((_, i) => i % 5 !== 0).map((t, i) => ({ campaignId: campaign.id, traineeId: t.id, subject: 'professional', score: 40 + (i % 60), passed: 40 + (i % 60) >= 60, source: 'import', recordedBy: 'bench', recordedAt: now }));
    await insertChunked(ex, (c) => db.insert(exams).values(c));
    const adj = trainees.filter((_, i) => i % 20 === 0).map((t) => ({ campaignId: campaign.id, traineeId: t.id, subject: 'public', hours: 2.5, reason: '补录', createdBy: 'bench', createdAt: now }));
    await insertChunked(adj, (c) => db.insert(hourAdjustments).values(c));
    const exm = trainees.filter((_, i) => i % 100 === 0).map((t) => ({ campaignId: campaign.id, traineeId: t.id, reason: '访惠聚驻村', approvalRef: `批-${t.id}`, approvedBy: 'bench', createdAt: now }));
    await insertChunked(exm, (c) => db.insert(exemptions).values(c));
    const bound = trainees.filter((_, i) => i % 2 === 0).map((t) => ({ platform: 'dingtalk', accountId: `staff-${t.id}`, traineeId: t.id, boundBy: 'nickname' }));
    await insertChunked(bound, (c) => db.insert(accounts).values(c));
    const seen = trainees
      .filter((_, i) => i % 3 !== 0)
      .map((t, i) => ({ platform: 'dingtalk', chatId: `group-${t.level}`, accountId: `staff-${t.id}`, nickname: i % 10 ? t.name : `${t.name}的手机`, compliant: i % 10 !== 0, traineeId: t.id, firstSeen: now, lastSeen: now }));
    await insertChunked(seen, (c) => db.insert(nicknameObservations).values(c));

    const mods = await reportModules();
    const t0 = performance.now();
    let rows: number;
    let bytes: Buffer;
    if (mods) {
      const report = await mods.buildReport(ctx, mods.reportStore(db));
      bytes = await mods.reportXlsx(report);
      rows = report.rows.length;
    } else ({ rows, bytes } = await summariesXlsx(ctx));
    writeFileSync(join(dir, 'report.xlsx'), bytes);
    const seconds = (performance.now() - t0) / 1000;
    if (rows !== N) throw new Error(`report has ${rows} rows, want ${N}`);
    return [
      {
        name: 'summary_report_10k',
        db: database.kind,
        trainees: N,
        attendanceRows: att.length,
        seconds: round(seconds),
        xlsxBytes: bytes.length,
        via: mods ? 'core/report + bot/files/write-report' : 'ledger summaries + exceljs (core/report not available)',
      },
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchReport()) console.log(JSON.stringify(line));
}
