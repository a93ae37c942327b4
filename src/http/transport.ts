import zlib from 'node:zlib';
import type http from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import { AppError } from '../errors';
import type { Config } from '../config/config';

/** How the service meets the network (PUBLIC_URL, TRUST_PROXY, REQUEST_*_TIMEOUT_SECONDS). */
export interface TransportOptions {
  /** The public address; https means HSTS on every answer and an always-Secure session cookie. */
  publicUrl?: string;
  /** Proxies whose X-Forwarded-* headers are believed; none when empty. */
  trustProxy?: readonly string[];
  /** A request not answered within this gets 503 REQUEST_TIMEOUT. */
  requestTimeoutMs?: number;
  /** A request whose headers and body have not arrived within this is cut (Node answers 408 and closes). */
  bodyTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const DEFAULT_BODY_TIMEOUT_MS = 30_000;
/** How often Node looks for requests past their body timeout. */
const CHECK_INTERVAL_MS = 1000;
const YEAR_SECONDS = 365 * 24 * 3600;

/** Whether the service is reached over https (PUBLIC_URL). */
export function servedOverHttps(t: TransportOptions | undefined): boolean {
  return !!t?.publicUrl && new URL(t.publicUrl).protocol === 'https:';
}

/** Fastify's own options for the transport: trusted proxies, the two timeouts, our own 503 on closing. */
export function transportServerOptions(t: TransportOptions = {}): Partial<FastifyHttpOptions<http.Server>> {
  const bodyTimeout = t.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  return {
    // Nobody's X-Forwarded-For is believed unless TRUST_PROXY names the proxy it came through.
    trustProxy: t.trustProxy?.length ? [...t.trustProxy] : false,
    requestTimeout: bodyTimeout,
    handlerTimeout: t.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    http: { requestTimeout: bodyTimeout, headersTimeout: bodyTimeout, connectionsCheckingInterval: Math.min(CHECK_INTERVAL_MS, bodyTimeout) },
    // The answer during shutdown comes from the hook below, with a catalogue code.
    return503OnClosing: false,
  };
}

/**
 * Security headers (helmet: a strict CSP for API answers, the pages set their own; HSTS over
 * https), compression of every answer worth it (widget.js and the console's assets included), and
 * 503 SHUTTING_DOWN with Retry-After for requests that arrive while the service stops.
 */
export async function registerTransport(app: FastifyInstance, t: TransportOptions = {}): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] } },
    // The widget's script and its API are used from customers' sites: no same-origin resource policy.
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: servedOverHttps(t) ? { maxAge: YEAR_SECONDS, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    // Compressed on the fly: a quality that costs little CPU per answer (11, the default, costs a lot).
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } },
  });
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_req, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new AppError('SHUTTING_DOWN');
  });
}

/** The transport settings of a configuration. */
export function transportFromConfig(config: Pick<Config, 'PUBLIC_URL' | 'TRUST_PROXY' | 'REQUEST_TIMEOUT_SECONDS' | 'REQUEST_BODY_TIMEOUT_SECONDS'>): TransportOptions {
  return {
    publicUrl: config.PUBLIC_URL,
    trustProxy: config.TRUST_PROXY,
    requestTimeoutMs: config.REQUEST_TIMEOUT_SECONDS * 1000,
    bodyTimeoutMs: config.REQUEST_BODY_TIMEOUT_SECONDS * 1000,
  };
}
