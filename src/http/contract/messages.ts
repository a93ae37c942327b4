import { z } from 'zod';
import { objectId, isoDate, score } from './common';
import { AUTHORS, CONVERSATION_STATUSES, DELIVERY_STATES, LOCALES } from './enums';
import { attachmentView } from './media';

export const quickReply = z.object({ label: z.string(), value: z.string() });
/** An agent as customers see them: "小王（101号）". */
export const agentBadge = z.object({ name: z.string(), number: z.string() });

/** A message as customers see it: never internal notes, never delivery details. */
export const customerMessage = z
  .object({
    id: z.string(),
    author: z.enum(AUTHORS),
    text: z.string(),
    createdAt: isoDate,
    quickReplies: z.array(quickReply).optional(),
    agent: agentBadge.optional(),
    attachments: z.array(attachmentView).optional(),
  })
  .meta({ id: 'CustomerMessage' });

/** A message as the console sees it: with internal notes and their delivery state. */
export const consoleMessage = customerMessage
  .extend({
    internal: z.boolean().optional(),
    delivery: z.object({ state: z.enum(DELIVERY_STATES), error: z.string().optional() }).optional(),
  })
  .meta({ id: 'ConsoleMessage' });

/** What the customer's side knows of the conversation. */
export const customerState = z
  .object({ status: z.enum(CONVERSATION_STATUSES), queuePosition: z.int().min(0).optional(), agent: agentBadge.optional() })
  .meta({ id: 'CustomerState' });

/** The customer's rating: the overall score is required, the three dimensions optional. */
export const ratingBody = z.strictObject({
  overall: score.describe('整体满意度 1–5'),
  attitude: score.optional().describe('服务态度'),
  speed: score.optional().describe('响应速度'),
  resolution: score.optional().describe('问题解决'),
  comment: z.string().trim().max(2000).optional(),
});

/** A stored rating. */
export const rating = z.object({
  overall: score,
  attitude: score.optional(),
  speed: score.optional(),
  resolution: score.optional(),
  comment: z.string().optional(),
  at: isoDate.optional(),
});

/** The longest text a customer may send (the message store's limit): longer is refused, never cut. */
export const CLIENT_TEXT_LIMIT = 8000;

/** A message the customer sends (client API and widget socket). */
export const clientMessageBody = z
  .strictObject({
    text: z.string().max(CLIENT_TEXT_LIMIT, `must be at most ${CLIENT_TEXT_LIMIT} characters`).optional(),
    choice: z.string().min(1).max(200).optional(),
    clientMessageId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -').optional(),
  })
  .refine((b) => !!b.choice || !!b.text?.trim(), { message: 'text or choice is required', path: ['text'] });

/** Opening a conversation from the widget (pre-chat form: name and phone). */
export const openConversationBody = z.strictObject({
  locale: z.enum(LOCALES).optional(),
  name: z.string().trim().max(100).optional(),
  phone: z.string().trim().max(40).optional(),
});

export const transcriptQuery = z.strictObject({ after: objectId.optional() });
