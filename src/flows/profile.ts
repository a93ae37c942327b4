import { z } from 'zod';
import { LOCALES, type Locale } from '../core/message';

const localized = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string().min(1)])) as Record<Locale, z.ZodString>).strict();
const flowId = z.string().regex(/^[a-z][a-z0-9-]*$/);

/**
 * A company profile (flows/profiles/<id>.yaml): who the bot speaks for and what it sells, so the
 * company name, catalogue, FAQ, menu and wording fit together. COMPANY_PROFILE picks one.
 */
export const profileSchema = z
  .object({
    id: flowId,
    /** The kind of business: housekeeping services (家政) or retail goods. */
    kind: z.enum(['housekeeping', 'retail']),
    company: localized,
    /** Files under flows/: the catalogue and the FAQ of this company. */
    catalogue: z.string().regex(/^[\w/-]+\.yaml$/),
    knowledge: z.string().regex(/^[\w/-]+\.yaml$/),
    /** Flows a customer can start (by words or the menu); the others only by the bot or a goto. */
    flows: z.array(flowId).min(1),
    /** The main menu, in order: flows from `flows`. */
    menu: z.array(flowId).min(1),
    /** A locale namespace whose keys replace the flows' texts for this company ("order.title"). */
    wording: z.string().regex(/^[a-z][a-z0-9-]*$/).optional(),
  })
  .strict()
  .refine((p) => p.menu.every((m) => p.flows.includes(m)), 'every menu entry must be one of `flows`');

export type Profile = z.output<typeof profileSchema>;
export const PROFILES = ['housekeeping', 'retail'] as const;
