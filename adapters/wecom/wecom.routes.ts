import type { FastifyPluginAsync } from 'fastify';
import { acceptRawBody, rawBodyOf } from '../shared/raw-body';
import type { ReplayGuard } from '../shared/replay-guard';
import { queryParam, rejectWeChatDelivery } from '../shared/wechat-rejection';
import type { WeChatCrypto } from './crypto';
import { parseEncryptedEnvelope, parseInboundXml, type WeChatInboundXml } from './xml';

/** What the WeCom webhook needs from its adapter. */
export interface WeComRoutesDeps {
  crypto: WeChatCrypto;
  /** Timestamp window and nonce memory: a signed query is good once, for minutes. */
  replay: ReplayGuard;
  /** Stores the message; resolves once it is stored (never waits for the turn). */
  receive(message: WeChatInboundXml): Promise<void>;
}

/**
 * GET/POST /webhooks/wecom. GET is the URL check (echo the decrypted echostr); POST carries an
 * encrypted message: signature, timestamp window, nonce, decryption, the receiveid and the message's
 * schema are checked before anything is stored, and the answer is an empty 200 right after storing,
 * well within WeCom's 5 s (it retries 3 times).
 */
export function weComRoutes(deps: WeComRoutesDeps): FastifyPluginAsync {
  return async (app) => {
    acceptRawBody(app);
    const hidden = { schema: { hide: true } };

    app.get('/webhooks/wecom', hidden, async (req, reply) => {
      const q = req.query;
      const echostr = queryParam(q, 'echostr');
      try {
        const plain = deps.crypto.open({ signature: queryParam(q, 'msg_signature'), timestamp: queryParam(q, 'timestamp'), nonce: queryParam(q, 'nonce'), encrypt: echostr });
        deps.replay.checkTimestamp(queryParam(q, 'timestamp'));
        return reply.type('text/plain').send(plain);
      } catch (error) {
        if (rejectWeChatDelivery(error, reply)) return reply;
        throw error;
      }
    });

    app.post('/webhooks/wecom', hidden, async (req, reply) => {
      const q = req.query;
      const raw = rawBodyOf(req.body);
      const timestamp = queryParam(q, 'timestamp');
      const nonce = queryParam(q, 'nonce');
      let message: WeChatInboundXml;
      try {
        // The signature covers the Encrypt value, so the envelope is the one thing read before it.
        const envelope = parseEncryptedEnvelope(raw.toString('utf8'));
        const plain = deps.crypto.open({ signature: queryParam(q, 'msg_signature'), timestamp, nonce, encrypt: envelope.encrypt });
        await deps.replay.check('wecom', timestamp, nonce, raw);
        message = parseInboundXml(plain);
      } catch (error) {
        if (rejectWeChatDelivery(error, reply)) return reply;
        throw error;
      }
      await deps.receive(message);
      return reply.code(200).type('text/plain').send('');
    });
  };
}
