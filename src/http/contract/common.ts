import { z } from 'zod';

/** A MongoDB ObjectId in hex. */
export const objectId = z.string().regex(/^[0-9a-fA-F]{24}$/, 'must be a 24-character hex id');
/** `/:id` of most routes. */
export const idParams = z.strictObject({ id: objectId });
/** A time in answers: ISO-8601 in UTC. */
export const isoDate = z.iso.datetime();
/** A local calendar day (the company's TIME_ZONE) in filters: 2025-06-30. */
export const day = z.iso.date();
/** A calendar month in filters: 2025-06. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2025-06');
/** Text a person typed: trimmed, not blank, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1, 'must not be blank').max(max);
/** A short list of labels (tags, skills, groups): trimmed, no blanks, no repeats kept. */
export const labels = (max = 20, length = 30) => z.array(text(length)).max(max).transform((xs) => [...new Set(xs)]);
/** A 1–5 satisfaction score. */
export const score = z.int().min(1).max(5);
/** A page size in a query string (the one place a number arrives as text). */
export const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/** The body of every error answer. */
export const errorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'Error', description: 'code is from the catalogue (src/errors.ts); details name the fields at fault' });

/** The errors a route can answer with, by status. */
export function errors(...statuses: number[]): Record<number, typeof errorBody> {
  return Object.fromEntries(statuses.map((s) => [s, errorBody]));
}

/** An empty answer (204). */
export const noContent = z.null().describe('No content');
