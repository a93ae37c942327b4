import type { Readable } from 'node:stream';
import type { Attachment, AttachmentKind } from '../../core/message';
import { AppError } from '../../errors';
import { readAll, type FileStorage, type StoredFile } from './file-storage';
import { MediaFile, type MediaFileFields } from './media-file.model';
import { detectType, isPicture, kindOf } from './media-type';
import { makeThumbnail } from './thumbnail';
import { isDuplicateKey } from '../../db/create-once';

/** MEDIA_MAX_BYTES and MEDIA_ALLOWED_TYPES. */
export interface MediaPolicy {
  maxBytes: number;
  allowedTypes: readonly string[];
}

/** A file to store: its bytes (or how to fetch them) and what the sender said about it. */
export interface FileInput {
  /**
   * Same key, same file: a platform's retried delivery or a widget upload sent again names the
   * same key (channel, message id, position) and gets the file stored the first time; `data` is
   * then not even fetched.
   */
  key?: string;
  /** What the platform says it is (a voice message); without it, the file's type decides. */
  kind?: AttachmentKind;
  name?: string;
  duration?: number;
  transcript?: string;
  /** The size the platform announced: a file known to be too large is not downloaded. */
  declaredSize?: number;
  data: Buffer | (() => Promise<Buffer>);
}

const field = (message: string) => ({ details: [{ field: 'file', message }] });

/** A file name safe to keep and to send in Content-Disposition: no path, no control characters. */
function cleanName(name: string | undefined, kind: AttachmentKind, extension: string): string {
  // Control characters and quotes dropped (code points, not a regex: the linter rightly distrusts control ranges).
  const base = [...((name ?? '').split(/[\\/]/).pop() ?? '')].filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f' && c !== '"').join('').trim().slice(-120);
  if (!base) return `${kind}.${extension}`;
  return /\.[A-Za-z0-9]{1,8}$/.test(base) ? base : `${base}.${extension}`;
}

function toAttachment(f: Pick<MediaFileFields, 'kind' | 'fileId' | 'name' | 'size' | 'mime'> & Partial<Pick<MediaFileFields, 'thumbnailId' | 'duration' | 'transcript'>>): Attachment {
  return {
    kind: f.kind,
    fileId: f.fileId,
    size: f.size,
    mime: f.mime,
    ...(f.name ? { name: f.name } : {}),
    ...(f.thumbnailId ? { thumbnailId: f.thumbnailId } : {}),
    ...(typeof f.duration === 'number' ? { duration: f.duration } : {}),
    ...(f.transcript ? { transcript: f.transcript } : {}),
  };
}

/**
 * Pictures, files and voice: checked by their real type (magic bytes) against the allowed types
 * and the size limit, stored once per key in the file store with a thumbnail for images, and read
 * back for the console, the widget and the channels' media uploads.
 */
export class MediaService {
  readonly maxBytes: number;
  private readonly allowed: ReadonlySet<string>;

  constructor(
    private readonly storage: FileStorage,
    policy: MediaPolicy,
  ) {
    this.maxBytes = policy.maxBytes;
    this.allowed = new Set(policy.allowedTypes);
  }

