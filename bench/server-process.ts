/**
 * The bot as `npm start` runs it (the node flags and script of package.json's `start`), in a child
 * process on a free loopback port, for the start-up and memory benchmarks.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const READY = /ce-bot 已启动/;
/** `node <flags> bin/start.mjs` from package.json, so the benchmark measures exactly what `npm start` runs. */
const START_ARGS: string[] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(/\s+/).slice(1);
const URL_LINE = /体验沙盒：(http:\/\/\S+)\/sandbox/;

export interface ServerProcess {
  child: ChildProcess;
  /** Seconds from spawn to the ready line. */
  readySeconds: number;
  baseUrl: string;
  rssMb(): number;
  /** The last 4,000 characters the process wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/** `root`: a copy of the project to run instead of this one (its bin/start.mjs, sources and dist/). */
export async function startServer(env: Record<string, string>, timeoutMs = 120_000, root = ROOT): Promise<ServerProcess> {
  const t0 = performance.now();
  const child = spawn(process.execPath, START_ARGS, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within ${timeoutMs} ms: ${err}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = URL_LINE.exec(out);
      if (READY.test(out) && m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before ready: ${err || out}`));
    });
  });
  const readySeconds = (performance.now() - t0) / 1000;
  return {
    child,
    readySeconds,
    baseUrl,
    rssMb() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : NaN;
    },
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    },
  };
}
