import type { FastifyInstance } from 'fastify';

/** Webhook bodies are small: a WeChat XML, an Update, an Activity. 256 KiB leaves room for long texts. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * Makes every request body of this (encapsulated) plugin a raw Buffer, whatever its content type, so
 * the signature is checked on the exact bytes received before anything parses them. Requests without
 * a body get an empty Buffer.
 */
export function acceptRawBody(app: FastifyInstance, bodyLimit = WEBHOOK_BODY_LIMIT): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
}

/** The raw body of a request parsed by acceptRawBody (an empty Buffer when there was none). */
export function rawBodyOf(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

/** JSON.parse that answers undefined instead of throwing, for bodies that already passed the signature check. */
export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
