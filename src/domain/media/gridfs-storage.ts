import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose from 'mongoose';
import { AppError } from '../../errors';
import type { FileStorage, StoredFile } from './file-storage';

type Bucket = InstanceType<typeof mongoose.mongo.GridFSBucket>;
type Db = NonNullable<typeof mongoose.connection.db>;

const objectId = (id: string) => (/^[0-9a-f]{24}$/i.test(id) ? new mongoose.Types.ObjectId(id) : undefined);

/**
 * The file store in MongoDB GridFS (bucket `media`: media.files and media.chunks) on the service's
 * own connection, so files are backed up, replicated and restored with the rest of the data.
 */
export class GridFsStorage implements FileStorage {
  private cached?: { db: Db; bucket: Bucket };

  constructor(
    private readonly bucketName = 'media',
    private readonly connection = mongoose.connection,
  ) {}

  /** The bucket of the current database (tests reconnect to a new one per file). */
  private bucket(): Bucket {
    const db = this.connection.db;
    if (!db) throw new AppError('DATABASE_UNAVAILABLE');
    if (this.cached?.db !== db) this.cached = { db, bucket: new mongoose.mongo.GridFSBucket(db, { bucketName: this.bucketName }) };
    return this.cached.bucket;
  }

  async put(data: Buffer, info: { filename: string; contentType: string }): Promise<string> {
    const id = new mongoose.Types.ObjectId();
    const upload = this.bucket().openUploadStreamWithId(id, info.filename, { metadata: { contentType: info.contentType } });
    await pipeline(Readable.from([data]), upload);
    return id.toHexString();
  }

  async get(id: string): Promise<Readable | undefined> {
    if (!(await this.stat(id))) return undefined;
    return this.bucket().openDownloadStream(objectId(id)!);
  }

  async stat(id: string): Promise<StoredFile | undefined> {
    const _id = objectId(id);
    if (!_id) return undefined;
    const [file] = await this.bucket().find({ _id }).limit(1).toArray();
    if (!file) return undefined;
    const contentType = typeof file.metadata?.contentType === 'string' ? file.metadata.contentType : 'application/octet-stream';
    return { id, size: file.length, contentType, filename: file.filename };
  }

  async delete(id: string): Promise<void> {
    const _id = objectId(id);
    if (!_id) return;
    try {
      await this.bucket().delete(_id);
    } catch (err) {
      // The driver says so when there was no such file: gone is what was asked for.
      if (!/File not found/i.test((err as Error).message)) throw err;
    }
  }
}
