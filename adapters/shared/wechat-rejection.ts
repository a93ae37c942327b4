import type { FastifyReply } from 'fastify';
import { WeChatCryptoError } from '../wecom/crypto';
import { WeChatXmlError } from '../wecom/xml';
import { ReplayRefused } from './replay-guard';

/**
 * Answers a refused WeChat delivery and returns true, or returns false for errors that are not a
 * refusal (those become a 500, and the platform retries). A wrong signature is 401, a message for
 * another corp/app 403, a plaintext delivery in safe mode 403, a stale timestamp or a reused nonce
 * 401, anything malformed 400. Nothing has been stored when this is called.
 */
export function rejectWeChatDelivery(error: unknown, reply: FastifyReply): boolean {
  if (error instanceof WeChatCryptoError) {
    const status = error.reason === 'bad_signature' ? 401 : error.reason === 'bad_receive_id' || error.reason === 'encryption_required' ? 403 : 400;
    reply.log.warn({ reason: error.reason }, 'WeChat delivery refused');
    void reply.code(status).type('text/plain').send(error.reason);
    return true;
  }
  if (error instanceof ReplayRefused) {
    reply.log.warn({ reason: error.reason }, 'WeChat delivery refused: replayed or out of its time window');
    void reply.code(401).type('text/plain').send(error.reason);
    return true;
  }
  if (error instanceof WeChatXmlError) {
    reply.log.warn({ field: error.field, reason: error.message }, 'WeChat delivery refused: malformed XML');
    void reply.code(400).type('text/plain').send('bad_xml');
    return true;
  }
  return false;
}

/** A query parameter as a string ('' when absent or repeated: such a request fails the signature). */
export function queryParam(query: unknown, name: string): string {
  const value = (query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
