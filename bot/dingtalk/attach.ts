import type { App } from '../app.ts';
import { type DingTalkAdapter, type DingTalkTuning, startDingTalk } from './start.ts';

/**
 * Wire DingTalk into the app: its messenger for reminders, its state for /healthz, its stop
 * for shutdown. Call when DINGTALK_CLIENT_ID/SECRET are set.
 */
export async function attachDingTalk(app: App, tuning?: DingTalkTuning): Promise<DingTalkAdapter> {
  const adapter = await startDingTalk({
    config: app.config,
    engine: app.engine,
    failed: app.stores.failed,
    log: app.log,
    clock: app.core.clock,
    ...(tuning ? { tuning } : {}),
  });
  app.messengers.set('dingtalk', adapter.messenger);
  app.platformStatus.set('dingtalk', () => adapter.status());
  app.onStop.push(() => adapter.stop());
  return adapter;
}
