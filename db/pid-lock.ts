import { closeSync, existsSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite corrupts a data folder opened by two processes, so one process holds
 * `<dir>/cebot.pid`. A lock left by a dead process is taken over.
 */
export function acquirePidLock(dir: string): () => void {
  const file = join(dir, 'cebot.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (existsSync(file) && readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (pid && pid !== process.pid && alive(pid))
        throw new DataDirLockedError(
          `数据目录 ${dir} 正被另一个进程（PID ${pid}）使用。内置数据库只能由一个进程打开；多实例部署请设置 DATABASE_URL 使用 PostgreSQL。`,
        );
      unlinkSync(file); // stale lock from a crashed process
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${dir}`);
}
