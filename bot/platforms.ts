import type { App } from './app.ts';

/**
 * Start whichever chat platforms the configuration names. Routes (the Telegram webhook) are
 * registered now, before the server listens; the returned function starts receiving once it does.
 */
export async function startPlatforms(app: App): Promise<() => Promise<void>> {
  const after: Array<() => Promise<void>> = [];
  if (app.config.DINGTALK_CLIENT_ID) {
    const { attachDingTalk } = await import('./dingtalk/attach.ts');
    await attachDingTalk(app);
  }
  if (app.config.TELEGRAM_BOT_TOKEN) {
    const { createTelegram } = await import('./telegram/index.ts');
    const tg = await createTelegram({ config: app.config, engine: app.engine, failed: app.stores.failed, log: app.log, app: app.server });
    app.messengers.set('telegram', tg.messenger);
    app.platformStatus.set('telegram', () => tg.status());
    app.onStop.push(() => tg.stop());
    after.push(() => tg.start());
  }
  return async () => {
    for (const f of after) await f();
  };
}
