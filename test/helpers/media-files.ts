import sharp from 'sharp';

/** A real PNG photo of `width`×`height` (a colour gradient, so it compresses like a picture). */
export async function photoPng(width = 640, height = 480, colour = { r: 200, g: 60, b: 40 }): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = (colour.r + x) % 256;
      pixels[i + 1] = (colour.g + y) % 256;
      pixels[i + 2] = (colour.b + x + y) % 256;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A real JPEG photo. */
export async function photoJpeg(width = 640, height = 480): Promise<Buffer> {
  return sharp(await photoPng(width, height)).jpeg({ quality: 85 }).toBuffer();
}

/** The first bytes of a Windows program (MZ header): what a renamed .exe really is. */
export const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200, 0)]);

/** An AMR-NB voice message header and a few frames (WeCom and Official Account voice). */
export const AMR_VOICE = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(320, 0x3c)]);

/** An OGG page header (Telegram voice is OGG Opus). */
export const OGG_VOICE = Buffer.concat([Buffer.from('OggS\x00\x02', 'latin1'), Buffer.alloc(300, 1)]);

/** A multipart/form-data body for app.inject: the fields in order, then the file. */
export async function multipart(fields: Record<string, string>, file?: { data: Buffer; name: string; type?: string }): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type') ?? '' } };
}
