/**
 * What every benchmark shares: a throwaway database of the kind under test, percentiles, made-up
 * names, and the one-JSON-object-per-line output `npm run bench` prints.
 */
import postgres from 'postgres';
import { openDatabase } from '../db/client.ts';
import type { Database, DbKind } from '../db/types.ts';

export type BenchLine = { name: string } & Record<string, unknown>;

/** PGlite unless DATABASE_URL names a Postgres server. */
export const benchDbKind = (): DbKind => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

let counter = 0;

/**
 * A fresh, migrated database: in-memory PGlite, or a new database on the DATABASE_URL server that is
 * dropped again on close (a benchmark never writes into the database the URL names).
 */
export async function benchDatabase(opts: { maxConnections?: number } = {}): Promise<Database & { url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) return openDatabase({ memory: true });
  const empty = await emptyPostgresDatabase(url);
  const d = await openDatabase({ databaseUrl: empty.url, maxConnections: opts.maxConnections });
  return {
    ...d,
    url: empty.url,
    close: async () => {
      await d.close();
      await empty.drop();
    },
  };
}

/** An empty database on the DATABASE_URL server, for a bot process to migrate and use; dropped by `drop`. */
export async function emptyPostgresDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cebot_bench_${process.pid}_${counter++}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The p-th percentile (0..100) of already sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰飞红建文辉力宁波斌志鹏晨阳雪梅琳欣怡浩宇轩然';

/** The i-th made-up three-character name, unique for i < 50 × 50 × 50. */
export function benchName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length];
  const a = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
  const b = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length];
  return `${s}${a}${b}`;
}

/** Run `task` over `items` with `concurrency` workers; returns each call's latency in ms. */
export async function runConcurrent<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<number[]> {
  const latencies: number[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const t0 = performance.now();
      await task(items[i]!);
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return latencies;
}

export const rssMb = () => round(process.memoryUsage().rss / 2 ** 20, 1);

export function emit(line: BenchLine): void {
  console.log(JSON.stringify(line));
}
