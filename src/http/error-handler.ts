import type { FastifyError, FastifyInstance } from 'fastify';
import mongoose from 'mongoose';
import { AppError } from '../errors';

/** Error body every route answers with: a stable code, a message, and details (e.g. fields). */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * Maps errors to responses in one place: AppError by its catalogue status, request-schema failures
 * and mongoose validation to 400 naming the fields, duplicate keys to 409; the rest is a logged 500.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } } satisfies ErrorBody);
    }
    if (err.validation) {
      return reply.status(400).send({
        error: { code: 'VALIDATION_FAILED', message: err.message, details: err.validation.map((v) => ({ field: v.instancePath || v.params?.missingProperty || v.params?.additionalProperty, message: v.message })) },
      } satisfies ErrorBody);
    }
    if (err instanceof mongoose.Error.ValidationError) {
      const details = Object.values(err.errors).map((e) => ({ field: e.path, message: e.message }));
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: details.map((d) => d.message).join('; '), details } } satisfies ErrorBody);
    }
    if (err instanceof mongoose.Error.CastError) {
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: `${err.path} is not valid`, details: [{ field: err.path, message: err.message }] } } satisfies ErrorBody);
    }
    if ((err as { code?: unknown }).code === 11000) {
      return reply.status(409).send({ error: { code: 'DUPLICATE', message: 'A record with the same key exists' } } satisfies ErrorBody);
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: err.code ?? 'BAD_REQUEST', message: err.message } } satisfies ErrorBody);
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error' } } satisfies ErrorBody);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } } satisfies ErrorBody),
  );
}

/** JSON schema of ErrorBody, for route response declarations. */
export const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} }, required: ['code', 'message'] },
  },
} as const;
