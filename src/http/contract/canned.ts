import { z } from 'zod';
import { labels, text } from './common';
import { LOCALES } from './enums';

/** 话术: a standard reply with `{{placeholders}}`. */
export const cannedReply = z
  .object({ id: z.string(), title: z.string(), text: z.string(), tags: z.array(z.string()), locale: z.enum(LOCALES) })
  .meta({ id: 'CannedReply' });
/** A canned reply for one conversation: `filled` has the salutation, names and company in place. */
export const filledReply = cannedReply.extend({ filled: z.string() });
export const cannedBody = z.strictObject({ title: text(100), text: text(4000), tags: labels().optional(), locale: z.enum(LOCALES).optional() });
export const cannedQuery = z.strictObject({ q: z.string().max(100).optional(), locale: z.enum(LOCALES).optional() });
