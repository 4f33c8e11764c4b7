import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app.ts';
import { startPlatforms } from './platforms.ts';
import { startScheduler } from './scheduler/index.ts';
import { CampaignError } from '../core/campaign/load.ts';
import { DataDirLockedError } from '../db/pid-lock.ts';

/** `npm start`: the bot, the HTTP server, the sandbox, and whichever platforms are configured. */
async function main() {
  const t0 = performance.now();
  const config = loadConfig();
  const sandboxOnly = !config.DINGTALK_CLIENT_ID && !config.TELEGRAM_BOT_TOKEN;
  const app = await createApp(config, { demo: config.DEMO ?? (sandboxOnly && !config.DATABASE_URL) });
  const startReceiving = await startPlatforms(app);
  startScheduler(app);
  const address = await app.server.listen({ port: config.PORT, host: config.HOST });
  await startReceiving();
  const url = address.replace('0.0.0.0', '127.0.0.1');
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  app.log.info({ database: app.database.kind, campaign: app.campaign.id, seconds }, 'ce-bot ready');
  process.stdout.write(`\nce-bot 已启动（${seconds} 秒，数据库：${app.database.kind}，活动：${app.campaign.name}）\n体验沙盒：${url}/sandbox\n健康检查：${url}/healthz\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  const known = err instanceof ConfigError || err instanceof CampaignError || err instanceof DataDirLockedError;
  process.stderr.write(`${known ? err.message : `启动失败：${(err as Error)?.stack ?? err}`}\n`);
  process.exit(1);
});
