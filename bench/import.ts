/**
 * Imports of 10,000-row .xlsx files, as `cebot import` runs them minus process start-up: read the file
 * with exceljs, validate every row, write in one transaction. Then the compliance report over those
 * 10,000 trainees. Embedded PGlite in memory.
 *
 *   npx tsx bench/import.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readSheet } from '../bot/files/read.ts';
import { loadCampaign } from '../core/campaign/load.ts';
import type { CoreContext } from '../core/context.ts';
import { importRoster } from '../core/imports/roster.ts';
import { importWatchTime } from '../core/imports/watchtime.ts';
import { systemClock } from '../core/ports.ts';
import { buildReport } from '../core/report/build.ts';
import { openDatabase } from '../db/client.ts';
import { createStores } from '../db/stores/index.ts';
import { attendanceWriter } from '../db/stores/imports.ts';
import { reportStore } from '../db/stores/report.ts';
import { nameAt, rosterRows, ROSTER_HEADERS, writeXlsx } from '../test/imports/make-files.ts';

const N = 10_000;

export async function benchImports(): Promise<Array<{ name: string; seconds: number }>> {
  const dir = mkdtempSync(join(tmpdir(), 'cebot-bench-import-'));
  const database = await openDatabase({ memory: true });
  try {
    const ctx: CoreContext = { stores: createStores(database), campaign: loadCampaign(), clock: systemClock };
    const rosterFile = join(dir, 'roster.xlsx');
    await writeXlsx(rosterFile, ROSTER_HEADERS, rosterRows(N), { textColumns: [4, 5] });
    const watchFile = join(dir, 'watch.xlsx');
    // Nicknames as trainees really set them: some bare names, some with a unit suffix.
    await writeXlsx(watchFile, ['昵称', '观看时长(分钟)'], Array.from({ length: N }, (_, i) => [i % 4 ? nameAt(i) : `${nameAt(i)}-单位${(i % 50) + 1}`, 60 + (i % 120)]));

    let t0 = performance.now();
    const r = await importRoster(ctx, await readSheet(rosterFile), { actor: 'bench' });
    const roster = (performance.now() - t0) / 1000;
    if (!r.applied || r.written.inserted !== N) throw new Error(`roster import wrote ${JSON.stringify(r.written)}`);

    const session = await ctx.stores.ledger.createSession({
      campaignId: ctx.campaign.id,
      title: 'bench',
      level: null,
      subject: 'professional',
      startsAt: new Date('2021-09-26T02:00:00Z'),
      endsAt: new Date('2021-09-26T04:00:00Z'),
      hours: 3,
      creditRule: 'watchtime',
      thresholdPercent: null,
      platform: null,
      chatId: null,
      createdBy: 'bench',
    });
    t0 = performance.now();
    const w = await importWatchTime(ctx, attendanceWriter(database.db), await readSheet(watchFile), { actor: 'bench', sessionId: session.id });
    const watch = (performance.now() - t0) / 1000;
    if (!w.applied || w.written.inserted !== N) throw new Error(`watch-time import wrote ${JSON.stringify(w.written)}, unmatched ${JSON.stringify(w.unmatched.slice(0, 6))}`);

    // The compliance report over the same 10,000 trainees: a fixed number of bulk queries.
    t0 = performance.now();
    const rep = await buildReport(ctx, reportStore(database.db));
    const report = (performance.now() - t0) / 1000;
    if (rep.rows.length !== N) throw new Error(`report has ${rep.rows.length} rows`);
    const s = (x: number) => Math.round(x * 100) / 100;
    return [
      { name: 'import_roster_10k', seconds: s(roster) },
      { name: 'import_watchtime_10k', seconds: s(watch) },
      { name: 'report_10k', seconds: s(report) },
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const line of await benchImports()) console.log(JSON.stringify(line));
}
