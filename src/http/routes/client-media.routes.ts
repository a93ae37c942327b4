import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors';
import type { ConversationService } from '../../conversation/conversation.service';
import type { MediaService } from '../../domain/media/media.service';
import { attachmentForVisitor } from '../../domain/media/media-access';
import { receiveVisitorUpload } from '../../conversation/visitor-upload.service';
import { requireVisitor, visitorConversation } from '../session-auth';
import { readUpload } from '../upload';
import { sendAttachment } from '../file-reply';
import { attachmentQuery, clientAttachmentParams, customerMessage, errors, idParams } from '../contract';

export interface ClientMediaOptions {
  conversations: ConversationService;
  media: MediaService;
}

const bearer = [{ bearer: [] }];
const tags = ['client'];
const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Pictures and files on the public client API (the website widget): the customer sends one, and
 * fetches those of their own conversation with its visitor token. Callable from any origin.
 */
export const clientMediaRoutes: FastifyPluginAsyncZod<ClientMediaOptions> = async (app, { conversations, media }) => {
  await app.register(multipart);
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'content-type, content-disposition, content-length');
  });
  const read = { tags, security: bearer, params: clientAttachmentParams, querystring: attachmentQuery, response: { 200: z.any().describe('The file itself'), ...errors(400, 401, 404) } };

  app.get('/api/v1/client/conversations/:id/messages/:messageId/attachments/:index', { onRequest: requireVisitor, schema: { ...read, summary: 'A picture or file of the conversation' } }, async (req, reply) => {
    const { attachment } = await attachmentForVisitor(visitorConversation(req)._id, req.params.messageId, req.params.index);
    return sendAttachment(reply, media, attachment, { download: req.query.download === '1' });
  });

  app.get('/api/v1/client/conversations/:id/messages/:messageId/attachments/:index/thumbnail', { onRequest: requireVisitor, schema: { ...read, summary: 'The small JPEG of a picture' } }, async (req, reply) => {
    const { attachment } = await attachmentForVisitor(visitorConversation(req)._id, req.params.messageId, req.params.index);
    return sendAttachment(reply, media, attachment, { thumbnail: true });
  });

  app.post(
    '/api/v1/client/conversations/:id/attachments',
    {
      onRequest: requireVisitor,
      bodyLimit: media.maxBytes + 64 * 1024,
      schema: {
        tags,
        summary: 'Send a picture or a file (multipart/form-data: clientMessageId, text as a caption, then file)',
        description:
          'The type is read from the file\'s bytes: one not accepted is 415 FILE_TYPE_NOT_ALLOWED, a file over the limit 413 FILE_TOO_LARGE (GET /widget/config.json tells both). ' +
          'Idempotent on clientMessageId. Returns the stored message and the bot’s replies.',
        security: bearer,
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 200: z.object({ message: customerMessage, messages: z.array(customerMessage) }), ...errors(400, 401, 404, 409, 413, 415) },
      },
    },
    async (req) => {
      const conversation = visitorConversation(req);
      if (conversation.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
      const upload = await readUpload(req, media.maxBytes, ['clientMessageId', 'text']);
      const { clientMessageId, text } = upload.fields;
      if (clientMessageId !== undefined && !CLIENT_MESSAGE_ID.test(clientMessageId)) {
        throw new AppError('VALIDATION_FAILED', 'clientMessageId: must be 1–64 letters, digits, _ or -', { details: [{ field: 'clientMessageId', message: 'must be 1–64 letters, digits, _ or -' }] });
      }
      return receiveVisitorUpload({ conversations, media }, conversation, { data: upload.data, filename: upload.filename, caption: text, clientMessageId });
    },
  );
};
