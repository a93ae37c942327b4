import path from 'node:path';
import { filetypeinfo, register } from 'magic-bytes.js';
import type { AttachmentKind } from '../../core/message';

const hex = (text: string) => [...Buffer.from(text, 'latin1')].map((b) => `0x${b.toString(16).padStart(2, '0')}`);
// Voice formats of WeChat and QQ that magic-bytes.js does not know: AMR-NB, and SILK (QQ's has a 0x02 first).
register('amr', hex('#!AMR'), { mime: 'audio/amr', extension: 'amr' });
register('silk', hex('#!SILK_V3'), { mime: 'audio/silk', extension: 'silk' });
register('silk', hex('\x02#!SILK_V3'), { mime: 'audio/silk', extension: 'silk' });

/** A container's general name where a more exact one is meant (Telegram voice is OGG Opus). */
const PREFERRED: Record<string, string> = { 'application/ogg': 'audio/ogg', 'image/apng': 'image/png' };

/** The type of a file as its bytes say. */
export interface DetectedType {
  mime: string;
  extension: string;
}

/**
 * The file's real type from its first bytes (magic numbers), never from its name or the sender's
 * claim: a program renamed photo.jpg is not an image. Where the bytes fit several types (a ZIP is
 * also DOCX, XLSX…), the one the file's name ends with is taken, else the plainest. Undefined
 * when the bytes match no known type (plain text, HTML, scripts).
 */
export function detectType(bytes: Uint8Array, name?: string): DetectedType | undefined {
  const candidates = filetypeinfo(bytes.subarray(0, 4100)).filter((c): c is typeof c & { mime: string } => !!c.mime);
  if (!candidates.length) return undefined;
  const ext = name ? path.extname(name).slice(1).toLowerCase() : '';
  const chosen = candidates.find((c) => ext && (c.extension === ext || (ext === 'jpg' && c.extension === 'jpeg'))) ?? candidates[0];
  const mime = PREFERRED[chosen.mime] ?? chosen.mime;
  return { mime, extension: mime === 'audio/ogg' ? 'ogg' : (chosen.extension ?? ext) || 'bin' };
}

/** Images a browser shows and sharp can make a thumbnail of. */
const IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** Whether the type is a picture shown inline (with a thumbnail). */
export function isPicture(mime: string): boolean {
  return IMAGES.has(mime);
}

/** The kind a file is shown as when the sender did not say (an upload): by its type. */
export function kindOf(mime: string): AttachmentKind {
  if (isPicture(mime)) return 'image';
  if (mime.startsWith('audio/')) return 'voice';
  if (mime.startsWith('video/')) return 'video';
  return 'file';
}
