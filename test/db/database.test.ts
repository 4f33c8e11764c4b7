import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainees } from '../../db/schema/index.ts';
import type { Database } from '../../db/types.ts';
import { testDatabase, usingPostgres } from '../support/db.ts';

describe('each test file gets its own migrated database', () => {
  let d: Database;
  beforeAll(async () => {
    d = await testDatabase();
  });
  afterAll(() => d.close());

  it('runs on the configured driver with the schema applied', async () => {
    expect(d.kind).toBe(usingPostgres() ? 'postgres' : 'pglite');
    const [row] = await d.db
      .insert(trainees)
      .values({ campaignId: 'x', name: '张三', nameKey: '张三', level: '初级' })
      .returning();
    expect(row.id).toBeGreaterThan(0);
  });

  it('reports unique violations the same way on both drivers', async () => {
    const v = { campaignId: 'y', name: '李四', nameKey: '李四', level: '初级' };
    await d.db.insert(trainees).values(v);
    const err: any = await d.db.insert(trainees).values(v).catch((e) => e);
    expect(err.cause?.code).toBe('23505');
  });
});
