import { z } from 'zod';
import { day, isoDate, limit, objectId } from './common';
import { rating } from './messages';
import { CHANNELS, CONVERSATION_STATUSES, HANDOFF_REASONS, INBOX_VIEWS, LOCALES } from './enums';

/** A console user named on a conversation. */
export const userRef = z.object({ id: z.string(), name: z.string(), agentNumber: z.string() });

/** A row of the console inbox and of the history; also the `/console` socket's `conversation` event. */
export const listItem = z
  .object({
    id: z.string(),
    channel: z.enum(CHANNELS),
    status: z.enum(CONVERSATION_STATUSES),
    priority: z.int(),
    handoffReason: z.enum(HANDOFF_REASONS).optional(),
    customer: z.object({ id: z.string(), name: z.string().optional(), phone: z.string().optional(), tags: z.array(z.string()).optional() }),
    lastMessagePreview: z.string().optional(),
    lastMessageAt: isoDate.optional(),
    waitingSince: isoDate.optional(),
    waitSeconds: z.int().optional(),
    assignee: userRef.optional(),
    createdAt: isoDate.optional(),
    closedAt: isoDate.optional(),
  })
  .meta({ id: 'ConversationItem' });

/** A conversation opened in the console: the row plus times, SLA and the rating. */
export const conversationDetail = listItem
  .extend({
    locale: z.enum(LOCALES).optional(),
    assignedAt: isoDate.optional(),
    firstHumanResponseAt: isoDate.optional(),
    sla: z.object({ firstResponseSeconds: z.int().optional(), handlingSeconds: z.int().optional() }),
    rating: rating.optional(),
  })
  .meta({ id: 'ConversationDetail' });

export const inboxQuery = z.strictObject({ view: z.enum(INBOX_VIEWS).default('waiting') });

/** Searching the history: every filter optional, newest activity first. */
export const historyQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('customer name, phone, or words of a message'),
  channel: z.enum(CHANNELS).optional(),
  status: z.enum(CONVERSATION_STATUSES).optional(),
  agentId: objectId.optional(),
  from: day.optional().describe('first local day (TIME_ZONE), inclusive'),
  to: day.optional().describe('last local day, inclusive'),
  tag: z.string().trim().min(1).max(50).optional().describe("one of the customer's tags"),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  limit: limit(100, 30),
});

export const historyPage = z.object({ items: z.array(listItem), total: z.int(), page: z.int(), pages: z.int() });

export const conversationAnswer = z.object({ conversation: listItem });
