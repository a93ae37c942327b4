import type { FastifyError, FastifyInstance } from 'fastify';
import mongoose from 'mongoose';
import { AppError, ERRORS, type ErrorCode } from '../errors';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-errors';
import { isDuplicateKey } from '../db/create-once';

/** Error body every route answers with: a stable code, a message, and details (e.g. fields). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** A field at fault and why. */
export interface FieldIssue {
  field: string;
  message: string;
}

interface ValidationItem {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: { keys?: string[]; missingProperty?: string; additionalProperty?: string };
}

/** The fields a request-schema failure names: `items.0.quantity`, or the unknown keys. */
function fieldIssues(context: string | undefined, items: ValidationItem[]): FieldIssue[] {
  return items.flatMap((v) => {
    if (v.keyword === 'unrecognized_keys' && v.params?.keys?.length) return v.params.keys.map((k) => ({ field: k, message: 'is not a known field' }));
    const path = (v.instancePath ?? '').split('/').filter(Boolean).join('.') || v.params?.missingProperty || v.params?.additionalProperty || context || 'body';
    return [{ field: path, message: v.message ?? 'is not valid' }];
  });
}

/** Fastify's own 4xx (body parsing, size, media type) as catalogue codes. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_HANDLER_TIMEOUT: 'REQUEST_TIMEOUT',
};

/** Answers a client may retry after a while: how long to wait, in seconds (Retry-After). */
const RETRY_AFTER: Partial<Record<ErrorCode, number>> = { DATABASE_UNAVAILABLE: DATABASE_RETRY_AFTER_SECONDS, REQUEST_TIMEOUT: 5, SHUTTING_DOWN: 5 };

const send = (code: ErrorCode, message?: string, details?: unknown): { status: number; body: ErrorBody } => ({
  status: ERRORS[code].status,
  body: { error: { code, message: message ?? ERRORS[code].message, ...(details === undefined ? {} : { details }) } },
});

/** The response for an error: its status and body. Anything unknown is a logged 500. */
export function errorResponse(err: FastifyError | Error): { status: number; body: ErrorBody } | undefined {
  if (err instanceof AppError) return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } } };
  const fe = err as FastifyError;
  if (fe.validation) {
    const details = fieldIssues(fe.validationContext, fe.validation as ValidationItem[]);
    return send('VALIDATION_FAILED', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
  }
  if (err instanceof mongoose.Error.ValidationError) {
    const details = Object.values(err.errors).map((e) => ({ field: e.path, message: e.message }));
    return send('VALIDATION_FAILED', details.map((d) => d.message).join('; '), details);
  }
  if (isDatabaseUnavailable(err)) return send('DATABASE_UNAVAILABLE');
  if (err instanceof mongoose.Error.CastError) return send('VALIDATION_FAILED', `${err.path} is not valid`, [{ field: err.path, message: err.message }]);
  if (isDuplicateKey(err)) {
    // keyPattern from mongod; servers that omit it still name the key in the message ("dup key: { email: … }").
    const field = Object.keys((err as { keyPattern?: Record<string, unknown> }).keyPattern ?? {})[0] ?? /dup key: \{ *"?([\w.]+)"?:/.exec(err.message)?.[1];
    return send('DUPLICATE', field ? `Another record has the same ${field}` : undefined, field ? [{ field, message: 'is already used' }] : undefined);
  }
  const known = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (known) return send(known, fe.message, known === 'VALIDATION_FAILED' ? [{ field: 'body', message: fe.message }] : undefined);
  if (fe.statusCode && fe.statusCode < 500) return { status: fe.statusCode, body: { error: { code: fe.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', message: fe.message } } };
  return undefined;
}

/**
 * Maps errors to responses in one place: AppError by its catalogue status, request-schema failures
 * and mongoose validation to 400 naming the fields, duplicate keys to 409 naming the key, a
 * database that is away to 503 with Retry-After; the rest is a logged 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const answer = errorResponse(err);
    if (!answer || answer.status >= 500) req.log.error({ err }, err.message);
    if (!answer) return reply.status(500).send(send('INTERNAL').body);
    const code = answer.body.error.code as ErrorCode;
    if (code === 'PAYLOAD_TOO_LARGE') {
      const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit;
      answer.body.error = { code, message: `The request body is larger than the ${limit} bytes allowed`, details: { limitBytes: limit } };
    }
    const retryAfter = RETRY_AFTER[code];
    if (retryAfter && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfter));
    return reply.status(answer.status).send(answer.body);
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send(send('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`).body));
}
