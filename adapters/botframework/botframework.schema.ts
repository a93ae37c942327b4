import { z } from 'zod';

/**
 * The Activity fields the adapter reads, as the Bot Framework sends them: ids and texts as strings.
 * Message activities are checked field by field; other kinds (conversationUpdate, typing, invoke)
 * need only their type. Objects are loose: channels add their own data (channelData, entities).
 */
const account = z.looseObject({ id: z.string().min(1).max(1024), name: z.string().max(512).optional() });

const messageActivity = z.looseObject({
  type: z.literal('message'),
  id: z.string().max(1024).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url(),
  from: account,
  recipient: account.optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }),
  text: z.string().optional(),
  locale: z.string().max(35).optional(),
  timestamp: z.iso.datetime({ offset: true }).optional(),
  // Files (issue 13): a contentUrl to fetch, or Teams' download info with its downloadUrl.
  attachments: z
    .array(
      z.looseObject({
        contentType: z.string().max(256),
        contentUrl: z.string().max(100_000_000).optional(),
        name: z.string().max(512).optional(),
        content: z.unknown().optional(),
      }),
    )
    .optional(),
  deliveryMode: z.string().max(32).optional(),
});

const otherActivity = z.looseObject({ type: z.string().min(1).max(64) });

/** A checked Activity body, or why it was refused (`field: reason`). */
export type CheckedActivity = { ok: true; activity: Record<string, unknown> } | { ok: false; reason: string };

/** Checks a parsed body before CloudAdapter sees it. */
export function checkActivity(body: unknown): CheckedActivity {
  const isMessage = typeof body === 'object' && body !== null && (body as { type?: unknown }).type === 'message';
  const parsed = (isMessage ? messageActivity : otherActivity).safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `${issue.path.join('.') || 'activity'}: ${issue.message}` };
}
