import { createServer } from 'node:net';
import type { ChatEngine, IncomingMessage, MemberJoined, Reply } from '../../core/chat/types.ts';
import type { Logger } from '../../core/ports.ts';
import { loadConfig, type Config } from '../../bot/config.ts';

export const TOKEN = '123456:TEST-token_abc';

/** A logger that keeps what it was told, so tests can check that errors are logged (and secrets are not). */
export class RecordingLogger implements Logger {
  readonly entries: Array<{ level: string; obj: unknown; msg?: string }> = [];
  info(obj: unknown, msg?: string) {
    this.entries.push({ level: 'info', obj, msg });
  }
  warn(obj: unknown, msg?: string) {
    this.entries.push({ level: 'warn', obj, msg });
  }
  error(obj: unknown, msg?: string) {
    this.entries.push({ level: 'error', obj, msg });
  }
  debug(obj: unknown, msg?: string) {
    this.entries.push({ level: 'debug', obj, msg });
  }
  child(): Logger {
    return this;
  }
  at(level: string) {
    return this.entries.filter((e) => e.level === level);
  }
  text(): string {
    return this.entries.map((e) => `${e.level} ${e.msg ?? ''} ${JSON.stringify(e.obj)}`).join('\n');
  }
}

export function telegramConfig(env: Record<string, string>): Config {
  return loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, ...env });
}

/**
 * A small but real conversation engine for adapter tests (the product engine has its own suite):
 * it remembers what it was given and answers the way the core does — @mentions, a private detail
 * with a group acknowledgement, markdown — and throws on "boom".
 */
export class ScriptEngine implements ChatEngine {
  readonly seen: IncomingMessage[] = [];
  readonly joins: MemberJoined[] = [];

  async handle(msg: IncomingMessage): Promise<Reply[]> {
    this.seen.push(msg);
    const who = [{ userId: msg.senderId, name: msg.senderNick }];
    if (msg.text === 'boom') throw new Error('handler exploded on purpose');
    if (msg.text === '我的学时' || msg.text === '/hours') {
      return [
        { target: 'group', format: 'text', text: `@${msg.senderNick} 你的学时明细已私聊发给你。`, mentions: who },
        { target: 'private', format: 'markdown', text: `**${escapeMd(msg.senderNick)}** 的学时\n- 公需：10 学时\n- 专业：20 学时` },
      ];
    }
    return [{ target: 'group', format: 'text', text: `@${msg.senderNick} 收到“${msg.text}”${msg.senderIsAdmin ? '（管理员）' : ''}`, mentions: who }];
  }

  async memberJoined(ev: MemberJoined): Promise<Reply[]> {
    this.joins.push(ev);
    return [{ target: 'group', format: 'text', text: `@${ev.nick} 欢迎加入，请把群内名称改为真实姓名。`, mentions: [{ userId: ev.userId, name: ev.nick }] }];
  }
}

/** CommonMark backslash escapes, as a core writing markdown must apply to literal text. */
export const escapeMd = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|>~<]/g, (c) => `\\${c}`);

/** A free loopback port (the webhook URL must be known before the server listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
