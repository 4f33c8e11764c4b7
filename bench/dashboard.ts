/**
 * The console dashboard for a 10,000-trainee campaign: what `GET /admin/` costs end to end (cookie check,
 * the compliance report's bulk reads, per-level figures, the SVG chart, the HTML), plus the JSON
 * dashboard and the .xlsx report export. Embedded PGlite, or Postgres when DATABASE_URL is set.
 *
 *   npx tsx bench/dashboard.ts [trainees=10000] [runs=7]
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { createApp } from '../bot/app.ts';
import { loadConfig } from '../bot/config.ts';
import type { Level } from '../core/campaign/schema.ts';
import { normaliseName } from '../core/roster/normalise.ts';
import { accounts, attendance, exams, exemptions, nicknameObservations, sessions, trainees } from '../db/schema/index.ts';
import type { Db } from '../db/types.ts';
import { type BenchLine, benchDatabase, benchDbKind, benchName, percentile, round, rssMb } from './support.ts';

const TOKEN = 'bench-dashboard-token-0123456789';
const LEVELS: Level[] = ['初级', '中级', '副高级'];
const CHUNK = 1000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * A term in full swing: every trainee on the roster, most bound and renamed, hours spread from none to
 * complete over eight sessions, exam results for half, a few exemptions.
 */
export async function seedDashboardCampaign(db: Db, campaignId: string, n: number) {
  const people = Array.from({ length: n }, (_, i) => {
    const name = benchName(i);
    return { campaignId, name, nameKey: normaliseName(name), level: LEVELS[i % 3], unit: `单位${(i % 50) + 1}`, phoneTail: String(1000 + (i % 9000)), idMasked: '' };
  });
  const ids: number[] = [];
  await insertChunked(people, async (c) => ids.push(...(await db.insert(trainees).values(c).returning({ id: trainees.id })).map((r) => r.id)));
  const t0 = new Date('2021-09-26T02:00:00Z');
  const sessionRows = Array.from({ length: 8 }, (_, k) => ({
    campaignId,
    title: `课次${k + 1}`,
    level: null,
    subject: k < 3 ? 'public' : 'professional',
    startsAt: new Date(t0.getTime() + k * 86_400_000),
    endsAt: new Date(t0.getTime() + k * 86_400_000 + 3 * 3_600_000),
    hours: k < 3 ? 10 : 12,
    creditRule: 'watchtime',
    thresholdPercent: null,
    platform: null,
    chatId: null,
    createdBy: 'bench',
  }));
  const sessionIds = (await db.insert(sessions).values(sessionRows).returning({ id: sessions.id })).map((r) => r.id);
  const att: Array<typeof attendance.$inferInsert> = [];
  ids.forEach((id, i) =>
    sessionIds.forEach((sid, k) => {
      // Trainee i attended the first (i mod 9) sessions: hours from 0 to everything.
      if (k < i % 9) att.push({ sessionId: sid, traineeId: id, source: 'import', minutes: 150, hours: sessionRows[k].hours, recordedAt: t0, recordedBy: 'bench' });
    }),
  );
  await insertChunked(att, (c) => db.insert(attendance).values(c));
  const ex = ids.filter((_, i) => i % 2 === 0).map((id, j) => ({ campaignId, traineeId: id, subject: 'professional', score: 40 + (j % 60), passed: 40 + (j % 60) >= 60, source: 'import', recordedBy: 'bench', recordedAt: t0 }));
  await insertChunked(ex, (c) => db.insert(exams).values(c));
  const exm = ids.filter((_, i) => i % 97 === 0).map((id) => ({ campaignId, traineeId: id, reason: '访惠聚驻村', approvalRef: 'BENCH-1', approvedBy: 'bench', createdAt: t0 }));
  await insertChunked(exm, (c) => db.insert(exemptions).values(c));
  const bound = ids.filter((_, i) => i % 10 < 7).map((id) => ({ platform: 'dingtalk', accountId: `u${id}`, traineeId: id, boundBy: 'nickname' }));
  await insertChunked(bound, (c) => db.insert(accounts).values(c));
  const seen = ids
    .filter((_, i) => i % 10 < 8)
    .map((id, j) => ({ platform: 'dingtalk', chatId: `group-${j % 3}`, accountId: `u${id}`, nickname: benchName(j), compliant: j % 13 !== 0, traineeId: id, firstSeen: t0, lastSeen: t0 }));
  await insertChunked(seen, (c) => db.insert(nicknameObservations).values(c));
  await db.execute(sql`analyze`);
  return { trainees: ids.length, attendance: att.length };
}

async function timeRuns(runs: number, f: () => Promise<void>) {
  await f(); // warm-up: JIT, caches, first query plans
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(percentile(ms, 50), 1), max: round(ms[ms.length - 1], 1) };
}

export async function benchDashboard(o: { trainees?: number; runs?: number } = {}): Promise<BenchLine[]> {
  const n = o.trainees ?? 10_000;
  const runs = o.runs ?? 7;
  const database = await benchDatabase();
  try {
    const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', ADMIN_TOKEN: TOKEN }), { database, demo: false, policy: null });
    const seeded = await seedDashboardCampaign(database.db, app.campaign.id, n);
    const server = app.server;
    // A signed-in browser: the login page's CSRF cookie and token, then the session cookie.
    const loginPage = await server.inject({ url: '/admin/login' });
    const jar = [loginPage.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)![1];
    const login = await server.inject({
      method: 'POST',
      url: '/admin/login',
      headers: { cookie: jar.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, token: TOKEN, name: 'bench' }).toString(),
    });
    const cookie = [...jar, ...[login.headers['set-cookie']].flat().map((c) => String(c).split(';')[0])].join('; ');
    let bytes = 0;
    const get = (url: string, headers: Record<string, string>) => async () => {
      const r = await server.inject({ url, headers });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
      bytes = r.rawPayload.length;
    };
    const common = { trainees: seeded.trainees, attendanceRows: seeded.attendance, db: benchDbKind(), runs };
    const page = await timeRuns(runs, get('/admin/', { cookie }));
    const pageBytes = bytes;
    const level = await timeRuns(runs, get(`/admin/?level=${encodeURIComponent('中级')}`, { cookie }));
    const api = await timeRuns(runs, get('/admin/api/dashboard', { authorization: `Bearer ${TOKEN}` }));
    const xlsx = await timeRuns(Math.min(runs, 3), get('/admin/exports/report.xlsx', { cookie }));
    const xlsxBytes = bytes;
    await app.stop();
    return [
      { name: 'console_dashboard_page', ...common, p50Ms: page.p50, maxMs: page.max, htmlKb: round(pageBytes / 1024, 1), rssMb: rssMb() },
      { name: 'console_dashboard_page_one_level', ...common, p50Ms: level.p50, maxMs: level.max },
      { name: 'console_dashboard_api', ...common, p50Ms: api.p50, maxMs: api.max },
      { name: 'console_report_xlsx', ...common, runs: Math.min(runs, 3), p50Ms: xlsx.p50, maxMs: xlsx.max, xlsxKb: round(xlsxBytes / 1024, 1) },
    ];
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [trainees, runs] = process.argv.slice(2).map(Number);
  for (const line of await benchDashboard({ trainees: trainees || undefined, runs: runs || undefined })) console.log(JSON.stringify(line));
}
