import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors';

/** One file of a multipart/form-data request and the text fields sent with it. */
export interface Upload {
  data: Buffer;
  filename?: string;
  fields: Record<string, string>;
}

const FIELD_BYTES = 16 * 1024;

/** @fastify/multipart's own errors as catalogue codes, naming the field at fault. */
function uploadError(err: unknown, maxBytes: number): unknown {
  const code = (err as { code?: string }).code;
  const limit = `at most ${Math.floor(maxBytes / 1024)} KB`;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AppError('FILE_TOO_LARGE', `The file is larger than allowed (${limit})`, { details: [{ field: 'file', message: limit }] });
  if (code === 'FST_FILES_LIMIT') return new AppError('VALIDATION_FAILED', 'file: send one file', { details: [{ field: 'file', message: 'send one file' }] });
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') return new AppError('VALIDATION_FAILED', 'too many fields', { details: [{ field: 'body', message: 'too many fields' }] });
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data (field "file")');
  if (code === 'FST_PROTO_VIOLATION' || code === 'FST_MP_PREMATURE_CLOSE') return new AppError('BAD_REQUEST', (err as Error).message);
  return err;
}

/**
 * Reads a multipart/form-data request: exactly one file (field `file`, at most `maxBytes`, cut off
 * and refused with 413 beyond it) and the text fields named in `allowed`; anything else is 400.
 * Used with @fastify/multipart registered on the route's plugin.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number, allowed: readonly string[]): Promise<Upload> {
  let file: { data: Buffer; filename?: string } | undefined;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: allowed.length, fieldSize: FIELD_BYTES } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', `${part.fieldname}: is not a known field`, { details: [{ field: part.fieldname, message: 'is not a known field' }] });
        file = { data: await part.toBuffer(), filename: part.filename || undefined };
      } else if (!allowed.includes(part.fieldname)) {
        throw new AppError('VALIDATION_FAILED', `${part.fieldname}: is not a known field`, { details: [{ field: part.fieldname, message: 'is not a known field' }] });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    throw uploadError(err, maxBytes);
  }
  if (!file) throw new AppError('VALIDATION_FAILED', 'file: is required', { details: [{ field: 'file', message: 'is required' }] });
  return { ...file, fields };
}
