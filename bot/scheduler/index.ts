import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import { createReminderRunner, type DeliveryPolicy, type TickReport } from '../../core/reminders/deliver.ts';
import type { App } from '../app.ts';

export interface Scheduler {
  /** Stop ticking; a tick in progress finishes the sends it has claimed. */
  stop(): Promise<void>;
  /** Send what is due at `now` (default: the app's clock). Ticks of one scheduler never overlap. */
  tick(now?: Date): Promise<TickReport>;
  /** The node-cron task (absent when started without cron, as tests do). */
  task?: ScheduledTask;
  instanceId: string;
}

export interface SchedulerOptions {
  /** Run the one-minute node-cron tick (default true). Tests drive `tick()` themselves. */
  cron?: boolean;
  instanceId?: string;
  policy?: Partial<DeliveryPolicy>;
}

const EVERY_MINUTE = '* * * * *';

/**
 * The reminder scheduler: a node-cron tick every minute in the campaign's time zone, each tick asking
 * the core what is due. Idempotency lives in the database (one claimed row per reminder, recipient and
 * slot), not in the cron slot, so missed minutes are caught up and instances can run side by side.
 */
export function startScheduler(app: App, opts: SchedulerOptions = {}): Scheduler {
  const instanceId = opts.instanceId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const runner = createReminderRunner({
    core: app.core,
    messengers: app.messengers,
    instanceId,
    adminIds: app.config.ADMIN_IDS,
    policy: opts.policy,
  });
  const log = app.log.child?.({ component: 'scheduler' }) ?? app.log;
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const tick = (now?: Date): Promise<TickReport> => {
    const run = chain.then(() => runner.tick(now ?? app.core.clock.now()));
    chain = run.catch(() => {});
    return run;
  };

  const task =
    opts.cron === false
      ? undefined
      : cron.schedule(
          EVERY_MINUTE,
          async () => {
            try {
              await tick();
            } catch (err) {
              log.error({ err: err instanceof Error ? err.message : String(err) }, 'reminder tick failed');
            }
          },
          { timezone: app.campaign.timezone, noOverlap: true, name: `reminders-${instanceId}` },
        );

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    runner.stop();
    await task?.destroy();
    await chain;
  };
  app.onStop.push(stop);
  log.info({ instanceId, cron: Boolean(task), posts: runner.plan.length }, 'reminder scheduler started');
  return { stop, tick, task, instanceId };
}
