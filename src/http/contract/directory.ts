import { z } from 'zod';
import { objectId, text } from './common';
import { DIRECTORY_KINDS } from '../../domain/directory/directory-kinds';

/** A colleague of the company directory (sales consultant, store manager, general manager). */
export const directoryEntry = z
  .object({
    id: z.string(),
    kind: z.enum(DIRECTORY_KINDS),
    name: z.string(),
    phone: z.string().optional(),
    email: z.string().optional(),
    wecomUserId: z.string().optional(),
    store: z.string().optional(),
    userId: z.string().optional(),
    active: z.boolean(),
  })
  .meta({ id: 'DirectoryEntry' });

const optional = (max: number) => z.string().trim().max(max).nullable().optional();
export const directoryBody = z.strictObject({
  kind: z.enum(DIRECTORY_KINDS),
  name: text(100),
  phone: optional(40),
  email: z.email().nullable().optional(),
  wecomUserId: z.string().regex(/^[\w@.-]{1,64}$/, 'must be a WeCom member id').nullable().optional(),
  store: optional(100),
  user: objectId.nullable().optional(),
  active: z.boolean().optional(),
});
export const directoryChangesBody = directoryBody.partial().refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export const directoryQuery = z.strictObject({ kind: z.enum(DIRECTORY_KINDS).optional(), includeInactive: z.enum(['true', 'false']).optional() });
export const directoryList = z.object({ items: z.array(directoryEntry) });
