/**
 * Check-in throughput through the whole core path, as a platform adapter drives it: engine.handle
 * (dedupe claim → chat → parse → nickname check and auto-binding → attendance write → running total →
 * reply) with 3,000 trainees in three level groups and many concurrent senders. In the same run,
 * `baseline_insert` inserts the same number of rows into a table shaped like `attendance` with a plain
 * drizzle INSERT per row and the same concurrency: the ratio says what the bot's work costs on top of
 * the one write it cannot avoid.
 *
 * 256 senders by default: enough messages in flight to saturate the process, which is what a capacity
 * figure means (the adapters ack first and hand a whole class's 签到 to the core at once). With 32 the
 * process idles between round trips and the figure measures the senders' patience instead.
 *
 * Before the measured rounds, 600 other trainees check in twice (first and returning check-ins, on
 * earlier days) and are not counted: a running bot has compiled its hot paths long before a class
 * checks in, and a fresh benchmark process otherwise measures V8's compiler too. The measured trainees
 * are untouched by it: their first round is still their first check-in.
 *
 *   npx tsx bench/checkin.ts [trainees=3000] [rounds=2] [concurrency=256] [warmup=600]   (PGlite in memory)
 *   DATABASE_URL=postgres://… npx tsx bench/checkin.ts
 */
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { integer, numeric, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { loadCampaign } from '../core/campaign/load.ts';
import { createChatEngine } from '../core/chat/engine.ts';
import type { IncomingMessage } from '../core/chat/types.ts';
import type { CoreContext } from '../core/context.ts';
import { openSession } from '../core/ledger/service.ts';
import type { Clock } from '../core/ports.ts';
import { normaliseName } from '../core/roster/normalise.ts';
import { createStores } from '../db/stores/index.ts';
import { attendance } from '../db/schema/index.ts';
import { type BenchLine, benchDatabase, benchName, percentile, round, runConcurrent } from './support.ts';

const LEVELS = ['初级', '中级', '副高级'] as const;
const TEXTS = ['签到', '@培训助手 签到', '签到！', '/checkin', '打卡'];

/** Same columns, keys and indexes as `attendance` (created with LIKE … INCLUDING ALL plus its foreign keys). */
const baselineTable = pgTable('bench_attendance', {
  id: serial('id').primaryKey(),
  sessionId: integer('session_id').notNull(),
  traineeId: integer('trainee_id').notNull(),
  source: text('source').notNull(),
  minutes: integer('minutes'),
  hours: numeric('hours', { precision: 6, scale: 1, mode: 'number' }).notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  recordedBy: text('recorded_by').notNull(),
});

/** Deterministic shuffle (mulberry32) so every run sends in the same order. */
function shuffle<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

export interface CheckinBenchOptions {
  trainees?: number;
  /** Check-in rounds: each round is a new pair of sessions that every trainee checks in to once. */
  rounds?: number;
  concurrency?: number;
  /** Other trainees who check in twice before the measured rounds (0: none). */
  warmup?: number;
}

export async function benchCheckin(o: CheckinBenchOptions = {}): Promise<BenchLine[]> {
  const N = o.trainees ?? 3_000;
  const rounds = o.rounds ?? 2;
  const concurrency = o.concurrency ?? 256;
  const W = o.warmup ?? 600;
  const database = await benchDatabase();
  try {
    let now = new Date('2021-09-26T02:00:00Z');
    const clock: Clock = { now: () => new Date(now) };
    const campaign = loadCampaign();
    const core: CoreContext = { stores: createStores(database), campaign, clock };
    const engine = createChatEngine({ core });

    await core.stores.roster.upsertMany(
      Array.from({ length: N + W }, (_, i) => ({
        campaignId: campaign.id,
        name: benchName(i),
        nameKey: normaliseName(benchName(i)),
        level: LEVELS[i % 3]!,
        unit: `单位${i % 50}`,
        phoneTail: String(1000 + (i % 9000)),
        idMasked: '',
      })),
    );
    const groups = LEVELS.map((level, i) => ({ chatId: `bench-group-${i}`, level }));
    for (const g of groups) {
      await core.stores.chats.touch('dingtalk', g.chatId, `${g.level}培训群`, campaign.id);
      await core.stores.chats.bindLevel('dingtalk', g.chatId, g.level, 'bench', now);
    }

    // Trainees [0, N) are measured; [N, N + W) only warm up.
    const messages = (round: number, from = 0, count = N): IncomingMessage[] =>
      shuffle(
        Array.from({ length: count }, (_, k) => from + k).map((i) => ({
          platform: 'dingtalk' as const,
          chatId: groups[i % 3]!.chatId,
          chatType: 'group' as const,
          chatTitle: `${groups[i % 3]!.level}培训群`,
          senderId: `staff-${i}`,
          // Most set the bare name, some add their unit as the notice allows.
          senderNick: i % 5 === 0 ? `${benchName(i)}-单位${i % 50}` : benchName(i),
          senderIsAdmin: false,
          text: TEXTS[(i + round) % TEXTS.length]!,
          messageId: `msg-${round}-${i}`,
          at: now,
        })),
        round + 1,
      );

    const openDay = async (day: Date, label: string) => {
      now = day;
      const common = {
        level: null,
        startsAt: day,
        endsAt: new Date(day.getTime() + 3 * 3_600_000),
        creditRule: 'checkin' as const,
        thresholdPercent: null,
        platform: null,
        chatId: null,
        createdBy: 'bench',
      };
      await openSession(core, { ...common, title: `${label}专业课`, subject: 'professional', hours: 3 }, 'bench');
      await openSession(core, { ...common, title: `${label}公需课`, subject: 'public', hours: 2 }, 'bench');
      now = new Date(day.getTime() + 600_000);
    };
    for (let r = 0; W > 0 && r < 2; r++) {
      await openDay(new Date(Date.UTC(2021, 8, 20 + r, 2)), `预热${r + 1}`);
      await runConcurrent(messages(100 + r, N, W), concurrency, async (m) => void (await engine.handle(m)));
    }

    const latencies: number[] = [];
    let wallMs = 0;
    let okReplies = 0;
    let cpuUs = 0;
    for (let r = 0; r < rounds; r++) {
      await openDay(new Date(Date.UTC(2021, 8, 26 + r, 2)), `第${r + 1}天`);
      const batch = messages(r);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const lat = await runConcurrent(batch, concurrency, async (m) => {
        const replies = await engine.handle(m);
        if (replies[0]?.text.includes('签到成功')) okReplies++;
      });
      wallMs += performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      cpuUs += cpu.user + cpu.system;
      latencies.push(...lat);
    }
    const total = N * rounds;
    const [{ n: recorded }] = await database.db.select({ n: sql<number>`count(*)::int` }).from(attendance);
    const warmRows = W * 2 * 2;
    if (okReplies !== total || recorded !== total * 2 + warmRows)
      throw new Error(`check-in bench: ${okReplies} of ${total} replies said 签到成功, ${recorded} attendance rows (want ${total * 2 + warmRows})`);
    latencies.sort((a, b) => a - b);
    const checkin: BenchLine = {
      name: 'checkin_throughput',
      db: database.kind,
      messages: total,
      trainees: N,
      concurrency,
      warmupTrainees: W,
      msgPerSec: Math.round(total / (wallMs / 1000)),
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      // The bot process's own CPU per message (user + system): steadier than msg/s on a shared machine.
      cpuMsPerMsg: round(cpuUs / 1000 / total, 3),
    };

    // Baseline: the single write a check-in cannot avoid, with nothing else around it.
    await database.db.execute(sql.raw('create table bench_attendance (like attendance including all)'));
    await database.db.execute(sql.raw('alter table bench_attendance add foreign key (session_id) references sessions(id), add foreign key (trainee_id) references trainees(id)'));
    const [{ first }] = await database.db.select({ first: sql<number>`min(id)::int` }).from(sql`trainees`);
    const sessionIds = (await database.db.select({ id: sql<number>`id` }).from(sql`sessions`)).map((s) => s.id);
    const rows = Array.from({ length: total }, (_, k) => ({
      sessionId: sessionIds[Math.floor(k / N) % sessionIds.length]!,
      traineeId: first + (k % N),
      source: 'checkin',
      minutes: null,
      hours: 3,
      recordedAt: now,
      recordedBy: `dingtalk:staff-${k % N} ${benchName(k % N)}`,
    }));
    const t1 = performance.now();
    const baseLat = await runConcurrent(rows, concurrency, async (row) => {
      await database.db.insert(baselineTable).values(row);
    });
    const baseMs = performance.now() - t1;
    baseLat.sort((a, b) => a - b);
    const baseline: BenchLine = {
      name: 'baseline_insert',
      db: database.kind,
      rows: total,
      concurrency,
      rowsPerSec: Math.round(total / (baseMs / 1000)),
      p50Ms: round(percentile(baseLat, 50)),
      p99Ms: round(percentile(baseLat, 99)),
    };
    checkin.ratioToBaseline = round((checkin.msgPerSec as number) / (baseline.rowsPerSec as number));
    return [checkin, baseline];
  } finally {
    await database.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [trainees, rounds, concurrency, warmup] = process.argv.slice(2).map((a) => (a === undefined ? undefined : Number(a)));
  for (const line of await benchCheckin({ trainees, rounds, concurrency, warmup })) console.log(JSON.stringify(line));
}
