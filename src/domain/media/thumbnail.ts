import sharp from 'sharp';

/** The longest side of a thumbnail, in pixels (twice the transcript's 160 px, for sharp screens). */
const SIDE = 320;
/** Images beyond this many pixels are not decoded (a decompression bomb is refused, not rendered). */
const MAX_PIXELS = 60_000_000;

/**
 * A small JPEG of an image (EXIF rotation applied, transparency on white, first frame of an
 * animation). Throws when the bytes cannot be decoded as the image they claim to be.
 */
export async function makeThumbnail(image: Buffer): Promise<Buffer> {
  return sharp(image, { limitInputPixels: MAX_PIXELS, animated: false })
    .rotate()
    .resize(SIDE, SIDE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 78, mozjpeg: true })
    .toBuffer();
}
