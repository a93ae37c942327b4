import type { FastifyPluginAsync } from 'fastify';
import { acceptRawBody, rawBodyOf } from '../shared/raw-body';
import type { ReplayGuard } from '../shared/replay-guard';
import { queryParam, rejectWeChatDelivery } from '../shared/wechat-rejection';
import { WeChatCryptoError, type WeChatCrypto } from '../wecom/crypto';
import { parseEncryptedEnvelope, parseInboundXml, type WeChatInboundXml } from '../wecom/xml';
import { verifyPlainSignature } from './plain-signature';

/** What the Official Account webhook needs from its adapter. */
export interface WeChatMpRoutesDeps {
  token: string;
  /** Present when WECHAT_MP_AES_KEY is set: safe mode, and then only encrypted deliveries are taken. */
  crypto?: WeChatCrypto;
  /** Timestamp window and nonce memory: a signed query is good once, for minutes. */
  replay: ReplayGuard;
  /** Stores the message or handles the event; resolves once stored (never waits for the turn). */
  receive(message: WeChatInboundXml): Promise<void>;
}

/**
 * GET/POST /webhooks/wechat-mp. GET is the server check (echo echostr unchanged); POST is a message,
 * encrypted (safe mode, required once WECHAT_MP_AES_KEY is set: in plaintext WeChat signs only the
 * query, not the message) or plaintext when no key is configured. Signature, timestamp window and
 * nonce are checked before the body is read, and the answer is "success" right after storing: a
 * timeout shows the follower "该公众号暂时无法提供服务".
 */
export function weChatMpRoutes(deps: WeChatMpRoutesDeps): FastifyPluginAsync {
  return async (app) => {
    acceptRawBody(app);
    const hidden = { schema: { hide: true } };
    const signedPlainly = (query: unknown) =>
      verifyPlainSignature(deps.token, queryParam(query, 'signature'), queryParam(query, 'timestamp'), queryParam(query, 'nonce'));

    app.get('/webhooks/wechat-mp', hidden, async (req, reply) => {
      if (!signedPlainly(req.query)) return reply.code(401).type('text/plain').send('bad_signature');
      try {
        deps.replay.checkTimestamp(queryParam(req.query, 'timestamp'));
      } catch (error) {
        if (rejectWeChatDelivery(error, reply)) return reply;
        throw error;
      }
      return reply.type('text/plain').send(queryParam(req.query, 'echostr'));
    });

    app.post('/webhooks/wechat-mp', hidden, async (req, reply) => {
      const q = req.query;
      // WeChat signs the query in both modes; in safe mode msg_signature also covers the body.
      if (!signedPlainly(q)) return reply.code(401).type('text/plain').send('bad_signature');
      const raw = rawBodyOf(req.body);
      const timestamp = queryParam(q, 'timestamp');
      const nonce = queryParam(q, 'nonce');
      let message: WeChatInboundXml;
      try {
        const encrypted = queryParam(q, 'encrypt_type') === 'aes';
        if (deps.crypto !== undefined && !encrypted) throw new WeChatCryptoError('encryption_required', 'safe mode is configured: plaintext deliveries are refused');
        if (deps.crypto === undefined && encrypted) throw new WeChatCryptoError('bad_key', 'safe mode needs WECHAT_MP_AES_KEY');
        // The nonce is remembered only once everything signed is verified: an unverified body
        // taking it first would lock the real delivery out.
        let plain = raw.toString('utf8');
        if (deps.crypto !== undefined) {
          const envelope = parseEncryptedEnvelope(plain);
          plain = deps.crypto.open({ signature: queryParam(q, 'msg_signature'), timestamp, nonce, encrypt: envelope.encrypt });
        }
        await deps.replay.check('wechat-mp', timestamp, nonce, raw);
        message = parseInboundXml(plain);
      } catch (error) {
        if (rejectWeChatDelivery(error, reply)) return reply;
        throw error;
      }
      await deps.receive(message);
      return reply.type('text/plain').send('success');
    });
  };
}