  /** Stores a file, or refuses it: FILE_TOO_LARGE (413), FILE_TYPE_NOT_ALLOWED (415), an empty one 400. */
  async store(input: FileInput): Promise<Attachment> {
    if (input.key) {
      const known = await MediaFile.findOne({ key: input.key }).lean();
      if (known) return toAttachment(known);
    }
    const limit = `at most ${Math.floor(this.maxBytes / 1024)} KB`;
    if (input.declaredSize !== undefined && input.declaredSize > this.maxBytes) throw new AppError('FILE_TOO_LARGE', `The file is larger than allowed (${limit})`, field(limit));
    const data = typeof input.data === 'function' ? await input.data() : input.data;
    if (data.length > this.maxBytes) throw new AppError('FILE_TOO_LARGE', `The file is larger than allowed (${limit})`, field(limit));
    if (!data.length) throw new AppError('VALIDATION_FAILED', 'file: is empty', field('is empty'));
    const type = detectType(data, input.name);
    if (!type || !this.allowed.has(type.mime)) {
      const what = type ? `${type.mime} files are` : 'This kind of file is';
      throw new AppError('FILE_TYPE_NOT_ALLOWED', `${what} not accepted`, field(type ? `${type.mime} is not an accepted type` : 'its type is not recognised'));
    }
    const kind = input.kind === 'image' && !isPicture(type.mime) ? 'file' : (input.kind ?? kindOf(type.mime));
    // An image that cannot be decoded is not the image it claims to be.
    const thumbnail = isPicture(type.mime)
      ? await makeThumbnail(data).catch((cause: unknown) => {
          throw new AppError('FILE_TYPE_NOT_ALLOWED', 'The image cannot be read', { cause, ...field('is not a readable image') });
        })
      : undefined;
    const name = cleanName(input.name, kind, type.extension);
    const fileId = await this.storage.put(data, { filename: name, contentType: type.mime });
    const thumbnailId = thumbnail ? await this.storage.put(thumbnail, { filename: `thumbnail-${name}.jpg`, contentType: 'image/jpeg' }) : undefined;
    const record = { key: input.key ?? `upload:${fileId}`, fileId, thumbnailId, kind, name, size: data.length, mime: type.mime, duration: input.duration, transcript: input.transcript?.slice(0, 4000) };
    try {
      await MediaFile.create(record);
      return toAttachment(record);
    } catch (err) {
      await this.discard(fileId, thumbnailId);
      if (!isDuplicateKey(err)) throw err;
      // Stored meanwhile by a concurrent retry of the same delivery: that copy is the one.
      const first = await MediaFile.findOne({ key: record.key }).lean();
      if (!first) throw new AppError('CONFLICT', 'The file was stored and removed at once; send it again');
      return toAttachment(first);
    }
  }

  /**
   * A platform's file for an inbound message: stored like store(), but one that is refused or
   * cannot be fetched becomes an attachment that says why, so the message is kept and the agent
   * sees that something was sent. `onUnavailable` hears the fetch failure (the adapter logs it).
   */
  async storeInbound(input: FileInput, onUnavailable?: (err: unknown) => void): Promise<Attachment> {
    try {
      return await this.store(input);
    } catch (err) {
      const kind = input.kind ?? 'file';
      const said = { kind, ...(input.name ? { name: input.name } : {}), ...(input.transcript ? { transcript: input.transcript } : {}), ...(typeof input.duration === 'number' ? { duration: input.duration } : {}) };
      if (err instanceof AppError && err.code === 'FILE_TOO_LARGE') return { ...said, ...(input.declaredSize ? { size: input.declaredSize } : {}), error: 'too_large' };
      if (err instanceof AppError && err.code === 'FILE_TYPE_NOT_ALLOWED') return { ...said, error: 'type_not_allowed' };
      if (err instanceof AppError && err.code === 'DATABASE_UNAVAILABLE') throw err;
      onUnavailable?.(err);
      return { ...said, error: 'unavailable' };
    }
  }

  /** The file's bytes and facts, or FILE_NOT_FOUND. */
  async open(fileId: string): Promise<{ file: StoredFile; stream: Readable }> {
    const file = await this.storage.stat(fileId);
    const stream = file ? await this.storage.get(fileId) : undefined;
    if (!file || !stream) throw new AppError('FILE_NOT_FOUND');
    return { file, stream };
  }

  /** The whole file in memory (to upload it to a platform). */
  async read(fileId: string): Promise<Buffer> {
    return readAll((await this.open(fileId)).stream);
  }

  /** Removes a file stored for a message that was then refused (nothing half-written is kept). */
  async remove(attachment: Attachment): Promise<void> {
    if (!attachment.fileId) return;
    await MediaFile.deleteOne({ fileId: attachment.fileId });
    await this.discard(attachment.fileId, attachment.thumbnailId);
  }

  private async discard(...ids: (string | undefined)[]): Promise<void> {
    await Promise.all(ids.map((id) => (id ? this.storage.delete(id) : undefined)));
  }
}
