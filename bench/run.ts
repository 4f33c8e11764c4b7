/**
 * `npm run bench`: every benchmark, one JSON object per line (name, figures, database kind). PGlite in
 * memory by default; Postgres when DATABASE_URL is set (each benchmark makes and drops its own database
 * on that server). `npm run bench -- checkin report` runs only the named ones.
 *
 * Benchmarks written by other areas are loaded if their file is there; a missing one prints a line
 * saying so instead of failing the run.
 */
import { type BenchLine, benchDbKind, round } from './support.ts';

type Result = BenchLine | BenchLine[] | Record<string, unknown> | void;

interface Bench {
  id: string;
  /** The line names it prints, for the "not available" line. */
  names: string[];
  run?: () => Promise<Result>;
  /** Another area's benchmark: file in bench/ and the function it exports. */
  external?: [file: string, exportName: string];
}

/** A benchmark in another area's file: undefined when the file or its export is not there yet. */
async function external(file: string, exportName: string): Promise<(() => Promise<Result>) | undefined> {
  try {
    const mod = (await import(file)) as Record<string, unknown>;
    const fn = mod[exportName];
    return typeof fn === 'function' ? (fn as () => Promise<Result>) : undefined;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw e;
  }
}

const benches: Bench[] = [
  { id: 'checkin', names: ['checkin_throughput', 'baseline_insert'], run: async () => (await import('./checkin.ts')).benchCheckin() },
  { id: 'policy', names: ['policy_answer'], external: ['policy.ts', 'benchPolicy'] },
  { id: 'import', names: ['import_roster_10k', 'import_watchtime_10k'], external: ['import.ts', 'benchImports'] },
  { id: 'report', names: ['summary_report_10k'], run: async () => (await import('./report.ts')).benchReport() },
  { id: 'dashboard', names: ['dashboard'], external: ['dashboard.ts', 'benchDashboard'] },
  { id: 'broadcast', names: ['broadcast_100_groups'], run: async () => (await import('./broadcast.ts')).benchBroadcast() },
  { id: 'dingtalk-ack', names: ['dingtalk_ack'], external: ['dingtalk-ack.ts', 'benchDingTalkAck'] },
  { id: 'startup', names: ['startup'], run: async () => (await import('./startup.ts')).benchStartup() },
  // Last: it also reports this runner's RSS after everything above.
  { id: 'memory', names: ['memory'], run: async () => (await import('./memory.ts')).benchMemory() },
];

/** stdout carries only the JSON lines: anything a benchmark or a library logs goes to stderr. */
const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
console.log = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
console.info = console.debug = console.log;

function print(result: Result, fallbackName: string) {
  const lines = Array.isArray(result) ? result : result ? [result] : [];
  for (const l of lines as Array<Record<string, unknown>>) out({ name: fallbackName, ...l, db: l.db ?? benchDbKind() });
}

const only = process.argv.slice(2);
const t0 = performance.now();
let failed = 0;
for (const b of benches) {
  if (only.length && !only.includes(b.id)) continue;
  let run = b.run;
  if (b.external) {
    const [file, exportName] = b.external;
    run = await external(`./${file}`, exportName);
    if (!run) {
      out({ name: b.names.join(','), db: benchDbKind(), available: false, note: `bench/${file} (${exportName}) is not available yet` });
      continue;
    }
  }
  const started = performance.now();
  try {
    print(await run!(), b.names[0]!);
  } catch (e) {
    failed++;
    out({ name: b.names.join(','), db: benchDbKind(), error: e instanceof Error ? e.message.slice(0, 500) : String(e), seconds: round((performance.now() - started) / 1000) });
  }
}
console.error(`bench: done in ${round((performance.now() - t0) / 1000, 1)} s${failed ? `, ${failed} failed` : ''}`);
process.exit(failed ? 1 : 0);
