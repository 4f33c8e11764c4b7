import { CampaignError } from '../../core/campaign/load.ts';
import { cli as t } from '../../core/locales/zh-CN/cli.ts';
import { ConfigError } from '../config.ts';
import { DataDirLockedError } from '../../db/pid-lock.ts';
import { FileReadError } from '../files/read.ts';
import { CliError, UsageError, println, type CliCommand, type CliIo } from './io.ts';

/** Subcommands, loaded on demand. Adding one = one module exporting `command` plus one line here. */
export const commands: Record<string, () => Promise<CliCommand>> = {
  migrate: async () => (await import('./commands/migrate.ts')).command,
  import: async () => (await import('./commands/import.ts')).command,
  summary: async () => (await import('./commands/summary.ts')).command,
  report: async () => (await import('./commands/report.ts')).command,
  campaign: async () => (await import('./commands/campaign.ts')).command,
  reminders: async () => (await import('./reminders.ts')).command,
  ask: async () => {
    const { runAsk } = await import('./ask.ts');
    // The real process streams are what `bin/cebot.mjs` passes; ask only writes to them.
    return { run: (args, io) => runAsk(args, { stdout: io.stdout as NodeJS.WritableStream, stderr: io.stderr as NodeJS.WritableStream }) };
  },
  help: async () => ({ run: async (_args, io) => (println(io.stdout, t.help), 0) }),
};

/** Run `cebot <command> …`; returns the exit code. Known failures print zh-CN to stderr. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return commands.help().then((c) => c.run([], io));
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    println(io.stderr, t.unknownCommand(name));
    return 2;
  }
  try {
    return await (await load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      println(io.stderr, e.message);
      return 2;
    }
    if (e instanceof CliError || e instanceof DataDirLockedError || e instanceof ConfigError || e instanceof CampaignError || e instanceof FileReadError) {
      println(io.stderr, e.message);
      return 1;
    }
    // Unknown failures: the message only (a stack trace helps nobody at the desk; DEBUG shows it).
    println(io.stderr, t.failed((e as Error)?.message ?? String(e)));
    if (io.env.DEBUG) println(io.stderr, String((e as Error)?.stack ?? ''));
    return 1;
  }
}
