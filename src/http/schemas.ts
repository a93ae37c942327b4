import { errorSchema } from './error-handler';

/**
 * JSON schemas shared by the live-chat routes (docs/live-chat-api.md). Inlined into each route,
 * so /openapi.json shows them in place; response schemas also keep stray fields out of answers.
 */
export const objectId = { type: 'string', pattern: '^[0-9a-fA-F]{24}$' } as const;
export const idParams = { type: 'object', properties: { id: objectId }, required: ['id'], additionalProperties: false } as const;
export const locale = { type: 'string', enum: ['zh-CN', 'zh-TW', 'en'] } as const;
const str = { type: 'string' } as const;

/** The errors a route can answer with, by status. */
export function errors(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorSchema]));
}

const quickReplies = { type: 'array', items: { type: 'object', properties: { label: str, value: str }, required: ['label', 'value'] } } as const;
const agentBadge = { type: 'object', properties: { name: str, number: str }, required: ['name', 'number'] } as const;
const author = { type: 'string', enum: ['customer', 'bot', 'agent', 'system'] } as const;

/** A message as customers see it: no internal notes, no delivery details. */
export const customerMessage = {
  type: 'object',
  properties: { id: str, author, text: str, createdAt: { type: 'string', format: 'date-time' }, quickReplies, agent: agentBadge },
  required: ['id', 'author', 'text', 'createdAt'],
} as const;

/** A message as the console sees it. */
export const consoleMessage = {
  type: 'object',
  properties: {
    ...customerMessage.properties,
    internal: { type: 'boolean' },
    delivery: { type: 'object', properties: { state: { type: 'string', enum: ['pending', 'sent', 'failed', 'inline', 'none'] }, error: str }, required: ['state'] },
  },
  required: customerMessage.required,
} as const;

/** What the customer's side knows of the conversation. */
export const customerState = {
  type: 'object',
  properties: { status: { type: 'string', enum: ['bot', 'waiting', 'assigned', 'closed'] }, queuePosition: { type: 'integer', minimum: 0 }, agent: agentBadge },
  required: ['status'],
} as const;

/** A row of the console inbox. */
export const listItem = {
  type: 'object',
  properties: {
    id: str,
    channel: str,
    status: str,
    priority: { type: 'integer' },
    handoffReason: str,
    customer: { type: 'object', properties: { id: str, name: str, phone: str }, required: ['id'] },
    lastMessagePreview: str,
    lastMessageAt: { type: 'string', format: 'date-time' },
    waitingSince: { type: 'string', format: 'date-time' },
    waitSeconds: { type: 'integer' },
    assignee: { type: 'object', properties: { id: str, name: str, agentNumber: str }, required: ['id', 'name', 'agentNumber'] },
  },
  required: ['id', 'channel', 'status', 'priority', 'customer'],
} as const;

/** A conversation opened in the console. */
export const conversationDetail = {
  type: 'object',
  properties: {
    ...listItem.properties,
    locale: str,
    createdAt: { type: 'string', format: 'date-time' },
    assignedAt: { type: 'string', format: 'date-time' },
    firstHumanResponseAt: { type: 'string', format: 'date-time' },
    closedAt: { type: 'string', format: 'date-time' },
    sla: { type: 'object', properties: { firstResponseSeconds: { type: 'integer' }, handlingSeconds: { type: 'integer' } } },
    rating: {
      type: 'object',
      properties: { attitude: { type: 'integer' }, speed: { type: 'integer' }, resolution: { type: 'integer' }, comment: str, at: { type: 'string', format: 'date-time' } },
    },
  },
  required: listItem.required,
} as const;

/** A console user as the console sees them (never the password hash). */
export const consoleUser = {
  type: 'object',
  properties: {
    id: str,
    email: str,
    name: str,
    role: { type: 'string', enum: ['agent', 'manager', 'admin'] },
    agentNumber: str,
    presence: { type: 'string', enum: ['online', 'away', 'offline'] },
    maxChats: { type: 'integer' },
  },
  required: ['id', 'email', 'name', 'role', 'agentNumber', 'presence'],
} as const;

/** A stored record shown as it is (customer panel: customer, leads, orders, complaints). */
export const record = { type: 'object', additionalProperties: true, properties: { id: str } } as const;
