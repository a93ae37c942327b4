import { z } from 'zod';
import { parsePiiKey } from '../crypto/key-format';

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

/** A rate limit: `<count>/<window>` (10/1m, 300/30s, 50/1h), or `off`. */
const rateLimit = z
  .string()
  .trim()
  .regex(/^(off|\d{1,6}\/\d{1,4}[smh])$/, 'must be <count>/<window> such as 10/1m, 300/30s, 50/1h, or off')
  .transform((v) => {
    if (v === 'off') return undefined;
    const [, count, size, unit] = /^(\d+)\/(\d+)([smh])$/.exec(v)!;
    return { max: Number(count), windowMs: Number(size) * { s: 1000, m: 60_000, h: 3_600_000 }[unit as 's' | 'm' | 'h'] };
  });
/** Proxy addresses (IPs, CIDR ranges, or loopback / linklocal / uniquelocal), comma-separated. */
const proxyList = z
  .string()
  .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)$/, 'must be IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal) separated by commas')));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines in a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalString,
  /** Signed webhooks (WeCom, Official Account) older or newer than this are refused, their nonces remembered as long. */
  WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  /** The proxies in front of the service: only their X-Forwarded-For / -Proto are believed (unset: nobody's). */
  TRUST_PROXY: optionalString.pipe(proxyList.optional()),
  /** A request must be answered within REQUEST_TIMEOUT_SECONDS (else 503); its body must have arrived within REQUEST_BODY_TIMEOUT_SECONDS (else the connection is cut with 408). */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  REQUEST_BODY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Limits per client address (and per account on sign-in), shared by every instance through REDIS_URL. */
  RATE_LIMIT_LOGIN_PER_IP: rateLimit.prefault('10/1m'),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: rateLimit.prefault('30/15m'),
  RATE_LIMIT_CONVERSATIONS_PER_IP: rateLimit.prefault('60/10m'),
  RATE_LIMIT_MESSAGES_PER_IP: rateLimit.prefault('600/1m'),
  /** Sockets open at once on one instance for one widget conversation, and for one console sign-in. */
  WIDGET_SOCKETS_PER_CONVERSATION: z.coerce.number().int().min(1).max(1000).default(10),
  CONSOLE_SOCKETS_PER_SESSION: z.coerce.number().int().min(1).max(1000).default(10),

  MONGODB_URI: optionalString.pipe(z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional()),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_DB: z.enum(['auto', 'mongod', 'mongo-java-server']).default('auto'),
  DB_FRESH: bool.default(false),
  /** Java heap of the embedded mongo-java-server, in MiB. */
  DB_HEAP_MB: z.coerce.number().int().min(64).max(65536).default(512),
  /** How often each instance resumes turns and deliveries a crash left pending. */
  RECOVERY_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(15),
  /** How long a dead instance's hold on a conversation's turns (and on a delivery) lasts before another takes over. */
  TURN_LEASE_SECONDS: z.coerce.number().min(1).max(600).default(30),
  DELIVERY_LOCK_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  /** Wait before the outbox tries a failed delivery again (then 4× that, then it is recorded as failed). */
  /** How long an instance holds a one-connection channel (OneBot reverse WebSocket, wechaty) after it stops renewing. */
  CHANNEL_ROLE_LEASE_SECONDS: z.coerce.number().min(3).max(600).default(30),
  DELIVERY_RETRY_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** Redis for several instances: socket.io rooms span instances (@socket.io/redis-adapter). */
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional()),
  MONGOMS_SYSTEM_BINARY: optionalString,

  ADMIN_EMAIL: z.email().default('admin@example.com'),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(10, 'must be at least 10 characters').optional()),

  /** Which company the bot speaks for (flows/profiles/<id>.yaml): catalogue, FAQ, menu and name fit together. */
  COMPANY_PROFILE: z.enum(['housekeeping', 'retail']).default('housekeeping'),
  /** Overrides the profile's company name (zh-TW is converted from it). */
  COMPANY_NAME: optionalString,
  COMPANY_NAME_EN: optionalString,
  TIME_ZONE: timeZone.default('Asia/Shanghai'),
  BUSINESS_HOURS: z.string().default('mon-sun 09:00-21:00'),
  DEFAULT_LOCALE: z.enum(['zh-CN', 'zh-TW', 'en']).default('zh-CN'),
  BOT_NUMBER: z.string().regex(/^\w{1,8}$/, 'must be 1-8 letters or digits').default('001'),
  BOT_MAX_NOT_UNDERSTOOD: z.coerce.number().int().min(1).max(10).default(3),
  /** How often each instance reads which published bot version to run (a publish reaches every instance within this). */
  BOT_CONTENT_POLL_SECONDS: z.coerce.number().min(0.2).max(300).default(2),
  /** The console's test bot (a sandbox process) stops after this long unused. */
  BOT_SANDBOX_IDLE_SECONDS: z.coerce.number().int().min(10).max(86400).default(300),
  /** Optional language-model layer: an OpenAI-compatible chat-completions endpoint (…/v1). */
  LLM_BASE_URL: optionalString.pipe(z.url().optional()),
  LLM_API_KEY: optionalString,
  LLM_MODEL: z.string().default('qwen2.5-7b-instruct'),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(3000),
  /** Send phone numbers, order numbers, addresses and names to the model as written (else masked). */
  LLM_SEND_PII: bool.default(false),
  ASSIGNMENT_MODE: z.enum(['auto', 'manual']).default('auto'),
  AGENT_MAX_CHATS: z.coerce.number().int().min(1).max(50).default(5),
  WIDGET_PRECHAT_FORM: bool.default(false),
  /** Pictures, files and voice (issue 13): the largest file taken, and the types taken (read from the file's bytes). */
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  MEDIA_ALLOWED_TYPES: z
    .string()
    .default('image/jpeg,image/png,image/gif,image/webp,application/pdf,audio/amr,audio/silk,audio/ogg,audio/mpeg,audio/mp4,audio/x-wav,video/mp4,application/msword,application/vnd.ms-excel,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/zip')
    .transform((v) => v.split(',').map((x) => x.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/, 'must be MIME types separated by commas, e.g. image/jpeg,application/pdf')).min(1)),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** The first lock of an account from one address; each further lock in a row lasts twice as long (at most a day). */
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** An agent with no console open for this long is set offline (reloads and short drops are forgiven). */
  PRESENCE_GRACE_SECONDS: z.coerce.number().min(1).max(3600).default(30),
  /** The presence a sign-in sets (online: ready to take chats at once). */
  PRESENCE_ON_SIGN_IN: z.enum(['online', 'away', 'offline']).default('online'),

  /** Back office (issue 11). The key of the personal fields (32 bytes, base64 or hex); required in production. */
  PII_KEY: optionalString.pipe(z.string().refine((v) => !!parsePiiKey(v), 'must be 32 bytes in base64 (44 characters) or hex (64)').optional()),
  /** Keys used before a rotation, comma-separated: still read (and searched) until `npm run pii:rotate`. */
  PII_KEY_PREVIOUS: optionalString.pipe(
    z.string().transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean)).refine((ks) => ks.every((k) => !!parsePiiKey(k)), 'each key must be 32 bytes in base64 or hex').optional(),
  ),
  /** Scheduled encrypted backups of the whole database (`npm run backup` writes the same file). */
  BACKUP_DIR: z.string().default('./data/backups'),
  BACKUP_CRON: z.string().default('30 3 * * *'),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  BACKUP_ENABLED: bool.default(true),
  /** The backup file's key; unset: derived from PII_KEY (restore needs the same key). */
  BACKUP_KEY: optionalString.pipe(z.string().refine((v) => !!parsePiiKey(v), 'must be 32 bytes in base64 or hex').optional()),
  /** SMS for order updates: POST {to, text} as JSON to this gateway (bearer SMS_WEBHOOK_TOKEN). */
  SMS_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  SMS_WEBHOOK_TOKEN: optionalString,
  /** E-mail alerts: POST {to, subject, text} as JSON to a mail relay (bearer MAIL_WEBHOOK_TOKEN). */
  MAIL_WEBHOOK_URL: optionalString.pipe(z.url().optional()),
  MAIL_WEBHOOK_TOKEN: optionalString,
  /** Who hears of serious complaints and missed deadlines outside the console: e-mail addresses, WeCom user ids. */
  ALERT_EMAIL_TO: optionalString.pipe(z.string().transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.email())).optional()),
  ALERT_WECOM_TO: optionalString.pipe(z.string().regex(/^[\w@.|-]+$/, 'WeCom user ids separated by |').optional()),
  /** The complaint handler is reminded this long before the 24-hour feedback deadline. */
  COMPLAINT_REMIND_MINUTES: z.coerce.number().int().min(1).max(1440).default(120),
  /** SLA targets: first human response (business time) and resolution. */
  SLA_FIRST_RESPONSE_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  SLA_RESOLUTION_MINUTES: z.coerce.number().int().min(1).max(100000).default(30),
  /** Follow-up visits by rule (回访): days after a placement, after delivery, and for a repeat purchase. */
  FOLLOW_UP_AFTER_PLACEMENT_DAYS: z.coerce.number().int().min(0).max(365).default(3),
  FOLLOW_UP_AFTER_DELIVERY_DAYS: z.coerce.number().int().min(0).max(365).default(2),
  FOLLOW_UP_REPEAT_PURCHASE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Cash-on-delivery and unpaid orders are overdue this many days after delivery. */
  RECEIVABLE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** QA: chats sampled per agent each week for a manager to score. */
  QA_SAMPLE_PER_AGENT: z.coerce.number().int().min(1).max(50).default(3),

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
