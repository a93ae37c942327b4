import type { Readable } from 'node:stream';

/** What the file store knows of a stored file. */
export interface StoredFile {
  id: string;
  size: number;
  contentType: string;
  filename: string;
}

/**
 * Where the bytes of pictures, files and voice live. GridFS on the service's own database today
 * (gridfs-storage.ts); an S3-compatible store can take its place by implementing these four
 * methods. Ids are opaque strings chosen by the store.
 */
export interface FileStorage {
  /** Stores the bytes; resolves with the new file's id. */
  put(data: Buffer, info: { filename: string; contentType: string }): Promise<string>;
  /** The bytes as a stream, or undefined when there is no such file. */
  get(id: string): Promise<Readable | undefined>;
  stat(id: string): Promise<StoredFile | undefined>;
  /** Removes the file; a missing one is not an error. */
  delete(id: string): Promise<void>;
}

/** Reads a whole stream into memory (files are bounded by MEDIA_MAX_BYTES). */
export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}
