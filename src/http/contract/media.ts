import { z } from 'zod';
import { objectId } from './common';
import { ATTACHMENT_KINDS } from '../../core/message';

/**
 * A picture, file, voice or video of a message as clients see it: its facts and where to fetch it
 * (the console with its session, the widget with the visitor token). Without `url` the file was
 * not stored and `error` says why (too_large, type_not_allowed, unavailable).
 */
export const attachmentView = z
  .object({
    kind: z.enum(ATTACHMENT_KINDS),
    name: z.string().optional(),
    size: z.int().min(0).optional(),
    mime: z.string().optional(),
    url: z.string().optional(),
    thumbnailUrl: z.string().optional(),
    duration: z.number().min(0).optional(),
    transcript: z.string().optional(),
    error: z.enum(['too_large', 'type_not_allowed', 'unavailable']).optional(),
  })
  .meta({ id: 'Attachment' });

/** `/messages/:id/attachments/:index`. */
export const attachmentParams = z.strictObject({ id: objectId, index: z.coerce.number().int().min(0).max(20) });
/** `/conversations/:id/messages/:messageId/attachments/:index` (the widget). */
export const clientAttachmentParams = z.strictObject({ id: objectId, messageId: objectId, index: z.coerce.number().int().min(0).max(20) });
/** `?download=1` asks for the file as a download even when it could be shown. */
export const attachmentQuery = z.strictObject({ download: z.enum(['0', '1']).optional() });

/** What the widget needs to know before an upload: the largest file and the types taken. */
export const uploadRules = z.object({ maxBytes: z.int(), types: z.array(z.string()) });
