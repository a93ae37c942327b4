import type { FastifyPluginAsync } from 'fastify';
import { acceptRawBody, rawBodyOf } from '../shared/raw-body';
import { queryParam, rejectWeChatDelivery } from '../shared/wechat-rejection';
import { WeChatCryptoError, type WeChatCrypto } from '../wecom/crypto';
import { parseEncryptedEnvelope, parseInboundXml, type WeChatInboundXml } from '../wecom/xml';
import { verifyPlainSignature } from './plain-signature';

/** What the Official Account webhook needs from its adapter. */
export interface WeChatMpRoutesDeps {
  token: string;
  /** Present when WECHAT_MP_AES_KEY is set: needed for safe mode (encrypt_type=aes). */
  crypto?: WeChatCrypto;
  /** Stores the message or handles the event; resolves once stored (never waits for the turn). */
  receive(message: WeChatInboundXml): Promise<void>;
}

/**
 * GET/POST /webhooks/wechat-mp. GET is the server check (echo echostr unchanged); POST is a message in
 * plaintext or safe mode. Signatures are checked before the body is read, and the answer is
 * "success" right after storing: a timeout shows the follower "该公众号暂时无法提供服务".
 */
export function weChatMpRoutes(deps: WeChatMpRoutesDeps): FastifyPluginAsync {
  return async (app) => {
    acceptRawBody(app);
    const hidden = { schema: { hide: true } };
    const signedPlainly = (query: unknown) =>
      verifyPlainSignature(deps.token, queryParam(query, 'signature'), queryParam(query, 'timestamp'), queryParam(query, 'nonce'));

    app.get('/webhooks/wechat-mp', hidden, async (req, reply) => {
      if (!signedPlainly(req.query)) return reply.code(401).type('text/plain').send('bad_signature');
      return reply.type('text/plain').send(queryParam(req.query, 'echostr'));
    });

    app.post('/webhooks/wechat-mp', hidden, async (req, reply) => {
      const q = req.query;
      // WeChat signs the query in both modes; in safe mode msg_signature also covers the body.
      if (!signedPlainly(q)) return reply.code(401).type('text/plain').send('bad_signature');
      const raw = rawBodyOf(req.body).toString('utf8');
      let message: WeChatInboundXml;
      try {
        if (queryParam(q, 'encrypt_type') === 'aes') {
          if (deps.crypto === undefined) throw new WeChatCryptoError('bad_key', 'safe mode needs WECHAT_MP_AES_KEY');
          const envelope = parseEncryptedEnvelope(raw);
          message = parseInboundXml(deps.crypto.open({ signature: queryParam(q, 'msg_signature'), timestamp: queryParam(q, 'timestamp'), nonce: queryParam(q, 'nonce'), encrypt: envelope.encrypt }));
        } else {
          message = parseInboundXml(raw);
        }
      } catch (error) {
        if (rejectWeChatDelivery(error, reply)) return reply;
        throw error;
      }
      await deps.receive(message);
      return reply.type('text/plain').send('success');
    });
  };
}
