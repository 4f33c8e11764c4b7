import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.ts';

describe('the embedded database folder', () => {
  it('refuses a second process with a clear message instead of corrupting the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cebot-lock-'));
    const first = await openDatabase({ dataDir: dir, migrate: false });
    try {
      const script = `import { openDatabase } from './db/client.ts';
        try { await openDatabase({ dataDir: ${JSON.stringify(dir)}, migrate: false }); console.log('opened'); process.exit(0); }
        catch (e) { console.error(e.message); process.exit(3); }`;
      const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: process.cwd() });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('正被另一个进程');
      expect(r.stderr).toContain('DATABASE_URL');
    } finally {
      await first.close();
    }
    // Once the first process let go, the folder opens again.
    const again = await openDatabase({ dataDir: dir, migrate: false });
    await again.close();
  });
});
