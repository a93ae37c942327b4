import type { FastifyReply } from 'fastify';
import type { Attachment } from '../core/message';
import { AppError } from '../errors';
import type { MediaService } from '../domain/media/media.service';

/** Types a browser shows in place; everything else is only ever a download. */
const SHOWN = /^(image\/(jpeg|png|gif|webp)|audio\/(ogg|mpeg|mp4|x-wav)|video\/mp4)$/;

/** `filename=` in plain ASCII and `filename*=` in UTF-8, so 发票.pdf keeps its name in every browser. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Streams a stored file (or its thumbnail) with the type read from its bytes, never sniffed again
 * by the browser; pictures, playable voice and video inline, the rest as downloads. The URL names
 * a message's attachment, which never changes: browsers may keep it (privately).
 */
export async function sendAttachment(reply: FastifyReply, media: MediaService, attachment: Attachment, options: { thumbnail?: boolean; download?: boolean } = {}): Promise<FastifyReply> {
  const id = options.thumbnail ? attachment.thumbnailId : attachment.fileId;
  if (!id) throw new AppError('FILE_NOT_FOUND', options.thumbnail ? 'This file has no thumbnail' : undefined);
  const { file, stream } = await media.open(id);
  const name = options.thumbnail ? file.filename : (attachment.name ?? file.filename);
  const inline = !options.download && SHOWN.test(file.contentType);
  return reply
    .header('content-type', file.contentType)
    .header('content-length', String(file.size))
    .header('content-disposition', disposition(inline ? 'inline' : 'attachment', name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=86400')
    .send(stream);
}
