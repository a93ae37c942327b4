import { z } from 'zod';

/**
 * The only reader of process.env. Every variable is documented in .env.example; a bad value stops
 * the start with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const port = z.coerce.number().int().min(0).max(65535);
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),

  MONGODB_URI: optionalString.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_DB: z.enum(['auto', 'mongod', 'mongo-java-server']).default('auto'),
  DB_FRESH: bool.default(false),
  /** Java heap of the embedded mongo-java-server, in MiB. */
  DB_HEAP_MB: z.coerce.number().int().min(64).max(65536).default(512),
  MONGOMS_SYSTEM_BINARY: optionalString,

  ADMIN_EMAIL: z.email().default('admin@example.com'),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(10, 'must be at least 10 characters').optional()),

  COMPANY_NAME: z.string().min(1).default('示例客服中心'),
  COMPANY_NAME_EN: optionalString,
  TIME_ZONE: timeZone.default('Asia/Shanghai'),
  BUSINESS_HOURS: z.string().default('mon-sun 09:00-21:00'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
  BOT_NUMBER: z.string().regex(/^\w{1,8}$/, 'must be 1-8 letters or digits').default('001'),
  BOT_MAX_NOT_UNDERSTOOD: z.coerce.number().int().min(1).max(10).default(3),
  ASSIGNMENT_MODE: z.enum(['auto', 'manual']).default('auto'),
  AGENT_MAX_CHATS: z.coerce.number().int().min(1).max(50).default(5),
  WIDGET_PRECHAT_FORM: bool.default(false),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),

  WECOM_CORP_ID: optionalString,
  WECOM_AGENT_ID: optionalString,
  WECOM_SECRET: optionalString,
  WECOM_TOKEN: optionalString,
  WECOM_AES_KEY: optionalString.pipe(z.string().length(43, 'must be the 43-character EncodingAESKey').optional()),
  WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
  WECHAT_MP_APP_ID: optionalString,
  WECHAT_MP_APP_SECRET: optionalString,
  WECHAT_MP_TOKEN: optionalString,
  WECHAT_MP_AES_KEY: optionalString.pipe(z.string().length(43, 'must be the 43-character EncodingAESKey').optional()),
  WECHAT_MP_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHATY_ENABLED: bool.default(false),
  WECHATY_PUPPET: optionalString,
  WECHATY_PUPPET_SERVICE_TOKEN: optionalString,
  ONEBOT_SECRET: optionalString,
  ONEBOT_ACCESS_TOKEN: optionalString,
  ONEBOT_API_BASE: optionalString.pipe(z.url().optional()),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, 'may use only A-Z a-z 0-9 _ -').optional()),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_POLLING: bool.default(false),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  BOTFRAMEWORK_ENABLED: bool.default(false),
});

export type Config = Readonly<z.output<typeof schema>>;

/** Thrown when the environment is invalid; the message lists each bad variable and why. */
export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once and returns a frozen config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  return Object.freeze(parsed.data);
}
