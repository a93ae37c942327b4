import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * The access token a OneBot implementation presents when it opens the reverse WebSocket:
 * `Authorization: Bearer <token>` (the spec), `Token <token>` (go-cqhttp) or `?access_token=`.
 */

/** The token the connection request carries, if any. */
export function presentedAccessToken(headers: IncomingHttpHeaders, url: string | undefined): string | undefined {
  const authorization = headers.authorization?.trim();
  const match = authorization === undefined ? null : /^(?:Bearer|Token)\s+(.+)$/i.exec(authorization);
  if (match !== null) return match[1].trim();
  const query = new URL(url ?? '/', 'http://localhost').searchParams.get('access_token');
  return query ?? undefined;
}

/** True when the request carries the expected token; compared in constant time via SHA-256 digests. */
export function verifyAccessToken(expected: string, headers: IncomingHttpHeaders, url: string | undefined): boolean {
  const presented = presentedAccessToken(headers, url);
  if (presented === undefined) return false;
  // Hashing first gives equal-length buffers without revealing the expected token's length.
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
