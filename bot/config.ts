import { z } from 'zod';

/** Empty strings count as unset (a blank line in a .env file must not become a value). */
const opt = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), s.optional());

const idList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,，\s]+/).filter(Boolean) : v),
  z.array(z.string()).default([]),
);

export const configSchema = z.object({
  DATABASE_URL: opt(z.url({ protocol: /^postgres(ql)?$/, error: '需为 postgres:// 或 postgresql:// 开头的连接串' })),
  DATA_DIR: opt(z.string()).transform((v) => v ?? './data'),
  PORT: opt(z.coerce.number().int().min(0).max(65535)).transform((v) => v ?? 3000),
  HOST: opt(z.string()).transform((v) => v ?? '127.0.0.1'),
  TZ_NAME: opt(z.string().refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, '不是有效的时区名称')).transform((v) => v ?? 'Asia/Shanghai'),
  CAMPAIGN: opt(z.string()).transform((v) => v ?? '2021-xj-cyber'),
  /** Load the fictional demo roster into an empty embedded database (sandbox mode). */
  DEMO: opt(z.stringbool()),
  /** Accounts treated as admins, as `platform:id` (e.g. `dingtalk:manager123,telegram:42`). */
  ADMIN_IDS: opt(idList).transform((v) => v ?? []),
  ADMIN_TOKEN: opt(z.string().min(16, 'ADMIN_TOKEN 至少 16 个字符')),
  LOG_LEVEL: opt(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).transform((v) => v ?? 'info'),

  DINGTALK_CLIENT_ID: opt(z.string()),
  DINGTALK_CLIENT_SECRET: opt(z.string()),
  DINGTALK_ROBOT_CODE: opt(z.string()),
  DINGTALK_GATEWAY_URL: opt(z.url()).transform((v) => v ?? 'https://api.dingtalk.com/v1.0/gateway/connections/open'),
  DINGTALK_API_BASE: opt(z.url()).transform((v) => v ?? 'https://api.dingtalk.com'),
  DINGTALK_OAPI_BASE: opt(z.url()).transform((v) => v ?? 'https://oapi.dingtalk.com'),

  TELEGRAM_BOT_TOKEN: opt(z.string().regex(/^\d+:[\w-]+$/, 'Telegram 机器人令牌格式应为 数字:字母数字')),
  TELEGRAM_API_ROOT: opt(z.url()).transform((v) => (v ?? 'https://api.telegram.org').replace(/\/+$/, '')),
  TELEGRAM_WEBHOOK_URL: opt(z.url()),
  TELEGRAM_WEBHOOK_SECRET: opt(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, '只能包含字母、数字、_ 和 -，1–256 个字符')),
}).superRefine((c, ctx) => {
  if (Boolean(c.DINGTALK_CLIENT_ID) !== Boolean(c.DINGTALK_CLIENT_SECRET))
    ctx.addIssue({ code: 'custom', path: ['DINGTALK_CLIENT_SECRET'], message: 'DINGTALK_CLIENT_ID 与 DINGTALK_CLIENT_SECRET 必须同时设置' });
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_WEBHOOK_SECRET)
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_SECRET'], message: '使用 TELEGRAM_WEBHOOK_URL 时必须设置 TELEGRAM_WEBHOOK_SECRET' });
  if (c.TELEGRAM_WEBHOOK_URL && !c.TELEGRAM_BOT_TOKEN)
    ctx.addIssue({ code: 'custom', path: ['TELEGRAM_BOT_TOKEN'], message: '使用 TELEGRAM_WEBHOOK_URL 时必须设置 TELEGRAM_BOT_TOKEN' });
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {}

/** Validate the environment; the error names every bad variable and never echoes a value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = configSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `- ${i.path.join('.') || '(环境)'}：${i.message}`);
    throw new ConfigError(`配置有误，请检查以下环境变量：\n${lines.join('\n')}`);
  }
  return r.data;
}

/** Whether the account is listed in ADMIN_IDS (`platform:id`, or a bare id for any platform). */
export function isListedAdmin(cfg: Pick<Config, 'ADMIN_IDS'>, platform: string, id: string): boolean {
  return cfg.ADMIN_IDS.includes(`${platform}:${id}`) || cfg.ADMIN_IDS.includes(id);
}
