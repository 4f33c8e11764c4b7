import { createApp, type App } from '../../bot/app.ts';
import { loadConfig } from '../../bot/config.ts';
import { attachDingTalk } from '../../bot/dingtalk/attach.ts';
import type { DingTalkAdapter, DingTalkTuning } from '../../bot/dingtalk/start.ts';
import { normaliseName } from '../../core/roster/normalise.ts';
import type { Database } from '../../db/types.ts';
import type { FakeDingTalk } from '../fakes/dingtalk/server.ts';
import { TestClock } from '../support/clock.ts';
import { fastTuning } from './support.ts';

/** Inside the 2021 training window (Beijing 10:00 on 28 September). */
export const TRAINING_DAY = '2021-09-28T02:00:00Z';

/** The real app (engine, stores, fastify) on `db`, with DingTalk pointed at the fake. */
export async function startDingTalkApp(fake: FakeDingTalk, db: Database, clock: TestClock, tuning: DingTalkTuning = {}): Promise<{ app: App; dingtalk: DingTalkAdapter }> {
  const config = loadConfig({ ...fake.env(), LOG_LEVEL: 'silent' });
  const app = await createApp(config, { database: db, clock, demo: false, policy: null });
  const dingtalk = await attachDingTalk(app, { ...fastTuning, ...tuning });
  await dingtalk.ready();
  return { app, dingtalk };
}

export async function loadRoster(app: App, people: Array<{ name: string; level: string; unit?: string; phoneTail?: string }>) {
  await app.stores.roster.upsertMany(
    people.map((p) => ({
      campaignId: app.campaign.id,
      name: p.name,
      nameKey: normaliseName(p.name),
      level: p.level,
      unit: p.unit ?? '测试单位',
      phoneTail: p.phoneTail ?? '',
      idMasked: '',
    })),
  );
}

export { TestClock };
