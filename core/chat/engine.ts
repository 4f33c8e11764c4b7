import type { Level } from '../campaign/schema.ts';
import type { CoreContext } from '../context.ts';
import { chat as t } from '../locales/zh-CN/index.ts';
import type { ChatInfo } from '../ports.ts';
import { identify, type Identity } from '../roster/identify.ts';
import type { Command, CommandContext } from './command.ts';
import { say } from './command.ts';
import { builtinCommands } from './commands/index.ts';
import { groupCommit } from './group-commit.ts';
import { cleanText, type ParsedCommand, parseCommand } from './parse.ts';
import { wellFormed, wellFormedMessage } from './well-formed.ts';
import type { ChatEngine, IncomingMessage, MemberJoined, Reply } from './types.ts';

/** The policy-answer service, as the engine sees it. */
export interface PolicyAnswerer {
  answer(question: string, ctx: { level?: Level; now: Date }): { found: boolean; text: string };
}

export interface EngineOptions {
  core: CoreContext;
  /** `platform:id` or bare ids treated as administrators (ADMIN_IDS). */
  adminIds?: string[];
  commands?: Command[];
  policy?: PolicyAnswerer;
  /** At most one nickname warning per person and group in this interval. */
  warnIntervalMs?: number;
  /** Group commit: messages per shared transaction, and such transactions at a time. */
  maxBatch?: number;
  maxInFlight?: number;
}

const HOUR = 3_600_000;
/** Longer texts are not commands or questions anyone types; answer without parsing megabytes. */
const MAX_TEXT = 2000;

