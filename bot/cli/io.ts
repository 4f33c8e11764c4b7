/** Where a command writes, and the environment it reads; the real process in `bin/cebot.mjs`, buffers in tests. */
export interface CliIo {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string | Uint8Array): unknown };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Bad command-line usage: the message is shown as is (zh-CN), exit code 2. */
export class UsageError extends Error {}

/** A failure to report as is (zh-CN), exit code 1. */
export class CliError extends Error {}

/** A subcommand: gets the arguments after its name, returns the exit code. */
export interface CliCommand {
  run(args: string[], io: CliIo): Promise<number>;
}

export const println = (w: CliIo['stdout'], s = '') => w.write(`${s}\n`);
