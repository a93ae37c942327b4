import mongoose from 'mongoose';
import { useTestDatabase } from '../../helpers/database';
import { MediaService } from '../../../src/domain/media/media.service';
import { GridFsStorage } from '../../../src/domain/media/gridfs-storage';
import { MediaFile } from '../../../src/domain/media/media-file.model';
import { detectType } from '../../../src/domain/media/media-type';
import { AppError } from '../../../src/errors';
import { AMR_VOICE, OGG_VOICE, PROGRAM, photoJpeg } from '../../helpers/media-files';

useTestDatabase(__filename);

const TYPES = ['image/jpeg', 'image/png', 'audio/amr', 'audio/ogg', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'];
const media = () => new MediaService(new GridFsStorage(), { maxBytes: 512 * 1024, allowedTypes: TYPES });
const files = () => mongoose.connection.db!.collection('media.files').countDocuments();

describe('the file store', () => {
  it('reads the real type from the bytes: a renamed program is no image, a ZIP named .docx is a Word file, WeChat voice is AMR', async () => {
    expect(detectType(await photoJpeg(64, 48), 'x.png')).toEqual({ mime: 'image/jpeg', extension: 'jpeg' });
    expect(detectType(PROGRAM, 'photo.jpg')).toBeUndefined();
    expect(detectType(Buffer.from('<html><script>alert(1)</script>'), 'a.png')).toBeUndefined();
    const zip = Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1');
    expect(detectType(zip, '报价单.docx')?.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(detectType(zip, 'x.zip')?.mime).toBe('application/zip');
    expect(detectType(AMR_VOICE)?.mime).toBe('audio/amr');
    expect(detectType(OGG_VOICE)?.mime).toBe('audio/ogg');
  });

  it('stores a retried delivery once, even when both copies arrive at the same time', async () => {
    const jpeg = await photoJpeg(200, 150);
    let downloads = 0;
    const input = () => ({ key: 'wecom:1234567:0', kind: 'image' as const, data: async () => (downloads++, jpeg) });
    const [a, b] = await Promise.all([media().store(input()), media().store(input())]);
    expect(a.fileId).toBe(b.fileId);
    expect(a.thumbnailId).toBeDefined();
    expect(await MediaFile.countDocuments({ key: 'wecom:1234567:0' })).toBe(1);
    // The loser's copy (file and thumbnail) was removed: two files in all.
    expect(await files()).toBe(2);
    // A later retry finds the key and does not even download.
    const c = await media().store(input());
    expect(c.fileId).toBe(a.fileId);
    expect(downloads).toBe(2);
    expect(Buffer.compare(await media().read(a.fileId!), jpeg)).toBe(0);
  });

  it('keeps what an inbound message said of a file it could not take: too large, a type not allowed, or not fetched', async () => {
    const store = media();
    expect(await store.storeInbound({ kind: 'file', name: 'big.pdf', declaredSize: 10 * 1024 * 1024, data: async () => { throw new Error('must not download'); } })).toEqual({ kind: 'file', name: 'big.pdf', size: 10 * 1024 * 1024, error: 'too_large' });
    expect(await store.storeInbound({ kind: 'file', name: 'setup.exe', data: PROGRAM })).toEqual({ kind: 'file', name: 'setup.exe', error: 'type_not_allowed' });
    const heard: unknown[] = [];
    expect(await store.storeInbound({ kind: 'voice', transcript: '我家的花瓶碎了', data: async () => { throw new Error('media API down'); } }, (err) => heard.push(err))).toEqual({ kind: 'voice', transcript: '我家的花瓶碎了', error: 'unavailable' });
    expect(heard).toHaveLength(1);
    await expect(store.store({ data: PROGRAM, name: 'a.png' })).rejects.toEqual(expect.objectContaining({ code: 'FILE_TYPE_NOT_ALLOWED' }));
    // An image that is not one (a JPEG header and nothing after it) is refused too.
    await expect(store.store({ data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), name: 'a.jpg' })).rejects.toBeInstanceOf(AppError);
  });
});
