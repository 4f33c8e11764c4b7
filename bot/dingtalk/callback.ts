import type { IncomingMessage } from '../../core/chat/types.ts';

export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

/**
 * The robot callback body (topic /v1.0/im/bot/messages/get). Declared here because the SDK's
 * RobotMessage type omits conversationTitle, atUsers, isInAtList and makes staffId mandatory.
 */
export interface RobotCallback {
  conversationId: string;
  /** "1" private chat with the robot, "2" group. */
  conversationType: string;
  conversationTitle?: string;
  chatbotUserId?: string;
  msgId: string;
  senderNick?: string;
  isAdmin?: boolean;
  /** Absent for people outside the organisation. */
  senderStaffId?: string;
  senderId: string;
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
  createAt?: number;
  robotCode?: string;
  msgtype: string;
  text?: { content?: string };
  atUsers?: Array<{ dingtalkId: string; staffId?: string }>;
  isInAtList?: boolean;
}

/** Where replies to one callback go. */
export interface ReplyRoute {
  conversationId: string;
  group: boolean;
  webhook?: { url: string; expiresAt: number };
  /** The sender as DingTalk names them for @ and private sends (staff id), if they have one. */
  senderStaffId?: string;
  senderNick: string;
  msgId: string;
}

/** Parse and check the fields we cannot do without; anything else is optional. */
export function parseCallback(data: string): RobotCallback | undefined {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return undefined;
  }
  const c = v as Partial<RobotCallback> | null;
  if (!c || typeof c !== 'object') return undefined;
  if (typeof c.conversationId !== 'string' || typeof c.msgId !== 'string' || typeof c.senderId !== 'string') return undefined;
  return { ...c, msgtype: typeof c.msgtype === 'string' ? c.msgtype : 'unknown', conversationType: String(c.conversationType ?? '') } as RobotCallback;
}

export const isGroup = (c: RobotCallback) => c.conversationType === '2';
export const isText = (c: RobotCallback) => c.msgtype === 'text' && typeof c.text?.content === 'string';

export function routeOf(c: RobotCallback): ReplyRoute {
  return {
    conversationId: c.conversationId,
    group: isGroup(c),
    ...(c.sessionWebhook && typeof c.sessionWebhookExpiredTime === 'number'
      ? { webhook: { url: c.sessionWebhook, expiresAt: c.sessionWebhookExpiredTime } }
      : {}),
    ...(c.senderStaffId ? { senderStaffId: c.senderStaffId } : {}),
    senderNick: c.senderNick ?? '',
    msgId: c.msgId,
  };
}

/** A text callback as the core sees it. The platform puts a space where the @ was: trimmed away. */
export function toIncoming(c: RobotCallback, now: Date): IncomingMessage {
  return {
    platform: 'dingtalk',
    chatId: c.conversationId,
    chatType: isGroup(c) ? 'group' : 'private',
    ...(isGroup(c) && c.conversationTitle ? { chatTitle: c.conversationTitle } : {}),
    senderId: c.senderStaffId || c.senderId,
    senderNick: (c.senderNick ?? '').trim(),
    senderIsAdmin: c.isAdmin === true,
    text: (c.text?.content ?? '').trim(),
    messageId: c.msgId,
    at: typeof c.createAt === 'number' && Number.isFinite(c.createAt) ? new Date(c.createAt) : now,
  };
}
