import { z } from 'zod';

/**
 * OneBot v11 events as the implementations post them. Ids are integers (go-cqhttp, NapCat,
 * Lagrange) or digit strings (some bridges); a message is a CQ-code string or an array of
 * segments. Message events are checked field by field; other events (heartbeats, notices,
 * requests) need only their post_type and are ignored. Anything else is refused before it is stored.
 */
const id = z.union([z.number().int().nonnegative().refine(Number.isSafeInteger, 'must be an integer'), z.string().regex(/^\d{1,20}$/, 'must be digits')]);
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A segment: the ones whose data the adapter reads are typed; the rest pass with any data. */
const segment = z.looseObject({ type: z.string().min(1).max(64), data: z.record(z.string(), z.unknown()).optional() }).superRefine((s, ctx) => {
  const typed: Record<string, string> = { text: 'text', at: 'qq', reply: 'id', face: 'id', image: 'file', record: 'file', file: 'file' };
  const field = typed[s.type];
  if (field === undefined) return;
  const value = s.data?.[field];
  const ok = s.type === 'text' ? typeof value === 'string' : scalar.safeParse(value).success;
  if (!ok) ctx.addIssue({ code: 'custom', path: ['data', field], message: `must be ${s.type === 'text' ? 'a string' : 'a string or a number'}` });
  // Pictures, voice and files (issue 13) may name where to download them.
  const url = s.data?.url;
  if (url !== undefined && typeof url !== 'string') ctx.addIssue({ code: 'custom', path: ['data', 'url'], message: 'must be a string' });
});

export const oneBotMessageEvent = z.looseObject({
  post_type: z.literal('message'),
  time: z.number().int().nonnegative(),
  self_id: id,
  message_type: z.string().max(32),
  sub_type: z.string().max(32).optional(),
  message_id: z.union([z.number().int().refine(Number.isSafeInteger, 'must be an integer'), z.string().regex(/^-?\d{1,20}$/, 'must be digits')]),
  user_id: id,
  group_id: id.optional(),
  message: z.union([z.string(), z.array(segment)]),
  raw_message: z.string().optional(),
  sender: z.looseObject({ nickname: z.string().max(256).optional(), card: z.string().max(256).optional() }).optional(),
}).refine((event) => event.message_type !== 'group' || event.group_id !== undefined, { path: ['group_id'], message: 'is required for a group message' });

const otherEvent = z.looseObject({ post_type: z.string().min(1).max(32) });

export type OneBotMessageEvent = z.output<typeof oneBotMessageEvent>;

/** A checked event: a message event to normalise, another kind to ignore, or why it is refused. */
export type CheckedOneBotEvent = { ok: true; message?: OneBotMessageEvent } | { ok: false; reason: string };

/** Checks an event: message events in full, others by their post_type only. */
export function checkOneBotEvent(payload: unknown): CheckedOneBotEvent {
  const isMessage = typeof payload === 'object' && payload !== null && (payload as { post_type?: unknown }).post_type === 'message';
  const parsed = isMessage ? oneBotMessageEvent.safeParse(payload) : otherEvent.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'event'}: ${issue.message}` };
  }
  return isMessage ? { ok: true, message: parsed.data as OneBotMessageEvent } : { ok: true };
}
