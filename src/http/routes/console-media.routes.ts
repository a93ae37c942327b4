import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionService } from '../../domain/user/session.service';
import type { MediaService } from '../../domain/media/media.service';
import { attachmentForReader } from '../../conversation/attachment-access';
import type { AgentChatService } from '../../conversation/agent-chat.service';
import { toChatMessage } from '../../conversation/message-view';
import { currentUser, sessionGuard, sessionSecurity as security } from '../session-auth';
import { readUpload } from '../upload';
import { sendAttachment } from '../file-reply';
import { attachmentParams, attachmentQuery, consoleMessage, errors, idParams } from '../contract';

export interface ConsoleMediaOptions {
  sessions: SessionService;
  agentChat: AgentChatService;
  media: MediaService;
}

const tags = ['console'];
const fileAnswer = { description: 'The file itself, with the type read from its bytes' };

/**
 * Pictures, files and voice in the console: a message's attachments for whoever may see its
 * conversation (managers every one, agents the waiting chats and their own; 403 otherwise), and an
 * agent's picture or file sent to the customer.
 */
export const consoleMediaRoutes: FastifyPluginAsyncZod<ConsoleMediaOptions> = async (app, { sessions, agentChat, media }) => {
  await app.register(multipart);
  const { requireUser } = sessionGuard(sessions);
  app.addHook('onRequest', requireUser());
  const read = { tags, security, params: attachmentParams, querystring: attachmentQuery, response: { 200: z.any().describe(fileAnswer.description), ...errors(400, 401, 403, 404) } };

  app.get('/api/v1/console/messages/:id/attachments/:index', { schema: { ...read, summary: 'A picture, file or voice of a message (download=1: always as a download)' } }, async (req, reply) => {
    const { attachment } = await attachmentForReader(currentUser(req), req.params.id, req.params.index);
    return sendAttachment(reply, media, attachment, { download: req.query.download === '1' });
  });

  app.get('/api/v1/console/messages/:id/attachments/:index/thumbnail', { schema: { ...read, summary: 'The small JPEG of a picture' } }, async (req, reply) => {
    const { attachment } = await attachmentForReader(currentUser(req), req.params.id, req.params.index);
    return sendAttachment(reply, media, attachment, { thumbnail: true });
  });

  app.post(
    '/api/v1/console/conversations/:id/attachments',
    {
      bodyLimit: media.maxBytes + 64 * 1024,
      schema: {
        tags,
        summary: 'Send the customer a picture or a file (multipart/form-data: file, and text as a caption)',
        description:
          'Only the assigned agent or a manager may send. The type is read from the file\'s bytes: a type not in MEDIA_ALLOWED_TYPES is 415 FILE_TYPE_NOT_ALLOWED, ' +
          'a file over MEDIA_MAX_BYTES 413 FILE_TOO_LARGE; a forbidden phrase in the caption is 422 as for a reply. Nothing is kept of a refused message.',
        security,
        consumes: ['multipart/form-data'],
        params: idParams,
        response: { 201: z.object({ message: consoleMessage }), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const user = currentUser(req);
      const upload = await readUpload(req, media.maxBytes, ['text']);
      const caption = (upload.fields.text ?? '').trim().slice(0, 4000);
      const attachment = await media.store({ data: upload.data, name: upload.filename });
      try {
        const message = await agentChat.reply(req.params.id, user, caption, [attachment]);
        return reply.status(201).send({ message: toChatMessage(message, 'console') });
      } catch (err) {
        await media.remove(attachment);
        throw err;
      }
    },
  );
};
