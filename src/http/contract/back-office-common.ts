import { z } from 'zod';
import { isoDate } from './common';

/** A person named on a record: a console user, a worker, a colleague, a customer. */
export const personRef = z.object({ id: z.string(), name: z.string() });
/** One line of a record's history: from what to what, when, by whom, why. */
export const historyLine = z.object({ from: z.string().optional(), to: z.string(), at: isoDate, by: z.string().optional(), note: z.string().optional() });
/** A signature on a step: who, when. */
export const signature = z.object({ by: z.string().optional(), name: z.string().optional(), at: isoDate.optional() });
/** A date in a body: ISO-8601 with a time zone, or null to clear it. */
export const when = z.iso.datetime({ offset: true });
/** An export's format. */
export const exportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']) });
/** The largest amount of money a body may carry, in fen (分): 20,000,000 yuan, far inside exact integers. */
export const MAX_FEN = 2_000_000_000;
/** A 32-bit-safe whole amount of money in fen (分). */
export const fen = z.int().min(0).max(MAX_FEN, `must be at most ${MAX_FEN} fen`);