export function createChatEngine(opts: EngineOptions): ChatEngine & { commands: Command[] } {
  const { core } = opts;
  const commands = opts.commands ?? builtinCommands;
  const adminIds = new Set(opts.adminIds ?? []);
  const warnInterval = opts.warnIntervalMs ?? HOUR;
  const isListed = (platform: string, id: string) => adminIds.has(`${platform}:${id}`) || adminIds.has(id);

  async function nicknameWarning(c: CoreContext, msg: IncomingMessage, identity: Identity): Promise<string | undefined> {
    if (identity.nickname === 'ok' || identity.nickname === 'unchecked') return undefined;
    const claimed = await c.stores.roster.claimWarning(msg.platform, msg.chatId, msg.senderId, core.clock.now(), warnInterval);
    if (!claimed) return undefined;
    const head =
      identity.nickname === 'ambiguous'
        ? t.nicknameAmbiguous(msg.senderNick)
        : identity.nickname === 'mismatch' && identity.trainee
          ? t.nicknameOtherPerson(msg.senderNick, identity.trainee.name)
          : t.nicknameNotInRoster(msg.senderNick);
    return `${head}\n${t.renameStakes}\n${t.renameSteps(msg.platform)}`;
  }

  function answerQuestion(text: string, chat: ChatInfo | undefined, identity: Identity): Reply[] {
    const level = (chat?.level ?? identity.trainee?.level ?? undefined) as Level | undefined;
    if (opts.policy) {
      const a = opts.policy.answer(text, { level, now: core.clock.now() });
      return [say(a.text)];
    }
    const training = core.campaign.contacts.find((c) => c.id === 'training');
    return [say(t.policyFallback(training?.phones.join('、') ?? ''))];
  }

  /**
   * One message's work, on `c` whose stores are the message's transaction. `known` is the chat as read
   * together with the dedupe claim (one round trip for both).
   */
  async function process(c: CoreContext, msg: IncomingMessage, known: ChatInfo | undefined): Promise<Reply[]> {
    const group = msg.chatType === 'group';
    const title = msg.chatTitle ?? '';
    // The common case writes nothing: the chat is known and keeps its title.
    const chat = !group ? undefined : known && known.title === title ? known : await c.stores.chats.touch(msg.platform, msg.chatId, title, core.campaign.id);
    const isAdmin = msg.senderIsAdmin || isListed(msg.platform, msg.senderId);
    const text = msg.text.length > MAX_TEXT ? msg.text.slice(0, MAX_TEXT) : msg.text;
    const cmd = parseCommand(text, commands);
    const parsed = cmd ? { cmd, command: commands.find((k) => k.name === cmd.name)! } : undefined;
    // The nickname record may be written while the reply's statements go out, saving a round trip;
    // administrators' commands read those records (昵称检查), so theirs keep the strict order.
    const who = { platform: msg.platform, chatId: msg.chatId, accountId: msg.senderId, nickname: msg.senderNick, group, level: chat?.level ?? null, staff: isAdmin };
    const identity = await identify(c, who, { overlap: !parsed?.command.admin });
    try {
      return await respond({ c, msg, chat, group, isAdmin, text, parsed, identity });
    } finally {
      // The transaction commits only once the nickname record is written; a failure fails the message.
      await identity.recorded;
    }
  }

  /** The reply to one identified message: a command's, or an answer from the notice. */
  async function respond(turn: {
    c: CoreContext;
    msg: IncomingMessage;
    chat: ChatInfo | undefined;
    group: boolean;
    isAdmin: boolean;
    text: string;
    parsed: { cmd: ParsedCommand; command: Command } | undefined;
    identity: Identity;
  }): Promise<Reply[]> {
    const { c, msg, chat, group, isAdmin, text, parsed, identity } = turn;
    // Staff are not on the roster: their nicknames are not the trainees' rule.
    const warning = isAdmin ? undefined : await nicknameWarning(c, msg, identity);
    const mentions = [{ userId: msg.senderId, name: msg.senderNick }];
    // One message, not two: platforms budget ~20 messages per group per minute.
    const withWarning = (replies: Reply[]): Reply[] => {
      if (!warning) return replies;
      const i = replies.findIndex((r) => r.target === 'group');
      if (i < 0) return [say(warning, { mentions }), ...replies];
      const merged = { ...replies[i], text: `${warning}\n${replies[i].text.replace(`@${msg.senderNick} `, '')}`, mentions };
      return [...replies.slice(0, i), merged, ...replies.slice(i + 1)];
    };

    if (!parsed) {
      if (!cleanText(text)) return withWarning([]);
      return withWarning(answerQuestion(cleanText(text), chat, identity));
    }
    const { cmd, command } = parsed;
    const actor = `${msg.platform}:${msg.senderId} ${msg.senderNick}`.trim();
    if (command.admin && !isAdmin) {
      await c.stores.audit.write({ at: core.clock.now(), actor, action: `refused.${command.name}`, target: `${msg.platform}:${msg.chatId}`, after: { text: wellFormed(cleanText(text).slice(0, 200)) }, allowed: false });
      return withWarning([say(t.adminOnly(cmd.word), group ? { mentions } : {})]);
    }
    if (command.groupOnly && !group) return [say(t.groupOnly)];
    if (command.needsLevel && !chat?.level) return withWarning([say(t.groupUnbound)]);
    const ctx: CommandContext = { core: c, msg, chat, isAdmin, identity, cmd, actor };
    return withWarning(await command.run(ctx));
  }

  /** Claim the message and do its work on `stores`, a transaction's stores. */
  async function claimAndProcess(stores: CoreContext['stores'], msg: IncomingMessage): Promise<Reply[]> {
    // Claim and chat read are sent together; the read is only used once the claim is won.
    const [claimed, known] = await Promise.all([
      stores.chats.claimMessage(msg.platform, msg.messageId),
      msg.chatType === 'group' ? stores.chats.get(msg.platform, msg.chatId) : undefined,
    ]);
    if (!claimed) return [];
    return process({ ...core, stores }, msg, known);
  }

  /**
   * One message in its own transaction: the dedupe claim commits together with everything the message
   * wrote, or not at all. A failure anywhere (the database going away included) leaves nothing
   * half-written and the message unclaimed, so the platform's redelivery is handled once later.
   */
  async function handleAlone(msg: IncomingMessage): Promise<Reply[]> {
    try {
      return await core.stores.tx((stores) => claimAndProcess(stores, msg));
    } catch (err) {
      core.log?.error({ err: errorSummary(err), platform: msg.platform, messageId: msg.messageId }, 'message handling failed');
      return [say(t.tryLater)];
    }
  }

  /**
   * Messages that arrive together share one transaction (one commit, their statements pipelined on one
   * connection). Each message still commits with its claim: if anything in the batch fails, the whole
   * batch rolls back and every message is done again alone, so one bad message costs the others a
   * retry, never their record.
   */
  async function handleBatch(msgs: IncomingMessage[]): Promise<Reply[][]> {
    if (msgs.length === 1) return [await handleAlone(msgs[0]!)];
    try {
      return await core.stores.batch(async (stores) => {
        // Settle all before deciding, so the rollback is not sent while others' statements are in flight.
        const settled = await Promise.allSettled(msgs.map((m) => claimAndProcess(stores, m)));
        const failed = settled.find((s) => s.status === 'rejected');
        if (failed) throw failed.reason;
        return settled.map((s) => (s as PromiseFulfilledResult<Reply[]>).value);
      });
    } catch (err) {
      core.log?.warn({ err: errorSummary(err), messages: msgs.length }, 'batch failed; handling its messages one by one');
      return Promise.all(msgs.map(handleAlone));
    }
  }

  const enqueue = groupCommit<IncomingMessage, Reply[]>({
    maxBatch: opts.maxBatch ?? 128,
    // The embedded database runs one statement at a time: a second batch would only wait for it.
    maxInFlight: opts.maxInFlight ?? (core.stores.kind === 'pglite' ? 1 : 2),
    run: handleBatch,
  });

  return {
    commands,
    handle: (incoming) => enqueue(wellFormedMessage(incoming)),
    async memberJoined(ev: MemberJoined) {
      try {
        if (!(await core.stores.chats.claimMessage(ev.platform, `join:${ev.eventId}`))) return [];
        const chat = await core.stores.chats.touch(ev.platform, ev.chatId, ev.chatTitle ?? '', core.campaign.id);
        const identity = await identify(core, { platform: ev.platform, chatId: ev.chatId, accountId: ev.userId, nickname: ev.nick, group: true, level: chat.level });
        const steps = identity.nickname === 'ok' ? '' : t.renameSteps(ev.platform);
        return [say(t.welcome(ev.nick, steps).trim(), { mentions: [{ userId: ev.userId, name: ev.nick }] })];
      } catch (err) {
        core.log?.error({ err: errorSummary(err), platform: ev.platform }, 'member join handling failed');
        return [];
      }
    },
  };
}

/** Log what failed without dumping row data (which could hold personal details). */
function errorSummary(err: unknown) {
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  return { message: e?.message?.slice(0, 300), code: e?.code ?? e?.cause?.code };
}
