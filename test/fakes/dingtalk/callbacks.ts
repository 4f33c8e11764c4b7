import { randomUUID } from 'node:crypto';

/** The robot callback body as DingTalk sends it on topic /v1.0/im/bot/messages/get (fields we rely on). */
export interface RobotCallbackBody {
  conversationId: string;
  conversationType: '1' | '2';
  conversationTitle?: string;
  chatbotCorpId: string;
  chatbotUserId: string;
  msgId: string;
  senderNick: string;
  isAdmin: boolean;
  senderStaffId?: string;
  senderId: string;
  senderCorpId?: string;
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
  createAt: number;
  robotCode: string;
  msgtype: string;
  text?: { content: string };
  content?: unknown;
  atUsers?: Array<{ dingtalkId: string; staffId?: string }>;
  isInAtList?: boolean;
}

/** What a test says about a message a user sends to the robot. */
export interface RobotMessageInput {
  /** Group chat (default) or a private chat with the robot. */
  chat?: 'group' | 'private';
  conversationId?: string;
  conversationTitle?: string;
  senderStaffId?: string | null;
  senderNick: string;
  isAdmin?: boolean;
  /** What the user typed after the @ (the platform puts a space where the @ was). */
  text?: string;
  msgtype?: string;
  /** Reuse a msgId (a platform redelivery carries the same one). */
  msgId?: string;
  /** Override when the session webhook expires (epoch ms). */
  webhookExpiresAt?: number;
}

export const senderIdOf = (staffId: string) => `$:LWCP_v1:$${Buffer.from(staffId).toString('base64')}`;

export function newMsgId(): string {
  return `msg${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}
