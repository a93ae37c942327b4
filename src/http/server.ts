import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import swagger from '@fastify/swagger';
import cookie from '@fastify/cookie';
import type { Logger } from 'pino';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandler } from './error-handler';
import { healthRoutes, type HealthOptions } from './routes/health.routes';
import { registerTransport, transportServerOptions, type TransportOptions } from './transport';
import { registerRateLimits } from './rate-limits';

export interface ServerOptions {
  logger: Logger;
  health: HealthOptions;
  /** Feature plugins (client API, console API, webhooks…), each registered encapsulated. */
  plugins?: { plugin: FastifyPluginAsync<never>; options?: unknown }[];
  bodyLimit?: number;
  /** Trusted proxies, timeouts, HSTS (transportFromConfig). */
  transport?: TransportOptions;
  /** REDIS_URL: rate-limit counts shared by every instance. */
  redisUrl?: string;
}

/**
 * Builds the HTTP app (not listening): security headers, compression, timeouts, rate limits (for
 * the routes that ask), OpenAPI at /openapi.json, health, feature plugins. Requests
 * are validated and answers serialised by the zod schemas of src/http/contract: a number, boolean,
 * array or null is never coerced into a string, unknown fields are refused, stray fields never
 * leave in an answer.
 */
export async function createServer(opts: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger as unknown as FastifyBaseLogger,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    ...transportServerOptions(opts.transport),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await registerTransport(app, opts.transport);
  await registerRateLimits(app, opts.redisUrl, opts.logger);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'kefu customer-service API', version: '0.2.0', description: 'Client, console and webhook routes of the customer-service system (docs/live-chat-api.md).' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'kefu_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(healthRoutes, opts.health);
  for (const { plugin, options } of opts.plugins ?? []) await app.register(plugin, options as never);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
