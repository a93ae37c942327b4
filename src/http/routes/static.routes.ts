import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';

export interface StaticOptions {
  /** WIDGET_PRECHAT_FORM: the widget asks for name and phone before the chat. */
  prechatForm: boolean;
  /** Where scripts/build-web.ts put the bundles (default web/dist). */
  distDir?: string;
  /** MEDIA_MAX_BYTES and MEDIA_ALLOWED_TYPES: the widget refuses other files before sending them. */
  upload?: { maxBytes: number; types: readonly string[] };
}

const DEFAULT_DIST = path.resolve(__dirname, '../../../web/dist');
const ASSET_NAME = /^[\w.-]+$/;

/** Strict CSP of the console: only its own scripts, styles and connections (incl. the socket). */
function consoleCsp(req: FastifyRequest): string {
  const host = /^[a-z0-9.:[\]-]+$/i.test(req.host) ? req.host : '';
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // Pictures and voice of the transcript come from this origin; a pasted picture is previewed from a blob.
    "img-src 'self' data: blob:",
    "media-src 'self'",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

function pageHeaders(reply: FastifyReply, csp: string): FastifyReply {
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'DENY')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
}

/**
 * The browser side: `/widget.js` (embeddable on any site), `/widget/config.json`, the `/demo` page
 * and the agent console at `/console` with its hashed assets. Built by scripts/build-web.ts.
 * Pages are revalidated on every load; hashed console assets are cached for a year.
 */
export const staticRoutes: FastifyPluginAsync<StaticOptions> = async (app, opts) => {
  const dist = opts.distDir ?? DEFAULT_DIST;
  if (!fs.existsSync(path.join(dist, 'widget.js'))) {
    app.log.warn({ dist }, 'web bundles are missing: run `npm run build:web` (npm start and npm test do it first)');
  }
  await app.register(fastifyStatic, { root: dist, serve: false, decorateReply: true });
  const hide = { schema: { hide: true } };

  // The widget is loaded cross-origin by customers' sites: short cache (the URL never changes).
  app.get('/widget.js', hide, (_req, reply) =>
    reply
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .sendFile('widget.js', { maxAge: 5 * 60_000, cacheControl: true }),
  );

  app.get(
    '/widget/config.json',
    {
      schema: {
        tags: ['widget'],
        summary: 'Settings the website widget reads at start',
        response: { 200: z.object({ prechatForm: z.boolean(), upload: z.object({ maxBytes: z.int(), types: z.array(z.string()) }).optional() }) },
      },
    },
    async (_req, reply) => {
      reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60');
      return { prechatForm: opts.prechatForm, ...(opts.upload ? { upload: { maxBytes: opts.upload.maxBytes, types: [...opts.upload.types] } } : {}) };
    },
  );

  // The demo page sets a strict CSP of its own: the widget must work on sites that do (pictures
  // of the chat are fetched with the visitor token and shown from blob: URLs).
  const demoCsp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";
  app.get('/demo', hide, (_req, reply) => pageHeaders(reply, demoCsp).header('cache-control', 'no-cache').sendFile('demo/index.html', { cacheControl: false }));
  app.get<{ Params: { file: string } }>('/demo/:file', hide, (req, reply) => {
    if (!ASSET_NAME.test(req.params.file) || req.params.file === 'index.html') return reply.callNotFound();
    return reply.sendFile(`demo/${req.params.file}`, { maxAge: 60 * 60_000 });
  });

  app.get('/console', hide, (req, reply) => pageHeaders(reply, consoleCsp(req)).header('cache-control', 'no-cache').sendFile('console/index.html', { cacheControl: false }));
  app.get('/console/', hide, (_req, reply) => reply.redirect('/console', 301));
  app.get<{ Params: { file: string } }>('/console/assets/:file', hide, (req, reply) => {
    if (!ASSET_NAME.test(req.params.file)) return reply.callNotFound();
    return reply
      .header('x-content-type-options', 'nosniff')
      .sendFile(`console/assets/${req.params.file}`, { maxAge: 365 * 24 * 3600_000, immutable: true });
  });
};
