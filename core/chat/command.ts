import type { CoreContext } from '../context.ts';
import type { ChatInfo } from '../ports.ts';
import type { Identity } from '../roster/identify.ts';
import type { CommandWords, ParsedCommand } from './parse.ts';
import type { IncomingMessage, Reply } from './types.ts';

export interface CommandContext {
  core: CoreContext;
  msg: IncomingMessage;
  /** The group, when the message came from one. */
  chat?: ChatInfo;
  isAdmin: boolean;
  identity: Identity;
  cmd: ParsedCommand;
  /** Who acts, for audit rows: "platform:id 昵称". */
  actor: string;
}

export interface Command extends CommandWords {
  /** Only group owners/admins and ADMIN_IDS may use it. */
  admin: boolean;
  /** Needs a group (not a private chat). */
  groupOnly?: boolean;
  /** Needs the group to be bound to a level first. */
  needsLevel?: boolean;
  run(ctx: CommandContext): Promise<Reply[]>;
}

export const defineCommand = (c: Command) => c;

export const say = (text: string, extra: Partial<Reply> = {}): Reply => ({ target: 'group', format: 'text', text, ...extra });
export const sayPrivately = (text: string, extra: Partial<Reply> = {}): Reply => ({ target: 'private', format: 'text', text, ...extra });
export const mention = (ctx: CommandContext) => [{ userId: ctx.msg.senderId, name: ctx.msg.senderNick }];
