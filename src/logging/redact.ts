import pino from 'pino';

/**
 * What never reaches a log line: signed webhook query strings (a signature, timestamp and nonce
 * taken from a log once forged a complaint), tokens, secrets and passwords, wherever they hide —
 * request URLs, error messages, SDK error objects.
 */

/** Paths whose whole query string is the platform's credential (signature, nonce, echostr, token). */
const SIGNED_PATHS = /^\/(?:webhooks|ws)\/|^\/api\/messages(?:[/?]|$)/;
/** Query parameters that are secrets on any path. */
const SECRET_PARAM = /token|secret|sign|nonce|echostr|password|passwd|key|code|auth/i;
const REDACTED = '[redacted]';

/** The URL with the values of its signed or secret query parameters replaced (keys stay, for debugging). */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const q = url.indexOf('?');
  if (q === -1) return url;
  const path = url.slice(0, q);
  const all = SIGNED_PATHS.test(path);
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq === -1 ? pair : pair.slice(0, eq);
      return all || SECRET_PARAM.test(key) ? `${key}=${REDACTED}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

// Telegram puts the bot token in every API path; WeChat puts access_token and secrets in queries.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\/bot\d+:[A-Za-z0-9_-]+/g, `/bot${REDACTED}`],
  [/\b(access_token|corpsecret|secret|appsecret|signature|msg_signature|nonce|echostr|token|password)=[^&\s"']+/gi, `$1=${REDACTED}`],
  [/\b(Bearer|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
];

/** A text (an error message, a stack) with tokens and signed query values taken out. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
  host?: string;
  hostname?: string;
  socket?: { remoteAddress?: string; remotePort?: number };
}

/** Fastify's request serializer, with the URL redacted; headers are never logged. */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host ?? req.hostname,
    remoteAddress: req.ip ?? req.socket?.remoteAddress,
    remotePort: req.socket?.remotePort,
  };
}

// SDK errors (axios) carry their request config: the access token header, the query with secrets.
const DROPPED_ERROR_KEYS = ['config', 'request', 'response', 'headers', 'raw'];

/** pino's error serializer, then scrubbed: secrets out of message and stack, SDK request objects dropped. */
export function serializeError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  if (typeof serialized !== 'object' || serialized === null) return serialized;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(serialized)) {
    if (DROPPED_ERROR_KEYS.includes(key)) continue;
    out[key] = typeof value === 'string' ? scrubSecrets(value) : value;
  }
  return out;
}

/** pino redact paths: headers and fields that hold credentials, wherever a caller logs them. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
  'req.headers["x-signature"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'token',
  'secret',
  'signature',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.secret',
  '*.appSecret',
  '*.signature',
  '*.msg_signature',
  '*.nonce',
  '*.echostr',
];
